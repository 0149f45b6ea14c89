//! TLSRPT104 `whitespace-before-delimiter`: whitespace between `v=TLSRPTv1` and the first `;`.

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
    pub static WHITESPACE_BEFORE_DELIMITER = {
        code: "TLSRPT104",
        name: "whitespace-before-delimiter",
        severity: Warning,
        summary: "whitespace between `v=TLSRPTv1` and the first `;`",
        check: None,
    }
}
