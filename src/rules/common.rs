//! What the value rules share: which records they judge, the two dialects of the field
//! grammar, and [`Finding`], a diagnostic still in decoded-value ranges.
//!
//! RFC 8460 §3 (TLS-RPT) and RFC 8461 §3.1 (MTA-STS) use the same field grammar with a
//! different version literal and required field. The 1xx rules are written once over a
//! [`Value`] that carries its [`Dialect`]: each returns findings, its own check reports them
//! for policies under its code, and `invalid-mta-sts-record` reports the same findings for
//! `_mta-sts` records under one code. Findings stay in decoded ranges until
//! [`RecordCtx::emit`] maps them (and their fix edits) to source spans.

use std::borrow::Cow;
use std::ops::Range;

use super::context::RecordCtx;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Location};
use crate::model::{Format, Record, RecordKind};
use crate::record::{self, Field, Syntax};
use crate::rule::Rule;
use crate::uri::{self, Uri};

/// A family of `key=value` records.
pub struct Dialect {
    /// How messages name the record: "policy".
    pub record: &'static str,
    /// The version value: `TLSRPTv1`.
    pub version: &'static str,
    /// The lowercase start of a version value that shows intent: `tlsrpt`.
    pub stem: &'static str,
    /// The one required field besides `v`: `rua`.
    pub required: &'static str,
}

pub static TLSRPT: Dialect = Dialect {
    record: "policy",
    version: "TLSRPTv1",
    stem: "tlsrpt",
    required: "rua",
};

pub static STS: Dialect = Dialect {
    record: "`_mta-sts` record",
    version: "STSv1",
    stem: "sts",
    required: "id",
};

/// A parsed TXT value and the dialect it is judged in.
pub struct Value<'a> {
    pub text: &'a str,
    pub syntax: &'a Syntax,
    pub dialect: &'static Dialect,
}

impl<'a> Value<'a> {
    pub fn str(&self, range: &Range<u32>) -> &'a str {
        record::slice(self.text, range)
    }

    pub fn name(&self, field: &Field) -> Cow<'a, str> {
        field.name_in(self.text)
    }

    /// The first field with content, when it reads as an attempt at the version field.
    pub fn version(&self) -> Option<(usize, &'a Field)> {
        self.syntax
            .first()
            .filter(|(_, f)| is_version_attempt(self, f))
    }

    /// Whether `index` is the version field.
    pub fn is_version(&self, index: usize) -> bool {
        self.version().is_some_and(|(i, _)| i == index)
    }

    /// Whether a field has exactly this (cleaned) name.
    pub fn has_field(&self, name: &str) -> bool {
        self.syntax.fields.iter().any(|f| self.name(f) == name)
    }

    /// `v=TLSRPTv1`.
    pub fn version_field(&self) -> String {
        format!("v={}", self.dialect.version)
    }

    /// Every URI of every `rua` field: (field index, URI range).
    pub fn uris(&self) -> impl Iterator<Item = (usize, &'a Range<u32>)> + 'a {
        self.syntax.fields.iter().enumerate().flat_map(|(i, f)| {
            f.uris
                .iter()
                .flat_map(move |l| l.uris.iter().map(move |u| (i, u)))
        })
    }

    /// Every non-empty URI without a placeholder, parsed: what the URI checks judge (an empty
    /// URI is `empty-uri`'s, a placeholder `placeholder-destination`'s).
    pub fn checked_uris(&self) -> impl Iterator<Item = Uri> + 'a {
        let text = self.text;
        self.uris()
            .filter(move |(_, r)| !r.is_empty() && uri::placeholder(text, r).is_none())
            .map(move |(_, r)| Uri::parse(text, r.clone()))
    }

    /// `rua=mailto;a@example.com`: the URI at the end of field `index` is a bare scheme name
    /// and the `;` after it should have been `:`. Returns the scheme and the `;`.
    pub fn scheme_then_semicolon(&self, index: usize) -> Option<(&'a str, Range<u32>)> {
        let list = self.syntax.fields.get(index)?.uris.as_ref()?;
        let scheme = self.str(list.uris.last()?);
        let delimiter = self.syntax.delimiters.get(index)?;
        let next = self.syntax.fields.get(index + 1)?;
        (bare_scheme(scheme)
            && delimiter.kind.is_semicolon()
            && next.eq.is_none()
            && !next.is_empty())
        .then(|| (scheme, delimiter.range.clone()))
    }

    /// Whether field `index` is the address after `rua=mailto;` (reported as one problem by
    /// `invalid-mailto`).
    pub fn is_after_scheme_semicolon(&self, index: usize) -> bool {
        index > 0 && self.scheme_then_semicolon(index - 1).is_some()
    }
}

/// `mailto` or `https` alone, any case: a scheme that lost its `:`.
pub fn bare_scheme(text: &str) -> bool {
    text.eq_ignore_ascii_case("mailto") || text.eq_ignore_ascii_case("https")
}

/// Whether `field` reads as the version field: named `v` in any case (or `version`), or a
/// bare `TLSRPTv1` without `v=`.
pub fn is_version_attempt(value: &Value<'_>, field: &Field) -> bool {
    let name = value.name(field).to_ascii_lowercase();
    match field.eq {
        Some(_) => name == "v" || name == "version",
        None => name.starts_with(value.dialect.stem),
    }
}

/// Versions of other protocols: a value starting with one of these is that protocol's
/// record, not a broken TLS-RPT policy, even when it mentions `rua=`.
const OTHER_VERSIONS: &[&str] = &["spf1", "dmarc1", "stsv1", "dkim1", "bimi1"];

/// The value with leading whitespace and quotes removed, in lowercase.
fn trimmed_lower(text: &str) -> String {
    text.trim_start_matches([' ', '\t', '"', '\''])
        .to_ascii_lowercase()
}

/// Whether a TXT value at a policy name tries to be a TLS-RPT policy: it starts with
/// `v=tlsrpt` (any case, spaces allowed around `=`), or mentions `tlsrpt` or `rua=`, and is
/// not another protocol's record (`v=spf1`, `v=DMARC1`...).
pub fn is_tlsrpt_attempt(text: &str) -> bool {
    let lower = trimmed_lower(text);
    let version = version_value(&lower);
    if OTHER_VERSIONS.iter().any(|v| version.starts_with(v)) {
        return false;
    }
    version.starts_with("tlsrpt") || lower.contains("tlsrpt") || has_rua(&lower)
}

/// The text after a leading `v` and `=` (spaces allowed around it), or "".
fn version_value(lower: &str) -> &str {
    lower
        .strip_prefix('v')
        .map(|rest| rest.trim_start_matches([' ', '\t']))
        .and_then(|rest| rest.strip_prefix('='))
        .map_or("", |rest| rest.trim_start_matches([' ', '\t']))
}

/// `rua=` with optional spaces before `=`.
fn has_rua(lower: &str) -> bool {
    lower.match_indices("rua").any(|(i, _)| {
        lower[i + 3..]
            .trim_start_matches([' ', '\t'])
            .starts_with('=')
    })
}

/// Whether `record` (of `kind`) has a TXT value that is a policy or `_mta-sts` attempt: a
/// value given to `validate` is one by the user's word. Judged once per record in
/// [`RecordCtx::new`], not by every rule that asks.
pub(super) fn is_attempt(record: &Record, kind: RecordKind) -> bool {
    let Some(txt) = record.txt() else {
        return false;
    };
    let text = txt.value.text();
    record.format == Format::Value
        || match kind {
            RecordKind::Policy => is_tlsrpt_attempt(text),
            RecordKind::MtaSts => is_sts_attempt(text),
            RecordKind::Authorization | RecordKind::Other => false,
        }
}

/// Whether a TXT value at an `_mta-sts` name tries to be an MTA-STS record: it mentions
/// `sts` or `id=`, or starts with `v=`.
pub fn is_sts_attempt(text: &str) -> bool {
    let lower = trimmed_lower(text);
    lower.contains("sts") || lower.contains("id=") || lower.starts_with("v=")
}

/// Runs of spaces (not tabs: a tab is a control character where it is not `WSP`).
pub fn space_runs(text: &str, range: &Range<u32>) -> Vec<Range<u32>> {
    let mut runs = Vec::new();
    let bytes = text.as_bytes();
    let mut i = range.start as usize;
    while i < (range.end as usize).min(bytes.len()) {
        if bytes[i] == b' ' {
            let start = i;
            while i < range.end as usize && bytes[i] == b' ' {
                i += 1;
            }
            runs.push(start as u32..i as u32);
        } else {
            i += 1;
        }
    }
    runs
}

/// `U+00E9`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// `text` shortened for a message, with its foreign characters removed.
pub fn shown(text: &str) -> String {
    let clean = record::clean(text);
    let mut chars = clean.chars();
    let head: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{head}...")
    } else {
        head
    }
}

/// A diagnostic in decoded-value ranges, before it is tied to a rule and a source.
#[derive(Debug)]
pub struct Finding {
    pub range: Range<u32>,
    pub message: String,
    pub label: Option<String>,
    pub related: Vec<(Range<u32>, String)>,
    pub help: Option<String>,
    pub fix: Option<FixEdits>,
}

/// A fix in decoded-value ranges.
#[derive(Debug)]
pub struct FixEdits {
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<(Range<u32>, String)>,
}

impl Finding {
    pub fn new(range: Range<u32>, message: impl Into<String>) -> Finding {
        Finding {
            range,
            message: message.into(),
            label: None,
            related: Vec::new(),
            help: None,
            fix: None,
        }
    }

    pub fn label(mut self, text: impl Into<String>) -> Finding {
        self.label = Some(text.into());
        self
    }

    pub fn related(mut self, range: Range<u32>, text: impl Into<String>) -> Finding {
        self.related.push((range, text.into()));
        self
    }

    pub fn help(mut self, text: impl Into<String>) -> Finding {
        self.help = Some(text.into());
        self
    }

    pub fn fix(
        mut self,
        message: impl Into<String>,
        applicability: Applicability,
        edits: Vec<(Range<u32>, String)>,
    ) -> Finding {
        self.fix = Some(FixEdits {
            message: message.into(),
            applicability,
            edits,
        });
        self
    }

    /// A fix of one edit.
    pub fn fix_one(
        self,
        message: impl Into<String>,
        applicability: Applicability,
        range: Range<u32>,
        replacement: impl Into<String>,
    ) -> Finding {
        self.fix(message, applicability, vec![(range, replacement.into())])
    }
}

impl RecordCtx<'_> {
    /// The value of a TLS-RPT policy attempt at a policy name.
    pub fn policy(&self) -> Option<Value<'_>> {
        self.value(RecordKind::Policy, &TLSRPT)
    }

    /// The value of an MTA-STS attempt at an `_mta-sts` name.
    pub fn mta_sts(&self) -> Option<Value<'_>> {
        self.value(RecordKind::MtaSts, &STS)
    }

    fn value(&self, kind: RecordKind, dialect: &'static Dialect) -> Option<Value<'_>> {
        let text = self.record.txt()?.value.text();
        if self.kind != kind || !self.attempt {
            return None;
        }
        Some(Value {
            text,
            syntax: self.syntax.as_ref()?,
            dialect,
        })
    }

    /// Reports findings under `rule`.
    pub fn emit(&self, rule: &'static Rule, findings: Vec<Finding>, out: &mut Vec<Diagnostic>) {
        for f in findings {
            let mut d = self.diagnostic(rule, f.range, f.message);
            if let Some(label) = f.label {
                d = d.with_primary_label(label);
            }
            for (range, text) in f.related {
                d = d.with_label(Location::new(&self.record.source, self.span(range)), text);
            }
            if let Some(help) = f.help {
                d = d.with_help(help);
            }
            if let Some(fix) = f.fix {
                d = d.with_fix(Fix {
                    message: fix.message,
                    applicability: fix.applicability,
                    edits: fix
                        .edits
                        .into_iter()
                        .map(|(range, replacement)| Edit {
                            span: self.span(range),
                            replacement,
                        })
                        .collect(),
                });
            }
            out.push(d);
        }
    }
}

/// Test helpers: lint one value with every rule and list what one rule found.
#[cfg(test)]
pub mod testing {
    use crate::config::Settings;
    use crate::model::RecordKind;
    use crate::pipeline::check_value;

    /// (code, start..end) of diagnostics.
    pub type Found = Vec<(&'static str, std::ops::Range<u32>)>;

    /// (code, start..end) of every diagnostic for a value of `kind`.
    pub fn all(kind: RecordKind, value: &str) -> Found {
        check_value(value, "-", kind, Some("example.com"), &Settings::default())
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
}

#[cfg(test)]
mod tests {
    use super::testing::policy;
    use super::*;
    use crate::config::Settings;
    use crate::pipeline::check_value;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn rules_never_panic_and_stay_in_the_value(
            body in "[ \t\"';,:=!%?@/<>{}\\a-zA-Z0-9.é\u{200b}\u{0}\n-]{0,60}",
            start in prop::sample::select(vec!["", "v=TLSRPTv1;rua=", "v=STSv1;id=", "rua=mailto:", "v=TLSRPTv1; rua=https://"]),
        ) {
            let value = format!("{start}{body}");
            for kind in [RecordKind::Policy, RecordKind::MtaSts, RecordKind::Authorization] {
                let outcome = check_value(&value, "-", kind, None, &Settings::default());
                for d in &outcome.diagnostics {
                    let span = d.location.span;
                    prop_assert!(span.end as usize <= value.len());
                    prop_assert!(value.is_char_boundary(span.start as usize) && value.is_char_boundary(span.end as usize));
                    for edit in d.fix.iter().flat_map(|f| &f.edits) {
                        prop_assert!(value.is_char_boundary(edit.span.start as usize) && value.is_char_boundary(edit.span.end as usize));
                    }
                }
            }
        }
    }

    #[test]
    fn attempts() {
        for t in [
            "v=TLSRPTv1; rua=mailto:a@example.com",
            " \"v = tlsrptv1",
            "rua=mailto:a@example.com",
            "RUA =mailto:a@example.com",
            "v=TLSRPT1",
        ] {
            assert!(is_tlsrpt_attempt(t), "{t}");
        }
        for t in [
            "v=spf1 -all",
            "v=DMARC1; p=none; rua=mailto:tlsrpt@example.com",
            "google-site-verification=x",
            "",
        ] {
            assert!(!is_tlsrpt_attempt(t), "{t}");
        }
        assert!(is_sts_attempt("v=STSv1; id=1"));
        assert!(is_sts_attempt("id=1"));
        assert!(!is_sts_attempt("hello"));
    }

    /// The checkdmarc 6.0.4 results of domain.md §3.1, where RFC 8460 agrees; where it
    /// does not, the comment says what the linter does instead.
    #[test]
    fn checkdmarc_table() {
        let rua = "v=TLSRPTv1; rua=mailto:a@example.com";
        for (value, expected) in [
            (
                "v=TLSRPTv1;rua=mailto:a@example.com,https://r.example.net/tlsrpt;".to_string(),
                vec![],
            ),
            (
                "v=TLSRPTv1 ; rua=mailto:a@example.com".into(),
                vec![("TLSRPT104", 10..11)],
            ),
            // checkdmarc merges silently; senders disagree, so a warning.
            (
                "v=TLSRPTv1;rua=mailto:a@example.com;rua=https://x.example/p".into(),
                vec![("TLSRPT111", 36..39)],
            ),
            (format!("{rua}; ext=ok-1"), vec![("TLSRPT109", 38..46)]),
            (format!("{rua}; x=a b"), vec![("TLSRPT107", 41..42)]),
            (
                format!("{rua}; RUA=mailto:b@example.com"),
                vec![("TLSRPT110", 38..41)],
            ),
            (
                "v=TLSRPTv1; ruf=mailto:a@example.com".into(),
                vec![("TLSRPT105", 0..10), ("TLSRPT110", 12..15)],
            ),
            ("v=TLSRPTv1".into(), vec![("TLSRPT105", 0..10)]),
            ("v=TLSRPTv1;".into(), vec![("TLSRPT105", 0..10)]),
            (
                "V=TLSRPTv1; rua=mailto:a@example.com".into(),
                vec![("TLSRPT102", 0..1)],
            ),
            (
                "v=tlsrptv1; rua=mailto:a@example.com".into(),
                vec![("TLSRPT102", 2..10)],
            ),
            (
                "v=TLSRPTv1; rua=http://r.example.com/x".into(),
                vec![("TLSRPT202", 16..20)],
            ),
            (
                "v=TLSRPTv1; rua=mailto:a!b@example.com".into(),
                vec![("TLSRPT205", 24..25)],
            ),
            (
                "v=TLSRPTv1; rua=mailto:a@example.com!10m".into(),
                vec![("TLSRPT205", 36..40)],
            ),
            (
                "v=TLSRPTv1; rua=https://r.example.com/a b".into(),
                vec![("TLSRPT107", 39..40)],
            ),
            ("v=TLSRPTv1; rua=https://r.example.com/a%2Cb".into(), vec![]),
            ("v=TLSRPTv1; rua=https://[2001:db8::1]/r".into(), vec![]),
            ("v=TLSRPTv1; rua=https://h:8443/x?y=1".into(), vec![]),
            ("v=TLSRPTv1; rua=MAILTO:a@example.com".into(), vec![]),
            (
                "v=TLSRPTv1; rua = mailto:a@example.com".into(),
                vec![("TLSRPT107", 15..16), ("TLSRPT107", 17..18)],
            ),
            (
                "v=TLSRPTv1;;rua=mailto:a@example.com".into(),
                vec![("TLSRPT106", 11..12)],
            ),
            // RFC 6068 allows header fields: a warning, not an error.
            (format!("{rua}?subject=x"), vec![("TLSRPT208", 36..46)]),
            (format!("{rua}; v=TLSRPTv1"), vec![("TLSRPT111", 38..39)]),
        ] {
            assert_eq!(policy(&value), expected, "{value}");
        }
    }

    #[test]
    fn one_value_many_findings() {
        let t = " v=TLSRPTv1 rua=tls@example.com,,http://r.example/x; RUA=x";
        assert_eq!(
            policy(t),
            [
                ("TLSRPT101", 0..1),
                ("TLSRPT103", 11..12),
                ("TLSRPT201", 16..31),
                ("TLSRPT206", 32..33),
                ("TLSRPT202", 33..37),
                ("TLSRPT110", 53..56),
            ]
        );
    }
}
