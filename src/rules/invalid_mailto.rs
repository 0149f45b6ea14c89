//! TLSRPT203 `invalid-mailto`: a `mailto:` URI without one valid address.

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
    pub static INVALID_MAILTO = {
        code: "TLSRPT203",
        name: "invalid-mailto",
        severity: Error,
        summary: "a `mailto:` URI without one valid address",
        check: None,
    }
}
