//! The diagnostic model: what every rule produces and every renderer reads.
//!
//! Problems in the linted input are always diagnostics, never `Err`. A diagnostic carries
//! its own source (an `Arc<Source>`), so files can be linted in parallel and rendered in any
//! order; renderers sort by (path, position, code).

use std::sync::Arc;

use crate::model::RecordRef;
use crate::rule::Rule;
use crate::text::{Source, Span};

pub use crate::rule::Severity;

/// A place in a source.
#[derive(Clone, Debug)]
pub struct Location {
    pub source: Arc<Source>,
    pub span: Span,
}

impl Location {
    pub fn new(source: &Arc<Source>, span: Span) -> Location {
        Location {
            source: Arc::clone(source),
            span,
        }
    }
}

/// A secondary place that explains the finding ("first policy record here").
#[derive(Clone, Debug)]
pub struct Label {
    pub location: Location,
    pub message: String,
}

/// Whether a fix can be applied without a person checking it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applicability {
    Safe,
    Unsafe,
}

/// A replacement of source bytes.
#[derive(Clone, Debug)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

#[derive(Clone, Debug)]
pub struct Fix {
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    pub location: Location,
    /// Text under the primary span, if any ("no `rua` here").
    pub primary_label: Option<String>,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
    pub record: Option<RecordRef>,
}

impl Diagnostic {
    pub fn new(rule: &'static Rule, location: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule,
            severity: rule.severity,
            message: message.into(),
            location,
            primary_label: None,
            labels: Vec::new(),
            help: None,
            fix: None,
            record: None,
        }
    }

    pub fn with_primary_label(mut self, text: impl Into<String>) -> Diagnostic {
        self.primary_label = Some(text.into());
        self
    }

    pub fn with_label(mut self, location: Location, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            location,
            message: message.into(),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(fix);
        self
    }

    pub fn with_record(mut self, record: RecordRef) -> Diagnostic {
        self.record = Some(record);
        self
    }

    /// The order output is printed in: path, position, code, then message (so equal
    /// inputs give byte-identical output whatever the thread count).
    pub fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (
            &self.location.source.path,
            self.location.span.start,
            self.location.span.end,
            self.rule.code,
            &self.message,
        )
    }
}

/// Sorts diagnostics into output order, and keeps one of each rule at the same bytes: a
/// file read twice (on its own and through an `$INCLUDE`), or two paths to one finding,
/// is still one problem.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup_by(|b, a| {
        a.rule == b.rule
            && a.location.source.path == b.location.source.path
            && a.location.span == b.location.span
    });
}
