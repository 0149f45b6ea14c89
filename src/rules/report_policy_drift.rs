//! TLSRPT711 `report-policy-drift`: the MTA-STS policy a received report was made under
//! differs from the repository's policy file.

declare_rule! {
    /// ## What it does
    /// With `tlsrpt-lint report --repo DIR`, compares the `policy-string` of each `sts`
    /// policy in a received report with the repository's `.well-known/mta-sts.txt` for the
    /// same policy domain (the file is the domain's when a `[zones]` entry names it, as for
    /// `records --posture`): the `mode`, the `max_age` and the set of `mx` patterns. Each
    /// difference is flagged at the report's line, naming the repository's value and where
    /// it is written. Without `--repo`, or where the repository holds no policy file for
    /// the domain, it never fires.
    ///
    /// ## Why is this bad?
    /// The report says what senders applied; the repository says what you meant to
    /// publish. When they differ, the deploy did not happen, a cached policy is still in
    /// use (its `max_age` has not run out), or someone changed the served file by hand:
    /// the failures in the report are about a policy the repository does not hold. A
    /// warning, not an error: a policy change takes up to `max_age` to reach every sender.
    ///
    /// ## Example
    /// ```zone example.net.zone
    /// $ORIGIN example.net.
    /// @          MX  10 mx1
    /// @          MX  20 mx2
    /// _mta-sts   TXT "v=STSv1; id=20240501"
    /// _smtp._tls TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.net"
    /// ```
    /// ```text .well-known/mta-sts.txt
    /// version: STSv1
    /// mode: testing
    /// mx: mx1.example.net
    /// mx: mx2.example.net
    /// max_age: 604800
    /// ```
    /// ```toml
    /// [zones]
    /// ".well-known/mta-sts.txt" = "example.net"
    /// ```
    /// and a received report for `example.net` made under an enforcing policy:
    /// ```json
    /// "policy": {"policy-type": "sts", "policy-domain": "example.net",
    ///            "policy-string": ["version: STSv1", "mode: enforce", "mx: mx1.example.net",
    ///                              "mx: mx2.example.net", "max_age: 604800"]}
    /// ```
    ///
    /// ## Use instead
    /// ```text .well-known/mta-sts.txt
    /// version: STSv1
    /// mode: enforce
    /// mx: mx1.example.net
    /// mx: mx2.example.net
    /// max_age: 604800
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §4.4 (`policy-string`)
    /// - RFC 8461 §3.2 (the policy file), §5.1 (policy caching)
    pub static REPORT_POLICY_DRIFT = {
        code: "TLSRPT711",
        name: "report-policy-drift",
        severity: Warning,
        summary: "a report's MTA-STS policy differs from the repository's policy file",
        check: None,
    }
}
