//! TLSRPT108 `invalid-extension`: an extension field that breaks the `tlsrpt-extension` grammar.

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
    pub static INVALID_EXTENSION = {
        code: "TLSRPT108",
        name: "invalid-extension",
        severity: Error,
        summary: "an extension field that breaks the `tlsrpt-extension` grammar",
        check: None,
    }
}
