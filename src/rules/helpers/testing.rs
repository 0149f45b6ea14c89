//! Test helpers: lint one value with every rule and list what one rule found.

use crate::config::Settings;
use crate::model::RecordKind;
use crate::pipeline::check_value;

/// (code, start..end) of diagnostics.
pub type Found = Vec<(&'static str, std::ops::Range<u32>)>;

/// (code, start..end) of every diagnostic for a value of `kind` in `example.com`, but
/// `external-destination`, which every destination outside `example.com` triggers.
pub fn all(kind: RecordKind, value: &str) -> Found {
    let mut settings = Settings::default();
    settings.retain_rules(|r| r.code != "TLSRPT401");
    check_value(value, "-", kind, Some("example.com"), &settings)
        .diagnostics
        .iter()
        .map(|d| (d.rule.code, d.location.span.start..d.location.span.end))
        .collect()
}

pub fn policy(value: &str) -> Found {
    all(RecordKind::Policy, value)
}

/// Like [`all`], for the value of a record read from a zone file: there, unlike in
/// `validate`, a value must look like an attempt to be judged.
pub fn in_zone(kind: RecordKind, value: &str) -> Found {
    let mut record = crate::pipeline::value_record(value, "-", kind, Some("example.com"));
    record.format = crate::model::Format::Zone;
    let mut out = Vec::new();
    let checks = crate::rules::run::Checks::of(crate::rules::ALL);
    crate::rules::run::check_record(&record, record.kind(), &checks, &mut out);
    out.iter()
        .map(|d| (d.rule.code, d.location.span.start..d.location.span.end))
        .collect()
}

/// (code, message) of every diagnostic for a zone file `path` holding `text`, checked
/// through the model as a run would, without the rules about what the rest of the
/// repository lacks (401, 503, 504), which a file shown alone would trigger.
pub fn zone(path: &str, text: &str, settings: &Settings) -> Vec<(&'static str, String)> {
    let mut settings = settings.clone();
    settings.retain_rules(|r| !["TLSRPT401", "TLSRPT503", "TLSRPT504"].contains(&r.code));
    repository(&[(path, text)], &settings)
}

/// (code, message) of every diagnostic for zone files (path, text) read together.
pub fn repository(files: &[(&str, &str)], settings: &Settings) -> Vec<(&'static str, String)> {
    let mut records = Vec::new();
    let mut diagnostics = Vec::new();
    for (path, text) in files {
        let mut extracted = crate::extract::zone::read_str(path, text);
        records.append(&mut extracted.records);
        diagnostics.append(&mut extracted.diagnostics);
    }
    crate::pipeline::finish(records, diagnostics, &[], settings)
        .diagnostics
        .into_iter()
        .map(|d| (d.rule.code, d.message))
        .collect()
}

/// The diagnostics of one rule, with message, help and fix for close checks.
pub fn only(kind: RecordKind, code: &str, value: &str) -> Vec<crate::diagnostic::Diagnostic> {
    check_value(value, "-", kind, Some("example.com"), &Settings::default())
        .diagnostics
        .into_iter()
        .filter(|d| d.rule.code == code)
        .collect()
}

/// The ranges one rule reports for a policy value.
pub fn ranges(code: &str, value: &str) -> Vec<std::ops::Range<u32>> {
    only(RecordKind::Policy, code, value)
        .iter()
        .map(|d| d.location.span.start..d.location.span.end)
        .collect()
}

/// The messages one rule reports for a policy value.
pub fn messages(code: &str, value: &str) -> Vec<String> {
    only(RecordKind::Policy, code, value)
        .into_iter()
        .map(|d| d.message)
        .collect()
}

/// The value after applying every fix of one rule's diagnostics (edits must not overlap).
pub fn fixed(code: &str, value: &str) -> String {
    let mut edits: Vec<_> = only(RecordKind::Policy, code, value)
        .into_iter()
        .flat_map(|d| d.fix.map(|f| f.edits).unwrap_or_default())
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = value.to_string();
    for e in edits {
        out.replace_range(e.span.range(), &e.replacement);
    }
    out
}
