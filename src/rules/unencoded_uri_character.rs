//! TLSRPT205 `unencoded-uri-character`: a character that must be percent-encoded in a `rua` URI.

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
    pub static UNENCODED_URI_CHARACTER = {
        code: "TLSRPT205",
        name: "unencoded-uri-character",
        severity: Error,
        summary: "a character that must be percent-encoded in a `rua` URI",
        check: None,
    }
}
