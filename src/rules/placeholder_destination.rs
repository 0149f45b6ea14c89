//! TLSRPT209 `placeholder-destination`: a destination left as a template placeholder.

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
    pub static PLACEHOLDER_DESTINATION = {
        code: "TLSRPT209",
        name: "placeholder-destination",
        severity: Warning,
        summary: "a destination left as a template placeholder",
        check: None,
    }
}
