//! TLSRPT001 `source-syntax-error`: a file that its own format rejects.

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
    pub static SOURCE_SYNTAX_ERROR = {
        code: "TLSRPT001",
        name: "source-syntax-error",
        severity: Error,
        summary: "a file that its own format rejects",
        check: None,
    }
}
