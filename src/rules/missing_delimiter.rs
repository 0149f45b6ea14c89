//! TLSRPT103 `missing-delimiter`: fields not separated by `;`.

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
    pub static MISSING_DELIMITER = {
        code: "TLSRPT103",
        name: "missing-delimiter",
        severity: Error,
        summary: "fields not separated by `;`",
        check: None,
    }
}
