//! TLSRPT111 `duplicate-field`: a field given twice.

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
    pub static DUPLICATE_FIELD = {
        code: "TLSRPT111",
        name: "duplicate-field",
        severity: Warning,
        summary: "a field given twice",
        check: None,
    }
}
