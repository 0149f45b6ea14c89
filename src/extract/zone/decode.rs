//! Decoding master-file text: `\X` and `\DDD` escapes in names and character-strings, and
//! the hex of RFC 3597 generic RDATA, each decoded byte tied to the source bytes it came from.
//!
//! Decoding writes into a [`Sink`], so one decoder serves three callers without copies: a
//! [`Decoded`] value for records that are kept, a `String` for names, and a [`Probe`] that
//! only looks at the first bytes and counts octets (to decide, without allocating, whether
//! a record is worth keeping). Octets from escapes that form UTF-8 (`\195\169`) become one
//! character mapped to all of their escapes; octets that do not form UTF-8 become U+FFFD.

use crate::text::{Decoded, Span};

use super::lexer::utf8_width;

/// Where decoded text goes: verbatim runs keep their source offset, escapes are atomic.
pub trait Sink {
    fn verbatim(&mut self, text: &str, start: u32);
    fn escape(&mut self, text: &str, span: Span);
}

impl Sink for Decoded {
    fn verbatim(&mut self, text: &str, start: u32) {
        self.push_verbatim(text, start);
    }

    fn escape(&mut self, text: &str, span: Span) {
        self.push_escape(text, span);
    }
}

impl Sink for String {
    fn verbatim(&mut self, text: &str, _: u32) {
        self.push_str(text);
    }

    fn escape(&mut self, text: &str, _: Span) {
        self.push_str(text);
    }
}

/// Keeps the first bytes of a decoded value, enough to recognise `v=TLSRPTv1` behind some
/// whitespace or quotes.
#[derive(Default)]
pub struct Probe {
    head: [u8; 32],
    len: usize,
}

impl Probe {
    pub fn head(&self) -> &[u8] {
        &self.head[..self.len]
    }

    fn push(&mut self, text: &str) {
        let take = text.len().min(self.head.len() - self.len);
        self.head[self.len..self.len + take].copy_from_slice(&text.as_bytes()[..take]);
        self.len += take;
    }
}

impl Sink for Probe {
    fn verbatim(&mut self, text: &str, _: u32) {
        self.push(text);
    }

    fn escape(&mut self, text: &str, _: Span) {
        self.push(text);
    }
}

/// A decoding failure, located at the offending escape or digit.
#[derive(Debug, PartialEq, Eq)]
pub struct Bad {
    pub span: Span,
    pub message: String,
}

/// Assembles octets given by escapes into UTF-8 characters.
#[derive(Default)]
struct Octets {
    buf: [u8; 4],
    len: usize,
    need: usize,
    span: Span,
}

impl Octets {
    fn push(&mut self, byte: u8, span: Span, sink: &mut impl Sink) {
        if self.len > 0 && byte & 0xC0 == 0x80 {
            self.buf[self.len] = byte;
            self.len += 1;
            self.span = self.span.cover(span);
            if self.len == self.need {
                let text = std::str::from_utf8(&self.buf[..self.len]).unwrap_or("\u{fffd}");
                sink.escape(text, self.span);
                self.len = 0;
            }
            return;
        }
        self.flush(sink);
        let need = match byte {
            0..=0x7F => {
                sink.escape(char::from(byte).encode_utf8(&mut [0; 4]), span);
                return;
            }
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => {
                sink.escape("\u{fffd}", span);
                return;
            }
        };
        self.buf[0] = byte;
        self.len = 1;
        self.need = need;
        self.span = span;
    }

    /// Ends an unfinished sequence as U+FFFD.
    fn flush(&mut self, sink: &mut impl Sink) {
        if self.len > 0 {
            sink.escape("\u{fffd}", self.span);
            self.len = 0;
        }
    }
}

/// Decodes the escapes of the name or character-string at `span` of `text` into `sink` and
/// returns its length in octets.
pub fn decode(text: &str, span: Span, sink: &mut impl Sink) -> Result<u32, Bad> {
    let bytes = text.as_bytes();
    let (mut pos, end) = (span.start as usize, span.end as usize);
    let mut octets = Octets::default();
    let mut count = 0;
    while pos < end {
        let run_end = memchr::memchr(b'\\', &bytes[pos..end]).map_or(end, |i| pos + i);
        if run_end > pos {
            octets.flush(sink);
            sink.verbatim(&text[pos..run_end], pos as u32);
            count += (run_end - pos) as u32;
            pos = run_end;
            continue;
        }
        let Some(&next) = bytes.get(pos + 1).filter(|_| pos + 1 < end) else {
            return Err(Bad {
                span: Span::new(pos as u32, end as u32),
                message: "expected a character after `\\`".to_string(),
            });
        };
        if next.is_ascii_digit() {
            let digits = bytes[pos + 1..end.min(pos + 4)]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let escape = Span::new(pos as u32, (pos + 1 + digits) as u32);
            let shown = &text[escape.range()];
            if digits < 3 {
                return Err(Bad {
                    span: escape,
                    message: format!("expected three decimal digits after `\\`, found `{shown}`"),
                });
            }
            let value: u32 = shown[1..].parse().unwrap_or(u32::MAX);
            let Ok(byte) = u8::try_from(value) else {
                return Err(Bad {
                    span: escape,
                    message: format!("escape `{shown}` is over 255: expected `\\000` to `\\255`"),
                });
            };
            octets.push(byte, escape, sink);
            count += 1;
            pos = escape.end as usize;
        } else {
            let char_end = (pos + 1 + utf8_width(next)).min(end);
            octets.flush(sink);
            sink.escape(
                &text[pos + 1..char_end],
                Span::new(pos as u32, char_end as u32),
            );
            count += (char_end - pos - 1) as u32;
            pos = char_end;
        }
    }
    octets.flush(sink);
    Ok(count)
}

/// Decodes the hex digits in `spans` (whitespace may split them anywhere) into `out`, each
/// octet with the span of its two digits.
pub fn decode_hex(
    text: &str,
    spans: impl IntoIterator<Item = Span>,
    out: &mut Vec<(u8, Span)>,
) -> Result<(), Bad> {
    let mut high: Option<(u8, u32)> = None;
    for span in spans {
        for (i, c) in text[span.range()].char_indices() {
            let at = span.start + i as u32;
            let Some(digit) = c.to_digit(16) else {
                return Err(Bad {
                    span: Span::new(at, at + c.len_utf8() as u32),
                    message: format!("expected hex digits in generic RDATA, found `{c}`"),
                });
            };
            match high.take() {
                None => high = Some((digit as u8, at)),
                Some((value, start)) => {
                    out.push((value << 4 | digit as u8, Span::new(start, at + 1)))
                }
            }
        }
    }
    match high {
        Some((_, at)) => Err(Bad {
            span: Span::new(at, at + 1),
            message: "expected an even number of hex digits in generic RDATA".to_string(),
        }),
        None => Ok(()),
    }
}

/// Writes octets (from generic RDATA) into `sink`, UTF-8 sequences joined.
pub fn decode_octets(octets: &[(u8, Span)], sink: &mut impl Sink) {
    let mut assembler = Octets::default();
    for &(byte, span) in octets {
        assembler.push(byte, span, sink);
    }
    assembler.flush(sink);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(text: &str) -> Result<(Decoded, u32), Bad> {
        let mut d = Decoded::default();
        let n = decode(text, Span::new(0, text.len() as u32), &mut d)?;
        Ok((d, n))
    }

    #[test]
    fn escapes_map_to_their_source() {
        let (d, n) = decoded(r"v=1\059 a\\b\195\169\é").unwrap();
        assert_eq!(d.text(), "v=1; a\\béé");
        assert_eq!(n, 12);
        assert_eq!(d.source_span(3..4), Span::new(3, 7));
        assert_eq!(d.source_span(8..10), Span::new(12, 20));
        assert_eq!(d.source_span(10..12), Span::new(20, 23));
    }

    #[test]
    fn bad_escapes() {
        let err = decoded(r"a\256").unwrap_err();
        assert_eq!(err.span, Span::new(1, 5));
        assert!(err.message.contains("`\\256`"), "{}", err.message);
        assert_eq!(decoded(r"a\1x").unwrap_err().span, Span::new(1, 3));
        assert_eq!(decoded("a\\").unwrap_err().span, Span::new(1, 2));
    }

    #[test]
    fn invalid_utf8_octets_become_replacement_characters() {
        let (d, n) = decoded(r"\255\195x").unwrap();
        assert_eq!(d.text(), "\u{fffd}\u{fffd}x");
        assert_eq!(n, 3);
    }

    #[test]
    fn hex_digits_pair_across_words() {
        let text = "41 4 2zz";
        let mut out = Vec::new();
        decode_hex(
            text,
            [Span::new(0, 2), Span::new(3, 4), Span::new(5, 6)],
            &mut out,
        )
        .unwrap();
        assert_eq!(out, vec![(0x41, Span::new(0, 2)), (0x42, Span::new(3, 6))]);
        let err = decode_hex(text, [Span::new(5, 8)], &mut out).unwrap_err();
        assert_eq!(err.span, Span::new(6, 7));
    }
}
