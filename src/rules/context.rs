//! What a check sees: one record ([`RecordCtx`]) or one record set with the whole model
//! ([`SetCtx`]), and [`Check`], the two shapes of check over them. Rule files import these
//! (and `helpers`), never each other.

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Location};
use crate::inventory::{Destination, Status, TlsrptPolicy};
use crate::model::{Model, RData, Record, RecordKind, RecordSet};
use crate::record::{self, Syntax};
use crate::rule::Rule;
use crate::text::Span;

use super::helpers::{attempt, FieldCheck};

/// What a rule checks; each pushes what it finds.
#[derive(Clone, Copy, Debug)]
pub enum Check {
    /// One record at a time.
    Record(fn(&RecordCtx<'_>, &mut Vec<Diagnostic>)),
    /// One record set at a time, with the whole model.
    Set(fn(&SetCtx<'_>, &mut Vec<Diagnostic>)),
}

/// What a check sees: one record, its kind, and its value parsed once for all rules.
pub struct RecordCtx<'a> {
    pub record: &'a Record,
    /// The kind of its name, or [`RecordKind::Policy`] where a policy CNAME points here.
    pub kind: RecordKind,
    /// The TXT value parsed into fields, once for all rules (`None` for other types).
    pub syntax: Option<Syntax>,
    /// The TXT value reads as an attempt at its kind's record, judged once for all rules.
    pub(super) attempt: bool,
    /// The catalogue's field checks (see [`RecordCtx::field_checks`]).
    fields: &'static [Option<FieldCheck>],
}

impl<'a> RecordCtx<'a> {
    /// `fields`: each rule's field check, where it declares one, in code order.
    pub fn new(
        record: &'a Record,
        kind: RecordKind,
        fields: &'static [Option<FieldCheck>],
    ) -> RecordCtx<'a> {
        RecordCtx {
            record,
            kind,
            syntax: record.txt().map(|txt| record::parse(txt.value.text())),
            attempt: attempt::is_attempt(record, kind),
            fields,
        }
    }

    /// The 1xx rules' findings over a value in either dialect, in code order: how
    /// `invalid-mta-sts-record` reuses them through data rather than imports.
    pub fn field_checks(&self) -> impl Iterator<Item = FieldCheck> + '_ {
        self.fields.iter().flatten().copied()
    }

    /// The source span of a range of the decoded TXT value, or of a policy file (which is
    /// its own value); the record's span otherwise.
    pub fn span(&self, range: Range<u32>) -> Span {
        match &self.record.data {
            RData::Txt(txt) => txt.value.source_span(range),
            RData::StsPolicy(_) => Span::new(range.start, range.end),
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

/// What a set check sees: the records at one name, the model, the settings set checks read, and the
/// policy inventory of the run.
pub struct SetCtx<'a> {
    pub model: &'a Model<'a>,
    pub set: &'a RecordSet,
    /// The index of `set` in the model.
    pub index: usize,
    /// The TTL floor in seconds, when the configuration sets one (`short-ttl`).
    pub short_ttl: Option<u32>,
    /// Every policy of the run, in set order ([`crate::inventory::collect`]).
    pub inventory: &'a [TlsrptPolicy],
}

impl<'a> SetCtx<'a> {
    /// The records at this name, in input order.
    pub fn records(&self) -> impl Iterator<Item = &'a Record> + 'a {
        self.model.records_of(self.set)
    }

    /// The policies published at this name (empty unless it is a policy name).
    pub fn policies(&self) -> &'a [TlsrptPolicy] {
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
