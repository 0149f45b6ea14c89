//! Where a received report was mailed against where the repository's policy sends reports
//! (`report-for-other-destination`): a report that came in a message is for a policy
//! domain whose repository TLS-RPT policy should list the message's recipient (its `To:`)
//! among its `rua` `mailto:` addresses. When none of the recipients is listed, the
//! published policy and the repository disagree, or senders still use an old policy.
//!
//! Addresses compare in lowercase, local part included: a report mailed to `TLSRPT@` for
//! `mailto:tlsrpt@` is the same mailbox at every provider that matters here. A report read
//! from a file of its own has no known recipient and is not compared.

use super::entry::{Entry, Finding};
use super::repo::Rua;
use crate::rules;

/// `report-for-other-destination` for `entry`, when its recipients are known and the
/// repository has a TLS-RPT policy for its domain.
pub fn recipients(policies: &[Rua], entry: &Entry<'_>) -> Vec<Finding> {
    let Some(first) = policies.first() else {
        return Vec::new();
    };
    let listed = |to: &String| policies.iter().any(|p| p.addresses.contains(to));
    if entry.recipients.is_empty() || entry.recipients.iter().any(listed) {
        return Vec::new();
    }
    let to: Vec<String> = entry.recipients.iter().map(|a| format!("`{a}`")).collect();
    let uris: Vec<String> = policies
        .iter()
        .flat_map(|p| &p.uris)
        .map(|u| format!("`{u}`"))
        .collect();
    let rua = if uris.is_empty() {
        "no URI".to_string()
    } else {
        uris.join(", ")
    };
    let message = format!(
        "this report for `{}` was mailed to {}, which the repository's TLS-RPT policy (`{}`) \
         does not list: its `rua` is {rua}",
        entry.policy.domain,
        to.join(", "),
        first.at
    );
    let rule = &rules::report_for_other_destination::REPORT_FOR_OTHER_DESTINATION;
    vec![(rule, entry.spans.domain, message)]
}
