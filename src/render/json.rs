//! The JSON format: one versioned document (`"version": 1`) with every diagnostic, every
//! TLS-RPT record found, and the counts. Keys may be added in later versions, never removed
//! or renamed. Positions carry line and column (1-based, Unicode scalars) and the byte offset.

use std::io::{self, Write};

use serde::Serialize;

use super::pretty::Object;

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::inventory::TlsrptPolicy;
use crate::model::{RData, Record};
use crate::pipeline::Outcome;
use crate::text::{Source, Span};

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct Position {
    line: u32,
    column: u32,
    offset: u32,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    path: &'a str,
    start: Position,
    end: Position,
    labels: Vec<JsonLabel<'a>>,
    record: Option<JsonRecordRef<'a>>,
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: &'a str,
    path: &'a str,
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct JsonRecordRef<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    rtype: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    message: &'a str,
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    start: Position,
    end: Position,
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonRecord<'a> {
    kind: &'static str,
    name: &'a str,
    zone: Option<&'a str>,
    #[serde(rename = "type")]
    rtype: &'a str,
    value: Option<&'a str>,
    format: &'static str,
    path: &'a str,
    start: Position,
    end: Position,
    /// Policies only: the policy domain, where its reports go, and its companion.
    #[serde(skip_serializing_if = "Option::is_none")]
    policy_domain: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    destinations: Option<Vec<JsonDestination<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    companion: Option<&'static str>,
}

#[derive(Serialize)]
struct JsonDestination<'a> {
    uri: &'a str,
    host: Option<&'a str>,
    authorization: &'static str,
}

#[derive(Serialize)]
struct Summary {
    files_scanned: usize,
    files_with_records: usize,
    records: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    unread_mentions: usize,
}

/// Writes the document of `tlsrpt-lint check --format json`.
pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let mut document = Object::new(out)?;
    document.member("version", &1)?;
    let tool = Tool {
        name: env!("CARGO_PKG_NAME"),
        version: env!("CARGO_PKG_VERSION"),
    };
    document.member("tool", &tool)?;
    let diagnostics = &outcome.diagnostics;
    document.array("diagnostics", diagnostics.len(), |i| {
        diagnostic(&diagnostics[i])
    })?;
    records_member(outcome, &mut document)?;
    let summary = Summary {
        files_scanned: outcome.files_scanned,
        files_with_records: outcome.files_with_records,
        records: outcome.records.len(),
        errors: outcome.count(Severity::Error),
        warnings: outcome.count(Severity::Warning),
        infos: outcome.count(Severity::Info),
        unread_mentions: outcome.unread_mentions(),
    };
    document.member("summary", &summary)?;
    document.end()
}

/// Writes the document of `tlsrpt-lint records --format json`: the `records` array of
/// `check --format json`.
pub fn write_records(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let mut document = Object::new(out)?;
    document.member("version", &1)?;
    records_member(outcome, &mut document)?;
    document.end()
}

/// The `records` member: every record, policies with their inventory.
fn records_member(outcome: &Outcome, document: &mut Object<'_>) -> io::Result<()> {
    let mut policies = vec![None; outcome.records.len()];
    for policy in &outcome.policies {
        if let Some(slot) = policies.get_mut(policy.record) {
            *slot = Some(policy);
        }
    }
    let records = &outcome.records;
    document.array("records", records.len(), |i| {
        record(&records[i], policies[i])
    })
}

fn span(source: &Source, span: Span) -> (Position, Position) {
    let position = |offset| {
        let p = source.position(offset);
        Position {
            line: p.line,
            column: p.column,
            offset: p.offset,
        }
    };
    (position(span.start), position(span.end))
}

/// One diagnostic as `check --format json` writes it, for documents of other commands.
pub fn diagnostic_value(d: &Diagnostic) -> serde_json::Value {
    serde_json::to_value(diagnostic(d)).unwrap_or_default()
}

fn diagnostic(d: &Diagnostic) -> JsonDiagnostic<'_> {
    let source = &d.location.source;
    let (start, end) = span(source, d.location.span);
    JsonDiagnostic {
        code: d.rule.code,
        name: d.rule.name,
        severity: d.severity.as_str(),
        message: &d.message,
        help: d.help.as_deref(),
        path: &source.path,
        start,
        end,
        labels: d
            .labels
            .iter()
            .map(|label| {
                let (start, end) = span(&label.location.source, label.location.span);
                JsonLabel {
                    message: &label.message,
                    path: &label.location.source.path,
                    start,
                    end,
                }
            })
            .collect(),
        record: d.record.as_ref().map(|r| JsonRecordRef {
            name: &r.name,
            rtype: &r.rtype,
        }),
        fix: d.fix.as_ref().map(|fix| JsonFix {
            message: &fix.message,
            applicability: match fix.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
            },
            edits: fix
                .edits
                .iter()
                .map(|edit| {
                    let (start, end) = span(source, edit.span);
                    JsonEdit {
                        start,
                        end,
                        replacement: &edit.replacement,
                    }
                })
                .collect(),
        }),
    }
}

fn record<'a>(r: &'a Record, policy: Option<&'a TlsrptPolicy>) -> JsonRecord<'a> {
    let (start, end) = span(&r.source, r.span);
    JsonRecord {
        kind: r.kind().as_str(),
        name: &r.name.text,
        zone: r.zone.as_deref(),
        rtype: &r.rtype,
        value: match &r.data {
            RData::Txt(txt) => Some(txt.value.text()),
            RData::Cname { target, .. } => Some(target),
            RData::Mx { exchange, .. } => Some(exchange),
            RData::Tlsa { data } => Some(data),
            RData::StsPolicy(_) => Some(&r.source.text),
            RData::Other => None,
        },
        format: r.format.as_str(),
        path: &r.source.path,
        start,
        end,
        policy_domain: policy.map(|p| p.domain.as_str()),
        destinations: policy.map(|p| {
            p.destinations
                .iter()
                .map(|d| JsonDestination {
                    uri: &d.uri,
                    host: d.host.as_deref(),
                    authorization: d.status.as_str(),
                })
                .collect()
        }),
        companion: policy.map(|p| p.companion.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    #[test]
    fn labels_fixes_and_records_have_their_keys() {
        let mut out = Vec::new();
        write(&sample(), &mut out).unwrap();
        let document: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let d = &document["diagnostics"][0];
        assert_eq!(
            d["labels"][0],
            serde_json::json!({
                "message": "other record here",
                "path": "zones/other.zone",
                "start": {"line": 1, "column": 1, "offset": 0},
                "end": {"line": 1, "column": 2, "offset": 1},
            })
        );
        assert_eq!(
            d["record"],
            serde_json::json!({"name": "_smtp._tls.example.com.", "type": "TXT"})
        );
        assert_eq!(
            d["fix"],
            serde_json::json!({
                "message": "rename `ruf` to `rua`",
                "applicability": "unsafe",
                "edits": [{
                    "start": {"line": 2, "column": 32, "offset": 52},
                    "end": {"line": 2, "column": 35, "offset": 55},
                    "replacement": "rua",
                }],
            })
        );
        assert_eq!(d["help"], "add `rua=mailto:...`");
        assert_eq!(document["summary"]["warnings"], 1);
    }
}
