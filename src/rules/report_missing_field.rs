//! TLSRPT701 `report-missing-field`: a received report lacks a member RFC 8460 §4.4
//! requires. Found by the report decoder (`crate::report::document`), not by a record check.

declare_rule! {
    /// ## What it does
    /// In a report read by `tlsrpt-lint report`, flags a member that RFC 8460 §4.4 requires
    /// and the report lacks: `organization-name`, `date-range` and its two date-times,
    /// `contact-info`, `report-id`, `policies`; in a policy, `policy`, `policy-type`,
    /// `policy-domain` and `summary` with its two counts; in a failure detail,
    /// `result-type`, `sending-mta-ip` and `failed-session-count`. The finding points at
    /// the opening brace of the object that lacks the member. Members that §4.4 or its
    /// §4.8 example leave out (`receiving-ip`, `receiving-mx-hostname`,
    /// `receiving-mx-helo`, `additional-information`, `failure-reason-code`) are never
    /// asked for.
    ///
    /// ## Why is this bad?
    /// The report is someone else's output, so this is a warning about the reporter, not
    /// about your configuration: the report is still summarised with what it has (a detail
    /// without `sending-mta-ip` still counts its failed sessions). But a missing
    /// `policy-domain` means the sessions cannot be attributed, and a missing
    /// `sending-mta-ip` means a failure cannot be traced back to the sender's logs.
    /// Large reporters have sent both shapes.
    ///
    /// ## Example
    /// ```json
    /// {"result-type": "starttls-not-supported", "receiving-ip": "192.0.2.25",
    ///  "failed-session-count": 3}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"result-type": "starttls-not-supported", "sending-mta-ip": "198.51.100.7",
    ///  "receiving-ip": "192.0.2.25", "failed-session-count": 3}
    /// ```
    /// (or ask the reporter to send it; nothing in your repository can fix it).
    ///
    /// ## References
    /// - RFC 8460 §4.4 (the report JSON schema), §4.8 (an example report)
    pub static REPORT_MISSING_FIELD = {
        code: "TLSRPT701",
        name: "report-missing-field",
        severity: Warning,
        summary: "a received report lacks a member RFC 8460 §4.4 requires",
        check: None,
    }
}
