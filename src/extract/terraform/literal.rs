//! Decodes the source bytes of one HCL string fragment into a [`Decoded`], so a rule can
//! point at the exact byte inside the literal, through escapes and heredoc indentation.
//!
//! `hcl-edit` hands us each literal fragment's decoded text and the span it was parsed
//! from, but not where each decoded byte came from. The escapes of HCL's native syntax are
//! few (`\n \r \t \" \\ \uNNNN \UNNNNNNNN`, and `$${` / `%%{` for a literal `${` / `%{`),
//! so this module re-reads the fragment and records every escape as one piece. The caller
//! compares the result with `hcl-edit`'s text and falls back to one coarse piece if they
//! ever disagree, so a gap here can only widen a span, never change a value.

use crate::text::{Decoded, Span};

/// Decodes a fragment of a quoted string (`raw` is its source, from byte `start`).
pub(super) fn quoted(raw: &str, start: u32, out: &mut Decoded) {
    let b = raw.as_bytes();
    let mut i = 0;
    let mut run = 0;
    while i < b.len() {
        let (text, len) = match (b[i], b.get(i + 1)) {
            (b'\\', Some(&c)) => match c {
                b'n' => (Some('\n'), 2),
                b'r' => (Some('\r'), 2),
                b't' => (Some('\t'), 2),
                b'"' => (Some('"'), 2),
                b'\\' => (Some('\\'), 2),
                b'u' => hex(raw, i + 2, 4),
                b'U' => hex(raw, i + 2, 8),
                _ => (None, 1),
            },
            _ if doubled_marker(b, i) => {
                // `$${`: the first `$` is dropped, the rest is verbatim.
                out.push_verbatim(&raw[run..i], start + run as u32);
                i += 1;
                run = i;
                continue;
            }
            _ => (None, 1),
        };
        match text {
            Some(c) => {
                out.push_verbatim(&raw[run..i], start + run as u32);
                let span = Span::new(start + i as u32, start + (i + len) as u32);
                out.push_escape_char(c, span);
                i += len;
                run = i;
            }
            None => i += len,
        }
    }
    out.push_verbatim(&raw[run..], start + run as u32);
}

/// `$${` or `%%{` at `i`: an escaped template marker.
fn doubled_marker(b: &[u8], i: usize) -> bool {
    matches!(b[i], b'$' | b'%') && b.get(i + 1) == Some(&b[i]) && b.get(i + 2) == Some(&b'{')
}

/// `\u`/`\U` followed by `digits` hex digits at `at`: the character and the escape length.
fn hex(raw: &str, at: usize, digits: usize) -> (Option<char>, usize) {
    let c = raw
        .get(at..at + digits)
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .and_then(char::from_u32);
    match c {
        Some(c) => (Some(c), 2 + digits),
        None => (None, 1),
    }
}

/// Decodes a heredoc fragment: no backslash escapes, `$${`/`%%{` escaped, `indent`
/// characters dropped at each line start of a `<<-` heredoc (`at_line_start` says whether
/// the fragment begins a line), and CRLF read as LF, as `hcl-edit` does.
pub(super) fn heredoc(
    raw: &str,
    start: u32,
    indent: usize,
    at_line_start: bool,
    out: &mut Decoded,
) {
    let mut line_start = 0;
    let mut first = true;
    while line_start < raw.len() {
        let rest = &raw[line_start..];
        let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = &rest[..end];
        let mut skip = 0;
        if indent > 0 && (!first || at_line_start) {
            skip = line
                .char_indices()
                .take(indent)
                .take_while(|(_, c)| *c != '\n' && *c != '\r')
                .last()
                .map_or(0, |(i, c)| i + c.len_utf8());
        }
        let body = &line[skip..];
        let body_start = start + (line_start + skip) as u32;
        match body.strip_suffix("\r\n") {
            Some(text) => {
                quoted_markers(text, body_start, out);
                let at = body_start + text.len() as u32;
                out.push_escape("\n", Span::new(at, at + 2));
            }
            None => quoted_markers(body, body_start, out),
        }
        line_start += end;
        first = false;
    }
}

/// Only the `$${` / `%%{` escapes (heredoc text has no backslash escapes).
fn quoted_markers(raw: &str, start: u32, out: &mut Decoded) {
    let mut run = 0;
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if doubled_marker(b, i) {
            out.push_verbatim(&raw[run..i], start + run as u32);
            run = i + 1;
        }
        i += 1;
    }
    out.push_verbatim(&raw[run..], start + run as u32);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(raw: &str) -> Decoded {
        let mut d = Decoded::default();
        quoted(raw, 10, &mut d);
        d
    }

    #[test]
    fn quoted_escapes_map_to_their_source() {
        let d = q(r#"a\"b\u00e9$${x}"#);
        assert_eq!(d.text(), "a\"bé${x}");
        assert_eq!(d.source_span(1..2), Span::new(11, 13));
        assert_eq!(d.source_span(2..3), Span::new(13, 14));
        assert_eq!(d.source_span(3..5), Span::new(14, 20));
        assert_eq!(d.source_span(5..6), Span::new(21, 22));
        assert_eq!(d.source_span(6..7), Span::new(22, 23));
    }

    #[test]
    fn heredoc_indent_is_skipped() {
        let mut d = Decoded::default();
        heredoc("    a\r\n      b\n", 0, 4, true, &mut d);
        assert_eq!(d.text(), "a\n  b\n");
        assert_eq!(d.source_span(0..1), Span::new(4, 5));
        assert_eq!(d.source_span(2..5), Span::new(11, 14));
    }
}
