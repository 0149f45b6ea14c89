//! Azure Resource Manager template expressions: `[concat(parameters('zone'), '/_smtp._tls')]`.
//!
//! Hand-written because no crate parses them (the Bicep compiler, which has one, is C#),
//! and the grammar is small: function calls (`name(arg, ...)`, names case-insensitive and
//! dotted for user functions), single-quoted strings with `''` for a quote, integers, and
//! property (`.name`) and index (`[expr]`) access. It is a recursive-descent parser with a
//! depth limit ([`MAX_DEPTH`]), so a hostile expression ends in an error, never in a deep
//! stack. A string value that starts with `[` and ends with `]` is an expression; `[[`
//! starts a literal string whose first `[` is dropped.
//!
//! The expression is parsed over the JSON string's decoded value, so every literal it
//! copies keeps its map to the file ([`Decoded`]). [`eval`] folds what is made of literals:
//! `concat`, `format` (`{0}`, `{{`, `}}`), `toLower`, `toUpper`, and the `parameters` and
//! `variables` its caller looks up (a parameter's `defaultValue`, a variable's value).
//! Anything else (`resourceGroup()`, a property access, a function of an unknown) is an
//! [`Part::Unknown`] at its span, so the parts that are known stay usable: the zone of
//! `[concat(parameters('zone'), '/_smtp._tls')]` is unknown, the record's name is not.

use std::ops::Range;

use crate::text::{Decoded, Span};

/// The deepest nesting of calls and accesses parsed.
pub const MAX_DEPTH: usize = 32;

/// A parsed expression; ranges are byte offsets in the decoded string.
#[derive(Debug)]
pub enum Expr {
    /// A string literal: the range inside its quotes.
    Str(Range<u32>),
    Int(Range<u32>),
    Call {
        name: Range<u32>,
        args: Vec<Expr>,
        span: Range<u32>,
    },
    /// `.name` or `[index]` after an expression.
    Access(Range<u32>),
}

/// What a string value is: a literal, or an expression.
#[derive(Debug)]
pub enum Written {
    /// The range of the literal text (without the first `[` of `[[`).
    Literal(Range<u32>),
    Expression(Result<Expr, u32>),
}

/// Reads a JSON string's value: a literal, or the expression between its brackets (the
/// error is where parsing stopped).
pub fn written(text: &str) -> Written {
    let len = text.len() as u32;
    if text.starts_with("[[") {
        return Written::Literal(1..len);
    }
    if !(text.starts_with('[') && text.ends_with(']') && text.len() >= 2) {
        return Written::Literal(0..len);
    }
    let mut parser = Parser {
        b: text.as_bytes(),
        at: 1,
        end: text.len() - 1,
    };
    let parsed = parser.expr(0).and_then(|e| {
        parser.blanks();
        if parser.at == parser.end {
            Ok(e)
        } else {
            Err(parser.at as u32)
        }
    });
    Written::Expression(parsed)
}

struct Parser<'t> {
    b: &'t [u8],
    at: usize,
    end: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        (self.at < self.end).then(|| self.b[self.at])
    }

    fn blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn error<T>(&self) -> Result<T, u32> {
        Err(self.at as u32)
    }

    fn eat(&mut self, c: u8) -> Result<(), u32> {
        self.blanks();
        if self.peek() == Some(c) {
            self.at += 1;
            Ok(())
        } else {
            self.error()
        }
    }

    fn expr(&mut self, depth: usize) -> Result<Expr, u32> {
        if depth >= MAX_DEPTH {
            return self.error();
        }
        self.blanks();
        let start = self.at as u32;
        let mut expr = match self.peek() {
            Some(b'\'') => self.string()?,
            Some(b'-' | b'0'..=b'9') => {
                self.at += 1;
                while matches!(self.peek(), Some(b'0'..=b'9')) {
                    self.at += 1;
                }
                Expr::Int(start..self.at as u32)
            }
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.'))
                {
                    self.at += 1;
                }
                let name = start..self.at as u32;
                self.eat(b'(')?;
                let mut args = Vec::new();
                self.blanks();
                if self.peek() == Some(b')') {
                    self.at += 1;
                } else {
                    loop {
                        args.push(self.expr(depth + 1)?);
                        self.blanks();
                        match self.peek() {
                            Some(b',') => self.at += 1,
                            Some(b')') => {
                                self.at += 1;
                                break;
                            }
                            _ => return self.error(),
                        }
                    }
                }
                Expr::Call {
                    name,
                    args,
                    span: start..self.at as u32,
                }
            }
            _ => return self.error(),
        };
        // Property and index access: never folded, parsed to find the expression's end.
        loop {
            self.blanks();
            match self.peek() {
                Some(b'.') => {
                    self.at += 1;
                    self.blanks();
                    let from = self.at;
                    while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == b'_') {
                        self.at += 1;
                    }
                    if self.at == from {
                        return self.error();
                    }
                }
                Some(b'[') => {
                    self.at += 1;
                    self.expr(depth + 1)?;
                    self.eat(b']')?;
                }
                _ => return Ok(expr),
            }
            expr = Expr::Access(start..self.at as u32);
        }
    }

    fn string(&mut self) -> Result<Expr, u32> {
        let open = self.at;
        self.at += 1;
        loop {
            match self.peek() {
                None => return Err(open as u32),
                Some(b'\'')
                    if self.b.get(self.at + 1) == Some(&b'\'') && self.at + 1 < self.end =>
                {
                    self.at += 2
                }
                Some(b'\'') => {
                    self.at += 1;
                    return Ok(Expr::Str(open as u32 + 1..self.at as u32 - 1));
                }
                Some(_) => self.at += 1,
            }
        }
    }
}

/// A piece of an evaluated string.
#[derive(Clone, Debug)]
pub enum Part {
    Known(Decoded),
    /// What needs a deployment (or a construct not folded), at its source.
    Unknown(Span),
}

/// The string of `parts`, or the first unknown part's span.
pub fn known(parts: &[Part]) -> Result<Decoded, Span> {
    let mut out = Decoded::default();
    for part in parts {
        match part {
            Part::Known(d) => out.append_range(d, 0..d.len()),
            Part::Unknown(at) => return Err(*at),
        }
    }
    Ok(out)
}

/// What `parameters('x')` and `variables('x')` stand for: the lookup is `(function, name)`.
pub type Lookup<'a> = dyn FnMut(&str, &str) -> Option<Vec<Part>> + 'a;

/// Evaluates `expr`, parsed over `text`, to its parts; `lookup` gives parameters and
/// variables.
pub fn eval(expr: &Expr, text: &Decoded, lookup: &mut Lookup<'_>) -> Vec<Part> {
    let unknown = |r: &Range<u32>| vec![Part::Unknown(text.source_span(r.clone()))];
    match expr {
        Expr::Str(range) => vec![Part::Known(literal(text, range.clone()))],
        Expr::Int(range) => {
            let mut out = Decoded::default();
            out.append_range(text, range.clone());
            vec![Part::Known(out)]
        }
        Expr::Access(range) => unknown(range),
        Expr::Call { name, args, span } => {
            let name = text.text()[name.start as usize..name.end as usize].to_ascii_lowercase();
            let mut values = args.iter().map(|a| eval(a, text, lookup));
            match name.as_str() {
                "concat" => values.flatten().collect(),
                "parameters" | "variables" => {
                    let [Expr::Str(key)] = args.as_slice() else {
                        return unknown(span);
                    };
                    let key = literal(text, key.clone());
                    lookup(&name, key.text()).unwrap_or_else(|| unknown(span))
                }
                "tolower" | "toupper" if args.len() == 1 => {
                    match values.next().map(|v| known(&v)) {
                        Some(Ok(value)) => vec![Part::Known(case(&value, name == "tolower"))],
                        _ => unknown(span),
                    }
                }
                "format" if !args.is_empty() => {
                    let Some(Ok(template)) = values.next().map(|v| known(&v)) else {
                        return unknown(span);
                    };
                    let rest: Vec<Vec<Part>> = values.collect();
                    format(&template, &rest).unwrap_or_else(|| unknown(span))
                }
                _ => unknown(span),
            }
        }
    }
}

/// A string literal's value: `''` is one quote.
fn literal(text: &Decoded, range: Range<u32>) -> Decoded {
    let mut out = Decoded::default();
    let mut last = range.start;
    for (i, _) in text.text()[range.start as usize..range.end as usize].match_indices("''") {
        let i = range.start + i as u32;
        out.append_range(text, last..i);
        out.push_escape("'", text.source_span(i..i + 2));
        last = i + 2;
    }
    out.append_range(text, last..range.end);
    out
}

/// `toLower`/`toUpper`; a value with non-ASCII letters maps to its whole source.
fn case(value: &Decoded, lower: bool) -> Decoded {
    let changed = if lower {
        value.text().to_lowercase()
    } else {
        value.text().to_uppercase()
    };
    if changed == value.text() {
        return value.clone();
    }
    let mut out = Decoded::default();
    if value.text().is_ascii() {
        for (range, source, verbatim) in value.pieces() {
            let piece = &changed[range.start as usize..range.end as usize];
            if verbatim && piece == &value.text()[range.start as usize..range.end as usize] {
                out.push_verbatim(piece, source.start);
            } else {
                out.push_escape(piece, source);
            }
        }
    } else {
        out.push_escape(&changed, value.source_span(0..value.len()));
    }
    out
}

/// `format`'s template with `{n}` replaced by argument `n`; `None` where the template is
/// not one .NET formats, or formats a value (`{0:D2}`).
fn format(template: &Decoded, args: &[Vec<Part>]) -> Option<Vec<Part>> {
    let text = template.text();
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut run = Decoded::default();
    let mut i = 0;
    let mut last = 0;
    while i < b.len() {
        match b[i] {
            b'{' | b'}' if b.get(i + 1) == Some(&b[i]) => {
                run.append_range(template, last as u32..i as u32);
                let brace = &text[i..i + 1];
                run.push_escape(brace, template.source_span(i as u32..i as u32 + 2));
                i += 2;
                last = i;
            }
            b'{' => {
                let close = i + text[i..].find('}')?;
                let index: usize = text[i + 1..close].trim().parse().ok()?;
                run.append_range(template, last as u32..i as u32);
                out.push(Part::Known(std::mem::take(&mut run)));
                out.extend(args.get(index)?.iter().cloned());
                i = close + 1;
                last = i;
            }
            b'}' => return None,
            _ => i += 1,
        }
    }
    run.append_range(template, last as u32..b.len() as u32);
    out.push(Part::Known(run));
    Some(out)
}

/// Parses and folds `text` (a JSON string's value, its own source), `parameters('zone')`
/// known; panics where a known part's verbatim pieces are not the text's bytes there.
pub fn check(text: &str) {
    let decoded = Decoded::verbatim(text, 0);
    let Written::Expression(Ok(expr)) = written(text) else {
        return;
    };
    let zone = Decoded::verbatim("zone", 0);
    let parts = eval(&expr, &decoded, &mut |function, name| {
        (function == "parameters" && name == "zone").then(|| vec![Part::Known(zone.clone())])
    });
    for part in parts {
        let Part::Known(value) = part else { continue };
        for (range, source, verbatim) in value.pieces() {
            let piece = &value.text()[range.start as usize..range.end as usize];
            assert!(
                !verbatim || piece == "zone" || text.get(source.range()) == Some(piece),
                "{piece:?} at {source:?}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Evaluates `text` (a whole JSON string value) with `zone` as the only parameter.
    fn fold(text: &str) -> Result<String, String> {
        let decoded = Decoded::verbatim(text, 0);
        let parts = match written(text) {
            Written::Literal(range) => {
                let mut out = Decoded::default();
                out.append_range(&decoded, range);
                vec![Part::Known(out)]
            }
            Written::Expression(Ok(expr)) => eval(&expr, &decoded, &mut |f, name| {
                (f == "parameters" && name == "zone")
                    .then(|| vec![Part::Known(Decoded::verbatim("example.com", 1000))])
            }),
            Written::Expression(Err(at)) => return Err(format!("error at {at}")),
        };
        known(&parts)
            .map(|d| d.text().to_string())
            .map_err(|at| text[at.range()].to_string())
    }

    #[test]
    fn folds_literal_functions() {
        assert_eq!(
            fold("[concat(parameters('zone'), '/_smtp._tls')]"),
            Ok("example.com/_smtp._tls".into())
        );
        assert_eq!(
            fold("[format('{0}/{1}', parameters('zone'), 'it''s')]"),
            Ok("example.com/it's".into())
        );
        assert_eq!(fold("[format('{{x}}{0}', 1)]"), Ok("{x}1".into()));
        assert_eq!(fold("[ToLower( 'A_B' )]"), Ok("a_b".into()));
        assert_eq!(
            fold("[[not an expression]"),
            Ok("[not an expression]".into())
        );
        assert_eq!(fold("plain"), Ok("plain".into()));
    }

    #[test]
    fn unknowns_are_the_innermost_expression() {
        assert_eq!(
            fold("[concat(parameters('other'), '/x')]"),
            Err("parameters('other')".into())
        );
        assert_eq!(
            fold("[concat(resourceGroup().location, 'x')]"),
            Err("resourceGroup().location".into())
        );
        assert_eq!(fold("[format('{0}', 'a', )]"), Err("error at 20".into()));
        assert_eq!(
            fold("[format('{5}', 'a')]"),
            Err("format('{5}', 'a')".into())
        );
    }

    #[test]
    fn literals_keep_their_bytes() {
        let text = "[concat('_smtp', '._tls')]";
        let decoded = Decoded::verbatim(text, 0);
        let Written::Expression(Ok(expr)) = written(text) else {
            panic!()
        };
        let value = known(&eval(&expr, &decoded, &mut |_, _| None)).unwrap();
        assert_eq!(value.text(), "_smtp._tls");
        assert_eq!(&text[value.source_span(5..10).range()], "._tls");
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let text = format!("[{}'x'{}]", "concat(".repeat(10_000), ")".repeat(10_000));
        assert!(matches!(written(&text), Written::Expression(Err(_))));
    }
}
