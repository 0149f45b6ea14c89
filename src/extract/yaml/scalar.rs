//! A YAML scalar's value as a [`Decoded`] that maps back to the scalar's source bytes.
//!
//! The parser gives the decoded value and the span of the whole scalar, not where each
//! character of the value came from, so this module re-scans the source slice by style:
//! plain and quoted scalars fold line breaks (one break is a space, `n` breaks are `n - 1`
//! newlines, whitespace around breaks goes), single quotes double `''`, double quotes have
//! backslash escapes and escaped line breaks, literal `|` keeps lines and folded `>` joins
//! lines that are not more indented, and chomping decides the trailing newlines. The scan
//! is checked against the parser's own value: should the two ever differ (an indentation
//! indicator, say), the whole value maps to the whole scalar instead, so a finding is never
//! placed wrongly, only less precisely.

use saphyr_parser::ScalarStyle;

use crate::text::{Decoded, Span};

/// Whether `\c` is an escape YAML defines in a double-quoted scalar (YAML 1.2 §5.7).
pub fn is_escape(c: char) -> bool {
    matches!(
        c,
        '0' | 'a'
            | 'b'
            | 't'
            | '\t'
            | 'n'
            | 'v'
            | 'f'
            | 'r'
            | 'e'
            | ' '
            | '"'
            | '/'
            | '\\'
            | 'N'
            | '_'
            | 'L'
            | 'P'
            | 'x'
            | 'u'
            | 'U'
    )
}

/// The decoded value of the scalar written at `span` in `text`, whose value the parser
/// read as `value`.
pub fn decode(text: &str, span: Span, style: ScalarStyle, value: &str) -> Decoded {
    rescan(text, span, style, value).unwrap_or_else(|| {
        let mut whole = Decoded::default();
        whole.push_escape(value, span);
        whole
    })
}

/// The re-scan alone: `None` where it does not give the parser's value.
pub fn rescan(text: &str, span: Span, style: ScalarStyle, value: &str) -> Option<Decoded> {
    let scanned = match style {
        ScalarStyle::Plain => flow(text, skip_properties(text, span), Quote::None),
        ScalarStyle::SingleQuoted => flow(text, quoted(text, span, b'\''), Quote::Single),
        ScalarStyle::DoubleQuoted => flow(text, quoted(text, span, b'"'), Quote::Double),
        ScalarStyle::Literal => block(text, span, false, value),
        ScalarStyle::Folded => block(text, span, true, value),
    }?;
    (scanned.text() == value).then_some(scanned)
}

/// Panics unless `decoded` is `value` and each verbatim piece equals its source bytes in
/// `text` (for the fuzz targets and tests).
pub fn assert_maps_back(text: &str, value: &str, decoded: &Decoded) {
    assert_eq!(decoded.text(), value);
    for (range, source, verbatim) in decoded.pieces() {
        let piece = &value[range.start as usize..range.end as usize];
        assert!(
            !verbatim || text.get(source.range()) == Some(piece),
            "{piece:?} at {source:?}"
        );
    }
}

/// `value` with every `pattern` replaced by `with`, mapped to the pattern's source.
pub fn replace_all(value: &Decoded, pattern: &str, with: &str) -> Decoded {
    let mut out = Decoded::default();
    let mut last = 0;
    for (i, _) in value.text().match_indices(pattern) {
        let i = i as u32;
        out.append_range(value, last..i);
        let end = i + pattern.len() as u32;
        out.push_escape(with, value.source_span(i..end));
        last = end;
    }
    out.append_range(value, last..value.len());
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
}

/// The span of a plain scalar without its tag and anchor (`!Ref x`, `&a x`).
fn skip_properties(text: &str, span: Span) -> Option<Span> {
    let bytes = text.as_bytes();
    let mut at = span.start as usize;
    let end = span.end as usize;
    while at < end && matches!(bytes[at], b'!' | b'&') {
        while at < end && !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        while at < end && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
    }
    Some(Span::new(at as u32, span.end))
}

/// The span inside the quotes of a quoted scalar (its tag and anchor come first).
fn quoted(text: &str, span: Span, quote: u8) -> Option<Span> {
    let slice = text.get(span.range())?;
    let open = slice.bytes().position(|b| b == quote)?;
    (slice.len() >= open + 2 && slice.ends_with(quote as char))
        .then(|| Span::new(span.start + open as u32 + 1, span.end - 1))
}

/// A flow scalar: lines folded, each line's content decoded by its quoting.
fn flow(text: &str, body: Option<Span>, quote: Quote) -> Option<Decoded> {
    let body = body?;
    let mut out = Decoded::default();
    let lines = lines(text, body);
    let last = lines.len() - 1;
    // Source offset where the pending line break began, and the empty lines since.
    let mut pending: Option<(u32, usize)> = None;
    for (i, &(start, end)) in lines.iter().enumerate() {
        let line = &text[start as usize..end as usize];
        let lead = if i == 0 {
            0
        } else {
            line.len() - line.trim_start_matches([' ', '\t']).len()
        };
        // `\` at the line end: the break goes, the whitespace before the `\` stays.
        let escaped_break = quote == Quote::Double && i != last && ends_with_escape(line);
        let trail = if i == last {
            0
        } else if escaped_break {
            1
        } else {
            line.len() - line.trim_end_matches([' ', '\t']).len()
        };
        let content = (
            start + lead as u32,
            (end - trail as u32).max(start + lead as u32),
        );
        if content.0 == content.1 && i != 0 && i != last && !escaped_break {
            if let Some((_, empty)) = pending.as_mut() {
                *empty += 1;
            }
            continue;
        }
        if let Some((from, empty)) = pending.take() {
            let join = if empty == 0 {
                " ".to_string()
            } else {
                "\n".repeat(empty)
            };
            out.push_escape(&join, Span::new(from, content.0));
        }
        segment(text, content.0, content.1, quote, &mut out)?;
        if i != last && !escaped_break {
            pending = Some((content.1, 0));
        }
    }
    Some(out)
}

/// Whether `line` ends with a `\` that is not itself escaped.
fn ends_with_escape(line: &str) -> bool {
    line.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
}

/// The lines of `body` as (start, end) without their line breaks.
fn lines(text: &str, body: Span) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut start = body.start;
    for (i, b) in text[body.range()].bytes().enumerate() {
        if b == b'\n' {
            let at = body.start + i as u32;
            let end = if at > start && text.as_bytes()[at as usize - 1] == b'\r' {
                at - 1
            } else {
                at
            };
            out.push((start, end));
            start = at + 1;
        }
    }
    out.push((start, body.end));
    out
}

/// One line's content: verbatim but for `''` and backslash escapes.
fn segment(text: &str, start: u32, end: u32, quote: Quote, out: &mut Decoded) -> Option<()> {
    let slice = text.get(start as usize..end as usize)?;
    let bytes = slice.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let escape_len = match (quote, bytes[i]) {
            (Quote::Single, b'\'') if bytes.get(i + 1) == Some(&b'\'') => 2,
            (Quote::Double, b'\\') => escape_len(bytes.get(i + 1..)?)?,
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_verbatim(&slice[run..i], start + run as u32);
        let escape = &slice[i..i + escape_len];
        let span = Span::new(start + i as u32, start + (i + escape_len) as u32);
        out.push_escape(&unescape(escape)?, span);
        i += escape_len;
        run = i;
    }
    out.push_verbatim(&slice[run..], start + run as u32);
    Some(())
}

/// The length of the escape whose `\` comes before `rest`.
fn escape_len(rest: &[u8]) -> Option<usize> {
    let digits = match rest.first()? {
        b'x' => 2,
        b'u' => 4,
        b'U' => 8,
        _ => 0,
    };
    let len = 2 + digits;
    (rest.len() + 1 >= len).then_some(len)
}

/// The text of one escape (`''` or `\...`).
fn unescape(escape: &str) -> Option<String> {
    if escape == "''" {
        return Some("'".to_string());
    }
    let c = escape[1..].chars().next()?;
    let decoded = match c {
        '0' => '\0',
        'a' => '\x07',
        'b' => '\x08',
        't' | '\t' => '\t',
        'n' => '\n',
        'v' => '\x0b',
        'f' => '\x0c',
        'r' => '\r',
        'e' => '\x1b',
        'N' => '\u{85}',
        '_' => '\u{a0}',
        'L' => '\u{2028}',
        'P' => '\u{2029}',
        'x' | 'u' | 'U' => char::from_u32(u32::from_str_radix(&escape[2..], 16).ok()?)?,
        ' ' | '"' | '/' | '\\' => c,
        _ => return None,
    };
    Some(decoded.to_string())
}

/// A literal or folded block scalar. `span` starts at the first content character and ends
/// after the last line break; the indentation is that of the first line.
fn block(text: &str, span: Span, folded: bool, value: &str) -> Option<Decoded> {
    let line_start = text[..span.start as usize].rfind('\n').map_or(0, |i| i + 1);
    let indent = span.start as usize - line_start;
    if !text[line_start..span.start as usize]
        .bytes()
        .all(|b| b == b' ')
    {
        return None;
    }
    let mut lines = lines(text, span);
    if lines.last().is_some_and(|&(s, e)| s == e) && text[span.range()].ends_with('\n') {
        lines.pop();
    }
    // Content lines without their indentation; the first is already past it.
    let content: Vec<(u32, u32)> = lines
        .iter()
        .enumerate()
        .map(|(i, &(s, e))| {
            let skip = if i == 0 {
                0
            } else {
                indent.min((e - s) as usize)
            };
            (s + skip as u32, e)
        })
        .collect();
    let last = content.iter().rposition(|&(s, e)| s < e)?;
    let more_indented =
        |&(s, e): &(u32, u32)| s < e && matches!(text.as_bytes()[s as usize], b' ' | b'\t');
    let mut out = Decoded::default();
    let mut previous: Option<usize> = None;
    for (i, line) in content.iter().enumerate().take(last + 1) {
        if line.0 == line.1 && i != 0 {
            continue;
        }
        if let Some(p) = previous {
            let breaks = i - p;
            let fold = folded && !more_indented(&content[p]) && !more_indented(line);
            let join = match (fold, breaks) {
                (true, 1) => " ".to_string(),
                (true, n) => "\n".repeat(n - 1),
                (false, n) => "\n".repeat(n),
            };
            out.push_escape(&join, Span::new(lines[p].1, line.0));
        }
        out.push_verbatim(&text[line.0 as usize..line.1 as usize], line.0);
        previous = Some(i);
    }
    // Chomping: the value says how many of the final line breaks it keeps.
    let kept = value.len() - value.trim_end_matches('\n').len();
    let after = lines[last].1;
    out.push_escape(&"\n".repeat(kept), Span::new(after, span.end.max(after)));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::yaml::document::{parse, Kind};

    /// Every scalar of `text` decodes by the re-scan (no fallback) to the parser's value;
    /// returns each value with the source of its first and last decoded byte.
    fn scalars(text: &str) -> Vec<(String, String)> {
        let stream = parse(text).unwrap();
        let mut out = Vec::new();
        for node in &stream.nodes {
            let Kind::Scalar { value, style } = &node.kind else {
                continue;
            };
            let decoded = rescan(text, node.span, *style, value)
                .unwrap_or_else(|| panic!("the re-scan of {value:?} is not the parser's value"));
            if value.is_empty() {
                continue;
            }
            assert_maps_back(text, value, &decoded);
            let first = decoded.source_span(0..1);
            out.push((value.clone(), text[first.range()].to_string()));
        }
        out
    }

    #[test]
    fn every_style_maps_back_to_its_source() {
        let text = "a: plain value\n  continued\n\n  para\nb: 'single ''q''\n  more'\nc: \"dq \\\\; x\\\n  y \\u00e9\"\nd: |-\n  lit\n   more\ne: >\n  fold\n  more\n\n  para\n   indented\n  back\nf: !Sub '${A}.x'\ng: \"a\n\n  b\"\nh: |+\n  keep\n\n\ni: \"\"\n";
        let found = scalars(text);
        assert!(found.iter().any(|(v, s)| v == "dq \\; xy é" && s == "d"));
        assert!(found.iter().any(|(v, _)| v == "${A}.x"));
    }

    #[test]
    fn crlf_line_ends_fold_too() {
        let text = "a: plain\r\n  more\r\nb: 'single\r\n\r\n  q'\r\nc: |\r\n  lit\r\n  eral\r\n";
        let found = scalars(text);
        assert!(found.iter().any(|(v, _)| v == "plain more"));
        assert!(found.iter().any(|(v, _)| v == "single\nq"));
    }

    #[test]
    fn escapes_map_to_the_whole_escape() {
        let text = "v: \"v=TLSRPTv1\\\\; rua\"\n";
        let stream = parse(text).unwrap();
        let node = &stream.nodes[stream.get(stream.documents[0], "v").unwrap()];
        let Kind::Scalar { value, style } = &node.kind else {
            panic!()
        };
        let decoded = decode(text, node.span, *style, value);
        assert_eq!(decoded.text(), "v=TLSRPTv1\\; rua");
        assert_eq!(&text[decoded.source_span(10..12).range()], "\\\\;");
    }
}
