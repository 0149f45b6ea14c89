//! TLSRPT107 `stray-whitespace`: whitespace where the grammar allows none.

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
    pub static STRAY_WHITESPACE = {
        code: "TLSRPT107",
        name: "stray-whitespace",
        severity: Error,
        summary: "whitespace where the grammar allows none",
        check: None,
    }
}
