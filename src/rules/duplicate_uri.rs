//! TLSRPT207 `duplicate-uri`: the same destination twice.

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
    pub static DUPLICATE_URI = {
        code: "TLSRPT207",
        name: "duplicate-uri",
        severity: Warning,
        summary: "the same destination twice",
        check: None,
    }
}
