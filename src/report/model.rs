//! What a received report says, once decoded: the report model that the views summarise
//! and the drift and rate checks read.
//!
//! Kept small on purpose: a run over a large mailbox holds one [`Report`] per report read,
//! so the model keeps the members the views and checks use (with the spans findings point
//! at) and drops the JSON tree. Counts are `u64`: reporters send millions of sessions.

use std::sync::Arc;

use crate::text::{Source, Span};

/// One TLS-RPT report document (RFC 8460 §4.4), as far as it could be read.
#[derive(Debug)]
pub struct Report {
    /// The decoded JSON text; diagnostics point into it.
    pub source: Arc<Source>,
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
    /// The span of `total-failure-session-count`'s value (of the policy entry without one).
    pub failed_span: Span,
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
