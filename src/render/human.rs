//! The human format: rustc-style annotated snippets via `annotate-snippets`.
//!
//! annotate-snippets is handed only the lines around each span (an [`Excerpt`]), never a
//! whole file: files can be large and have thousands of findings. The excerpt is prepared
//! so that the `--> path:line:col` it prints agrees with [`Source::position`]: it starts
//! after a byte-order mark, a lone `\r` (a line end for us, not for it) becomes `\n`, and
//! spans are clamped to the excerpt and to character boundaries, so odd spans never panic.

use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{
    Annotation, AnnotationKind, Group, Level, Origin, Patch, Renderer, Snippet,
};

use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::text::{Source, Span};
use crate::Outcome;

/// Marks at most this many lines apart share one excerpt; farther ones get their own.
const MAX_GAP: u32 = 3;
/// A fix whose edits span more lines than this is described but not shown.
const MAX_FIX_LINES: u32 = 12;

pub fn write(outcome: &Outcome, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii);
    for diagnostic in &outcome.diagnostics {
        writeln!(out, "{}\n", render_one(&renderer, diagnostic))?;
    }
    writeln!(out, "{}", super::summary(outcome))
}

/// One diagnostic as annotate-snippets prints it.
fn render_one(renderer: &Renderer, diagnostic: &Diagnostic) -> String {
    let excerpts = excerpts(diagnostic);
    let id = super::rule_id(diagnostic);
    let mut title = level(diagnostic.severity)
        .primary_title(diagnostic.message.as_str())
        .id(id.as_str())
        .elements(excerpts.iter().map(Excerpt::element));
    if let Some(help) = &diagnostic.help {
        title = title.element(Level::HELP.message(help.as_str()));
    }
    let fix = diagnostic
        .fix
        .as_ref()
        .map(|fix| FixView::new(diagnostic, fix));
    let mut groups = vec![title];
    if let Some(fix) = &fix {
        groups.push(fix.group());
    }
    renderer.render(&groups)
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// A span to underline, with its label.
struct Mark<'a> {
    span: Span,
    /// The first and last line the span touches.
    lines: (u32, u32),
    label: Option<&'a str>,
    primary: bool,
}

/// Whole lines of one source around some marks, ready for annotate-snippets.
struct Excerpt<'a> {
    source: &'a Source,
    /// Line number of the first line.
    line: u32,
    /// Byte range of the source shown.
    range: Range<usize>,
    /// The shown text, lone `\r` turned into `\n` (same length, so offsets hold).
    text: String,
    marks: Vec<Mark<'a>>,
}

impl<'a> Excerpt<'a> {
    /// The excerpt of whole lines `first..=last` of `source`.
    fn lines(source: &'a Source, first: u32, last: u32) -> Excerpt<'a> {
        let lines = source.lines();
        let start = lines.line_start(first) as usize;
        let end = if (last as usize) < lines.line_count() {
            let next = lines.line_start(last + 1) as usize;
            let text = source.text.as_bytes();
            match &text[..next] {
                [.., b'\r', b'\n'] => next - 2,
                _ => next - 1,
            }
        } else {
            source.text.len()
        };
        let end = end.max(start);
        Excerpt {
            source,
            line: first,
            text: without_lone_cr(&source.text[start..end]),
            range: start..end,
            marks: Vec::new(),
        }
    }

    /// `span` as a range of this excerpt, within it and on character boundaries.
    fn local(&self, span: Span) -> Range<usize> {
        let clamp = |offset: u32| {
            (offset as usize).clamp(self.range.start, self.range.end) - self.range.start
        };
        let mut start = clamp(span.start);
        let mut end = clamp(span.end).max(start);
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        start..end
    }

    fn element(&self) -> annotate_snippets::Element<'_> {
        if self.source.text.is_empty() {
            // Nothing to show (an unreadable file): just say where.
            return Origin::path(self.source.path.as_str())
                .line(1)
                .char_column(1)
                .into();
        }
        let annotations = self.marks.iter().map(|mark| {
            let kind = if mark.primary {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            kind.span(self.local(mark.span)).label(mark.label)
        });
        Snippet::<Annotation>::source(self.text.as_str())
            .path(self.source.path.as_str())
            .line_start(self.line as usize)
            .annotations(annotations)
            .into()
    }
}

/// The text with every `\r` that does not start a `\r\n` replaced by `\n`.
fn without_lone_cr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(if c == '\r' && chars.peek() != Some(&'\n') {
            '\n'
        } else {
            c
        });
    }
    out
}

impl<'a> Mark<'a> {
    fn new(source: &Source, span: Span, label: Option<&'a str>, primary: bool) -> Mark<'a> {
        Mark {
            span,
            lines: line_range(source, span),
            label,
            primary,
        }
    }
}

/// The first and last line a span touches.
fn line_range(source: &Source, span: Span) -> (u32, u32) {
    (
        source.position(span.start).line,
        source.position(span.end).line,
    )
}

/// The diagnostic's marks, grouped into excerpts: the primary span's first, then the rest
/// in order of source (first appearance) and line. Marks a few lines apart share one.
fn excerpts(diagnostic: &Diagnostic) -> Vec<Excerpt<'_>> {
    let primary = &diagnostic.location;
    let mut marks = vec![(
        &primary.source,
        Mark::new(
            &primary.source,
            primary.span,
            diagnostic.primary_label.as_deref(),
            true,
        ),
    )];
    for label in &diagnostic.labels {
        let location = &label.location;
        let message = Some(label.message.as_str());
        marks.push((
            &location.source,
            Mark::new(&location.source, location.span, message, false),
        ));
    }
    let mut by_source: Vec<(&Arc<Source>, Vec<Mark>)> = Vec::new();
    for (source, mark) in marks {
        match by_source.iter_mut().find(|(s, _)| Arc::ptr_eq(s, source)) {
            Some((_, here)) => here.push(mark),
            None => by_source.push((source, vec![mark])),
        }
    }
    let mut excerpts = Vec::new();
    for (source, mut here) in by_source {
        here.sort_by_key(|mark| mark.lines);
        let mut clusters: Vec<(u32, u32, Vec<Mark>)> = Vec::new();
        for mark in here {
            let (first, last) = mark.lines;
            match clusters.last_mut() {
                Some((_, end, cluster)) if first <= *end + MAX_GAP => {
                    *end = (*end).max(last);
                    cluster.push(mark);
                }
                _ => clusters.push((first, last, vec![mark])),
            }
        }
        // The primary span's excerpt comes first.
        clusters.sort_by_key(|(_, _, cluster)| !cluster.iter().any(|m| m.primary));
        for (first, last, marks) in clusters {
            excerpts.push(Excerpt {
                marks,
                ..Excerpt::lines(source, first, last)
            });
        }
    }
    excerpts
}

/// A fix as a help title and, when its edits are in the primary source and close
/// together, the patched lines.
struct FixView<'a> {
    title: String,
    excerpt: Option<(Excerpt<'a>, &'a Fix)>,
}

impl<'a> FixView<'a> {
    fn new(diagnostic: &'a Diagnostic, fix: &'a Fix) -> FixView<'a> {
        let kind = match fix.applicability {
            Applicability::Safe => "safe fix",
            Applicability::Unsafe => "unsafe fix",
        };
        let source = &diagnostic.location.source;
        let covered = fix
            .edits
            .iter()
            .map(|e| e.span)
            .reduce(Span::cover)
            .filter(|_| !source.text.is_empty());
        let excerpt = covered
            .map(|span| line_range(source, span))
            .filter(|(first, last)| last - first < MAX_FIX_LINES)
            .map(|(first, last)| (Excerpt::lines(source, first, last), fix));
        FixView {
            title: format!("{} ({kind})", fix.message),
            excerpt,
        }
    }

    fn group(&self) -> Group<'_> {
        let title = Group::with_title(Level::HELP.secondary_title(self.title.as_str()));
        match &self.excerpt {
            Some((excerpt, fix)) => {
                let patches = fix
                    .edits
                    .iter()
                    .map(|e| Patch::new(excerpt.local(e.span), e.replacement.as_str()));
                title.element(
                    Snippet::<Patch>::source(excerpt.text.as_str())
                        .path(excerpt.source.path.as_str())
                        .line_start(excerpt.line as usize)
                        .patches(patches),
                )
            }
            None => title,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample;
    use super::*;
    use crate::diagnostic::Location;

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
}
