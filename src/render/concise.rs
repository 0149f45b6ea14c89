//! The concise format: one `path:line:col: severity[CODE name] message` line per finding
//! (the shape editors, `grep` and compilers' error parsers expect), then the summary.

use std::io::{self, Write};

use crate::pipeline::Outcome;

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    for diagnostic in &outcome.diagnostics {
        let source = &diagnostic.location.source;
        let start = source.position(diagnostic.location.span.start);
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            source.path,
            start.line,
            start.column,
            diagnostic.severity.as_str(),
            super::rule_id(diagnostic),
            one_line(&diagnostic.message),
        )?;
    }
    writeln!(out, "{}", super::summary(outcome))
}

/// The message with control characters escaped, so one finding stays one line.
fn one_line(message: &str) -> String {
    message
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;

    #[test]
    fn one_line_per_finding_then_the_summary() {
        let mut out = Vec::new();
        write(&sample(), &mut out).unwrap();
        assert_eq!(one_line("a\tb\r\n\u{1b}é"), "a\\tb\\r\\n\\u{1b}é");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "zones/db.example.com:2:20: error[TLSRPT105 missing-rua] the policy has no `rua` field\n\
             zones/other.zone:1:10: warning[TLSRPT001 source-syntax-error] bad\n\
             Found 1 error, 1 warning, 0 infos in 2 files (12 files scanned).\n"
        );
    }
}
