//! JavaScript string and template literals decoded into [`Decoded`] values that map every
//! byte back to the source, through escapes (`\"`, `\x41`, `\u{1F600}`, line
//! continuations).
//!
//! The parser (oxc) already gives each literal's value, but not where each of its bytes
//! came from, so the escapes are decoded again here from the literal's source text. The
//! result is checked against the parser's value; where they differ (legacy octal escapes,
//! lone surrogates) the whole literal becomes one atomic piece carrying the parser's value,
//! so a finding still points at the literal, only less precisely.

use crate::text::{Decoded, Span};

/// Decodes `raw`, the source text between a literal's delimiters that starts at byte
/// `start`, and appends it to `out`; `expected` is the value the parser computed.
pub fn decode(raw: &str, start: u32, expected: &str, out: &mut Decoded) {
    let mut decoded = Decoded::default();
    if decode_escapes(raw, start, &mut decoded) && decoded.text() == expected {
        out.append(&decoded);
    } else {
        out.push_escape(expected, Span::new(start, start + raw.len() as u32));
    }
}

/// Decodes the escapes of `raw`; false on an escape this decoder leaves to the parser.
fn decode_escapes(raw: &str, start: u32, out: &mut Decoded) -> bool {
    let bytes = raw.as_bytes();
    let mut i = 0;
    let mut run = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            // Template literals normalise CR LF and CR to LF.
            if bytes[i] == b'\r' {
                out.push_verbatim(&raw[run..i], start + run as u32);
                let len = if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                let span = Span::new(start + i as u32, start + (i + len) as u32);
                out.push_escape("\n", span);
                i += len;
                run = i;
                continue;
            }
            i += 1;
            continue;
        }
        out.push_verbatim(&raw[run..i], start + run as u32);
        let Some((decoded, len)) = escape(&raw[i + 1..]) else {
            return false;
        };
        let span = Span::new(start + i as u32, start + (i + 1 + len) as u32);
        if let Some(c) = decoded {
            out.push_escape_char(c, span);
        }
        i += 1 + len;
        run = i;
    }
    out.push_verbatim(&raw[run..], start + run as u32);
    true
}

/// The character an escape stands for (`None`: a line continuation) and the length of the
/// escape after its backslash.
fn escape(rest: &str) -> Option<(Option<char>, usize)> {
    let c = rest.chars().next()?;
    let simple = |d: char| Some((Some(d), 1));
    match c {
        'n' => simple('\n'),
        't' => simple('\t'),
        'r' => simple('\r'),
        'b' => simple('\u{8}'),
        'f' => simple('\u{c}'),
        'v' => simple('\u{b}'),
        '0' if !rest[1..].starts_with(|d: char| d.is_ascii_digit()) => simple('\0'),
        '1'..='9' => None,
        '\r' if rest[1..].starts_with('\n') => Some((None, 2)),
        '\n' | '\r' | '\u{2028}' | '\u{2029}' => Some((None, c.len_utf8())),
        'x' => {
            let hex = rest.get(1..3)?;
            let code = u32::from_str_radix(hex, 16).ok()?;
            Some((Some(char::from_u32(code)?), 3))
        }
        'u' if rest[1..].starts_with('{') => {
            let close = rest.find('}')?;
            let code = u32::from_str_radix(&rest[2..close], 16).ok()?;
            Some((Some(char::from_u32(code)?), close + 1))
        }
        'u' => {
            let hex = rest.get(1..5)?;
            let code = u32::from_str_radix(hex, 16).ok()?;
            // A surrogate pair needs both halves; a lone half is left to the parser.
            Some((Some(char::from_u32(code)?), 5))
        }
        other => Some((Some(other), other.len_utf8())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(raw: &str, expected: &str) -> Vec<(String, Span)> {
        let mut out = Decoded::default();
        decode(raw, 10, expected, &mut out);
        out.pieces()
            .map(|(r, s, _)| (out.text()[r.start as usize..r.end as usize].to_string(), s))
            .collect()
    }

    #[test]
    fn escapes_map_to_their_source() {
        let got = pieces(
            r#"a\"b\x41\u{1F600}\
c"#,
            "a\"bA\u{1F600}c",
        );
        let want = [
            ("a", Span::new(10, 11)),
            ("\"", Span::new(11, 13)),
            ("b", Span::new(13, 14)),
            ("A", Span::new(14, 18)),
            ("\u{1F600}", Span::new(18, 27)),
            ("c", Span::new(29, 30)),
        ];
        let want: Vec<(String, Span)> = want.iter().map(|(t, s)| (t.to_string(), *s)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn what_the_decoder_leaves_to_the_parser_is_one_piece() {
        assert_eq!(pieces(r"\101", "A"), [("A".to_string(), Span::new(10, 14))]);
        assert_eq!(
            pieces(r"\uD83D\uDE00", "\u{1F600}"),
            [("\u{1F600}".to_string(), Span::new(10, 22))]
        );
    }
}
