//! TLSRPT403 `invalid-authorization-record`: a `_report._tls` record that does not begin with `v=TLSRPTv1`.

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
    pub static INVALID_AUTHORIZATION_RECORD = {
        code: "TLSRPT403",
        name: "invalid-authorization-record",
        severity: Warning,
        summary: "a `_report._tls` record that does not begin with `v=TLSRPTv1`",
        check: None,
    }
}
