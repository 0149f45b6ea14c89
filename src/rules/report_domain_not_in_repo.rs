//! TLSRPT715 `report-domain-not-in-repo`: a received report is for a policy domain the
//! repository defines nothing for, so `--repo` compares nothing for it.

declare_rule! {
    /// ## What it does
    /// With `tlsrpt-lint report --repo DIR`, notes a report whose policy domain the
    /// repository defines nothing for: no TLS-RPT policy, no MTA-STS policy file and no MX
    /// records at that name. It is said once per domain and run, at the `policy-domain` of
    /// the first report for it (in input order).
    ///
    /// ## Why is this bad?
    /// It is not bad in itself, which is why it is a note: a mailbox often receives reports
    /// for domains another repository manages. But the other `--repo` rules compare a
    /// report only with what the repository defines for its domain, so without this note a
    /// domain missing from the repository (a misspelt `[zones]` entry, a zone file left
    /// out) would pass every check by being skipped.
    ///
    /// ## Example
    /// ```zone example.net.zone
    /// $ORIGIN example.net.
    /// @          MX  10 mx1
    /// _smtp._tls TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.net"
    /// ```
    /// and a received report for another domain:
    /// ```json
    /// "policy": {"policy-type": "no-policy-found", "policy-domain": "example.org"},
    /// "summary": {"total-successful-session-count": 42, "total-failure-session-count": 0},
    /// "failure-details": []
    /// ```
    ///
    /// ## Use instead
    /// The domain's zone in the repository (or its reports left out of the run):
    /// ```zone example.org.zone
    /// $ORIGIN example.org.
    /// @          MX  10 mail
    /// _smtp._tls TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.net"
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §4.4 (`policy-domain`)
    pub static REPORT_DOMAIN_NOT_IN_REPO = {
        code: "TLSRPT715",
        name: "report-domain-not-in-repo",
        severity: Info,
        summary: "a report's policy domain is one the repository defines nothing for",
        check: None,
    }
}
