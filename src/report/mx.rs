//! A received report's MX hosts against the repository's MX records
//! (`report-mx-not-in-repo`): each `mx-host` pattern of a policy (RFC 8460 §4.4) must match
//! one of the policy domain's MX hosts, and each failure detail's `receiving-mx-hostname`
//! must be one. Patterns match by the one MX-pattern match of the crate
//! ([`mx_matches`], RFC 8461 §4.1), which `records --posture` uses too.

use super::entry::{Entry, Finding};
use crate::mail::MailDomain;
use crate::record::sts_policy::mx_matches;
use crate::rules;
use crate::text::Span;

/// The report's hosts that match none of `mail`'s MX hosts, each value once per policy
/// entry (at its first string).
pub fn hosts(mail: &MailDomain, entry: &Entry<'_>) -> Vec<Finding> {
    let patterns = entry.policy.mx_hosts.iter().map(String::as_str);
    let patterns = patterns.zip(entry.spans.mx_hosts.iter().copied());
    let receiving = entry.policy.details.iter().zip(&entry.spans.receiving);
    let receiving =
        receiving.filter_map(|(d, span)| Some((d.receiving_mx_hostname.as_deref()?, (*span)?)));
    let mut out = Vec::new();
    let mut seen: Vec<(bool, String)> = Vec::new();
    let mut flag = |pattern: bool, value: &str, span: Span| {
        let value = value.trim();
        let key = (pattern, value.trim_end_matches('.').to_ascii_lowercase());
        let matched = mail.mx.iter().any(|mx| {
            if pattern {
                mx_matches(value, mx)
            } else {
                mx_matches(mx, value)
            }
        });
        if matched || value.is_empty() || seen.contains(&key) {
            return;
        }
        seen.push(key);
        let what = if pattern {
            "the policy's `mx-host`"
        } else {
            "the failure detail's `receiving-mx-hostname`"
        };
        let message = format!(
            "{what} `{value}` matches none of the repository's MX hosts for `{}` ({}; `{}:{}`)",
            entry.policy.domain,
            listed(&mail.mx),
            mail.path,
            mail.line
        );
        out.push((
            &rules::report_mx_not_in_repo::REPORT_MX_NOT_IN_REPO,
            span,
            message,
        ));
    };
    for (value, span) in patterns {
        flag(true, value, span);
    }
    for (value, span) in receiving {
        flag(false, value, span);
    }
    out
}

/// The exchanges as a message lists them: `mx1.example.net`, `mx2.example.net`.
fn listed(exchanges: &[String]) -> String {
    let names: Vec<String> = exchanges
        .iter()
        .map(|e| format!("`{}`", e.trim_end_matches('.')))
        .collect();
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::entry::Spans;
    use crate::report::model::{FailureDetail, PolicyResult};

    #[test]
    fn patterns_match_exchanges_and_hosts_must_be_one() {
        let mail = MailDomain {
            domain: "example.net.".into(),
            zone: None,
            mx: vec!["mx1.example.net.".into(), "mx2.example.net.".into()],
            mx_ttl: None,
            dane: 0,
            tlsa: vec![Vec::new(), Vec::new()],
            path: "example.net.zone".into(),
            span: Span::default(),
            line: 3,
        };
        let detail = |host: &str| FailureDetail {
            receiving_mx_hostname: Some(host.into()),
            ..FailureDetail::default()
        };
        let policy = PolicyResult {
            domain: "example.net".into(),
            mx_hosts: [
                "*.example.net",
                "MX1.example.net.",
                "mx3.example.net",
                "mx3.example.net",
            ]
            .map(String::from)
            .to_vec(),
            details: vec![
                detail("mx2.EXAMPLE.net"),
                detail("*.example.net"),
                detail("old.example.net"),
            ],
            ..PolicyResult::default()
        };
        let at = |n: u32| Span::new(n, n + 1);
        let entry = Entry {
            policy: &policy,
            spans: Spans {
                mx_hosts: vec![at(1), at(2), at(3), at(4)],
                receiving: vec![Some(at(5)), Some(at(6)), Some(at(7))],
                ..Spans::default()
            },
            recipients: &[],
        };
        let found: Vec<(u32, String)> = hosts(&mail, &entry)
            .into_iter()
            .map(|(_, span, message)| (span.start, message))
            .collect();
        let starts: Vec<u32> = found.iter().map(|(s, _)| *s).collect();
        // A pattern is not a host: `*.example.net` as a receiving host matches no MX.
        assert_eq!(starts, [3, 6, 7], "{found:?}");
        assert_eq!(
            found[0].1,
            "the policy's `mx-host` `mx3.example.net` matches none of the repository's MX hosts \
             for `example.net` (`mx1.example.net`, `mx2.example.net`; `example.net.zone:3`)"
        );
    }
}
