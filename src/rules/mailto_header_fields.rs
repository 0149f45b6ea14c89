//! TLSRPT208 `mailto-header-fields`: a `mailto:` URI with header fields.

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
    pub static MAILTO_HEADER_FIELDS = {
        code: "TLSRPT208",
        name: "mailto-header-fields",
        severity: Warning,
        summary: "a `mailto:` URI with header fields",
        check: None,
    }
}
