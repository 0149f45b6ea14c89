//! A report's JSON text → the [`Report`] model and the schema findings (RFC 8460 §4.4),
//! located in the text.
//!
//! The JSON is read with the YAML/JSON layer the DNS readers use
//! ([`crate::extract::yaml::document`]: saphyr events, byte spans, bounded depth), so every
//! member has its span. Decoding is lenient by design: reports are other people's output
//! and real reporters break the schema, so a missing or mistyped member is a warning and
//! the report is still summarised with what it has (a count written `"5"` counts 5, one
//! `mx-host` string is a list of one). Only a text that is not JSON at all, or whose top
//! level is not an object, is not read. With `--repo`, each policy entry, with where its
//! values are, goes to the comparisons with the repository ([`super::compare`]).

use std::sync::Arc;

use saphyr_parser::ScalarStyle;

use super::compare;
use super::entry::{Entry, Spans};
use super::model::{FailureDetail, PolicyResult, Report};
use super::{datetime, summary, Options};
use crate::diagnostic::{Diagnostic, Location};
use crate::extract::yaml::document::{self, Kind, NodeId, Stream};
use crate::rule::Rule;
use crate::rules;
use crate::text::{Source, Span};

/// The registered STARTTLS validation result types (RFC 8460 §4.3, §6.4; IANA registry).
pub const RESULT_TYPES: &[&str] = &[
    "starttls-not-supported",
    "certificate-host-mismatch",
    "certificate-expired",
    "certificate-not-trusted",
    "validation-failure",
    "tlsa-invalid",
    "dnssec-invalid",
    "dane-required",
    "sts-policy-fetch-error",
    "sts-policy-invalid",
    "sts-webpki-invalid",
];

/// Top-level members of which a TLS report has at least one; a JSON document with none is
/// some other document.
const REPORT_MEMBERS: &[&str] = &[
    "organization-name",
    "date-range",
    "contact-info",
    "report-id",
    "policies",
];

/// Decodes one report; findings go to `out`. `recipients`: the addresses of the message
/// that carried it (empty for a file of its own). `None` when the text is not a report
/// that could be read (said in `out`).
pub fn decode(
    source: &Arc<Source>,
    options: &Options,
    recipients: &[String],
    out: &mut Vec<Diagnostic>,
) -> Option<Report> {
    let stream = match document::parse(&source.text) {
        Ok(stream) => stream,
        Err(e) => {
            out.push(diagnostic(
                &rules::unreadable_report::UNREADABLE_REPORT,
                source,
                e.span,
                format!("not JSON: {}", e.message),
            ));
            return None;
        }
    };
    let Some(&root) = stream.documents.first() else {
        let at = Span::at(source.text.len() as u32);
        out.push(diagnostic(
            &rules::unreadable_report::UNREADABLE_REPORT,
            source,
            at,
            "no JSON document",
        ));
        return None;
    };
    let reader = Reader {
        source,
        stream: &stream,
        options,
        recipients,
        out,
    };
    reader.report(root)
}

fn diagnostic(
    rule: &'static Rule,
    source: &Arc<Source>,
    span: Span,
    message: impl Into<String>,
) -> Diagnostic {
    Diagnostic::new(rule, Location::new(source, span), message)
}

struct Reader<'a> {
    source: &'a Arc<Source>,
    stream: &'a Stream,
    options: &'a Options,
    recipients: &'a [String],
    out: &'a mut Vec<Diagnostic>,
}

impl Reader<'_> {
    fn push(&mut self, rule: &'static Rule, span: Span, message: impl Into<String>) {
        self.out
            .push(diagnostic(rule, self.source, span, message.into()));
    }

    /// A node's bytes; a quoted string's without its quotes.
    fn span(&self, id: NodeId) -> Span {
        let node = &self.stream.nodes[id];
        match self.stream.style(id) {
            Some(ScalarStyle::DoubleQuoted | ScalarStyle::SingleQuoted) if node.span.len() >= 2 => {
                Span::new(node.span.start + 1, node.span.end - 1)
            }
            _ => node.span,
        }
    }

    /// The opening brace of an object: where a missing member is reported.
    fn opening(&self, id: NodeId) -> Span {
        let start = self.stream.nodes[id].span.start;
        Span::new(start, (start + 1).min(self.source.text.len() as u32))
    }

    fn is_string(&self, id: NodeId) -> bool {
        matches!(
            self.stream.style(id),
            Some(ScalarStyle::DoubleQuoted | ScalarStyle::SingleQuoted)
        )
    }

    fn kind_name(&self, id: NodeId) -> &'static str {
        match &self.stream.nodes[id].kind {
            Kind::Map(_) => "an object",
            Kind::Seq(_) => "a list",
            Kind::Scalar { .. } if self.is_string(id) => "a string",
            Kind::Scalar { value, .. } => match value.as_str() {
                "true" | "false" => "a boolean",
                "null" => "null",
                _ => "a number",
            },
        }
    }

    /// The member `key` of object `object` (described as `what` in findings), reported
    /// when missing.
    fn required(&mut self, object: NodeId, key: &str, what: &str) -> Option<NodeId> {
        let found = self.stream.get(object, key);
        if found.is_none() {
            let at = self.opening(object);
            self.push(
                &rules::report_missing_field::REPORT_MISSING_FIELD,
                at,
                format!("{what} has no `{key}`"),
            );
        }
        found
    }

    /// `id` as an object, reported when it is something else.
    fn object(&mut self, id: NodeId, key: &str) -> Option<NodeId> {
        if self.stream.map(id).is_some() {
            return Some(id);
        }
        let kind = self.kind_name(id);
        let span = self.span(id);
        self.push(
            &rules::report_wrong_type::REPORT_WRONG_TYPE,
            span,
            format!("`{key}` is {kind}, not an object"),
        );
        None
    }

    /// A string member; a number or boolean is reported and read as its text.
    fn string(&mut self, id: NodeId, key: &str) -> Option<String> {
        let kind = self.kind_name(id);
        let span = self.span(id);
        match self.stream.scalar(id) {
            Some(value) if self.is_string(id) => Some(value.to_string()),
            Some(value) => {
                let value = value.to_string();
                self.push(
                    &rules::report_wrong_type::REPORT_WRONG_TYPE,
                    span,
                    format!("`{key}` is {kind}, not a string"),
                );
                Some(value)
            }
            None => {
                self.push(
                    &rules::report_wrong_type::REPORT_WRONG_TYPE,
                    span,
                    format!("`{key}` is {kind}, not a string"),
                );
                None
            }
        }
    }

    /// A string that names an address, a host or a domain: an empty one is reported.
    fn address(&mut self, id: NodeId, key: &str) -> Option<String> {
        let value = self.string(id, key)?;
        if value.trim().is_empty() {
            let span = self.span(id);
            self.push(
                &rules::empty_report_field::EMPTY_REPORT_FIELD,
                span,
                format!("`{key}` is an empty string"),
            );
        }
        Some(value)
    }

    /// The optional string member `key` of `object`, checked as an address.
    fn optional_address(&mut self, object: NodeId, key: &str) -> Option<String> {
        let id = self.stream.get(object, key)?;
        self.address(id, key)
    }

    /// The required string member `key` of `object`, checked as an address.
    fn required_address(&mut self, object: NodeId, key: &str, what: &str) -> Option<String> {
        let id = self.required(object, key, what)?;
        self.address(id, key)
    }

    /// A session count: a non-negative integer. A string of digits is reported and read.
    fn count(&mut self, id: NodeId, key: &str) -> Option<u64> {
        let span = self.span(id);
        let value = self.stream.scalar(id).map(str::trim);
        let parsed = value.and_then(|v| v.parse::<u64>().ok());
        match parsed {
            Some(n) if !self.is_string(id) => Some(n),
            _ => {
                let kind = self.kind_name(id);
                let shown = match (value, kind) {
                    (Some(v), "a number") => format!("`{key}` is `{v}`, not a whole number"),
                    _ => format!("`{key}` is {kind}, not a number"),
                };
                self.push(&rules::report_wrong_type::REPORT_WRONG_TYPE, span, shown);
                parsed
            }
        }
    }

    /// A list of strings, each with its span; a single string is reported and read as a
    /// list of one.
    fn strings(&mut self, id: NodeId, key: &str, addresses: bool) -> Vec<(String, Span)> {
        let items = match self.stream.seq(id) {
            Some(items) => items.to_vec(),
            None => {
                let kind = self.kind_name(id);
                let span = self.span(id);
                self.push(
                    &rules::report_wrong_type::REPORT_WRONG_TYPE,
                    span,
                    format!("`{key}` is {kind}, not a list"),
                );
                if self.stream.scalar(id).is_none() {
                    return Vec::new();
                }
                vec![id]
            }
        };
        let read = |r: &mut Self, item| {
            let value = if addresses {
                r.address(item, key)
            } else {
                r.string(item, key)
            };
            value.map(|v| (v, r.span(item)))
        };
        items
            .into_iter()
            .filter_map(|item| read(self, item))
            .collect()
    }

    /// A list of objects (`policies`, `failure-details`); one object is reported and read.
    fn objects(&mut self, id: NodeId, key: &str) -> Vec<NodeId> {
        if let Some(items) = self.stream.seq(id) {
            let items = items.to_vec();
            return items
                .into_iter()
                .filter_map(|item| self.object(item, key))
                .collect();
        }
        let kind = self.kind_name(id);
        let span = self.span(id);
        self.push(
            &rules::report_wrong_type::REPORT_WRONG_TYPE,
            span,
            format!("`{key}` is {kind}, not a list"),
        );
        self.stream.map(id).map(|_| id).into_iter().collect()
    }

    fn report(mut self, root: NodeId) -> Option<Report> {
        if self.stream.map(root).is_none() {
            let kind = self.kind_name(root);
            let span = self.opening(root);
            self.push(
                &rules::unreadable_report::UNREADABLE_REPORT,
                span,
                format!("the JSON document is {kind}, not a report object"),
            );
            return None;
        }
        if !REPORT_MEMBERS
            .iter()
            .any(|key| self.stream.get(root, key).is_some())
        {
            let span = self.opening(root);
            self.push(
                &rules::not_a_tlsrpt_report::NOT_A_TLSRPT_REPORT,
                span,
                "a JSON document with none of the members of a TLS report; skipped",
            );
            return None;
        }
        let what = "the report";
        let organization = self.required_address(root, "organization-name", what);
        self.required_address(root, "contact-info", what);
        let report_id = self.required_address(root, "report-id", what);
        let day = self
            .required(root, "date-range", what)
            .and_then(|id| self.object(id, "date-range"))
            .and_then(|id| self.date_range(id));
        let mut policies = Vec::new();
        if let Some(list) = self.required(root, "policies", what) {
            for entry in self.objects(list, "policies") {
                policies.push(self.policy(entry));
            }
        }
        Some(Report {
            path: self.source.path.clone(),
            organization,
            report_id,
            day,
            policies,
        })
    }

    /// Checks `date-range` and returns the UTC day it starts on.
    fn date_range(&mut self, range: NodeId) -> Option<String> {
        let read = |r: &mut Self, key: &str| {
            let id = r.required(range, key, "`date-range`")?;
            let text = r.string(id, key)?;
            let parsed = datetime::parse(text.trim());
            if parsed.is_none() {
                let span = r.span(id);
                r.push(
                    &rules::invalid_date_range::INVALID_DATE_RANGE,
                    span,
                    format!("`{key}` `{text}` is not an RFC 3339 date-time"),
                );
            }
            parsed.map(|p| (p, id))
        };
        let start = read(self, "start-datetime");
        let end = read(self, "end-datetime");
        if let (Some(((from, _), _)), Some(((to, _), end_id))) = (&start, &end) {
            if to < from {
                let span = self.span(*end_id);
                self.push(
                    &rules::invalid_date_range::INVALID_DATE_RANGE,
                    span,
                    "`end-datetime` is before `start-datetime`",
                );
            }
        }
        start.map(|((_, day), _)| day)
    }

    fn policy(&mut self, entry: NodeId) -> PolicyResult {
        let mut result = PolicyResult::default();
        // Where the failures are counted: the total, else the policy entry.
        let mut failed_span = self.opening(entry);
        // Where the values the repository is compared with are.
        let mut at = Spans {
            domain: self.opening(entry),
            ..Spans::default()
        };
        let what = "the policy entry";
        let policy = self
            .required(entry, "policy", what)
            .and_then(|id| self.object(id, "policy"));
        if let Some(policy) = policy {
            let what = "`policy`";
            if let Some(id) = self.required(policy, "policy-type", what) {
                result.policy_type = self.string(id, "policy-type").unwrap_or_default();
            }
            if let Some(domain) = self.required_address(policy, "policy-domain", what) {
                result.domain = domain.trim().trim_end_matches('.').to_ascii_lowercase();
                at.domain = self
                    .stream
                    .get(policy, "policy-domain")
                    .map_or(at.domain, |id| self.span(id));
            }
            if let Some(id) = self.stream.get(policy, "policy-string") {
                let (strings, spans) = self.strings(id, "policy-string", false).into_iter().unzip();
                result.policy_strings = strings;
                at.policy_string = Some((self.span(id), spans));
            }
            if let Some(id) = self.stream.get(policy, "mx-host") {
                (result.mx_hosts, at.mx_hosts) =
                    self.strings(id, "mx-host", true).into_iter().unzip();
            }
        }
        let summary = self
            .required(entry, "summary", what)
            .and_then(|id| self.object(id, "summary"));
        if let Some(summary) = summary {
            let what = "`summary`";
            let key = "total-successful-session-count";
            if let Some(id) = self.required(summary, key, what) {
                result.successful = self.count(id, key).unwrap_or(0);
            }
            let key = "total-failure-session-count";
            if let Some(id) = self.required(summary, key, what) {
                result.failed = self.count(id, key).unwrap_or(0);
                failed_span = self.span(id);
            }
        }
        if let Some(list) = self.stream.get(entry, "failure-details") {
            for detail in self.objects(list, "failure-details") {
                let (detail, receiving) = self.detail(detail);
                result.details.push(detail);
                at.receiving.push(receiving);
            }
        }
        let sum = result
            .details
            .iter()
            .fold(0u64, |n, d| n.saturating_add(d.failed_sessions));
        let has_total = summary
            .and_then(|s| self.stream.get(s, "total-failure-session-count"))
            .is_some();
        if has_total && !result.details.is_empty() && sum != result.failed {
            self.push(
                &rules::summary_detail_mismatch::SUMMARY_DETAIL_MISMATCH,
                failed_span,
                format!(
                    "`total-failure-session-count` is {}, but the failure details add up to {sum}",
                    result.failed
                ),
            );
        }
        if let Some(rate) = self.options.max_failure_rate {
            self.failure_rate(&result, rate, failed_span);
        }
        if let Some(repo) = self.options.repo.clone() {
            let entry = Entry {
                policy: &result,
                spans: at,
                recipients: self.recipients,
            };
            for (rule, span, message) in compare::entry(&repo, &entry) {
                self.push(rule, span, message);
            }
        }
        result
    }

    /// `failure-rate-exceeded`: the policy's failed sessions are above `rate` of its
    /// sessions.
    fn failure_rate(&mut self, policy: &PolicyResult, rate: f64, at: Span) {
        let total = policy.successful.saturating_add(policy.failed);
        if total == 0 || (policy.failed as f64) <= rate * total as f64 {
            return;
        }
        let message = format!(
            "`{}`: {} of {total} sessions failed ({}), above the maximum {}",
            policy.domain,
            policy.failed,
            summary::percent(policy.failed, total),
            summary::percent_of_rate(rate),
        );
        self.push(
            &rules::failure_rate_exceeded::FAILURE_RATE_EXCEEDED,
            at,
            message,
        );
    }

    /// A failure detail, and where its `receiving-mx-hostname` is.
    fn detail(&mut self, object: NodeId) -> (FailureDetail, Option<Span>) {
        let what = "the failure detail";
        let mut detail = FailureDetail::default();
        if let Some(id) = self.required(object, "result-type", what) {
            detail.result_type = self.string(id, "result-type").unwrap_or_default();
            if !RESULT_TYPES.contains(&detail.result_type.as_str()) {
                let span = self.span(id);
                let message = format!("`{}` is not a registered result type", detail.result_type);
                self.push(
                    &rules::unknown_result_type::UNKNOWN_RESULT_TYPE,
                    span,
                    message,
                );
            }
        }
        detail.sending_mta_ip = self.required_address(object, "sending-mta-ip", what);
        detail.receiving_ip = self.optional_address(object, "receiving-ip");
        detail.receiving_mx_hostname = self.optional_address(object, "receiving-mx-hostname");
        let receiving = self
            .stream
            .get(object, "receiving-mx-hostname")
            .map(|id| self.span(id));
        detail.receiving_mx_helo = self.optional_address(object, "receiving-mx-helo");
        let key = "failed-session-count";
        if let Some(id) = self.required(object, key, what) {
            detail.failed_sessions = self.count(id, key).unwrap_or(0);
        }
        if let Some(id) = self.stream.get(object, "additional-information") {
            detail.additional_information = self.string(id, "additional-information");
        }
        // RFC 8460 §4.8's example spells it `failure-error-code` (an erratum of §4.4).
        let code = ["failure-reason-code", "failure-error-code"]
            .into_iter()
            .find_map(|key| Some((key, self.stream.get(object, key)?)));
        if let Some((key, id)) = code {
            detail.failure_reason_code = self.string(id, key);
        }
        (detail, receiving)
    }
}
