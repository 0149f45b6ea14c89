//! TLSRPT501 `invalid-mta-sts-record`: an `_mta-sts` record that breaks RFC 8461 §3.1.

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
    pub static INVALID_MTA_STS_RECORD = {
        code: "TLSRPT501",
        name: "invalid-mta-sts-record",
        severity: Error,
        summary: "an `_mta-sts` record that breaks RFC 8461 §3.1",
        check: None,
    }
}
