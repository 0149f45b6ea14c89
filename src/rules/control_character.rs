//! TLSRPT113 `control-character`: a control character in the value.

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
    pub static CONTROL_CHARACTER = {
        code: "TLSRPT113",
        name: "control-character",
        severity: Error,
        summary: "a control character in the value",
        check: None,
    }
}
