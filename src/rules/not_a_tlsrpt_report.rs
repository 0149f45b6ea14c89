//! TLSRPT709 `not-a-tlsrpt-report`: input that is some other kind of report, skipped.

declare_rule! {
    /// ## What it does
    /// Notes a file or message given to `tlsrpt-lint report` that is not a TLS report and
    /// is skipped: a DMARC aggregate report (XML, or a zip or gzip of it), a message
    /// without any report, a JSON document with none of the members of RFC 8460 §4.4. It
    /// is information, not an error: mailboxes that receive TLS reports usually receive
    /// DMARC reports too.
    ///
    /// ## Why is this bad?
    /// It is not bad. It is said so that a run over a mailbox is never silent about what
    /// it did not count: if a TLS report shows up here, its reporter sent it in a shape
    /// this tool does not know.
    ///
    /// ## Example
    /// ```text message.eml
    /// Subject: Report Domain: example.com Submitter: google.com Report-ID: 123
    /// Content-Type: application/zip
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// tlsrpt-lint report --ignore not-a-tlsrpt-report mail/
    /// ```
    /// to leave these notes out.
    ///
    /// ## References
    /// - RFC 8460 §5.3 (what a TLS report message looks like)
    /// - RFC 7489 §7.2 (DMARC aggregate reports, which share the mailboxes)
    pub static NOT_A_TLSRPT_REPORT = {
        code: "TLSRPT709",
        name: "not-a-tlsrpt-report",
        severity: Info,
        summary: "input that is another kind of report, skipped",
        check: None,
    }
}
