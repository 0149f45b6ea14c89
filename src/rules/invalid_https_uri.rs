//! TLSRPT204 `invalid-https-uri`: an `https:` URI that is not valid.

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
    pub static INVALID_HTTPS_URI = {
        code: "TLSRPT204",
        name: "invalid-https-uri",
        severity: Error,
        summary: "an `https:` URI that is not valid",
        check: None,
    }
}
