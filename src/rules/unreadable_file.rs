//! TLSRPT003 `unreadable-file`: a file that cannot be read or included.

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
    pub static UNREADABLE_FILE = {
        code: "TLSRPT003",
        name: "unreadable-file",
        severity: Error,
        summary: "a file that cannot be read or included",
        check: None,
    }
}
