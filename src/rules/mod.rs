//! The rule catalogue: one rule per file, declared once with [`declare_rule!`], and the one
//! list of all rules ([`ALL`]) that the runner, `tlsrpt-lint rule`, the generated
//! `docs/rules.md` and the renderers read.
//!
//! A rule is metadata (code, name, default severity, summary, documentation taken from its
//! doc comment) plus an optional [`Check`]: over one record ([`RecordCtx`]), or over a
//! record set, all records at one owner name, with the whole [`Model`] to look up other
//! names ([`SetCtx`]). Rules whose findings come from the extractors (a syntax error, an
//! unreadable file) have no check: they exist here so that their documentation, selection
//! and severity work like every other rule's.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::inventory::{Destination, Policy, Status};
use crate::model::{Model, RData, Record, RecordKind, RecordSet};
use crate::record::{self, Syntax};
use crate::text::Span;
use crate::Settings;

/// What a rule checks; each pushes what it finds.
#[derive(Clone, Copy, Debug)]
pub enum Check {
    /// One record at a time.
    Record(fn(&RecordCtx<'_>, &mut Vec<Diagnostic>)),
    /// One record set at a time, with the whole model.
    Set(fn(&SetCtx<'_>, &mut Vec<Diagnostic>)),
}

#[derive(Debug)]
pub struct Rule {
    /// `TLSRPT105`: never reused.
    pub code: &'static str,
    /// `missing-rua`: reads well after "allow".
    pub name: &'static str,
    pub severity: Severity,
    /// One lowercase line, no final period.
    pub summary: &'static str,
    /// Markdown: What it does, Why is this bad?, Example, Use instead, References.
    pub docs: &'static str,
    pub check: Option<Check>,
}

impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        self.code == other.code
    }
}

/// Declares a rule; its doc comment becomes its documentation.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        pub static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            check: $check:expr $(,)?
        }
    ) => {
        $(#[doc = $doc])+
        pub static $ident: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $name,
            severity: $crate::diagnostic::Severity::$severity,
            summary: $summary,
            docs: concat!($($doc, "\n"),+),
            check: $check,
        };
    };
}

mod authorization_at_wrong_name;
mod cname_at_policy_name;
mod cname_with_other_data;
pub(crate) mod common;
mod control_character;
mod duplicate_field;
mod duplicate_uri;
mod empty_field;
mod empty_uri;
mod external_destination;
mod invalid_authorization_record;
mod invalid_extension;
mod invalid_https_uri;
mod invalid_mailto;
mod invalid_mta_sts_policy;
mod invalid_mta_sts_record;
mod legacy_policy_name;
mod mailto_header_fields;
mod missing_authorization;
mod missing_delimiter;
mod missing_rua;
mod missing_uri_scheme;
mod mta_sts_without_tlsrpt;
mod multiple_mta_sts_records;
mod multiple_policy_records;
mod names;
mod non_ascii;
mod octodns_double_escaped_semicolon;
mod octodns_unescaped_semicolon;
mod origin_appended_twice;
mod placeholder_destination;
mod policy_at_wrong_name;
mod provider_txt_quoting;
mod short_ttl;
mod source_syntax_error;
mod stray_whitespace;
mod suspicious_field;
mod tlsrpt_without_mta_sts;
mod txt_string_too_long;
mod unencoded_uri_character;
mod unevaluated_value;
mod unknown_field;
mod unquoted_txt_value;
mod unreadable_file;
mod unrelated_txt_at_policy_name;
mod unsupported_uri_scheme;
mod unused_suppression;
mod version_mismatch;
mod version_not_first;
mod whitespace_before_delimiter;

pub use invalid_authorization_record::INVALID_AUTHORIZATION_RECORD;
pub use invalid_mta_sts_policy::INVALID_MTA_STS_POLICY;
pub use invalid_mta_sts_record::INVALID_MTA_STS_RECORD;
pub use octodns_double_escaped_semicolon::OCTODNS_DOUBLE_ESCAPED_SEMICOLON;
pub use octodns_unescaped_semicolon::OCTODNS_UNESCAPED_SEMICOLON;
pub use origin_appended_twice::ORIGIN_APPENDED_TWICE;
pub use provider_txt_quoting::PROVIDER_TXT_QUOTING;
pub use source_syntax_error::SOURCE_SYNTAX_ERROR;
pub use txt_string_too_long::TXT_STRING_TOO_LONG;
pub use unevaluated_value::UNEVALUATED_VALUE;
pub use unquoted_txt_value::UNQUOTED_TXT_VALUE;
pub use unreadable_file::UNREADABLE_FILE;
pub use unused_suppression::UNUSED_SUPPRESSION;

/// Every rule, in code order (the order of the docs).
pub static ALL: &[&Rule] = &[
    &source_syntax_error::SOURCE_SYNTAX_ERROR,
    &unevaluated_value::UNEVALUATED_VALUE,
    &unreadable_file::UNREADABLE_FILE,
    &unused_suppression::UNUSED_SUPPRESSION,
    &version_not_first::VERSION_NOT_FIRST,
    &version_mismatch::VERSION_MISMATCH,
    &missing_delimiter::MISSING_DELIMITER,
    &whitespace_before_delimiter::WHITESPACE_BEFORE_DELIMITER,
    &missing_rua::MISSING_RUA,
    &empty_field::EMPTY_FIELD,
    &stray_whitespace::STRAY_WHITESPACE,
    &invalid_extension::INVALID_EXTENSION,
    &unknown_field::UNKNOWN_FIELD,
    &suspicious_field::SUSPICIOUS_FIELD,
    &duplicate_field::DUPLICATE_FIELD,
    &non_ascii::NON_ASCII,
    &control_character::CONTROL_CHARACTER,
    &missing_uri_scheme::MISSING_URI_SCHEME,
    &unsupported_uri_scheme::UNSUPPORTED_URI_SCHEME,
    &invalid_mailto::INVALID_MAILTO,
    &invalid_https_uri::INVALID_HTTPS_URI,
    &unencoded_uri_character::UNENCODED_URI_CHARACTER,
    &empty_uri::EMPTY_URI,
    &duplicate_uri::DUPLICATE_URI,
    &mailto_header_fields::MAILTO_HEADER_FIELDS,
    &placeholder_destination::PLACEHOLDER_DESTINATION,
    &multiple_policy_records::MULTIPLE_POLICY_RECORDS,
    &unrelated_txt_at_policy_name::UNRELATED_TXT_AT_POLICY_NAME,
    &cname_with_other_data::CNAME_WITH_OTHER_DATA,
    &cname_at_policy_name::CNAME_AT_POLICY_NAME,
    &policy_at_wrong_name::POLICY_AT_WRONG_NAME,
    &legacy_policy_name::LEGACY_POLICY_NAME,
    &origin_appended_twice::ORIGIN_APPENDED_TWICE,
    &txt_string_too_long::TXT_STRING_TOO_LONG,
    &unquoted_txt_value::UNQUOTED_TXT_VALUE,
    &short_ttl::SHORT_TTL,
    &external_destination::EXTERNAL_DESTINATION,
    &missing_authorization::MISSING_AUTHORIZATION,
    &invalid_authorization_record::INVALID_AUTHORIZATION_RECORD,
    &authorization_at_wrong_name::AUTHORIZATION_AT_WRONG_NAME,
    &invalid_mta_sts_record::INVALID_MTA_STS_RECORD,
    &multiple_mta_sts_records::MULTIPLE_MTA_STS_RECORDS,
    &mta_sts_without_tlsrpt::MTA_STS_WITHOUT_TLSRPT,
    &tlsrpt_without_mta_sts::TLSRPT_WITHOUT_MTA_STS,
    &invalid_mta_sts_policy::INVALID_MTA_STS_POLICY,
    &octodns_unescaped_semicolon::OCTODNS_UNESCAPED_SEMICOLON,
    &octodns_double_escaped_semicolon::OCTODNS_DOUBLE_ESCAPED_SEMICOLON,
    &provider_txt_quoting::PROVIDER_TXT_QUOTING,
];

/// Finds a rule by code (`TLSRPT105`, any case) or name (`missing-rua`).
pub fn find(key: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

/// What a check sees: one record, its kind, and its value parsed once for all rules.
pub struct RecordCtx<'a> {
    pub record: &'a Record,
    /// The kind of its name, or [`RecordKind::Policy`] where a policy CNAME points here.
    pub kind: RecordKind,
    /// The TXT value parsed into fields, once for all rules (`None` for other types).
    pub syntax: Option<Syntax>,
    /// The TXT value reads as an attempt at its kind's record, judged once for all rules.
    attempt: bool,
}

impl<'a> RecordCtx<'a> {
    pub fn new(record: &'a Record, kind: RecordKind) -> RecordCtx<'a> {
        RecordCtx {
            record,
            kind,
            syntax: record.txt().map(|txt| record::parse(txt.value.text())),
            attempt: common::is_attempt(record, kind),
        }
    }

    /// The source span of a range of the decoded TXT value, or of a policy file (which is
    /// its own value); the record's span otherwise.
    pub fn span(&self, range: Range<u32>) -> Span {
        match &self.record.data {
            RData::Txt(txt) => txt.value.source_span(range),
            RData::Policy(_) => Span::new(range.start, range.end),
            _ => self.record.span,
        }
    }

    /// A diagnostic at a range of the record's decoded TXT value (or at the record itself
    /// when it has no TXT value).
    pub fn diagnostic(
        &self,
        rule: &'static Rule,
        range: Range<u32>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let span = self.span(range);
        Diagnostic::new(rule, Location::new(&self.record.source, span), message)
            .with_record(self.record.reference())
    }
}

/// What a set check sees: the records at one name, the model, the settings, and the
/// policy inventory of the run.
pub struct SetCtx<'a> {
    pub model: &'a Model<'a>,
    pub set: &'a RecordSet,
    /// The index of `set` in the model.
    pub index: usize,
    pub settings: &'a Settings,
    /// Every policy of the run, in set order ([`crate::inventory::collect`]).
    pub inventory: &'a [Policy],
}

impl<'a> SetCtx<'a> {
    /// The records at this name, in input order.
    pub fn records(&self) -> impl Iterator<Item = &'a Record> + 'a {
        self.model.records_of(self.set)
    }

    /// The policies published at this name (empty unless it is a policy name).
    pub fn policies(&self) -> &'a [Policy] {
        let start = self.inventory.partition_point(|p| p.set < self.index);
        let end = self.inventory.partition_point(|p| p.set <= self.index);
        &self.inventory[start..end]
    }

    /// Every `rua` destination with `status` of the policies at this name: (policy record,
    /// policy domain, destination).
    pub fn destinations(&self, status: Status) -> Vec<(&'a Record, &'a str, &'a Destination)> {
        let mut out = Vec::new();
        for policy in self.policies() {
            let record = &self.model.records[policy.record];
            let found = policy.destinations.iter().filter(|d| d.status == status);
            out.extend(found.map(|d| (record, policy.domain.as_str(), d)));
        }
        out
    }

    /// A diagnostic at a range of `record`'s decoded TXT value (at the record without one).
    pub fn value_diagnostic(
        &self,
        rule: &'static Rule,
        record: &Record,
        range: Range<u32>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let span = record
            .txt()
            .map_or(record.span, |t| t.value.source_span(range));
        self.diagnostic(rule, record, span, message)
    }

    /// A diagnostic at `span` of `record`'s source, about `record`.
    pub fn diagnostic(
        &self,
        rule: &'static Rule,
        record: &Record,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(rule, Location::new(&record.source, span), message)
            .with_record(record.reference())
    }
}

/// Runs every selected record check on one record, judged as `kind`.
pub fn check_record(
    record: &Record,
    kind: RecordKind,
    selected: &[&'static Rule],
    out: &mut Vec<Diagnostic>,
) {
    let ctx = RecordCtx::new(record, kind);
    for rule in selected {
        if let Some(Check::Record(check)) = rule.check {
            check(&ctx, out);
        }
    }
}

/// Runs every selected record check on the model's records in `range`, each judged as its
/// set's kind. Returns their diagnostics and, per record of `range`, whether it has any.
/// Records are independent of each other, so ranges may be checked on different threads.
pub fn check_records(
    model: &Model<'_>,
    selected: &[&'static Rule],
    range: Range<usize>,
) -> (Vec<Diagnostic>, Vec<bool>) {
    let mut out = Vec::new();
    let mut flagged = Vec::with_capacity(range.len());
    for i in range {
        let before = out.len();
        check_record(&model.records[i], model.set_of(i).kind, selected, &mut out);
        flagged.push(out.len() > before);
    }
    (out, flagged)
}

/// Runs every selected set check on each record set of the model. Sets `flagged[i]` (one
/// entry per record) for each record a diagnostic starts inside.
pub fn check_sets(
    model: &Model<'_>,
    settings: &Settings,
    inventory: &[Policy],
    selected: &[&'static Rule],
    out: &mut Vec<Diagnostic>,
    flagged: &mut [bool],
) {
    for (index, set) in model.sets.iter().enumerate() {
        let ctx = SetCtx {
            model,
            set,
            index,
            settings,
            inventory,
        };
        let before = out.len();
        for rule in selected {
            if let Some(Check::Set(check)) = rule.check {
                check(&ctx, out);
            }
        }
        // A set's records are in (path, offset) order: the record a diagnostic starts in
        // is the last one starting before it, found by binary search.
        for d in &out[before..] {
            let at = (d.location.source.path.as_str(), d.location.span.start);
            let key = |i: usize| {
                let r = &model.records[i];
                (r.source.path.as_str(), r.span.start)
            };
            let after = set.records.partition_point(|&i| key(i) <= at);
            let inside = after
                .checked_sub(1)
                .map(|k| set.records[k])
                .filter(|&i| key(i).0 == at.0 && at.1 <= model.records[i].span.end);
            if let Some(i) = inside {
                flagged[i] = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes: Vec<_> = ALL.iter().map(|r| r.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), ALL.len());
        let mut names: Vec<_> = ALL.iter().map(|r| r.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
        for rule in ALL {
            assert!(rule.code.len() == 9 && rule.code.starts_with("TLSRPT"));
            assert!(rule.code[6..].bytes().all(|b| b.is_ascii_digit()));
            assert!(rule
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-'));
            assert!(!rule.summary.ends_with('.'), "{}", rule.name);
            assert!(
                rule.summary.starts_with(|c: char| !c.is_ascii_uppercase()),
                "{}",
                rule.name
            );
        }
        let in_order: Vec<_> = ALL.iter().map(|r| r.code).collect();
        assert_eq!(in_order, codes, "ALL is in code order");
    }

    #[test]
    fn every_rule_documents_every_section() {
        for rule in ALL {
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Use instead",
                "## References",
            ] {
                assert!(rule.docs.contains(section), "{} lacks {section}", rule.name);
            }
        }
    }
}
