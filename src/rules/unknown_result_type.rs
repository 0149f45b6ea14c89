//! TLSRPT703 `unknown-result-type`: a failure detail's `result-type` is not a registered
//! STARTTLS validation result type.

declare_rule! {
    /// ## What it does
    /// Flags a `result-type` in a received report that is not in the IANA "STARTTLS
    /// Validation Result Types" registry that RFC 8460 §6.4 creates:
    /// `starttls-not-supported`, `certificate-host-mismatch`, `certificate-expired`,
    /// `certificate-not-trusted`, `validation-failure`, `tlsa-invalid`, `dnssec-invalid`,
    /// `dane-required`, `sts-policy-fetch-error`, `sts-policy-invalid`,
    /// `sts-webpki-invalid`. The sessions still count as failed, under the type as written.
    ///
    /// ## Why is this bad?
    /// Tools group failures by type; an unregistered or misspelt type (`cert-expired`,
    /// `STARTTLS-not-supported`) lands in a bucket of its own, and alerts keyed on the
    /// registered names miss it.
    ///
    /// ## Example
    /// ```json
    /// {"result-type": "certificate_expired", "sending-mta-ip": "198.51.100.7",
    ///  "receiving-ip": "192.0.2.25", "failed-session-count": 1}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"result-type": "certificate-expired", "sending-mta-ip": "198.51.100.7",
    ///  "receiving-ip": "192.0.2.25", "failed-session-count": 1}
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §4.3 (result types), §6.4 (the IANA registry)
    pub static UNKNOWN_RESULT_TYPE = {
        code: "TLSRPT703",
        name: "unknown-result-type",
        severity: Warning,
        summary: "a failure detail's `result-type` is not a registered result type",
        check: None,
    }
}
