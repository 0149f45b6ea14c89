//! TLSRPT201 `missing-uri-scheme`: a `rua` destination without a URI scheme.

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
    pub static MISSING_URI_SCHEME = {
        code: "TLSRPT201",
        name: "missing-uri-scheme",
        severity: Error,
        summary: "a `rua` destination without a URI scheme",
        check: None,
    }
}
