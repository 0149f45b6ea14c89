//! Fix edits of a decoded value, written back into its source.
//!
//! A value rule computes its fix on the decoded TXT value: a range and the text meant there.
//! The source holds that value in its own syntax: zone-file strings with `\;` and quotes,
//! OctoDNS's `\;` inside a YAML scalar, HCL templates where `${` means an interpolation, JS
//! string literals. This module maps each range through the value's [`Decoded`] pieces,
//! never by searching the source, and writes the text in the syntax found there.
//!
//! It refuses (and the diagnostic says why) rather than guess: a range that splits an escape,
//! that covers a computed piece (an interpolation, a function call: one piece decoding to
//! more than one character), or that reaches bytes outside the record (a variable defined
//! elsewhere, whose other uses the edit would change); and text the format would need
//! escaped in a way this module does not write (a quote in a JS or HCL string).

use std::ops::Range;

use crate::diagnostic::Edit;
use crate::model::{Format, RData, Record, Txt, Writing};
use crate::text::Span;

/// The source edits for `edits`, ranges of the record's decoded value with the decoded text
/// meant there; `Err` says why the fix cannot be written in the source.
pub fn source_edits(record: &Record, edits: &[(Range<u32>, String)]) -> Result<Vec<Edit>, String> {
    let mut out = Vec::with_capacity(edits.len());
    for (range, text) in edits {
        match &record.data {
            RData::Txt(txt) => txt_edits(record, txt, range.clone(), text, &mut out)?,
            // A policy file is its own value, byte for byte.
            RData::StsPolicy(_) => out.push(Edit {
                span: Span::new(range.start, range.end),
                replacement: text.clone(),
            }),
            _ => return Err("the record has no value to edit".to_string()),
        }
    }
    Ok(out)
}

fn txt_edits(
    record: &Record,
    txt: &Txt,
    range: Range<u32>,
    text: &str,
    out: &mut Vec<Edit>,
) -> Result<(), String> {
    let semicolon = match txt.writing {
        Writing::Never => return Err("the value is written in the `\\#` hex form".to_string()),
        Writing::Format => None,
        Writing::Semicolon(s) => Some(s),
    };
    // The string the edit starts in (strings are in value order: a binary search).
    let after = txt.strings.partition_point(|s| s.range.end < range.start);
    let quoted = txt.strings.get(after).is_none_or(|s| s.quoted);
    let replacement = encode(record.format, semicolon, quoted, text)?;
    let spans = if range.is_empty() {
        vec![insertion_point(record, txt, range.start)?]
    } else {
        covered(record, txt, range)?
    };
    let mut replacement = Some(replacement);
    for span in spans {
        out.push(Edit {
            span,
            replacement: replacement.take().unwrap_or_default(),
        });
    }
    Ok(())
}

/// The source bytes of each piece `range` covers, in order: the first takes the new text,
/// the others are removed, and what lies between them (quotes between strings, a line
/// break) stays.
fn covered(record: &Record, txt: &Txt, range: Range<u32>) -> Result<Vec<Span>, String> {
    let mut spans: Vec<Span> = Vec::new();
    for (piece, source, verbatim) in txt.value.pieces_over(range.clone()) {
        let (start, end) = (piece.start.max(range.start), piece.end.min(range.end));
        if start >= end {
            continue;
        }
        within(record, source)?;
        let span = if verbatim {
            Span::new(
                source.start + (start - piece.start),
                source.start + (end - piece.start),
            )
        } else if start != piece.start || end != piece.end {
            return Err("the fix would split an escape".to_string());
        } else if is_computed(txt, &piece) {
            return Err(format!(
                "the fix would replace `{}`, which the source computes",
                record.source.text.get(source.range()).unwrap_or("")
            ));
        } else {
            source
        };
        match spans.last_mut() {
            Some(last) if last.end > span.start => {
                return Err("the value's pieces are not in source order".to_string());
            }
            // Pieces next to each other in the source are one edit.
            Some(last) if last.end == span.start => last.end = span.end,
            _ => spans.push(span),
        }
    }
    if spans.is_empty() {
        return Err("the fix covers no written byte".to_string());
    }
    Ok(spans)
}

/// Where text inserted at decoded offset `at` goes: inside a verbatim piece, or at the
/// edge of the piece that begins (or, at the end, ends) there.
fn insertion_point(record: &Record, txt: &Txt, at: u32) -> Result<Span, String> {
    let len = txt.value.len();
    let next = txt
        .value
        .pieces_over(at..at)
        .find(|(piece, _, _)| piece.end > at);
    let last = txt.value.pieces_over(len.saturating_sub(1)..len).last();
    let point = match (next.as_ref(), last.as_ref()) {
        (Some((piece, source, verbatim)), _) if piece.start < at => {
            if !verbatim {
                return Err("the fix would split an escape".to_string());
            }
            within(record, *source)?;
            source.start + (at - piece.start)
        }
        (Some((_, source, _)), _) => {
            within(record, *source)?;
            source.start
        }
        (None, Some((_, source, _))) => {
            within(record, *source)?;
            source.end
        }
        (None, None) => return Err("the value is empty".to_string()),
    };
    Ok(Span::at(point))
}

/// A piece that is no escape but a computation: it decodes to more than one character.
fn is_computed(txt: &Txt, piece: &Range<u32>) -> bool {
    let text = &txt.value.text()[piece.start as usize..piece.end as usize];
    text.chars().nth(1).is_some()
}

/// A fix edits the record it is about and nothing else: bytes outside the record hold a
/// value other records may share (a variable, a local).
fn within(record: &Record, source: Span) -> Result<(), String> {
    if source.start < record.span.start || source.end > record.span.end {
        return Err("the value comes from a variable written elsewhere".to_string());
    }
    Ok(())
}

/// `text` as the record's format writes it at a place of the value: `quoted` says a zone
/// file string there is quoted; `semicolon` is how the reader wants a `;` written.
fn encode(
    format: Format,
    semicolon: Option<&str>,
    quoted: bool,
    text: &str,
) -> Result<String, String> {
    let refused: &[char] = match format {
        Format::Zone | Format::Value | Format::MtaStsPolicy => &[],
        Format::OctoDns | Format::CloudFormation | Format::ExternalDns | Format::Ansible => {
            &['"', '\'', '\\', '#', '{', '}']
        }
        // `${` starts an interpolation, `[` an ARM expression.
        Format::Pulumi | Format::Arm => &['"', '\'', '\\', '#', '{', '}', '$', '['],
        Format::Terraform => &['"', '\\', '{', '}'],
        Format::DnsControl => &['"', '\'', '`', '\\', '$'],
        Format::Nix => &['"', '\'', '\\', '$'],
    };
    let yaml = refused.contains(&'#');
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            return Err(format!("the fix would write the control character {c:?}"));
        }
        if refused.contains(&c) || (yaml && c == ' ' && out.ends_with(':')) {
            return Err(format!(
                "the fix would write `{c}`, which needs escaping here"
            ));
        }
        match (c, semicolon) {
            (';', Some(written)) => out.push_str(written),
            ('"' | '\\', _) if format == Format::Zone => {
                out.push('\\');
                out.push(c);
            }
            (';' | ' ' | '(' | ')', _) if format == Format::Zone && !quoted => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_writes_what_it_must_escape() {
        assert_eq!(
            encode(Format::Zone, None, true, "a;\"b").unwrap(),
            "a;\\\"b"
        );
        assert_eq!(
            encode(Format::Zone, None, false, "v=1; r").unwrap(),
            "v=1\\;\\ r"
        );
        assert_eq!(
            encode(Format::OctoDns, Some("\\\\;"), true, "v=1; r").unwrap(),
            "v=1\\\\; r"
        );
        assert!(encode(Format::OctoDns, None, true, "a: b").is_err());
        assert!(encode(Format::Terraform, None, true, "${x}").is_err());
        assert!(encode(Format::DnsControl, None, true, "'").is_err());
        assert!(encode(Format::Value, None, true, "\n").is_err());
        assert_eq!(encode(Format::Terraform, None, true, "%2C").unwrap(), "%2C");
    }
}
