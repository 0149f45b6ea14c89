//! The human format's output: header columns, windows on long lines, excerpts, colour.

use super::super::tests::sample;
use std::sync::Arc;

use super::excerpt::floor_char_boundary;
use super::*;
use crate::diagnostic::Location;
use crate::text::Source;

fn plain(outcome: &Outcome) -> String {
    let mut out = Vec::new();
    write(outcome, false, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The `path:line:col` the snippet header prints for a finding over `span`.
fn header(text: &str, span: Span) -> String {
    let source = Arc::new(Source::new("f.zone", text));
    let outcome = Outcome {
        diagnostics: vec![super::super::tests::diagnostic(&source, span, "m")],
        ..Outcome::default()
    };
    let out = plain(&outcome);
    let line = out.lines().nth(1).unwrap_or_default();
    line.trim_start()
        .strip_prefix("--> ")
        .unwrap_or_else(|| panic!("no header in {out}"))
        .to_string()
}

/// What `Source::position` says, as `path:line:col`.
fn expected(text: &str, offset: u32) -> String {
    let p = Source::new("f.zone", text).position(offset);
    format!("f.zone:{}:{}", p.line, p.column)
}

const LONG_LINE: &str = concat!(
    "a IN TXT \"",
    "0123456789é123456789012345678901234567890123456789012345678901234567890123456789",
    "0123456789012345678901234567890123456789012345678901234567890123456789012345678",
    "0123456789012345678901234567890123456789012345678901234567890123456789012345678",
    "0123456789012345678901234567890123456789012345678901234567890123456789012345678",
    "0123456789012345678901234567890123456789012345678901234567890123456789012345678",
    "0123456789012345678901234567890123456789012345678901234567890123456789012345678",
    "\"\n"
);

#[test]
fn header_columns_match_source_positions() {
    let cases: &[(&str, Span)] = &[
        // Non-ASCII before the span.
        ("a IN TXT \"é😀 v=TLSRPTv1\"\n", Span::new(16, 26)),
        // Tabs count one column each.
        ("a\tIN\tTXT\t\"v\"\n", Span::new(9, 12)),
        // CRLF line endings.
        (
            "$TTL 1\r\na IN TXT \"v\"\r\nb IN TXT \"w\"\r\n",
            Span::new(31, 34),
        ),
        // A byte-order mark is not a column.
        ("\u{feff}a IN TXT \"v\"\n", Span::new(5, 7)),
        ("\u{feff}a IN TXT \"v\"\n", Span::new(3, 4)),
        // An empty span at the end of a line, of a CRLF line, of the file.
        ("a IN TXT \"v\"\nb\n", Span::at(12)),
        ("a IN TXT \"v\"\r\nb\r\n", Span::at(12)),
        ("a IN TXT \"v\"\n", Span::at(13)),
        ("a IN TXT \"v\"", Span::at(12)),
        // A span over several lines.
        ("a IN TXT ( \"v\"\n  \"w\" )\nb\n", Span::new(11, 20)),
        // Far along a long line (annotate-snippets trims what it shows).
        (LONG_LINE, Span::new(400, 405)),
        // A lone CR ends a line.
        ("a IN TXT \"v\"\rb IN TXT \"w\"\r", Span::new(22, 25)),
    ];
    for (text, span) in cases {
        assert_eq!(
            header(text, *span),
            expected(text, span.start),
            "{text:?} {span:?}"
        );
    }
}

/// A zone of one `len`-byte line with a multi-byte character every 7 bytes.
fn one_long_line(len: usize) -> String {
    let mut text = String::from("a IN TXT \"");
    while text.len() < len {
        text.push_str("abcdé ");
    }
    text.push_str("\"\n");
    text
}

#[test]
fn long_lines_are_cut_to_a_window_around_the_span() {
    let text = one_long_line(1 << 20);
    let start = floor_char_boundary(&text, 600_000) as u32;
    for span in [
        Span::new(start, start + 5),
        Span::new(start, text.len() as u32 - 2),
        Span::new(3, 5),
        Span::at(text.len() as u32 - 1),
    ] {
        let begun = std::time::Instant::now();
        let source = Arc::new(Source::new("f.zone", text.as_str()));
        let d = super::super::tests::diagnostic(&source, span, "m")
            .with_label(Location::new(&source, Span::new(0, 1)), "owner");
        let out = plain(&Outcome {
            diagnostics: vec![d],
            ..Outcome::default()
        });
        assert!(
            begun.elapsed().as_secs() < 2,
            "{span:?}: {:?}",
            begun.elapsed()
        );
        assert!(out.len() < 4000, "{span:?}: {out}");
        let position = source.position(span.start);
        let header = format!("--> f.zone:1:{}", position.column);
        assert!(out.contains(&header), "{span:?}: {header} in {out}");
        assert!(out.contains("..."), "{span:?}: {out}");
    }
    // The columns are still right with the cut.
    let span = Span::new(start, start + 5);
    assert_eq!(header(&text, span), expected(&text, span.start));
}

#[test]
fn a_fix_on_a_long_line_is_described_not_shown() {
    let text = one_long_line(10_000);
    let source = Arc::new(Source::new("f.zone", text.as_str()));
    let span = Span::new(floor_char_boundary(&text, 9000) as u32, 9004);
    let d = super::super::tests::diagnostic(&source, span, "m").with_fix(Fix {
        message: "swap it".to_string(),
        applicability: Applicability::Safe,
        edits: vec![crate::diagnostic::Edit {
            span,
            replacement: "x".to_string(),
        }],
    });
    let out = plain(&Outcome {
        diagnostics: vec![d],
        ..Outcome::default()
    });
    assert!(out.contains("help: swap it (safe fix)"), "{out}");
    assert!(out.len() < 2000, "{out}");
}

#[test]
fn odd_spans_never_panic() {
    let text = "é\r\nx";
    for (start, end) in [
        (1, 1),
        (0, 1),
        (1, 2),
        (2, 3),
        (3, 3),
        (4, 4),
        (6, 6),
        (9, 99),
    ] {
        let span = Span { start, end };
        let _ = header(text, span);
    }
    let _ = header("", Span::at(0));
}

#[test]
fn only_lines_near_the_span_are_shown() {
    let text: String = (0..10_000)
        .map(|i| format!("r{i} IN TXT \"v\"\n"))
        .collect();
    let start = text.find("r5000 ").unwrap() as u32;
    let source = Arc::new(Source::new("big.zone", text));
    let outcome = Outcome {
        diagnostics: vec![super::super::tests::diagnostic(
            &source,
            Span::new(start, start + 5),
            "m",
        )],
        ..Outcome::default()
    };
    let out = plain(&outcome);
    assert!(out.contains("--> big.zone:5001:1"), "{out}");
    assert!(out.lines().count() < 10, "{out}");
}

#[test]
fn labels_far_apart_get_their_own_excerpts() {
    let text: String = (0..100).map(|i| format!("r{i} IN TXT \"v\"\n")).collect();
    let source = Arc::new(Source::new("z.zone", text));
    let near = source.lines().line_start(51);
    let far = source.lines().line_start(3);
    let d = super::super::tests::diagnostic(&source, Span::new(near, near + 3), "m")
        .with_label(Location::new(&source, Span::new(far, far + 2)), "far");
    let out = plain(&Outcome {
        diagnostics: vec![d],
        ..Outcome::default()
    });
    assert!(out.contains("--> z.zone:51:1"), "{out}");
    assert!(out.contains("::: z.zone:3:1"), "{out}");
    assert!(!out.contains("r20 "), "{out}");
}

#[test]
fn snapshot_of_a_full_diagnostic() {
    assert_eq!(
        plain(&sample()),
        r#"error[TLSRPT105 missing-rua]: the policy has no `rua` field
 --> zones/db.example.com:2:20
  |
2 | _smtp._tls IN TXT "v=TLSRPTv1; ruf=mailto:a@example.com"
  |                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ no `rua` here
  |
 ::: zones/other.zone:1:1
  |
1 | x IN TXT "y"
  | - other record here
  |
  = help: add `rua=mailto:...`
help: rename `ruf` to `rua` (unsafe fix)
  |
2 - _smtp._tls IN TXT "v=TLSRPTv1; ruf=mailto:a@example.com"
2 + _smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:a@example.com"
  |

warning[TLSRPT001 source-syntax-error]: bad
 --> zones/other.zone:1:10
  |
1 | x IN TXT "y"
  |          ^^^

Found 1 error, 1 warning, 0 infos in 2 files (12 files scanned).
"#
    );
}

#[test]
fn colour_only_when_asked() {
    let mut out = Vec::new();
    write(&sample(), true, &mut out).unwrap();
    assert!(String::from_utf8(out).unwrap().contains("\x1b["));
    assert!(!plain(&sample()).contains('\x1b'));
}
