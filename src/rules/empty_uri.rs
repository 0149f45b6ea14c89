//! TLSRPT206 `empty-uri`: an empty element in the `rua` list.

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
    pub static EMPTY_URI = {
        code: "TLSRPT206",
        name: "empty-uri",
        severity: Error,
        summary: "an empty element in the `rua` list",
        check: None,
    }
}
