//! The human format: rustc-style annotated snippets via `annotate-snippets`.
//!
//! annotate-snippets is handed only the lines around each span (an [`Excerpt`]), never a
//! whole file: files can be large and have thousands of findings. The excerpt is prepared
//! so that the `--> path:line:col` it prints agrees with [`Source::position`]: it starts
//! after a byte-order mark, a lone `\r` (a line end for us, not for it) becomes `\n`, and
//! spans are clamped to the excerpt and to character boundaries, so odd spans never panic.
//!
//! A very long line (a 100 MB one-line file) would cost annotate-snippets seconds and
//! gigabytes, so an excerpt over [`MAX_EXCERPT`] bytes is cut to a window around its first
//! mark, with `...` where the line goes on. annotate-snippets would count the header's
//! column from the window's start, so a cut excerpt prints its own `-->` origin instead
//! (and the empty `:::` that annotate-snippets then gives the path-less snippet is dropped).

use std::io::{self, Write};
use std::ops::Range;
use std::sync::Arc;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{
    Annotation, AnnotationKind, Group, Level, Origin, Patch, Renderer, Snippet,
};

use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::pipeline::Outcome;
use crate::text::{Position, Source, Span};

/// Marks at most this many lines apart share one excerpt; farther ones get their own.
const MAX_GAP: u32 = 3;
/// A fix whose edits span more lines than this is described but not shown.
const MAX_FIX_LINES: u32 = 12;
/// An excerpt longer than this (in bytes) is cut to a window; a fix over it is not shown.
const MAX_EXCERPT: usize = 4096;
/// How much a cut excerpt shows before its first mark, and in all (in bytes).
const WINDOW_BEFORE: usize = 100;
const WINDOW: usize = 400;
/// Where a cut excerpt leaves text out.
const ELLIPSIS: &str = "...";

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
        .elements(excerpts.iter().flat_map(Excerpt::elements));
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
    let rendered = renderer.render(&groups);
    if excerpts.iter().all(|e| e.origin.is_none()) {
        return rendered;
    }
    // A snippet without a path (after its own origin) still opens with an empty `:::`.
    rendered
        .split_inclusive('\n')
        .filter(|line| without_escapes(line).trim() != ":::")
        .collect()
}

/// A rendered line without its ANSI colour escapes.
fn without_escapes(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('\x1b') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        rest = rest.find('m').map_or("", |end| &rest[end + 1..]);
    }
    out.push_str(rest);
    out
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

/// Lines of one source around some marks (a window of them when they are long), ready for
/// annotate-snippets.
struct Excerpt<'a> {
    source: &'a Source,
    /// Line number of the first line.
    line: u32,
    /// Byte range of the source shown.
    range: Range<usize>,
    /// The shown text: an [`ELLIPSIS`] where a cut leaves text out, lone `\r` turned into
    /// `\n` (same length, so offsets hold).
    text: String,
    /// Bytes of `text` before the source's (the leading [`ELLIPSIS`]).
    lead: usize,
    /// The position the header names, when the excerpt is cut.
    origin: Option<Position>,
    marks: Vec<Mark<'a>>,
}

impl<'a> Excerpt<'a> {
    /// The excerpt of lines `first..=last` of `source` with `marks`, cut to a window around
    /// the primary (or first) mark when it is over [`MAX_EXCERPT`] bytes.
    fn new(source: &'a Source, first: u32, last: u32, marks: Vec<Mark<'a>>) -> Excerpt<'a> {
        let range = line_bytes(source, first, last);
        if range.len() <= MAX_EXCERPT {
            return Excerpt {
                source,
                line: first,
                text: without_lone_cr(&source.text[range.clone()]),
                range,
                lead: 0,
                origin: None,
                marks,
            };
        }
        let text = &source.text;
        let anchor = marks
            .iter()
            .find(|m| m.primary)
            .or(marks.first())
            .map_or(range.start, |m| m.span.start as usize)
            .clamp(range.start, range.end);
        let start =
            floor_char_boundary(text, anchor.saturating_sub(WINDOW_BEFORE).max(range.start));
        let end = ceil_char_boundary(text, (start + WINDOW).min(range.end));
        let bytes = text.as_bytes();
        let cut_before = start > range.start && !matches!(bytes[start - 1], b'\n' | b'\r');
        let cut_after = end < range.end && !matches!(bytes[end], b'\n' | b'\r');
        let mut shown = String::with_capacity(end - start + 2 * ELLIPSIS.len());
        if cut_before {
            shown.push_str(ELLIPSIS);
        }
        shown.push_str(&without_lone_cr(&text[start..end]));
        if cut_after {
            shown.push_str(ELLIPSIS);
        }
        Excerpt {
            source,
            line: source.position(start as u32).line,
            text: shown,
            range: start..end,
            lead: if cut_before { ELLIPSIS.len() } else { 0 },
            origin: Some(source.position(anchor as u32)),
            marks,
        }
    }

    /// `span` as a range of this excerpt, within it and on character boundaries.
    fn local(&self, span: Span) -> Range<usize> {
        let clamp = |offset: u32| {
            (offset as usize).clamp(self.range.start, self.range.end) - self.range.start + self.lead
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

    /// The snippet, after its own origin when the excerpt is cut.
    fn elements(&self) -> Vec<annotate_snippets::Element<'_>> {
        let path = self.source.path.as_str();
        if self.source.text.is_empty() {
            // Nothing to show (an unreadable file): just say where.
            return vec![Origin::path(path).line(1).char_column(1).into()];
        }
        let annotations = self.marks.iter().map(|mark| {
            let kind = if mark.primary {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            kind.span(self.local(mark.span)).label(mark.label)
        });
        let snippet = Snippet::<Annotation>::source(self.text.as_str())
            .line_start(self.line as usize)
            .annotations(annotations);
        match self.origin {
            None => vec![snippet.path(path).into()],
            Some(at) => vec![
                Origin::path(path)
                    .line(at.line as usize)
                    .char_column(at.column as usize)
                    .into(),
                snippet.into(),
            ],
        }
    }
}

/// The bytes of whole lines `first..=last`, without the last line's end.
fn line_bytes(source: &Source, first: u32, last: u32) -> Range<usize> {
    let lines = source.lines();
    let start = lines.line_start(first) as usize;
    let end = if (last as usize) < lines.line_count() {
        let next = lines.line_start(last + 1) as usize;
        match &source.text.as_bytes()[..next] {
            [.., b'\r', b'\n'] => next - 2,
            _ => next - 1,
        }
    } else {
        source.text.len()
    };
    start..end.max(start)
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
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
            excerpts.push(Excerpt::new(source, first, last, marks));
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
            .filter(|&(first, last)| {
                last - first < MAX_FIX_LINES && line_bytes(source, first, last).len() <= MAX_EXCERPT
            })
            .map(|(first, last)| (Excerpt::new(source, first, last, Vec::new()), fix));
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
}
