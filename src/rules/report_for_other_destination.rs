//! TLSRPT714 `report-for-other-destination`: a report was mailed to an address that the
//! repository's TLS-RPT policy for its domain does not list.

declare_rule! {
    /// ## What it does
    /// With `tlsrpt-lint report --repo DIR`, compares the address a report message was sent
    /// to (its `To:`; a forwarded report's own message first) with the `mailto:` addresses
    /// in the `rua` of the repository's TLS-RPT policy for the report's policy domain, in
    /// lowercase. When none of the recipients is listed, it is flagged at the report's
    /// `policy-domain`, naming the policy's `path:line` and its `rua`. A report read from a
    /// `.json` or `.json.gz` file of its own has no known recipient, and a domain without a
    /// policy in the repository is not compared: it never fires for them.
    ///
    /// ## Why is this bad?
    /// Senders mail a report to the `rua` they found in DNS. A report arriving at an
    /// address the repository's policy does not list means the published policy is not the
    /// repository's (a change not deployed, or made by hand), or senders still use an old
    /// one: when the old mailbox closes, the reports stop, silently.
    ///
    /// ## Example
    /// ```zone example.net.zone
    /// $ORIGIN example.net.
    /// @          MX  10 mx1
    /// _smtp._tls TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.net"
    /// ```
    /// and a report message sent to another address:
    /// ```text report.eml
    /// From: TLS Reporting <tlsrpt-noreply@provider.example>
    /// To: tls-reports@example.net
    /// Subject: Report Domain: example.net Submitter: provider.example
    /// TLS-Report-Domain: example.net
    /// TLS-Report-Submitter: provider.example
    /// MIME-Version: 1.0
    /// Content-Type: multipart/report; report-type="tlsrpt"; boundary="b"
    ///
    /// --b
    /// Content-Type: application/tlsrpt+json
    ///
    /// {"organization-name": "Provider", "contact-info": "tlsrpt@provider.example",
    ///  "report-id": "2024-05-02_example.net", "date-range": {
    ///   "start-datetime": "2024-05-02T00:00:00Z", "end-datetime": "2024-05-02T23:59:59Z"},
    ///  "policies": [{"policy": {"policy-type": "no-policy-found", "policy-domain": "example.net"},
    ///   "summary": {"total-successful-session-count": 10, "total-failure-session-count": 0}}]}
    /// --b--
    /// ```
    ///
    /// ## Use instead
    /// The policy as it is published, listing the address reports arrive at:
    /// ```zone example.net.zone
    /// $ORIGIN example.net.
    /// @          MX  10 mx1
    /// _smtp._tls TXT "v=TLSRPTv1; rua=mailto:tls-reports@example.net"
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §3 (`rua`), §5.3 (report delivery by mail)
    pub static REPORT_FOR_OTHER_DESTINATION = {
        code: "TLSRPT714",
        name: "report-for-other-destination",
        severity: Warning,
        summary: "a report was mailed to an address the repository's TLS-RPT policy does not list",
        check: None,
    }
}
