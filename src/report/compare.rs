//! A received report's policy entry against the repository (`report --repo`): what the
//! decoder ([`super::document`]) hands over of one entry, with where each value is in the
//! report, and the comparisons run on it, one module per job: the MTA-STS policy
//! ([`super::drift`], `report-policy-drift`), the MX hosts ([`super::mx`],
//! `report-mx-not-in-repo`), the TLSA records ([`super::tlsa`], `report-tlsa-drift`), the
//! address the report was mailed to ([`super::destination`],
//! `report-for-other-destination`), and a domain the repository defines nothing for
//! (`report-domain-not-in-repo`, said here).

use super::model::PolicyResult;
use super::repo::Repo;
use super::{destination, drift, mx, tlsa};
use crate::rule::Rule;
use crate::rules;
use crate::text::Span;

/// One finding of a comparison: the rule, where in the report, and the message.
pub type Finding = (&'static Rule, Span, String);

/// One entry of a report's `policies`, as the comparisons read it.
pub struct Entry<'a> {
    pub policy: &'a PolicyResult,
    pub spans: Spans,
    /// The addresses the message that carried the report was sent to (its `To:`,
    /// lowercase); empty for a report read from a file of its own.
    pub recipients: &'a [String],
}

/// Where an entry's values are in the report.
#[derive(Debug, Default)]
pub struct Spans {
    /// The `policy-domain` string (the entry's opening brace without one).
    pub domain: Span,
    /// The `policy-string` member, and each of its strings (in `policy_strings` order).
    pub policy_string: Option<(Span, Vec<Span>)>,
    /// Each `mx-host` string (in `mx_hosts` order).
    pub mx_hosts: Vec<Span>,
    /// Each failure detail's `receiving-mx-hostname`, where it has one (in `details`
    /// order).
    pub receiving: Vec<Option<Span>>,
}

impl Entry<'_> {
    /// The policy strings, each with its span.
    pub fn strings(&self) -> impl Iterator<Item = (&str, Span)> {
        let spans = self.spans.policy_string.iter().flat_map(|(_, spans)| spans);
        let strings = self.policy.policy_strings.iter().map(String::as_str);
        strings.zip(spans.copied())
    }
}

/// Everything the repository says about `entry`. A policy without a domain is not
/// compared (`report-missing-field` or `empty-report-field` has said so).
pub fn entry(repo: &Repo, entry: &Entry<'_>) -> Vec<Finding> {
    let domain = entry.policy.domain.as_str();
    if domain.is_empty() {
        return Vec::new();
    }
    let Some(defined) = repo.domain(domain) else {
        return vec![not_in_repo(domain, entry.spans.domain)];
    };
    let mut out = Vec::new();
    if entry.policy.policy_type == "sts" {
        if let (Some(file), Some(_)) = (&defined.policy_file, &entry.spans.policy_string) {
            out.extend(drift::policy(file, entry));
        }
    }
    if let Some(mail) = &defined.mail {
        out.extend(mx::hosts(mail, entry));
        if entry.policy.policy_type == "tlsa" {
            out.extend(tlsa::records(mail, entry));
        }
    }
    out.extend(destination::recipients(&defined.policies, entry));
    out
}

/// `report-domain-not-in-repo`, at the report's `policy-domain`. Said once per domain and
/// run: [`is_domain_note`] lets the run keep the first.
fn not_in_repo(domain: &str, at: Span) -> Finding {
    let message = format!(
        "the repository defines nothing for `{domain}` (no TLS-RPT policy, MTA-STS policy \
         file or MX records): its reports are not compared"
    );
    (
        &rules::report_domain_not_in_repo::REPORT_DOMAIN_NOT_IN_REPO,
        at,
        message,
    )
}

/// Whether `rule` is the note said once per domain and run; its message names the domain
/// and nothing else, so the message is the key.
pub fn is_domain_note(rule: &Rule) -> bool {
    rule == &rules::report_domain_not_in_repo::REPORT_DOMAIN_NOT_IN_REPO
}
