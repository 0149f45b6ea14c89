//! TLSRPT710 `failure-rate-exceeded`: a report's failed sessions are above
//! `--max-failure-rate`.

declare_rule! {
    /// ## What it does
    /// With `tlsrpt-lint report --max-failure-rate RATE` (a fraction: `0.01` is 1%),
    /// flags each policy of a received report whose
    /// `total-failure-session-count / (successful + failed)` is above `RATE`, at its
    /// `total-failure-session-count`. Without the option it never fires.
    ///
    /// ## Why is this bad?
    /// Failed sessions are mail that went out without TLS or not at all (under an
    /// enforcing MTA-STS policy). A CI job or a cron job run over yesterday's reports
    /// fails on it (`--fail-on error`, the default) so that someone looks.
    ///
    /// ## Example
    /// ```json
    /// "summary": {"total-successful-session-count": 90, "total-failure-session-count": 10}
    /// ```
    /// with `--max-failure-rate 0.01`: 10% failed.
    ///
    /// ## Use instead
    /// Fix what the failure details name (an expired certificate, an MX host missing from
    /// the MTA-STS policy), or raise the threshold.
    ///
    /// ## References
    /// - RFC 8460 §4.4 (`summary`), §4.3 (result types)
    pub static FAILURE_RATE_EXCEEDED = {
        code: "TLSRPT710",
        name: "failure-rate-exceeded",
        severity: Error,
        summary: "a report's failed sessions are above `--max-failure-rate`",
        check: None,
    }
}
