//! TLSRPT101 `version-not-first`: the policy does not begin with `v=TLSRPTv1`.

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
    pub static VERSION_NOT_FIRST = {
        code: "TLSRPT101",
        name: "version-not-first",
        severity: Error,
        summary: "the policy does not begin with `v=TLSRPTv1`",
        check: None,
    }
}
