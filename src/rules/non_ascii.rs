//! TLSRPT112 `non-ascii`: a non-ASCII character in the value.

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
    pub static NON_ASCII = {
        code: "TLSRPT112",
        name: "non-ascii",
        severity: Error,
        summary: "a non-ASCII character in the value",
        check: None,
    }
}
