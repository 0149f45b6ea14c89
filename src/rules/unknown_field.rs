//! TLSRPT109 `unknown-field`: a grammatical extension field that senders ignore.

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
    pub static UNKNOWN_FIELD = {
        code: "TLSRPT109",
        name: "unknown-field",
        severity: Info,
        summary: "a grammatical extension field that senders ignore",
        check: None,
    }
}
