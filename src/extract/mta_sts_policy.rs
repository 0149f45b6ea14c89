//! The `.well-known/mta-sts.txt` policy file of RFC 8461 §3.2, as one [`Record`].
//!
//! The file is not a DNS record, but it is the other half of an MTA-STS deployment and is
//! often kept in the same repository, so it is listed (kind `mta-sts`, format
//! `mta-sts-policy`, the whole file as its value) and judged by `invalid-mta-sts-policy`.
//! This module only splits the file into lines and each line into key, `:` and value
//! ([`StsPolicyFile`]); it never rejects, so the rule can point at every problem. Lines end at LF,
//! CRLF (erratum 6253: the ABNF allows both), or a bare CR, which the grammar does not
//! allow but which is read as a line end so that an old Mac file is not one long line.

use std::ops::Range;
use std::sync::Arc;

use super::Extracted;
use crate::model::{Format, LineEnd, Name, RData, Record, StsPolicyFile, StsPolicyLine};
use crate::record::is_wsp;
use crate::text::{Source, Span};

/// The record of one policy file; `origin` is the policy domain, when the settings name it.
pub fn extract(source: &Arc<Source>, origin: Option<&str>) -> Extracted {
    let zone = origin.map(|o| format!("{}.", o.trim_end_matches('.')));
    let name = match &zone {
        Some(zone) => format!("mta-sts.{zone}"),
        None => "mta-sts".to_string(),
    };
    let record = Record {
        via: None,
        source: Arc::clone(source),
        format: Format::MtaStsPolicy,
        name: Name {
            text: name,
            span: Span::default(),
        },
        zone,
        rtype: "POLICY".to_string(),
        ttl: None,
        ttl_span: Span::default(),
        span: Span::new(0, source.text.len() as u32),
        data: RData::StsPolicy(parse(&source.text)),
    };
    Extracted {
        records: vec![record],
        diagnostics: Vec::new(),
    }
}

/// Splits a policy file into lines. Never fails.
pub fn parse(text: &str) -> StsPolicyFile {
    let b = text.as_bytes();
    let bom = text.starts_with('\u{feff}').then_some(0..3);
    let mut start = bom.as_ref().map_or(0, |r| r.end as usize);
    let mut lines = Vec::new();
    while start < b.len() {
        let (end, line_end, next) = match b[start..].iter().position(|&c| c == b'\n' || c == b'\r')
        {
            None => (b.len(), LineEnd::None, b.len()),
            Some(i) => {
                let at = start + i;
                match (b[at], b.get(at + 1)) {
                    (b'\n', _) => (at, LineEnd::Lf, at + 1),
                    (_, Some(b'\n')) => (at, LineEnd::CrLf, at + 2),
                    _ => (at, LineEnd::Cr, at + 1),
                }
            }
        };
        lines.push(line(b, start, end, line_end));
        start = next;
    }
    StsPolicyFile { bom, lines }
}

/// One line, `start..end` of `b` without its line end.
fn line(b: &[u8], start: usize, end: usize, line_end: LineEnd) -> StsPolicyLine {
    let skip_wsp = |from: usize| from + b[from..end].iter().take_while(|&&c| is_wsp(c)).count();
    let trim_end =
        |from: usize, to: usize| to - b[from..to].iter().rev().take_while(|&&c| is_wsp(c)).count();
    let key_start = skip_wsp(start);
    let colon = b[key_start..end]
        .iter()
        .position(|&c| c == b':')
        .map(|i| key_start + i);
    let (key, colon, value) = match colon {
        Some(at) => {
            let value_start = skip_wsp(at + 1);
            (
                r(key_start, trim_end(key_start, at)),
                Some(r(at, at + 1)),
                r(value_start, trim_end(value_start, end)),
            )
        }
        None => {
            let key_end = trim_end(key_start, end);
            (r(key_start, key_end), None, r(key_end, key_end))
        }
    };
    StsPolicyLine {
        range: r(start, end),
        end: line_end,
        leading_ws: r(start, key_start),
        key,
        colon,
        value,
    }
}

fn r(start: usize, end: usize) -> Range<u32> {
    start as u32..end as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (key, value) texts and line ends.
    fn fields(text: &str) -> Vec<(&str, Option<&str>, LineEnd)> {
        let slice = |r: &Range<u32>| &text[r.start as usize..r.end as usize];
        parse(text)
            .lines
            .iter()
            .map(|l| {
                (
                    slice(&l.key),
                    l.colon.as_ref().map(|_| slice(&l.value)),
                    l.end,
                )
            })
            .collect()
    }

    #[test]
    fn lines_end_at_lf_crlf_or_a_bare_cr() {
        assert_eq!(
            fields("version: STSv1\r\nmode:enforce\nmx: a.example\rmax_age: 1"),
            [
                ("version", Some("STSv1"), LineEnd::CrLf),
                ("mode", Some("enforce"), LineEnd::Lf),
                ("mx", Some("a.example"), LineEnd::Cr),
                ("max_age", Some("1"), LineEnd::None),
            ]
        );
        assert_eq!(parse("").lines, []);
        assert_eq!(fields("a: b\n"), [("a", Some("b"), LineEnd::Lf)]);
    }

    #[test]
    fn whitespace_is_set_aside_at_every_edge() {
        let text = " \tmode \t:\t enforce  \n";
        let policy = parse(text);
        let l = &policy.lines[0];
        assert_eq!(l.leading_ws, 0..2);
        assert_eq!(l.key, 2..6);
        assert_eq!(l.colon, Some(8..9));
        assert_eq!(l.value, 11..18);
        assert_eq!(l.range, 0..20);
    }

    #[test]
    fn values_keep_inner_colons_and_spaces() {
        assert_eq!(
            fields("note: a: b c\nmode enforce\n  \n"),
            [
                ("note", Some("a: b c"), LineEnd::Lf),
                ("mode enforce", None, LineEnd::Lf),
                ("", None, LineEnd::Lf),
            ]
        );
        assert!(parse("  \n").lines[0].is_blank());
        assert!(!parse(": x").lines[0].is_blank());
    }

    #[test]
    fn a_byte_order_mark_is_outside_the_first_line() {
        let policy = parse("\u{feff}version: STSv1");
        assert_eq!(policy.bom, Some(0..3));
        assert_eq!(policy.lines[0].key, 3..10);
    }

    #[test]
    fn non_ascii_stays_on_character_boundaries() {
        let text = "mx:\u{a0}é.example\u{a0}\n";
        let l = &parse(text).lines[0];
        assert!(text.is_char_boundary(l.value.start as usize));
        assert!(text.is_char_boundary(l.value.end as usize));
        assert_eq!(
            &text[l.value.start as usize..l.value.end as usize],
            "\u{a0}é.example\u{a0}"
        );
    }
}
