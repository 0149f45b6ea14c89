//! TLSRPT712 `report-mx-not-in-repo`: a received report names an MX host that the
//! repository's MX records for the policy domain do not have.

declare_rule! {
    /// ## What it does
    /// With `tlsrpt-lint report --repo DIR`, compares the MX hosts a received report names
    /// with the repository's MX records for its policy domain: each `mx-host` pattern of a
    /// policy must match one of them (the MTA-STS pattern match: a name, or `*.` and one
    /// label), and each failure detail's `receiving-mx-hostname` must be one of them. Each
    /// value that is not is flagged once per policy entry, at the report's string, with
    /// the repository's MX hosts and where they are written. Where the repository holds no
    /// MX records for the domain, it never fires.
    ///
    /// ## Why is this bad?
    /// The report says which MX hosts senders found and connected to; the repository says
    /// which ones you publish. A host the repository does not have is an MX record changed
    /// by hand at the provider, a migration the repository has not caught up with, or an
    /// old MTA-STS policy still cached by senders (its `mx` patterns outlive the MX records
    /// they were written for). Failures at that host are about mail you may not know you
    /// receive.
    ///
    /// ## Example
    /// ```zone example.net.zone
    /// $ORIGIN example.net.
    /// @          MX  10 mx1
    /// @          MX  20 mx2
    /// _smtp._tls TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.net"
    /// ```
    /// and a received report whose failures are at a third host:
    /// ```json
    /// {"result-type": "certificate-expired", "sending-mta-ip": "192.0.2.25",
    ///  "receiving-mx-hostname": "mx3.example.net", "failed-session-count": 20}
    /// ```
    ///
    /// ## Use instead
    /// The repository's MX records as they are served:
    /// ```zone example.net.zone
    /// $ORIGIN example.net.
    /// @          MX  10 mx1
    /// @          MX  20 mx2
    /// @          MX  30 mx3
    /// _smtp._tls TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.net"
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §4.4 (`mx-host`, `receiving-mx-hostname`)
    /// - RFC 8461 §4.1 (MX host validation: the pattern match)
    pub static REPORT_MX_NOT_IN_REPO = {
        code: "TLSRPT712",
        name: "report-mx-not-in-repo",
        severity: Warning,
        summary: "a report's MX host matches none of the repository's MX records for the domain",
        check: None,
    }
}
