//! TLSRPT002 `unevaluated-value`: a name or value that cannot be known offline.

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
    pub static UNEVALUATED_VALUE = {
        code: "TLSRPT002",
        name: "unevaluated-value",
        severity: Info,
        summary: "a name or value that cannot be known offline",
        check: None,
    }
}
