//! Provider quoting: how each provider turns its string into DNS character-strings, and
//! the quoting mistakes that make it publish something else (`provider-txt-quoting`).
//!
//! - Route 53 wraps each element in quotes itself, so `\"\"` inside the string splits it into
//!   two character-strings, and a value written with its own surrounding `\"...\"` gets a
//!   second pair.
//! - Google Cloud DNS reads `rrdatas` as zone-file text: embedded `\"...\"` strings, and
//!   without them a value with spaces is split at each space.
//! - Some providers' APIs take zone-file text too (PowerDNS, deSEC, Hetzner Cloud, ...:
//!   [`Quoting::Presentation`]): the same reading, and a value with spaces but no embedded
//!   quotes is refused or split at each space.
//! - The others take the value as a plain string and split it into 255-octet strings
//!   themselves; a value written as quoted strings (`"\"a\" \"b\""`, accepted by Cloudflare
//!   and Gandi) is read as those strings.
//!
//! The value a record gets is what the author meant (stray quotes removed, a split value
//! kept whole), so the record rules judge the intent and this rule alone the quoting.

use crate::model::{Txt, TxtString, Writing};
use crate::text::{Decoded, Span};

/// How a provider turns its string into TXT character-strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Quoting {
    Route53,
    Google,
    /// Zone-file text, as Google's, by another provider.
    Presentation,
    Plain,
}

/// A quoting problem: where, the message and the help.
pub(crate) type Problem = (Span, String, String);

/// The character-strings a provider makes of `value`, and a quoting problem if any.
pub(crate) fn txt(quoting: Quoting, value: &Decoded) -> (Txt, Option<Problem>) {
    let text = value.text();
    let len = value.len();
    let wrapped = len >= 2 && text.starts_with('"') && text.ends_with('"');
    match quoting {
        Quoting::Route53 if wrapped => {
            let span = value
                .source_span(0..1)
                .cover(value.source_span(len - 1..len));
            let problem = (
                span,
                "the value has its own surrounding quotes, and the provider adds another pair, so they end up in the record".to_string(),
                "remove the `\\\"` at both ends; the provider quotes each `records` element itself".to_string(),
            );
            (split_at_pairs(value, 1..len - 1), Some(problem))
        }
        Quoting::Route53 => (split_at_pairs(value, 0..len), None),
        Quoting::Google | Quoting::Presentation | Quoting::Plain if text.contains('"') => {
            (character_strings(value), None)
        }
        Quoting::Google | Quoting::Presentation if text.contains([' ', '\t']) => {
            let message = if quoting == Quoting::Google {
                "the value has spaces but no embedded quotes, so Cloud DNS splits it into separate strings at each space"
            } else {
                "the value has spaces but no embedded quotes, and the provider reads it as zone-file text, which refuses it or splits it at each space"
            };
            let problem = (
                value.source_span(0..len),
                message.to_string(),
                "wrap the value in embedded quotes: `\"\\\"v=TLSRPTv1; rua=...\\\"\"`".to_string(),
            );
            (whole(value, len), Some(problem))
        }
        Quoting::Google | Quoting::Presentation => (whole(value, len), None),
        Quoting::Plain => (chunked(value), None),
    }
}

/// The whole value as one string.
fn whole(value: &Decoded, len: u32) -> Txt {
    Txt {
        value: value.clone(),
        strings: vec![TxtString {
            range: 0..len,
            quoted: true,
        }],
        cut_by_comment: None,
        writing: Writing::Format,
    }
}

/// A plain value as its provider publishes it: split into 255-octet strings.
fn chunked(value: &Decoded) -> Txt {
    let len = value.len();
    let strings = (0..len.max(1))
        .step_by(255)
        .map(|start| TxtString {
            range: start..(start + 255).min(len),
            quoted: true,
        })
        .collect();
    Txt {
        value: value.clone(),
        strings,
        cut_by_comment: None,
        writing: Writing::Format,
    }
}

/// Route 53: `range` of `value` split at each `""` into strings.
fn split_at_pairs(value: &Decoded, range: std::ops::Range<u32>) -> Txt {
    let text = &value.text()[range.start as usize..range.end as usize];
    let mut pieces = Vec::new();
    let mut start = 0;
    while let Some(i) = text[start..].find("\"\"") {
        pieces.push(start..start + i);
        start += i + 2;
    }
    pieces.push(start..text.len());
    let offset = range.start as usize;
    assemble(
        value,
        pieces.into_iter().map(|r| r.start + offset..r.end + offset),
    )
}

/// Zone-file character-strings inside a value: `"a" "b"` (with `\"` and `\\` inside) and
/// unquoted words, separated by spaces.
fn character_strings(value: &Decoded) -> Txt {
    let b = value.text().as_bytes();
    let mut pieces = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' => i += 1,
            b'"' => {
                let start = i + 1;
                let mut end = start;
                while end < b.len() && b[end] != b'"' {
                    end += if b[end] == b'\\' { 2 } else { 1 };
                }
                let end = end.min(b.len());
                pieces.push(start..end);
                i = end + 1;
            }
            _ => {
                let start = i;
                while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'"') {
                    i += 1;
                }
                pieces.push(start..i);
            }
        }
    }
    assemble(value, pieces.into_iter())
}

/// A TXT value made of `pieces` of `value`, each one character-string.
fn assemble(value: &Decoded, pieces: impl Iterator<Item = std::ops::Range<usize>>) -> Txt {
    let mut out = Decoded::default();
    let mut strings = Vec::new();
    for r in pieces {
        let start = out.len();
        out.append_range(value, r.start as u32..r.end as u32);
        strings.push(TxtString {
            range: start..out.len(),
            quoted: true,
        });
    }
    Txt {
        value: out,
        strings,
        cut_by_comment: None,
        writing: Writing::Format,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(quoting: Quoting, text: &str) -> (Vec<String>, bool) {
        let (txt, problem) = txt(quoting, &Decoded::verbatim(text, 0));
        let strings = txt
            .strings
            .iter()
            .map(|s| txt.value.text()[s.range.start as usize..s.range.end as usize].to_string())
            .collect();
        (strings, problem.is_some())
    }

    #[test]
    fn providers_split_strings_their_own_way() {
        assert_eq!(
            strings(Quoting::Route53, "a\"\"b"),
            (vec!["a".into(), "b".into()], false)
        );
        assert_eq!(
            strings(Quoting::Route53, "\"a b\""),
            (vec!["a b".into()], true)
        );
        assert_eq!(
            strings(Quoting::Google, "\"a b\" \"c\""),
            (vec!["a b".into(), "c".into()], false)
        );
        assert_eq!(strings(Quoting::Google, "a b"), (vec!["a b".into()], true));
        assert_eq!(strings(Quoting::Plain, &"x".repeat(300)).0.len(), 2);
    }
}
