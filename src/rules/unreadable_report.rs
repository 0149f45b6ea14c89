//! TLSRPT707 `unreadable-report`: a report file, message or attachment that cannot be read.

declare_rule! {
    /// ## What it does
    /// Flags input of `tlsrpt-lint report` that could not be read as a report: a gzip
    /// stream that is corrupt or decompresses past the size limit (a "gzip bomb"), text
    /// that is not UTF-8, JSON that does not parse or nests too deep, a top level that is
    /// not an object, a message over the size limit or with too many MIME parts, a file
    /// that cannot be opened. It points where reading stopped; the run goes on with the
    /// other reports.
    ///
    /// ## Why is this bad?
    /// A report that is not read is not counted, so the totals are short by its sessions.
    /// Saying so keeps the summary honest.
    ///
    /// ## Example
    /// ```text
    /// 20240101.json.gz   (a truncated download: the gzip stream ends early)
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// the complete attachment, as the reporter sent it
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §5.1 (reports are gzip-compressed JSON, `application/tlsrpt+gzip`)
    /// - RFC 1952 (gzip), RFC 8259 (JSON)
    pub static UNREADABLE_REPORT = {
        code: "TLSRPT707",
        name: "unreadable-report",
        severity: Error,
        summary: "a report file, message or attachment that cannot be read",
        check: None,
    }
}
