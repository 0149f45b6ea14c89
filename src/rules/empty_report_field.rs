//! TLSRPT704 `empty-report-field`: an empty string where a received report names an address,
//! a host or a domain.

declare_rule! {
    /// ## What it does
    /// Flags an empty (or all-blank) string in a received report where RFC 8460 §4.4 puts
    /// an address, a host name or a domain: `policy-domain`, `mx-host` items,
    /// `sending-mta-ip`, `receiving-ip`, `receiving-mx-hostname`, `receiving-mx-helo`,
    /// `contact-info`, `organization-name`, `report-id`.
    ///
    /// ## Why is this bad?
    /// Some reporters fill members they do not know with `""` instead of leaving them out.
    /// An empty `policy-domain` cannot be attributed, and an empty address cannot be
    /// looked up; tools that group by these members show a blank row.
    ///
    /// ## Example
    /// ```json
    /// {"result-type": "validation-failure", "sending-mta-ip": "", "receiving-ip": "",
    ///  "failed-session-count": 2}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"result-type": "validation-failure", "sending-mta-ip": "198.51.100.7",
    ///  "receiving-ip": "192.0.2.25", "failed-session-count": 2}
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §4.4 (members holding addresses and names)
    pub static EMPTY_REPORT_FIELD = {
        code: "TLSRPT704",
        name: "empty-report-field",
        severity: Warning,
        summary: "an empty string where a received report names an address, host or domain",
        check: None,
    }
}
