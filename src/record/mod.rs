//! The `key=value; key=value` grammar of RFC 8460 §3 (the `_smtp._tls` policy), RFC 8461
//! §3.1 (the `_mta-sts` record) and the `_report._tls` authorization convention, parsed
//! over the *decoded* value into a small syntax tree of byte ranges.
//!
//! The parser never rejects. Rules need to point at every problem in one value, so it
//! recovers the way a person reads a broken record: leading whitespace and a wrapping pair
//! of literal quotes are set aside ([`Syntax::prefix`], [`Syntax::suffix`]); fields run
//! together with a space, a comma, a `:` or a literal `\;` are split where the next
//! `name=` begins and the stand-in is kept as a [`Delimiter`] of its own kind; a `rua`
//! value is split into URIs at commas and at whitespace before a `scheme:`. Judging is left
//! to the rules: the tree only says where things are.
//!
//! Every range is a byte range of the text given to [`parse`] and lies on a character
//! boundary (all split points are ASCII bytes).

use std::borrow::Cow;
use std::ops::Range;

/// A value parsed into fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Syntax {
    /// Whitespace and quote characters before the first field (the grammar allows none).
    pub prefix: Range<u32>,
    /// A closing quote matching a quote in `prefix`, and whatever whitespace follows it;
    /// empty when there is none.
    pub suffix: Range<u32>,
    /// At least one field; the first one is empty when the value is.
    pub fields: Vec<Field>,
    /// `delimiters[i]` follows `fields[i]`. There is one more delimiter than gaps between
    /// fields when the value ends with a delimiter (`v=TLSRPTv1; rua=...;`).
    pub delimiters: Vec<Delimiter>,
}

/// One `name=value` field and the whitespace around it. Foreign characters mixed into the
/// whitespace at a field's edges (a zero-width space after `;`, a line break at the end)
/// belong to no range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub leading_ws: Range<u32>,
    /// Everything before `=` (whitespace before `=` excluded), or the whole field when it
    /// has no `=`.
    pub name: Range<u32>,
    pub eq: Option<Range<u32>>,
    /// Everything after `=` and the whitespace after it; empty at the end of the name when
    /// there is no `=`.
    pub value: Range<u32>,
    pub trailing_ws: Range<u32>,
    /// The URI list of a field named exactly `rua`.
    pub uris: Option<UriList>,
}

/// What separates two fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delimiter {
    /// The `;`, or the bytes standing in for a missing one (empty for [`DelimiterKind::Nothing`]).
    pub range: Range<u32>,
    pub kind: DelimiterKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DelimiterKind {
    /// `;`: the only real delimiter.
    Semicolon,
    /// `\;` left undecoded by the source format.
    EscapedSemicolon,
    /// `,` before the next `name=`.
    Comma,
    /// `:` before the next `name=` (outside a `rua` value).
    Colon,
    /// Whitespace only before the next `name=`.
    Whitespace,
    /// Nothing at all: `v=TLSRPTv1rua=...`.
    Nothing,
}

impl DelimiterKind {
    pub fn is_semicolon(self) -> bool {
        self == DelimiterKind::Semicolon
    }
}

/// The URIs of a `rua` value, in order, and what separates them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UriList {
    /// Each URI without the whitespace around it; empty for an empty list element.
    pub uris: Vec<Range<u32>>,
    /// `separators[i]` lies between `uris[i]` and `uris[i + 1]`.
    pub separators: Vec<ListSeparator>,
}

/// `*WSP "," *WSP`, or whitespace alone before a `scheme:` (a missing comma).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListSeparator {
    /// The whole separator, whitespace included.
    pub range: Range<u32>,
    /// The comma, when there is one.
    pub comma: Option<Range<u32>>,
}

impl Field {
    /// From the start of the name to the end of the value.
    pub fn content(&self) -> Range<u32> {
        self.name.start..self.value.end.max(self.name.end)
    }

    pub fn is_empty(&self) -> bool {
        self.content().is_empty()
    }

    /// Whitespace between the name and `=`.
    pub fn ws_before_eq(&self) -> Range<u32> {
        match &self.eq {
            Some(eq) => self.name.end..eq.start,
            None => self.name.end..self.name.end,
        }
    }

    /// Whitespace between `=` and the value.
    pub fn ws_after_eq(&self) -> Range<u32> {
        match &self.eq {
            Some(eq) => eq.end..self.value.start,
            None => self.value.start..self.value.start,
        }
    }

    /// The name without the characters other rules report (see [`clean`]).
    pub fn name_in<'t>(&self, text: &'t str) -> Cow<'t, str> {
        clean(slice(text, &self.name))
    }
}

impl Syntax {
    /// The first field with content, when only empty fields come before it.
    pub fn first(&self) -> Option<(usize, &Field)> {
        self.fields.iter().enumerate().find(|(_, f)| !f.is_empty())
    }

    /// Whether the value ends with a delimiter (so trailing whitespace is allowed).
    pub fn ends_with_delimiter(&self) -> bool {
        self.delimiters.len() == self.fields.len()
    }

    /// The range between the prefix and the suffix.
    pub fn body(&self) -> Range<u32> {
        self.prefix.end..self.suffix.start
    }
}

/// SP or HTAB, the RFC 5234 `WSP`.
pub fn is_wsp(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Characters rules 112 (`non-ascii`) and 113 (`control-character`) report; every other
/// rule reads past them so that one character is reported once.
pub fn is_foreign(c: char) -> bool {
    !c.is_ascii() || c.is_ascii_control()
}

/// A byte of whitespace or of a foreign character, at the edge of a field.
fn is_edge(b: u8) -> bool {
    is_wsp(b) || !(0x20..0x7f).contains(&b)
}

/// `text` without [`is_foreign`] characters.
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_foreign) {
        Cow::Owned(text.chars().filter(|&c| !is_foreign(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// The text of a range (empty if the range is not in `text`).
pub fn slice<'t>(text: &'t str, range: &Range<u32>) -> &'t str {
    text.get(range.start as usize..range.end as usize)
        .unwrap_or("")
}

/// Whether `name` is an RFC 8460 `tlsrpt-ext-name` (RFC 8461 `sts-ext-name`):
/// `(ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")`.
pub fn is_ext_name(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.len() <= 32
        && b[0].is_ascii_alphanumeric()
        && b.iter().all(|&c| is_ext_name_char(c))
}

pub fn is_ext_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.')
}

/// Whether `value` is an RFC 8460 `tlsrpt-ext-value`: `1*(%x21-3A / %x3C / %x3E-7E)`.
pub fn is_ext_value(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(is_ext_value_char)
}

pub fn is_ext_value_char(c: u8) -> bool {
    matches!(c, 0x21..=0x3A | 0x3C | 0x3E..=0x7E)
}

/// Parses `text` (a decoded TXT value). Never fails.
pub fn parse(text: &str) -> Syntax {
    let p = Parser { b: text.as_bytes() };
    let (prefix, suffix) = p.wrapping();
    let mut fields = Vec::new();
    let mut delimiters = Vec::new();
    let mut pos = prefix.end as usize;
    let end = suffix.start as usize;
    loop {
        let semi = p.b[pos..end]
            .iter()
            .position(|&c| c == b';')
            .map(|i| pos + i);
        let seg_end = semi.unwrap_or(end);
        match semi {
            Some(s) if s > pos && p.b[s - 1] == b'\\' => {
                p.segment(pos..s - 1, &mut fields, &mut delimiters);
                delimiters.push(Delimiter {
                    range: r(s - 1, s + 1),
                    kind: DelimiterKind::EscapedSemicolon,
                });
            }
            Some(s) => {
                p.segment(pos..s, &mut fields, &mut delimiters);
                delimiters.push(Delimiter {
                    range: r(s, s + 1),
                    kind: DelimiterKind::Semicolon,
                });
            }
            None => {
                p.segment(pos..seg_end, &mut fields, &mut delimiters);
                break;
            }
        }
        pos = seg_end + 1;
    }
    // Whitespace after a final delimiter belongs to that delimiter, not to an empty field.
    if !delimiters.is_empty() && fields.last().is_some_and(Field::is_empty) {
        fields.pop();
    }
    for field in &mut fields {
        if field.name_in(text) == "rua" && field.eq.is_some() {
            field.uris = Some(p.uri_list(field.value.clone()));
        }
    }
    Syntax {
        prefix,
        suffix,
        fields,
        delimiters,
    }
}

fn r(start: usize, end: usize) -> Range<u32> {
    start as u32..end as u32
}

struct Parser<'t> {
    b: &'t [u8],
}

impl Parser<'_> {
    fn skip_wsp(&self, mut i: usize, end: usize) -> usize {
        while i < end && is_wsp(self.b[i]) {
            i += 1;
        }
        i
    }

    fn trim_end_wsp(&self, start: usize, mut end: usize) -> usize {
        while end > start && is_wsp(self.b[end - 1]) {
            end -= 1;
        }
        end
    }

    /// Leading whitespace and quotes, and a matching closing quote at the end.
    fn wrapping(&self) -> (Range<u32>, Range<u32>) {
        let len = self.b.len();
        let start = self
            .b
            .iter()
            .position(|&c| !(is_wsp(c) || c == b'"' || c == b'\''));
        let start = start.unwrap_or(len);
        let quote = self.b[..start]
            .iter()
            .rev()
            .find(|&&c| c != b' ' && c != b'\t');
        let mut end = len;
        if let Some(&q) = quote {
            let t = self.trim_end_wsp(start, len);
            if t > start && self.b[t - 1] == q {
                end = t - 1;
            }
        }
        (r(0, start), r(end, len))
    }

    /// Where a field's content starts: after the leading whitespace, and after foreign
    /// characters mixed into it (`;\u{200b} rua=`), so the name is found; the foreign
    /// characters themselves are reported by their own rules.
    fn field_start(&self, pos: usize, end: usize) -> usize {
        let mut k = pos;
        while k < end && is_edge(self.b[k]) {
            k += 1;
        }
        self.b[pos..k]
            .iter()
            .rposition(|&c| is_wsp(c))
            .map_or(pos, |i| pos + i + 1)
    }

    /// Where a field's content ends: before the trailing whitespace, including whitespace
    /// mixed with foreign characters (`rua=... \r\n`).
    fn field_end(&self, start: usize, end: usize) -> usize {
        let mut k = end;
        while k > start && is_edge(self.b[k - 1]) {
            k -= 1;
        }
        self.b[k..end]
            .iter()
            .position(|&c| is_wsp(c))
            .map_or(end, |i| k + i)
    }

    /// One stretch between real delimiters: usually one field, several when a delimiter is
    /// missing.
    fn segment(&self, seg: Range<usize>, fields: &mut Vec<Field>, delimiters: &mut Vec<Delimiter>) {
        let mut pos = seg.start;
        loop {
            let start = self.field_start(pos, seg.end);
            let end = self.field_end(start, seg.end);
            let eq = self.b[start..end]
                .iter()
                .position(|&c| c == b'=')
                .map(|i| start + i);
            let split_name = eq.and_then(|e| self.split_in_name(start, e));
            let (name, eq, value, split) = match (eq, split_name) {
                (Some(_), Some(split)) => {
                    let n = self.field_end(start, split.0.start);
                    (start..n, None, n..n, Some(split))
                }
                (Some(e), None) => {
                    let name_end = self.trim_end_wsp(start, e);
                    let value_start = self.skip_wsp(e + 1, end);
                    let split = self.split_in_value(&self.b[start..name_end], value_start, end);
                    let value_end = split
                        .as_ref()
                        .map_or(end, |(range, _)| self.field_end(value_start, range.start));
                    (
                        start..name_end,
                        Some(r(e, e + 1)),
                        value_start..value_end,
                        split,
                    )
                }
                (None, _) => (start..end, None, end..end, None),
            };
            let content_end = value.end.max(name.end);
            let limit = split.as_ref().map_or(seg.end, |(range, _)| range.start);
            fields.push(Field {
                leading_ws: r(pos, self.skip_wsp(pos, start)),
                name: r(name.start, name.end),
                eq,
                value: r(value.start, value.end),
                trailing_ws: r(content_end, self.skip_wsp(content_end, limit)),
                uris: None,
            });
            match split {
                Some((range, kind)) => {
                    delimiters.push(Delimiter {
                        range: r(range.start, range.end),
                        kind,
                    });
                    pos = range.end;
                }
                None => return,
            }
        }
    }

    /// `ALPHA/DIGIT *(ALPHA/DIGIT/_/-/.) "="` starting at `i`.
    fn name_eq_at(&self, i: usize, end: usize) -> bool {
        let mut j = i;
        while j < end && is_ext_name_char(self.b[j]) && j - i < 32 {
            j += 1;
        }
        j > i && self.b[i].is_ascii_alphanumeric() && j < end && self.b[j] == b'='
    }

    /// `TLSRPTv1 rua=`: a bare version run into the next field's name.
    fn split_in_name(&self, start: usize, eq: usize) -> Option<(Range<usize>, DelimiterKind)> {
        let name_end = self.trim_end_wsp(start, eq);
        let mut k = name_end;
        while k > start && is_ext_name_char(self.b[k - 1]) {
            k -= 1;
        }
        if k == start || !is_wsp(self.b[k - 1]) {
            return None;
        }
        let sep_start = self.trim_end_wsp(start, k);
        let before =
            clean(std::str::from_utf8(&self.b[start..sep_start]).ok()?).to_ascii_lowercase();
        (before.starts_with("tlsrpt") && self.name_eq_at(k, eq + 1))
            .then_some((sep_start..k, DelimiterKind::Whitespace))
    }

    /// Where the next `name=` begins inside a value, and what stands in for the `;`.
    fn split_in_value(
        &self,
        name: &[u8],
        start: usize,
        end: usize,
    ) -> Option<(Range<usize>, DelimiterKind)> {
        let is_rua = name == b"rua";
        if name.eq_ignore_ascii_case(b"v")
            && self.b[start..end].len() > 8
            && self.b[start..start + 8].eq_ignore_ascii_case(b"tlsrptv1")
            && self.name_eq_at(start + 8, end)
        {
            return Some((start + 8..start + 8, DelimiterKind::Nothing));
        }
        let mut i = start;
        while i < end {
            let c = self.b[i];
            if is_wsp(c) {
                let j = self.skip_wsp(i, end);
                if self.name_eq_at(j, end) {
                    return Some((i..j, DelimiterKind::Whitespace));
                }
                i = j;
                continue;
            }
            if c == b',' && self.name_eq_at(self.skip_wsp(i + 1, end), end) {
                return Some((i..i + 1, DelimiterKind::Comma));
            }
            if c == b':' && !is_rua && self.name_eq_at(i + 1, end) {
                return Some((i..i + 1, DelimiterKind::Colon));
            }
            i += 1;
        }
        None
    }

    /// Whether a URI scheme and its `:` start at `i`.
    fn scheme_at(&self, i: usize, end: usize) -> bool {
        if i >= end || !self.b[i].is_ascii_alphabetic() {
            return false;
        }
        let mut j = i + 1;
        while j < end
            && (self.b[j].is_ascii_alphanumeric() || matches!(self.b[j], b'+' | b'-' | b'.'))
        {
            j += 1;
        }
        j < end && self.b[j] == b':'
    }

    fn uri_list(&self, value: Range<u32>) -> UriList {
        let (start, end) = (value.start as usize, value.end as usize);
        let mut list = UriList {
            uris: Vec::new(),
            separators: Vec::new(),
        };
        if start == end {
            return list;
        }
        let mut item = start;
        let mut i = start;
        while i < end {
            if self.b[i] == b',' {
                let item_end = self.trim_end_wsp(item, i);
                let after = self.skip_wsp(i + 1, end);
                list.uris.push(r(item, item_end));
                list.separators.push(ListSeparator {
                    range: r(item_end, after),
                    comma: Some(r(i, i + 1)),
                });
                item = after;
                i = after;
            } else if is_wsp(self.b[i]) {
                let j = self.skip_wsp(i, end);
                if i > item && self.scheme_at(j, end) {
                    list.uris.push(r(item, i));
                    list.separators.push(ListSeparator {
                        range: r(i, j),
                        comma: None,
                    });
                    item = j;
                }
                i = j;
            } else {
                i += 1;
            }
        }
        list.uris.push(r(item, end));
        list
    }
}

pub mod dialect;
pub mod sts_policy;
pub mod tlsa;

#[cfg(test)]
mod tests;
