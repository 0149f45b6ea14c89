//! TLSRPT706 `summary-detail-mismatch`: a policy's `total-failure-session-count` differs
//! from the sum of its failure details.

declare_rule! {
    /// ## What it does
    /// Flags a policy in a received report whose `summary.total-failure-session-count` is
    /// not the sum of the `failed-session-count`s of its `failure-details`. A summary
    /// with failures and no details at all is not flagged: §4.4 lets a reporter leave the
    /// details out. The summary's counts are the ones summarised.
    ///
    /// ## Why is this bad?
    /// Dashboards show the summary's rate and the details' breakdown side by side; when
    /// they disagree, either failures are hidden from the breakdown or the rate is wrong.
    /// Large reporters have sent reports whose details add up to more than the summary.
    ///
    /// ## Example
    /// ```json
    /// "summary": {"total-successful-session-count": 10, "total-failure-session-count": 1},
    /// "failure-details": [{"result-type": "certificate-expired", "failed-session-count": 4,
    ///                      "sending-mta-ip": "198.51.100.7", "receiving-ip": "192.0.2.25"}]
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// "summary": {"total-successful-session-count": 10, "total-failure-session-count": 4},
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §4.4 (`total-failure-session-count`, `failed-session-count`)
    pub static SUMMARY_DETAIL_MISMATCH = {
        code: "TLSRPT706",
        name: "summary-detail-mismatch",
        severity: Warning,
        summary: "a policy's failure total differs from the sum of its failure details",
        check: None,
    }
}
