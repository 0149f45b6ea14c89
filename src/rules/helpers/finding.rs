//! [`Finding`], a diagnostic still in decoded-value ranges: the 1xx rules return findings,
//! each rule's check reports them for policies under its code, and `invalid-mta-sts-record`
//! reports the same findings for `_mta-sts` records under one code. Findings stay in decoded
//! ranges until [`RecordCtx::emit`] maps them to source spans, and their fix edits through
//! [`source_edits`](super::source_edits).

use std::ops::Range;

use super::source_edits::source_edits;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Location};
use crate::model::RecordKind;
use crate::record::dialect::{Dialect, ParsedValue, STS, TLSRPT};
use crate::rule::Rule;
use crate::rules::context::RecordCtx;

/// A rule's findings over a value in either dialect: how `invalid-mta-sts-record` reuses
/// the 1xx rules that declare one (`fields:` in `declare_rule!`), in code order.
pub type FieldCheck = fn(&ParsedValue<'_>) -> Vec<Finding>;

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
    pub fn policy(&self) -> Option<ParsedValue<'_>> {
        self.value(RecordKind::Policy, &TLSRPT)
    }

    /// The value of an MTA-STS attempt at an `_mta-sts` name.
    pub fn mta_sts(&self) -> Option<ParsedValue<'_>> {
        self.value(RecordKind::MtaSts, &STS)
    }

    fn value(&self, kind: RecordKind, dialect: &'static Dialect) -> Option<ParsedValue<'_>> {
        let text = self.record.txt()?.value.text();
        if self.kind != kind || !self.attempt {
            return None;
        }
        Some(ParsedValue {
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
            let fix = f
                .fix
                .map(|fix| match source_edits(self.record, &fix.edits) {
                    Ok(edits) => Ok(Fix {
                        message: fix.message,
                        applicability: fix.applicability,
                        edits,
                    }),
                    Err(why) => Err(format!("no automatic fix: {why}")),
                })
                .transpose();
            match (f.help, fix) {
                (Some(help), Err(why)) => d = d.with_help(format!("{help} ({why})")),
                (None, Err(why)) => d = d.with_help(why),
                (help, Ok(fix)) => {
                    if let Some(help) = help {
                        d = d.with_help(help);
                    }
                    if let Some(fix) = fix {
                        d = d.with_fix(fix);
                    }
                }
            }
            out.push(d);
        }
    }
}
