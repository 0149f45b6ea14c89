//! What a received report says, once decoded: the report model that the views summarise
//! and the drift and rate checks read.
//!
//! Kept small on purpose: a run over a large mailbox holds one [`Report`] per report read,
//! so the model keeps the members the views use and drops the JSON tree and the text (the
//! findings, made while decoding, keep the text of the reports they point into). Counts are
//! `u64`: reporters send millions of sessions.

/// One TLS-RPT report document (RFC 8460 §4.4), as far as it could be read.
#[derive(Debug)]
pub struct Report {
    /// Where the report was read: a file, `mail.mbox#12` (the 12th message).
    pub path: String,
    pub organization: Option<String>,
    pub report_id: Option<String>,
    /// The UTC day the `date-range` starts on, `YYYY-MM-DD`.
    pub day: Option<String>,
    pub policies: Vec<PolicyResult>,
}

/// One entry of `policies`: a policy and the sessions under it.
#[derive(Debug, Default)]
pub struct PolicyResult {
    /// `sts`, `tlsa`, `no-policy-found` (as written).
    pub policy_type: String,
    /// The policy domain, lowercase, without a final dot (empty when missing).
    pub domain: String,
    pub policy_strings: Vec<String>,
    pub mx_hosts: Vec<String>,
    pub successful: u64,
    pub failed: u64,
    pub details: Vec<FailureDetail>,
}

/// One entry of `failure-details`.
#[derive(Debug, Default, Clone)]
pub struct FailureDetail {
    pub result_type: String,
    pub sending_mta_ip: Option<String>,
    pub receiving_mx_hostname: Option<String>,
    pub receiving_mx_helo: Option<String>,
    pub receiving_ip: Option<String>,
    pub failed_sessions: u64,
    pub additional_information: Option<String>,
    /// `failure-reason-code`, or the RFC example's `failure-error-code` (an erratum).
    pub failure_reason_code: Option<String>,
}
