//! A received report against the repository (`report --repo`): the MTA-STS policy a
//! report's `sts` policy entry was made under (its `policy-string`, one policy-file line
//! per string) against the repository's `.well-known/mta-sts.txt` for the same domain
//! ([`super::repo`]). Each string is split with the policy-file reader `check` uses, so
//! both sides are read by one grammar.

use super::entry::{Entry, Finding};
use super::repo::{Located, PolicyFile};
use crate::extract::mta_sts_policy;
use crate::record::sts_policy::StsPolicyView;
use crate::rules;
use crate::text::Span;

/// The differences between the `sts` policy of `entry` and the repository's policy file.
pub fn policy(file: &PolicyFile, entry: &Entry<'_>) -> Vec<Finding> {
    let Some((whole, _)) = entry.spans.policy_string else {
        return Vec::new();
    };
    let lines = fields(entry);
    let mut out = Vec::new();
    let rule = &rules::report_policy_drift::REPORT_POLICY_DRIFT;
    for (key, ours) in [("mode", &file.mode), ("max_age", &file.max_age)] {
        let theirs = lines.iter().find(|(k, _, _)| k == key);
        let (at, shown) = match theirs {
            Some((_, value, span)) => (*span, format!("`{value}`")),
            None => (whole, "not given".to_string()),
        };
        let same = match (theirs, ours) {
            (Some((_, value, _)), Some(ours)) => *value == ours.value,
            (None, None) => true,
            _ => false,
        };
        if !same {
            let repo_side = located(ours, file);
            out.push((
                rule,
                at,
                format!("`{key}` is {shown} in the report, {repo_side}"),
            ));
        }
    }
    let theirs: Vec<&(String, String, Span)> = lines.iter().filter(|(k, _, _)| k == "mx").collect();
    for (_, value, span) in &theirs {
        if !file.mx.iter().any(|m| m.value.eq_ignore_ascii_case(value)) {
            let message = format!(
                "`mx: {value}` is in the report's policy, not in the repository's (`{}`)",
                file.at
            );
            out.push((rule, *span, message));
        }
    }
    for ours in &file.mx {
        if !theirs
            .iter()
            .any(|(_, v, _)| v.eq_ignore_ascii_case(&ours.value))
        {
            let message = format!(
                "`mx: {}` (`{}`) is in the repository's policy, not in the report's",
                ours.value, ours.at
            );
            out.push((rule, whole, message));
        }
    }
    out
}

/// The repository's value, as a message names it.
fn located(value: &Option<Located>, file: &PolicyFile) -> String {
    match value {
        Some(v) => format!("`{}` in the repository (`{}`)", v.value, v.at),
        None => format!("not given in the repository (`{}`)", file.at),
    }
}

/// The `key: value` lines of the policy strings, each with its string's span.
fn fields(entry: &Entry<'_>) -> Vec<(String, String, Span)> {
    let mut out = Vec::new();
    for (text, span) in entry.strings() {
        let policy = mta_sts_policy::parse(text);
        let view = StsPolicyView {
            text,
            policy: &policy,
        };
        for (_, line) in view.fields().filter(|(_, l)| l.colon.is_some()) {
            out.push((
                view.str(&line.key).to_string(),
                view.str(&line.value).to_string(),
                span,
            ));
        }
    }
    out
}
