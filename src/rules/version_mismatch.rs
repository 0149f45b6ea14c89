//! TLSRPT102 `version-mismatch`: the version field is not exactly `v=TLSRPTv1`.

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
    pub static VERSION_MISMATCH = {
        code: "TLSRPT102",
        name: "version-mismatch",
        severity: Error,
        summary: "the version field is not exactly `v=TLSRPTv1`",
        check: None,
    }
}
