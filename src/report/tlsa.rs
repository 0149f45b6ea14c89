//! A received report's `tlsa` policy against the repository's TLSA records
//! (`report-tlsa-drift`): the `policy-string` of a DANE policy holds the TLSA records
//! senders found, in presentation form (RFC 8460 §4.4, RFC 6698 §2.2), and the repository
//! holds each MX host's `_25._tcp` TLSA records (CNAMEs followed, [`crate::mail`]). Both
//! sides are read into one comparable form ([`crate::record::tlsa::normalize`]: numbers in
//! decimal, data in lowercase hex) and compared as sets.
//!
//! The hosts compared are those the policy names (its `mx-host` host names, else its
//! failure details' `receiving-mx-hostname`s) among the domain's MX hosts, or all of them
//! when it names none. A report record that none of those hosts has is drift; so is a
//! repository record that every one of them has and the report lacks. With one host that
//! is an exact set comparison; with several it never blames a report for lumping hosts
//! together. Hosts whose records a source does not give the data of are not compared.

use super::entry::{Entry, Finding};
use crate::mail::{MailDomain, Tlsa};
use crate::record::sts_policy::mx_matches;
use crate::record::tlsa::normalize;
use crate::rules;

/// The differences between the TLSA records of `entry`'s policy and the repository's.
pub fn records(mail: &MailDomain, entry: &Entry<'_>) -> Vec<Finding> {
    let Some((whole, _)) = entry.spans.policy_string else {
        return Vec::new();
    };
    let hosts = hosts(mail, entry);
    let records: Vec<&[Tlsa]> = hosts.iter().map(|&i| &mail.tlsa[i][..]).collect();
    let unknown = records
        .iter()
        .flat_map(|r| r.iter())
        .any(|t| t.data.is_none());
    if hosts.is_empty() || unknown {
        return Vec::new();
    }
    let theirs: Vec<(String, &str, _)> = entry
        .strings()
        .filter_map(|(text, span)| Some((normalize(text)?, text.trim(), span)))
        .collect();
    if theirs.is_empty() && entry.strings().next().is_some() {
        return Vec::new();
    }
    let names = hosts
        .iter()
        .map(|&i| format!("`{}`", mail.mx[i].trim_end_matches('.')))
        .collect::<Vec<_>>()
        .join(", ");
    let rule = &rules::report_tlsa_drift::REPORT_TLSA_DRIFT;
    let mut out = Vec::new();
    let has = |tlsa: &[Tlsa], data: &str| tlsa.iter().any(|t| t.data.as_deref() == Some(data));
    let repo_side = match records.iter().flat_map(|r| r.iter()).next() {
        Some(first) => format!(
            "the repository's TLSA records for {names} (`{}:{}`)",
            first.path, first.line
        ),
        None => format!(
            "the repository has no TLSA records for {names} (MX: `{}:{}`)",
            mail.path, mail.line
        ),
    };
    for (i, (data, text, span)) in theirs.iter().enumerate() {
        let again = theirs[..i].iter().any(|(d, _, _)| d == data);
        if !again && !records.iter().any(|r| has(r, data)) {
            let message = if records.iter().all(|r| r.is_empty()) {
                format!("`{text}` is in the report's TLSA policy, but {repo_side}")
            } else {
                format!("`{text}` is in the report's TLSA policy, not among {repo_side}")
            };
            out.push((rule, *span, message));
        }
    }
    let mut said: Vec<&str> = Vec::new();
    for tlsa in records[0] {
        let Some(data) = tlsa.data.as_deref() else {
            continue;
        };
        let everywhere = records.iter().all(|r| has(r, data));
        let reported = theirs.iter().any(|(d, _, _)| d == data);
        if everywhere && !reported && !said.contains(&data) {
            said.push(data);
            let message = format!(
                "the repository's TLSA record `{data}` for {names} (`{}:{}`) is not in the \
                 report's TLSA policy",
                tlsa.path, tlsa.line
            );
            out.push((rule, whole, message));
        }
    }
    out
}

/// The indexes (into `mail.mx`) of the hosts the policy is about.
fn hosts(mail: &MailDomain, entry: &Entry<'_>) -> Vec<usize> {
    let policy = entry.policy;
    let mut named: Vec<&str> = policy
        .mx_hosts
        .iter()
        .map(|h| h.trim())
        .filter(|h| !h.contains('*'))
        .collect();
    if named.is_empty() {
        named = policy
            .details
            .iter()
            .filter_map(|d| d.receiving_mx_hostname.as_deref())
            .collect();
    }
    (0..mail.mx.len())
        .filter(|&i| named.is_empty() || named.iter().any(|h| mx_matches(&mail.mx[i], h)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::entry::Spans;
    use crate::report::model::PolicyResult;
    use crate::text::Span;

    fn tlsa(data: Option<&str>, line: u32) -> Tlsa {
        Tlsa {
            data: data.map(String::from),
            path: "z".into(),
            line,
        }
    }

    /// The messages for a `tlsa` policy of `strings` naming no host, against mx1 with
    /// record `a` and mx2 with records `a` and `b`.
    fn found(strings: &[&str], mx2_known: bool) -> Vec<String> {
        let mail = MailDomain {
            domain: "example.net.".into(),
            zone: None,
            mx: vec!["mx1.example.net.".into(), "mx2.example.net.".into()],
            mx_ttl: None,
            dane: 2,
            tlsa: vec![
                vec![tlsa(Some("3 1 1 aa"), 4)],
                vec![
                    tlsa(Some("3 1 1 aa"), 5),
                    tlsa(mx2_known.then_some("3 1 1 bb"), 6),
                ],
            ],
            path: "z".into(),
            span: Span::default(),
            line: 2,
        };
        let policy = PolicyResult {
            policy_type: "tlsa".into(),
            domain: "example.net".into(),
            policy_strings: strings.iter().map(|s| s.to_string()).collect(),
            ..PolicyResult::default()
        };
        let spans = (0..strings.len() as u32)
            .map(|i| Span::new(i, i + 1))
            .collect();
        let entry = Entry {
            policy: &policy,
            spans: Spans {
                policy_string: Some((Span::default(), spans)),
                ..Spans::default()
            },
            recipients: &[],
        };
        records(&mail, &entry)
            .into_iter()
            .map(|(_, _, message)| message)
            .collect()
    }

    #[test]
    fn several_hosts_compare_by_union_and_intersection() {
        // `bb` is mx2's only: a report that lumps both hosts together need not have it.
        assert!(found(&["3 1 1 AA"], true).is_empty());
        assert!(found(&["3 1 1 aa", "3 1 1 bb"], true).is_empty());
        let stale = found(&["3 1 1 cc", "3 1 1 cc"], true);
        assert_eq!(stale.len(), 2, "{stale:?}");
        assert!(stale[0].starts_with("`3 1 1 cc` is in the report's TLSA policy, not among"));
        assert!(stale[1].starts_with("the repository's TLSA record `3 1 1 aa`"));
        // A record whose data the source does not give: nothing is compared.
        assert!(found(&["3 1 1 cc"], false).is_empty());
        // Strings that are no TLSA records: nothing to compare with.
        assert!(found(&["not a record"], true).is_empty());
    }
}
