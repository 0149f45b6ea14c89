//! TLSRPT106 `empty-field`: an empty field or a field with no value.

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
    pub static EMPTY_FIELD = {
        code: "TLSRPT106",
        name: "empty-field",
        severity: Error,
        summary: "an empty field or a field with no value",
        check: None,
    }
}
