//! TLSRPT110 `suspicious-field`: a field that is almost surely a mistake.

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
    pub static SUSPICIOUS_FIELD = {
        code: "TLSRPT110",
        name: "suspicious-field",
        severity: Warning,
        summary: "a field that is almost surely a mistake",
        check: None,
    }
}
