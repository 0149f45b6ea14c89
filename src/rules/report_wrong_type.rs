//! TLSRPT702 `report-wrong-type`: a member of a received report has the wrong JSON type.

declare_rule! {
    /// ## What it does
    /// In a report read by `tlsrpt-lint report`, flags a member whose JSON type is not the
    /// one RFC 8460 §4.4 gives it: a count written as a string (`"5"`) or as a negative or
    /// fractional number, a list (`policies`, `policy-string`, `mx-host`,
    /// `failure-details`) written as a single value, an object written as anything else, a
    /// string written as a number. The value is still used where its meaning is clear (a
    /// single `mx-host` string counts as a list of one; `"5"` as 5).
    ///
    /// ## Why is this bad?
    /// Strict consumers drop the report or the member; lenient ones guess. Either way the
    /// totals differ between tools, and a dashboard fed by one shows numbers another does
    /// not.
    ///
    /// ## Example
    /// ```json
    /// "summary": {"total-successful-session-count": "5326", "total-failure-session-count": 0}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "summary": {"total-successful-session-count": 5326, "total-failure-session-count": 0}
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §4.4 (types of every member), RFC 8259 (JSON)
    pub static REPORT_WRONG_TYPE = {
        code: "TLSRPT702",
        name: "report-wrong-type",
        severity: Warning,
        summary: "a member of a received report has the wrong JSON type",
        check: None,
    }
}
