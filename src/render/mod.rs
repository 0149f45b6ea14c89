//! Output formats. Every renderer reads only the [`Outcome`] (diagnostics and records),
//! never the sources' formats, and writes to any `Write`, so the binary decides where output
//! goes and tests read it from a buffer.
//!
//! - [`human`]: annotated snippets for terminals (the default);
//! - [`concise`]: one `path:line:col: ...` line per finding, for editors and `grep`;
//! - [`json`]: a versioned document for other tools, written by [`pretty`] in batches on
//!   two threads;
//! - [`sarif`]: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers;
//! - [`github`]: GitHub Actions workflow commands, which become pull-request annotations;
//! - [`rule_docs`]: the rule catalogue (`tlsrpt-lint rule`, `docs/rules.md`);
//! - [`records`]: the policy inventory of `tlsrpt-lint records`.

use std::collections::HashSet;
use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::pipeline::Outcome;
use crate::text::Source;

mod concise;
mod github;
mod human;
mod json;
pub mod posture;
mod pretty;
mod records;
pub mod rule_docs;
mod sarif;

pub use json::{diagnostic_value as json_diagnostic, write_records as records_json};
pub use records::write_table as records_table;
pub use sarif::cut_notice as sarif_cut_notice;

/// The `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Debug, Default)]
pub struct Options {
    /// ANSI colour in the human format.
    pub color: bool,
    /// The code-scanning category of the SARIF run (`runs[0].automationDetails.id`).
    pub sarif_category: Option<String>,
}

/// Writes `outcome` in `format`.
pub fn render(
    outcome: &Outcome,
    format: OutputFormat,
    options: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Human => human::write(outcome, options.color, out),
        OutputFormat::Concise => concise::write(outcome, out),
        OutputFormat::Json => json::write(outcome, out),
        OutputFormat::Sarif => sarif::write(outcome, options.sarif_category.as_deref(), out),
        OutputFormat::Github => github::write(outcome, out),
    }
}

/// The last line of the human and concise formats:
/// `Found 3 errors, 1 warning, 0 infos in 2 files (12 files scanned).`, with
/// `, 2 unread mentions` after `scanned` when there are any.
pub fn summary(outcome: &Outcome) -> String {
    let mut scanned = plural(outcome.files_scanned, "file") + " scanned";
    let unread = outcome.unread_mentions();
    if unread > 0 {
        scanned += &format!(", {}", plural(unread, "unread mention"));
    }
    if outcome.diagnostics.is_empty() {
        return format!("No problems found ({scanned}).");
    }
    let files: HashSet<&str> = outcome
        .diagnostics
        .iter()
        .map(|d| d.location.source.path.as_str())
        .collect();
    format!(
        "Found {}, {}, {} in {} ({scanned}).",
        plural(outcome.count(Severity::Error), "error"),
        plural(outcome.count(Severity::Warning), "warning"),
        plural(outcome.count(Severity::Info), "info"),
        plural(files.len(), "file"),
    )
}

pub(crate) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `TLSRPT105 missing-rua`: how a finding names its rule in text formats.
fn rule_id(diagnostic: &Diagnostic) -> String {
    format!("{} {}", diagnostic.rule.code, diagnostic.rule.name)
}

/// 1-based line and column of a byte offset, the column counted in UTF-16 code units: the
/// unit SARIF declares (`columnKind: utf16CodeUnits`) and GitHub's JavaScript front end
/// counts in. An offset inside a character counts as that character's start.
fn utf16_position(source: &Source, offset: u32) -> (u32, u32) {
    let position = source.position(offset);
    let text = source.text.as_str();
    let mut end = position.offset as usize;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // A leading byte-order mark is not a column: line 1 then starts after it.
    let start = (source.lines().line_start(position.line) as usize).min(end);
    let column = text[start..end].encode_utf16().count() as u32 + 1;
    (position.line, column)
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diagnostic::{Applicability, Edit, Fix, Location};
    use crate::model::RecordRef;
    use crate::rules;
    use crate::text::{Source, Span};

    /// A diagnostic over `span` of a source, with its default severity.
    pub fn diagnostic(source: &Arc<Source>, span: Span, message: &str) -> Diagnostic {
        Diagnostic::new(
            rules::find("missing-rua").unwrap(),
            Location::new(source, span),
            message,
        )
    }

    /// An outcome with a few hand-built findings over two files.
    pub fn sample() -> Outcome {
        let zone = Arc::new(Source::new(
            "zones/db.example.com",
            "$ORIGIN example.com.\n_smtp._tls IN TXT \"v=TLSRPTv1; ruf=mailto:a@example.com\"\n",
        ));
        let other = Arc::new(Source::new("zones/other.zone", "x IN TXT \"y\"\n"));
        let first = diagnostic(&zone, Span::new(40, 76), "the policy has no `rua` field")
            .with_primary_label("no `rua` here")
            .with_label(Location::new(&other, Span::new(0, 1)), "other record here")
            .with_help("add `rua=mailto:...`")
            .with_record(RecordRef {
                name: "_smtp._tls.example.com.".into(),
                rtype: "TXT".into(),
            })
            .with_fix(Fix {
                message: "rename `ruf` to `rua`".into(),
                applicability: Applicability::Unsafe,
                edits: vec![Edit {
                    span: Span::new(52, 55),
                    replacement: "rua".into(),
                }],
            });
        let mut second = Diagnostic::new(
            rules::ALL[0],
            Location::new(&other, Span::new(9, 12)),
            "bad",
        );
        second.severity = Severity::Warning;
        Outcome {
            diagnostics: vec![first, second],
            records: Vec::new(),
            policies: Vec::new(),
            mail_domains: Vec::new(),
            files_scanned: 12,
            files_with_records: 1,
        }
    }

    #[test]
    fn summary_counts_and_plurals() {
        let outcome = sample();
        assert_eq!(
            summary(&outcome),
            "Found 1 error, 1 warning, 0 infos in 2 files (12 files scanned)."
        );
        let clean = Outcome {
            files_scanned: 1,
            ..Outcome::default()
        };
        assert_eq!(summary(&clean), "No problems found (1 file scanned).");
    }

    #[test]
    fn utf16_columns_count_astral_characters_twice() {
        let source = Source::new("a", "x\n\u{feff}é😀z\r\n😀");
        let column = |offset| utf16_position(&source, offset);
        assert_eq!(column(0), (1, 1));
        assert_eq!(column(2), (2, 1)); // a BOM that does not start the file is a character
        assert_eq!(column(5), (2, 2)); // after the BOM
        assert_eq!(column(7), (2, 3)); // after `é`
        assert_eq!(column(9), (2, 3)); // inside `😀`: its start
        assert_eq!(column(11), (2, 5)); // after `😀`: two units
        assert_eq!(column(12), (2, 6));
        assert_eq!(column(18), (3, 3)); // end of text after `😀`
        let bom = Source::new("b", "\u{feff}é");
        assert_eq!(utf16_position(&bom, 0), (1, 1));
        assert_eq!(utf16_position(&bom, 3), (1, 1));
        assert_eq!(utf16_position(&bom, 5), (1, 2));
    }
}
