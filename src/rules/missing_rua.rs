//! TLSRPT105 `missing-rua`: the policy has no `rua` field.

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
    pub static MISSING_RUA = {
        code: "TLSRPT105",
        name: "missing-rua",
        severity: Error,
        summary: "the policy has no `rua` field",
        check: None,
    }
}
