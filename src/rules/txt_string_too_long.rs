//! TLSRPT308 `txt-string-too-long`: a TXT character-string over 255 octets.

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
    pub static TXT_STRING_TOO_LONG = {
        code: "TLSRPT308",
        name: "txt-string-too-long",
        severity: Error,
        summary: "a TXT character-string over 255 octets",
        check: None,
    }
}
