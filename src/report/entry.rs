//! What the `--repo` comparisons read of one entry of a report's `policies`: the decoded
//! policy, where each of its values is in the report (findings point there), and who the
//! report was mailed to; and the shape of their findings. Apart from [`super::compare`],
//! which runs them, so each comparison module imports this and never the others.

use super::model::PolicyResult;
use crate::rule::Rule;
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
