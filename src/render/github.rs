//! The GitHub format: one workflow command per finding, which the Actions runner turns into
//! an annotation on the file and line (in the pull request's "Files changed" too):
//!
//! `::error file=zones/a.zone,line=3,endLine=3,col=5,endColumn=9,title=TLSRPT105 missing-rua::policy has no ...`
//!
//! Errors are `error`, warnings `warning`, infos `notice`. Columns are UTF-16 code units like
//! SARIF's (GitHub's front end counts in them), `endColumn` is exclusive, and `col` and
//! `endColumn` are given only when the finding starts and ends on one line, as the runner
//! requires. The message is the diagnostic's, then one `path:line:col: label` line per
//! secondary label (columns there in Unicode scalars, as in the other text formats), then
//! `help: ...`, as ruff appends its help: an annotation is all a reviewer sees. Nothing else
//! is printed, not even a summary, so the output is only commands.
//!
//! Escaping follows the Actions toolkit (`escapeData`, `escapeProperty`): the message gets
//! `%`, CR and LF encoded, property values also `:` and `,`; `%` first, since the runner
//! decodes it last.

use std::io::{self, Write};

use super::utf16_position;
use crate::diagnostic::{Diagnostic, Severity};
use crate::pipeline::Outcome;

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    for d in &outcome.diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let source = &d.location.source;
        let (line, col) = utf16_position(source, d.location.span.start);
        let (end_line, end_column) = utf16_position(source, d.location.span.end);
        write!(
            out,
            "::{command} file={},line={line},endLine={end_line}",
            escape_property(&source.path)
        )?;
        if line == end_line {
            write!(out, ",col={col},endColumn={end_column}")?;
        }
        writeln!(
            out,
            ",title={}::{}",
            escape_property(&super::rule_id(d)),
            escape_data(&message(d))
        )?;
    }
    Ok(())
}

/// The message, the labels with their places, and the help, one per line.
fn message(d: &Diagnostic) -> String {
    let mut text = d.message.clone();
    for label in &d.labels {
        let source = &label.location.source;
        let at = source.position(label.location.span.start);
        text.push_str(&format!(
            "\n{}:{}:{}: {}",
            source.path, at.line, at.column, label.message
        ));
    }
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    text
}

/// A command's message: `%`, CR and LF encoded.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as the message, and `:` and `,` too (they end values and properties).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    #[test]
    fn escaping_encodes_percent_first() {
        assert_eq!(escape_data("50%0A: a,b\r\nc"), "50%250A: a,b%0D%0Ac");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn one_command_per_finding_with_columns_on_one_line_only() {
        let mut outcome = sample();
        // Make the second finding span two lines.
        let other = std::sync::Arc::new(crate::text::Source::new("z,1.zone", "ab\ncd\n"));
        outcome.diagnostics[1].location =
            crate::diagnostic::Location::new(&other, crate::text::Span::new(1, 4));
        let mut out = Vec::new();
        write(&outcome, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "::error file=zones/db.example.com,line=2,endLine=2,col=20,endColumn=56,\
             title=TLSRPT105 missing-rua::the policy has no `rua` field\
             %0Azones/other.zone:1:1: other record here%0Ahelp: add `rua=mailto:...`\n\
             ::warning file=z%2C1.zone,line=1,endLine=2,title=TLSRPT001 source-syntax-error::bad\n"
        );
    }
}
