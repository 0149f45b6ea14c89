//! Excerpts for the human format: annotate-snippets is handed only the lines around each
//! span (an [`Excerpt`]), never a whole file: files can be large and have thousands of
//! findings. The excerpt is prepared so that the `--> path:line:col` it prints agrees with
//! [`Source::position`]: it starts after a byte-order mark, a lone `\r` (a line end for us,
//! not for it) becomes `\n`, and spans are clamped to the excerpt and to character
//! boundaries, so odd spans never panic.
//!
//! A very long line (a 100 MB one-line file) would cost annotate-snippets seconds and
//! gigabytes, so an excerpt over [`MAX_EXCERPT`] bytes is cut to a window around its first
//! mark, with `...` where the line goes on. annotate-snippets would count the header's
//! column from the window's start, so a cut excerpt gives its own origin instead.

use std::ops::Range;
use std::sync::Arc;

use annotate_snippets::{Annotation, AnnotationKind, Origin, Snippet};

use crate::diagnostic::Diagnostic;
use crate::text::{Position, Source, Span};

/// Marks at most this many lines apart share one excerpt; farther ones get their own.
const MAX_GAP: u32 = 3;
/// An excerpt longer than this (in bytes) is cut to a window; a fix over it is not shown.
pub(super) const MAX_EXCERPT: usize = 4096;
/// How much a cut excerpt shows before its first mark, and in all (in bytes).
const WINDOW_BEFORE: usize = 100;
const WINDOW: usize = 400;
/// Where a cut excerpt leaves text out.
const ELLIPSIS: &str = "...";

/// A span to underline, with its label.
pub(super) struct Mark<'a> {
    span: Span,
    /// The first and last line the span touches.
    lines: (u32, u32),
    label: Option<&'a str>,
    primary: bool,
}

/// Lines of one source around some marks (a window of them when they are long), ready for
/// annotate-snippets.
pub(super) struct Excerpt<'a> {
    pub(super) source: &'a Source,
    /// Line number of the first line.
    pub(super) line: u32,
    /// Byte range of the source shown.
    range: Range<usize>,
    /// The shown text: an [`ELLIPSIS`] where a cut leaves text out, lone `\r` turned into
    /// `\n` (same length, so offsets hold).
    pub(super) text: String,
    /// Bytes of `text` before the source's (the leading [`ELLIPSIS`]).
    lead: usize,
    /// The position the header names, when the excerpt is cut.
    pub(super) origin: Option<Position>,
    marks: Vec<Mark<'a>>,
}

impl<'a> Excerpt<'a> {
    /// The excerpt of lines `first..=last` of `source` with `marks`, cut to a window around
    /// the primary (or first) mark when it is over [`MAX_EXCERPT`] bytes.
    pub(super) fn new(
        source: &'a Source,
        first: u32,
        last: u32,
        marks: Vec<Mark<'a>>,
    ) -> Excerpt<'a> {
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
    pub(super) fn local(&self, span: Span) -> Range<usize> {
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
    pub(super) fn elements(&self) -> Vec<annotate_snippets::Element<'_>> {
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
pub(super) fn line_bytes(source: &Source, first: u32, last: u32) -> Range<usize> {
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

pub(super) fn floor_char_boundary(text: &str, mut at: usize) -> usize {
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
    pub(super) fn new(
        source: &Source,
        span: Span,
        label: Option<&'a str>,
        primary: bool,
    ) -> Mark<'a> {
        Mark {
            span,
            lines: line_range(source, span),
            label,
            primary,
        }
    }
}

/// The first and last line a span touches.
pub(super) fn line_range(source: &Source, span: Span) -> (u32, u32) {
    (
        source.position(span.start).line,
        source.position(span.end).line,
    )
}

/// The diagnostic's marks, grouped into excerpts: the primary span's first, then the rest
/// in order of source (first appearance) and line. Marks a few lines apart share one.
pub(super) fn excerpts(diagnostic: &Diagnostic) -> Vec<Excerpt<'_>> {
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
