//! Nix string literals decoded piece by piece: `"..."` and `''...''` indented strings.
//!
//! `rnix` gives a string as `TOKEN_STRING_CONTENT` tokens between its interpolations, with
//! the escapes still written; its own `normalized_parts` decodes them but drops where each
//! byte came from. This module decodes the content tokens again, the way the Nix lexer
//! and parser do (`lexer.l`, `stripIndentation` in `parser.y`), into [`Decoded`] pieces:
//! plain text is verbatim, an escape is one piece over its bytes, an interpolation is left
//! to the evaluator. The `nix-instantiate` oracle test (`tests/nix_oracle.rs`) checks the
//! result on every string literal of the Nix fixtures.
//!
//! - `"..."`: `\n`, `\r`, `\t`, `\` before any other character gives that character; a
//!   CR or CRLF written in the string reads as LF.
//! - `''...''`: `''$` is `$`, `'''` is `''`, `''\` escapes as `\` does above; the spaces
//!   and line break right after the opening `''` are dropped; then the smallest
//!   indentation of the lines (blank lines and the last line of spaces aside) is removed
//!   from every line, and a last line of only spaces is dropped. As in Nix, an escape or
//!   an interpolation ends a line's indentation but is never itself indentation.

use rnix::ast;
use rnix::{NodeOrToken, SyntaxKind};
use rowan::ast::AstNode;

use crate::text::{Decoded, Span};

/// One part of a string literal, in order.
pub enum Part {
    Text(Decoded),
    Interpolation(ast::Interpol),
}

/// Whether `string` is an indented `''...''` string.
pub fn is_indented(string: &ast::Str) -> bool {
    string
        .syntax()
        .first_token()
        .is_some_and(|t| t.kind() == SyntaxKind::TOKEN_STRING_START && t.text() == "''")
}

/// The parts of `string` (a string node, quotes included).
pub fn parts(string: &ast::Str) -> Vec<Part> {
    let mut multiline = false;
    let mut content_start = None;
    let mut items = Vec::new();
    for child in string.syntax().children_with_tokens() {
        match child {
            NodeOrToken::Token(t) if t.kind() == SyntaxKind::TOKEN_STRING_START => {
                multiline = t.text() == "''";
                content_start = Some(u32::from(t.text_range().end()));
            }
            NodeOrToken::Token(t) if t.kind() == SyntaxKind::TOKEN_STRING_CONTENT => {
                items.push(Item::Content(t));
            }
            NodeOrToken::Node(n) => {
                if let Some(i) = ast::Interpol::cast(n) {
                    items.push(Item::Interpolation(i));
                }
            }
            NodeOrToken::Token(_) => {}
        }
    }
    if multiline {
        indented(items, content_start)
    } else {
        items
            .into_iter()
            .map(|item| match item {
                Item::Content(t) => Part::Text(quoted(t.text(), start_of(&t))),
                Item::Interpolation(i) => Part::Interpolation(i),
            })
            .collect()
    }
}

fn start_of(token: &rnix::SyntaxToken) -> u32 {
    u32::from(token.text_range().start())
}

enum Item {
    Content(rnix::SyntaxToken),
    Interpolation(ast::Interpol),
}

/// What `\c` stands for in a `"..."` string, or after `''\` in an indented one.
fn unescape(c: char) -> char {
    match c {
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        other => other,
    }
}

/// A `"..."` content token at `start`.
fn quoted(text: &str, start: u32) -> Decoded {
    let mut out = Decoded::default();
    let mut run = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let (decoded, len) = match c {
            '\\' => match chars.next() {
                Some((_, e)) => (unescape(e), 1 + e.len_utf8()),
                None => continue,
            },
            '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => {
                chars.next();
                ('\n', 2)
            }
            '\r' => ('\n', 1),
            _ => continue,
        };
        out.push_verbatim(&text[run..i], start + run as u32);
        let at = start + i as u32;
        out.push_escape_char(decoded, Span::new(at, at + len as u32));
        run = i + len;
    }
    out.push_verbatim(&text[run..], start + run as u32);
    out
}

/// One token of an indented string as the Nix lexer sees it.
enum Lexeme {
    /// Text as written (`IND_STR` with indentation): a verbatim stretch.
    Raw(String, u32),
    /// An escape (`''$`, `'''`, `''\x`): its text and source.
    Escape(String, Span),
    Interpolation(ast::Interpol),
}

/// Splits an indented string's content tokens into lexemes; the spaces and line break
/// right after the opening `''` (at `content_start`) are dropped.
fn lexemes(items: Vec<Item>, content_start: Option<u32>) -> Vec<Lexeme> {
    let mut out = Vec::new();
    for item in items {
        let (text, start) = match item {
            Item::Interpolation(i) => {
                out.push(Lexeme::Interpolation(i));
                continue;
            }
            Item::Content(t) => (t.text().to_string(), start_of(&t)),
        };
        let mut skip = 0;
        if Some(start) == content_start {
            let spaces = text.bytes().take_while(|&b| b == b' ').count();
            if text.as_bytes().get(spaces) == Some(&b'\n') {
                skip = spaces + 1;
            }
        }
        let bytes = text.as_bytes();
        let (mut i, mut run) = (skip, skip);
        while i < bytes.len() {
            let escape = if bytes[i..].starts_with(b"''$") {
                Some(("$".to_string(), 3))
            } else if bytes[i..].starts_with(b"'''") {
                Some(("''".to_string(), 3))
            } else if bytes[i..].starts_with(b"''\\") {
                let c = text[i + 3..].chars().next();
                let len = 3 + c.map_or(0, char::len_utf8);
                Some((c.map(unescape).map(String::from).unwrap_or_default(), len))
            } else {
                None
            };
            let Some((decoded, len)) = escape else {
                i += 1;
                continue;
            };
            if run < i {
                out.push(Lexeme::Raw(text[run..i].to_string(), start + run as u32));
            }
            let at = start + i as u32;
            out.push(Lexeme::Escape(decoded, Span::new(at, at + len as u32)));
            i += len;
            run = i;
        }
        if run < bytes.len() {
            out.push(Lexeme::Raw(text[run..].to_string(), start + run as u32));
        }
    }
    out
}

/// The smallest indentation of the lines (`stripIndentation`'s first pass).
fn min_indent(lexemes: &[Lexeme]) -> usize {
    let (mut at_line_start, mut min, mut current) = (true, usize::MAX, 0);
    for lexeme in lexemes {
        let Lexeme::Raw(text, _) = lexeme else {
            if at_line_start {
                at_line_start = false;
                min = min.min(current);
            }
            continue;
        };
        for b in text.bytes() {
            if at_line_start {
                match b {
                    b' ' => current += 1,
                    b'\n' => current = 0,
                    _ => {
                        at_line_start = false;
                        min = min.min(current);
                    }
                }
            } else if b == b'\n' {
                at_line_start = true;
                current = 0;
            }
        }
    }
    min
}

/// A stretch of an indented string's value: verbatim from `source.start` or an escape.
struct Segment {
    text: String,
    source: Span,
    verbatim: bool,
}

/// An indented string's parts, its indentation removed (`stripIndentation`'s second pass).
fn indented(items: Vec<Item>, content_start: Option<u32>) -> Vec<Part> {
    let lexemes = lexemes(items, content_start);
    let min = min_indent(&lexemes);
    let count = lexemes.len();
    let (mut at_line_start, mut dropped) = (true, 0);
    let mut parts = Vec::new();
    let mut text = Decoded::default();
    for (n, lexeme) in lexemes.into_iter().enumerate() {
        let (written, start, verbatim, span) = match lexeme {
            Lexeme::Interpolation(i) => {
                at_line_start = false;
                dropped = 0;
                parts.push(Part::Text(std::mem::take(&mut text)));
                parts.push(Part::Interpolation(i));
                continue;
            }
            Lexeme::Raw(written, start) => {
                let end = start + written.len() as u32;
                (written, start, true, Span::new(start, end))
            }
            Lexeme::Escape(written, span) => (written, span.start, false, span),
        };
        let mut segments: Vec<Segment> = Vec::new();
        let keep = |segments: &mut Vec<Segment>, i: usize, c: char| {
            let at = start + i as u32;
            let source = if verbatim {
                Span::new(at, at + c.len_utf8() as u32)
            } else {
                span
            };
            match segments.last_mut() {
                Some(last) if last.verbatim == verbatim && last.source.end == source.start => {
                    last.text.push(c);
                    last.source.end = source.end;
                }
                Some(last) if !verbatim && last.source == span => last.text.push(c),
                _ => segments.push(Segment {
                    text: c.to_string(),
                    source,
                    verbatim,
                }),
            }
        };
        for (i, c) in written.char_indices() {
            if at_line_start {
                match c {
                    ' ' => {
                        dropped += 1;
                        if dropped > min {
                            keep(&mut segments, i, c);
                        }
                    }
                    '\n' => {
                        dropped = 0;
                        keep(&mut segments, i, c);
                    }
                    _ => {
                        at_line_start = false;
                        dropped = 0;
                        keep(&mut segments, i, c);
                    }
                }
            } else {
                keep(&mut segments, i, c);
                if c == '\n' {
                    at_line_start = true;
                }
            }
        }
        if n + 1 == count {
            drop_last_blank_line(&mut segments);
        }
        for s in segments {
            if s.verbatim {
                text.push_verbatim(&s.text, s.source.start);
            } else {
                text.push_escape(&s.text, s.source);
            }
        }
    }
    parts.push(Part::Text(text));
    parts
}

/// Drops what follows the last line break of the string's last token when it is only
/// spaces: the line that holds the closing `''`.
fn drop_last_blank_line(segments: &mut Vec<Segment>) {
    let mut total: usize = segments.iter().map(|s| s.text.len()).sum();
    let joined: String = segments.iter().map(|s| s.text.as_str()).collect();
    let Some(p) = joined.rfind('\n') else {
        return;
    };
    if !joined[p + 1..].bytes().all(|b| b == b' ') {
        return;
    }
    while total > p + 1 {
        let last = segments.last_mut().expect("text left");
        let excess = total - (p + 1);
        if last.text.len() <= excess {
            total -= last.text.len();
            segments.pop();
        } else {
            let keep = last.text.len() - excess;
            last.text.truncate(keep);
            if last.verbatim {
                last.source.end = last.source.start + keep as u32;
            }
            total = p + 1;
        }
    }
}

/// Every string literal of `text` (a Nix file) as (span, decoded value) where it has no
/// interpolation, for the `nix-instantiate` oracle test; `None` where it has one.
pub fn literals(root: &rnix::SyntaxNode) -> Vec<(Span, Option<String>)> {
    root.descendants()
        .filter_map(ast::Str::cast)
        .map(|s| {
            let range = s.syntax().text_range();
            let span = Span::new(range.start().into(), range.end().into());
            let mut value = String::new();
            for part in parts(&s) {
                match part {
                    Part::Text(t) => value.push_str(t.text()),
                    Part::Interpolation(_) => return (span, None),
                }
            }
            (span, Some(value))
        })
        .collect()
}
