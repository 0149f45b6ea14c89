//! TLSRPT309 `unquoted-txt-value`: an unquoted zone-file TXT value that is not published as written.

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
    pub static UNQUOTED_TXT_VALUE = {
        code: "TLSRPT309",
        name: "unquoted-txt-value",
        severity: Error,
        summary: "an unquoted zone-file TXT value that is not published as written",
        check: None,
    }
}
