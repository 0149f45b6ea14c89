//! Source text, byte spans, line/column conversion, and decoded values that remember where
//! every byte came from.
//!
//! A TXT value is rarely the bytes in the file: zone-file strings are split and escaped,
//! YAML folds lines, OctoDNS escapes `;`. Extractors build a [`Decoded`] while lexing, piece
//! by piece, so a rule can point at a range of the *decoded* value and the renderer still
//! shows the exact source bytes. Nothing here ever searches the source for decoded text.
//!
//! Positions are `u32` byte offsets everywhere; [`LineIndex`] turns them into 1-based lines
//! and columns (Unicode scalar values) only when rendering.

use std::ops::Range;

/// A byte range in one source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: u32, end: u32) -> Span {
        debug_assert!(start <= end, "span {start}..{end}");
        Span { start, end }
    }

    /// An empty span at `offset`: an insertion point.
    pub fn at(offset: u32) -> Span {
        Span::new(offset, offset)
    }

    pub fn len(self) -> u32 {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A file (or a value given on the command line) being linted. `path` is what users see:
/// relative to the working directory, with `/` separators.
#[derive(Debug)]
pub struct Source {
    pub path: String,
    pub text: String,
    lines: std::sync::OnceLock<LineIndex>,
}

impl Source {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Source {
        Source {
            path: path.into(),
            text: text.into(),
            lines: std::sync::OnceLock::new(),
        }
    }

    /// The line index, built on first use (only files with findings or records need one).
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// 1-based line and column of a byte offset.
    pub fn position(&self, offset: u32) -> Position {
        self.lines().position(&self.text, offset)
    }
}

/// A 1-based line and column; `column` counts Unicode scalar values, `offset` is the byte
/// offset it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub offset: u32,
}

/// Where each line starts. `\n`, `\r\n` and a lone `\r` end lines; a leading byte-order mark
/// is not counted as a column.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// UTF-8 continuation bytes before each [`BLOCK`]-aligned offset: a column is counted in
    /// at most two blocks, not along the whole line (100,000 findings on one 2.5 MB line
    /// took half a minute).
    continuations: Vec<u32>,
}

/// The stride of [`LineIndex::continuations`].
const BLOCK: usize = 4096;

/// Whether `b` continues a UTF-8 character rather than starting one.
fn is_continuation(b: &u8) -> bool {
    (b & 0xC0) == 0x80
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![if text.starts_with('\u{feff}') { 3 } else { 0 }];
        // A whole zone file is indexed for its first finding: find line ends with SIMD.
        let mut ends = memchr::memchr2_iter(b'\n', b'\r', bytes);
        while let Some(i) = ends.next() {
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                ends.next();
                starts.push(i as u32 + 2);
            } else {
                starts.push(i as u32 + 1);
            }
        }
        let mut continuations = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut before = 0;
        for block in bytes.chunks(BLOCK) {
            continuations.push(before);
            if !block.is_ascii() {
                before += block.iter().filter(|b| is_continuation(b)).count() as u32;
            }
        }
        continuations.push(before);
        LineIndex {
            starts,
            continuations,
        }
    }

    /// The continuation bytes of `bytes` (the indexed text) before `offset`.
    fn continuations_before(&self, bytes: &[u8], offset: usize) -> usize {
        let block = offset / BLOCK;
        self.continuations[block] as usize
            + bytes[block * BLOCK..offset]
                .iter()
                .filter(|b| is_continuation(b))
                .count()
    }

    /// The number of lines (a final line ending opens an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: u32) -> u32 {
        self.starts[(line as usize).saturating_sub(1).min(self.starts.len() - 1)]
    }

    /// Position of `offset` in `text` (the text this index was built from). An offset inside
    /// a multi-byte character or a BOM counts as that character's start.
    pub fn position(&self, text: &str, offset: u32) -> Position {
        let offset = offset.min(text.len() as u32);
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1].min(offset);
        let bytes = text.as_bytes();
        let (start_at, end_at) = (start as usize, offset as usize);
        // A short stretch is counted directly; a long one from the block checkpoints.
        let continuations = if end_at - start_at <= BLOCK {
            bytes[start_at..end_at]
                .iter()
                .filter(|b| is_continuation(b))
                .count()
        } else {
            self.continuations_before(bytes, end_at) - self.continuations_before(bytes, start_at)
        };
        let column = (offset - start) - continuations as u32 + 1;
        Position {
            line: line as u32,
            column,
            offset,
        }
    }
}

/// One stretch of decoded text and where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    /// Offset in the decoded text where this piece starts.
    decoded: u32,
    /// The source bytes it was decoded from.
    source: Span,
    /// A byte-for-byte copy: decoded offset `decoded + k` came from `source.start + k`.
    /// Otherwise an escape (`\059`, `\;`, `''`, a folded line break): atomic, every offset
    /// inside maps to the whole source span.
    verbatim: bool,
}

/// A decoded value and the map from its bytes back to source spans.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decoded {
    text: String,
    pieces: Vec<Piece>,
}

impl Decoded {
    /// A value that is its own source, byte for byte, starting at `start`.
    pub fn verbatim(text: &str, start: u32) -> Decoded {
        let mut d = Decoded::default();
        d.push_verbatim(text, start);
        d
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn len(&self) -> u32 {
        self.text.len() as u32
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Appends `text`, copied verbatim from the source at `source_start`.
    pub fn push_verbatim(&mut self, text: &str, source_start: u32) {
        if text.is_empty() {
            return;
        }
        let decoded = self.len();
        let source = Span::new(source_start, source_start + text.len() as u32);
        if let Some(last) = self.pieces.last_mut() {
            if last.verbatim
                && last.source.end == source_start
                && last.decoded + last.source.len() == decoded
            {
                last.source.end = source.end;
                self.text.push_str(text);
                return;
            }
        }
        self.pieces.push(Piece {
            decoded,
            source,
            verbatim: true,
        });
        self.text.push_str(text);
    }

    /// Appends `text` decoded from the escape or construct at `source`.
    pub fn push_escape(&mut self, text: &str, source: Span) {
        if text.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            decoded: self.len(),
            source,
            verbatim: false,
        });
        self.text.push_str(text);
    }

    /// Appends `other` piece by piece, so every byte keeps its source (a value joined
    /// from others: concatenation, interpolation).
    pub fn append(&mut self, other: &Decoded) {
        self.append_range(other, 0..other.len());
    }

    /// Appends `range` of `other`, keeping where each byte came from: a verbatim piece cut
    /// anywhere stays verbatim, and part of an escape keeps the whole escape as its source.
    pub fn append_range(&mut self, other: &Decoded, range: Range<u32>) {
        for (piece, source, verbatim) in other.pieces() {
            let (start, end) = (piece.start.max(range.start), piece.end.min(range.end));
            if start >= end {
                continue;
            }
            let text = &other.text[start as usize..end as usize];
            if verbatim {
                self.push_verbatim(text, source.start + (start - piece.start));
            } else {
                self.push_escape(text, source);
            }
        }
    }

    /// Appends a decoded character (for escapes that decode to one `char`).
    pub fn push_escape_char(&mut self, c: char, source: Span) {
        let mut buf = [0; 4];
        self.push_escape(c.encode_utf8(&mut buf), source);
    }

    /// The source span that the decoded `range` came from. An empty range maps to an
    /// insertion point; a range across several pieces covers everything between them
    /// (the quotes and spaces between two strings, say). A range that splits a character is
    /// widened to the whole character.
    pub fn source_span(&self, range: Range<u32>) -> Span {
        if self.pieces.is_empty() {
            return Span::default();
        }
        let range = self.char_floor(range.start)..self.char_ceil(range.end.max(range.start));
        let start = self.map_offset(range.start, false);
        if range.is_empty() {
            return Span::at(start);
        }
        let end = self.map_offset(range.end, true);
        Span::new(start, end.max(start))
    }

    /// Maps one decoded offset to a source offset. `as_end` says the offset ends a range,
    /// so it belongs to the piece before it.
    fn map_offset(&self, offset: u32, as_end: bool) -> u32 {
        let offset = offset.min(self.len());
        // The piece that holds the byte at `offset` (or, for an end, the byte before it).
        let probe = if as_end {
            offset.saturating_sub(1)
        } else {
            offset
        };
        let index = self
            .pieces
            .partition_point(|p| p.decoded <= probe)
            .saturating_sub(1);
        let piece = self.pieces[index];
        let piece_len = self.piece_len(index);
        if offset == self.len() && !as_end {
            // An insertion point after the last byte: just after the last piece.
            return piece.source.end;
        }
        if piece.verbatim {
            let inner = (offset - piece.decoded).min(piece_len);
            piece.source.start + inner
        } else if as_end {
            piece.source.end
        } else {
            piece.source.start
        }
    }

    fn char_floor(&self, offset: u32) -> u32 {
        let mut offset = offset.min(self.len());
        while !self.text.is_char_boundary(offset as usize) {
            offset -= 1;
        }
        offset
    }

    fn char_ceil(&self, offset: u32) -> u32 {
        let mut offset = offset.min(self.len());
        while !self.text.is_char_boundary(offset as usize) {
            offset += 1;
        }
        offset
    }

    fn piece_len(&self, index: usize) -> u32 {
        let next = self.pieces.get(index + 1).map_or(self.len(), |p| p.decoded);
        next - self.pieces[index].decoded
    }

    /// Every piece as (decoded range, source span, verbatim), for tests and for composing
    /// decoding layers.
    pub fn pieces(&self) -> impl Iterator<Item = (Range<u32>, Span, bool)> + '_ {
        (0..self.pieces.len()).map(|i| self.piece(i))
    }

    /// The pieces that hold a byte of `range` (when it is empty, the byte at its start, or
    /// the last byte at the end), as [`Decoded::pieces`]; found by binary search, so a fix
    /// over a long value costs what it covers.
    pub fn pieces_over(
        &self,
        range: Range<u32>,
    ) -> impl Iterator<Item = (Range<u32>, Span, bool)> + '_ {
        let first = self
            .pieces
            .partition_point(|p| p.decoded <= range.start)
            .saturating_sub(1);
        let end = range.end.max(range.start + 1);
        (first..self.pieces.len())
            .take_while(move |&i| self.pieces[i].decoded < end)
            .map(|i| self.piece(i))
    }

    fn piece(&self, i: usize) -> (Range<u32>, Span, bool) {
        let p = self.pieces[i];
        (
            p.decoded..p.decoded + self.piece_len(i),
            p.source,
            p.verbatim,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_across_blocks() {
        // Multi-byte characters on both sides of block boundaries, on long lines.
        let mut text = String::new();
        for i in 0..3 * BLOCK {
            text.push(match i % 7 {
                0 => 'é',
                3 => '€',
                5 if i % 10_000 == 5 => '\n',
                _ => 'a',
            });
        }
        let index = LineIndex::new(&text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let column = text[line_start..offset].chars().count() as u32 + 1;
            assert_eq!(
                index.position(&text, offset as u32).column,
                column,
                "{offset}"
            );
        }
    }

    #[test]
    fn pieces_over_a_range_are_those_it_touches() {
        let mut d = Decoded::verbatim("ab", 1);
        d.push_escape(";", Span::new(10, 14));
        d.push_verbatim("cd", 20);
        let over = |r: Range<u32>| d.pieces_over(r).map(|p| p.0.start).collect::<Vec<_>>();
        assert_eq!(over(0..5), [0, 2, 3]);
        assert_eq!(over(1..3), [0, 2]);
        assert_eq!(over(2..2), [2]);
        assert_eq!(over(3..3), [3]);
        assert_eq!(over(5..5), [3]);
    }

    #[test]
    fn line_index_counts_every_line_ending_and_skips_the_bom() {
        let text = "\u{feff}ab\ncd\r\nef\rgh";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        let p = |o| {
            let p = idx.position(text, o);
            (p.line, p.column)
        };
        assert_eq!(p(3), (1, 1)); // `a`, after the BOM
        assert_eq!(p(0), (1, 1));
        assert_eq!(p(6), (2, 1)); // `c`
        assert_eq!(p(10), (3, 1)); // `e` after CRLF
        assert_eq!(p(13), (4, 1)); // `g` after a lone CR
    }

    #[test]
    fn columns_count_unicode_scalars() {
        let text = "é😀x";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 6).column, 3); // `x`
    }

    #[test]
    fn decoded_maps_verbatim_and_escapes() {
        // Source: `"v=TLSRPTv1\059" "rua=x"`
        let mut d = Decoded::default();
        d.push_verbatim("v=TLSRPTv1", 1);
        d.push_escape(";", Span::new(11, 15));
        d.push_verbatim("rua=x", 18);
        assert_eq!(d.text(), "v=TLSRPTv1;rua=x");
        assert_eq!(d.source_span(0..1), Span::new(1, 2));
        assert_eq!(d.source_span(10..11), Span::new(11, 15));
        assert_eq!(d.source_span(11..16), Span::new(18, 23));
        assert_eq!(d.source_span(8..13), Span::new(9, 20));
        assert_eq!(d.source_span(16..16), Span::at(23));
        assert_eq!(d.source_span(11..11), Span::at(18));
    }

    #[test]
    fn adjacent_verbatim_pieces_merge() {
        let mut d = Decoded::default();
        d.push_verbatim("ab", 0);
        d.push_verbatim("cd", 2);
        assert_eq!(d.pieces().count(), 1);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// A source built from verbatim runs and escapes, the way an extractor builds one:
    /// `"run" \E...` with each piece separated by source bytes that decode to nothing.
    fn build(parts: &[(bool, String)]) -> (String, Decoded) {
        let mut source = String::new();
        let mut decoded = Decoded::default();
        for (verbatim, text) in parts {
            source.push('"');
            let start = source.len() as u32;
            if *verbatim {
                source.push_str(text);
                decoded.push_verbatim(text, start);
            } else {
                // An escape: `\{...}` in the source decodes to `text`.
                source.push_str("\\{");
                source.push_str(&text.len().to_string());
                source.push('}');
                decoded.push_escape(text, Span::new(start, source.len() as u32));
            }
            source.push('"');
        }
        (source, decoded)
    }

    proptest! {
        #[test]
        fn verbatim_pieces_equal_their_source_and_ranges_stay_inside(
            parts in prop::collection::vec((any::<bool>(), "\\PC{0,12}"), 0..12),
            a in 0u32..200, b in 0u32..200,
        ) {
            let (source, decoded) = build(&parts);
            for (range, span, verbatim) in decoded.pieces() {
                if verbatim {
                    prop_assert_eq!(
                        &source[span.range()],
                        &decoded.text()[range.start as usize..range.end as usize]
                    );
                }
            }
            let len = decoded.len();
            let (lo, hi) = (a.min(b).min(len), a.max(b).min(len));
            let span = decoded.source_span(lo..hi);
            prop_assert!(span.start <= span.end);
            prop_assert!(span.end as usize <= source.len());
            prop_assert!(source.is_char_boundary(span.start as usize));
            prop_assert!(source.is_char_boundary(span.end as usize));
            if hi > lo {
                prop_assert!(!span.is_empty());
            }
        }
    }
}
