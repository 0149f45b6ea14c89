//! A received report's policy entry against the repository (`report --repo`): the
//! comparisons run on what the decoder ([`super::document`]) hands over of one entry
//! ([`super::entry`]), one module per job: the MTA-STS policy
//! ([`super::drift`], `report-policy-drift`), the MX hosts ([`super::mx`],
//! `report-mx-not-in-repo`), the TLSA records ([`super::tlsa`], `report-tlsa-drift`), the
//! address the report was mailed to ([`super::destination`],
//! `report-for-other-destination`), and a domain the repository defines nothing for
//! (`report-domain-not-in-repo`, said here).

use super::entry::{Entry, Finding};
use super::repo::Repo;
use super::{destination, drift, mx, tlsa};
use crate::rule::Rule;
use crate::rules;
use crate::text::Span;

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
