//! TLSRPT202 `unsupported-uri-scheme`: a `rua` URI scheme other than `mailto:` or `https:`.

declare_rule! {
    /// ## What it does
    /// TODO
    ///
    /// ## Why is this bad?
    /// TODO
    ///
    /// ## Example
    /// TODO
    ///
    /// ## Use instead
    /// TODO
    ///
    /// ## References
    /// TODO
    pub static UNSUPPORTED_URI_SCHEME = {
        code: "TLSRPT202",
        name: "unsupported-uri-scheme",
        severity: Error,
        summary: "a `rua` URI scheme other than `mailto:` or `https:`",
        check: None,
    }
}
