//! Terraform's JSON syntax (`*.tf.json`), read as the native syntax so the rest of the
//! reader (folding, resources, record-shaped data) serves both unchanged.
//!
//! Each block body (a JSON object) is rewritten in place, byte for byte the same length,
//! into the native syntax: `"key":` becomes ` key =`, the commas between members line
//! breaks, the outer braces spaces. Every JSON value is already a native expression (`:` is
//! allowed in object constructors, and a JSON string is a template with the same escapes,
//! save the rare `\/`, `\b`, `\f`), so `hcl-edit` parses the body with spans that, offset
//! by where the body starts ([`File::offset`]), point into the JSON text. Each block becomes
//! its own [`File`], so the cost stays linear in the file.
//!
//! The JSON structure is found by a small hand-written parser, since `serde_json` keeps no
//! positions. It follows Terraform's rules: top-level keys are block types; `resource` and
//! `data` take two labels from nested object keys, `module`, `variable`, `output` and
//! `provider` one; an array at a label level holds several blocks. Keys that are not
//! identifiers (`"//"` comments among them) are blanked out.

use std::sync::Arc;

use hcl_edit::structure::{Block, BlockLabel, Body};
use hcl_edit::{Decorated, Ident};

use super::fold::File;
use crate::text::{Source, Span};

/// JSON nesting deeper than this is refused as a syntax error.
const MAX_DEPTH: usize = 128;

/// A JSON value with its span.
enum Json {
    Object(Vec<(Span, String, Json)>, Span),
    Array(Vec<Json>, Span),
    /// A string, number, `true`, `false` or `null`.
    Scalar(Span),
}

/// Parses a `.tf.json` file into one [`File`] per block; the error is where and what.
pub(super) fn parse(source: &Arc<Source>) -> Result<Vec<File>, (Span, String)> {
    let text = &source.text;
    let fail =
        |(span, message): (Span, String)| (span, format!("invalid Terraform JSON: {message}"));
    let mut parser = Parser { text, at: 0 };
    let root = parser.value(0).map_err(fail)?;
    parser.ws();
    if parser.at < text.len() {
        return Err(fail((
            parser.here(),
            "expected the end of the file".to_string(),
        )));
    }
    let Json::Object(entries, _) = root else {
        return Err(fail((
            Span::at(0),
            "a Terraform JSON file is one object".to_string(),
        )));
    };
    let mut files = Vec::new();
    for (_, key, value) in &entries {
        let labels = match key.as_str() {
            "resource" | "data" => 2,
            "module" | "variable" | "output" | "provider" => 1,
            _ => 0,
        };
        blocks(source, key, labels, &mut Vec::new(), value, &mut files)?;
    }
    Ok(files)
}

/// Adds the blocks of type `ident` that `value` holds, reading `labels` more labels from
/// nested object keys.
fn blocks(
    source: &Arc<Source>,
    ident: &str,
    labels: usize,
    got: &mut Vec<String>,
    value: &Json,
    files: &mut Vec<File>,
) -> Result<(), (Span, String)> {
    match value {
        Json::Object(entries, _) if labels > 0 => {
            for (_, key, inner) in entries {
                got.push(key.clone());
                blocks(source, ident, labels - 1, got, inner, files)?;
                got.pop();
            }
        }
        Json::Array(items, _) => {
            for item in items {
                blocks(source, ident, labels, got, item, files)?;
            }
        }
        Json::Object(entries, extent) => {
            let Ok(name) = Ident::try_new(ident) else {
                return Ok(());
            };
            let native = rewrite(&source.text, entries, *extent);
            let body = hcl_edit::parser::parse_body(&native).map_err(|e| {
                let at = extent.start + e.location().offset().min(native.len()) as u32;
                let message = e.message().lines().next().unwrap_or_default().to_string();
                (Span::at(at), format!("invalid Terraform JSON: {message}"))
            })?;
            let mut block = Block::new(Decorated::new(name));
            block.labels = got.iter().map(|l| BlockLabel::from(l.as_str())).collect();
            block.body = body;
            let mut outer = Body::new();
            outer.push(block);
            files.push(File {
                source: Arc::clone(source),
                body: outer,
                offset: extent.start,
                extent: *extent,
            });
        }
        Json::Scalar(_) => {}
    }
    Ok(())
}

/// The object at `extent` rewritten as a native body of the same length.
fn rewrite(text: &str, entries: &[(Span, String, Json)], extent: Span) -> String {
    let base = extent.start as usize;
    let mut out = text.as_bytes()[extent.range()].to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for b in &mut out[from - base..to - base] {
            if !matches!(*b, b'\n' | b'\r') {
                *b = b' ';
            }
        }
    };
    let bytes = text.as_bytes();
    let skip_ws = |mut i: usize| {
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        i
    };
    out[0] = b' ';
    let last = out.len() - 1;
    out[last] = b' ';
    for (key_span, key, value) in entries {
        let (start, end) = (key_span.start as usize, value_span(value).end as usize);
        let colon = skip_ws(key_span.end as usize);
        if Ident::try_new(key.as_str()).is_err() || text[key_span.range()].contains('\\') {
            blank(&mut out, start, end);
        } else {
            out[start - base] = b' ';
            out[key_span.end as usize - 1 - base] = b' ';
            out[colon - base] = b'=';
        }
        let comma = skip_ws(end);
        if bytes.get(comma) == Some(&b',') {
            out[comma - base] = b'\n';
        }
    }
    // Only ASCII bytes were replaced by ASCII bytes, so the text is still UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

fn value_span(value: &Json) -> Span {
    match value {
        Json::Object(_, s) | Json::Array(_, s) | Json::Scalar(s) => *s,
    }
}

struct Parser<'t> {
    text: &'t str,
    at: usize,
}

impl Parser<'_> {
    fn here(&self) -> Span {
        Span::at(self.at as u32)
    }

    fn ws(&mut self) {
        let b = self.text.as_bytes();
        while self.at < b.len() && matches!(b[self.at], b' ' | b'\t' | b'\n' | b'\r') {
            self.at += 1;
        }
    }

    fn fail<T>(&self, message: &str) -> Result<T, (Span, String)> {
        Err((self.here(), message.to_string()))
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        let hit = self.text.as_bytes().get(self.at) == Some(&c);
        self.at += usize::from(hit);
        hit
    }

    fn value(&mut self, depth: usize) -> Result<Json, (Span, String)> {
        // Recursion is bounded by `MAX_DEPTH`.
        if depth > MAX_DEPTH {
            return self.fail(&format!("JSON nests more than {MAX_DEPTH} levels deep"));
        }
        self.ws();
        let start = self.at;
        let span = |p: &Self| Span::new(start as u32, p.at as u32);
        match self.text.as_bytes().get(self.at) {
            Some(b'{') => {
                self.at += 1;
                let mut entries = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        self.ws();
                        let key_span = self.string()?;
                        let key = serde_json::from_str(&self.text[key_span.range()])
                            .map_err(|_| (key_span, "invalid JSON string".to_string()))?;
                        if !self.eat(b':') {
                            return self.fail("expected `:`");
                        }
                        entries.push((key_span, key, self.value(depth + 1)?));
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return self.fail("expected `,` or `}`");
                        }
                    }
                }
                Ok(Json::Object(entries, span(self)))
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return self.fail("expected `,` or `]`");
                        }
                    }
                }
                Ok(Json::Array(items, span(self)))
            }
            Some(b'"') => Ok(Json::Scalar(self.string()?)),
            Some(c) if c.is_ascii_alphanumeric() || *c == b'-' => {
                let b = self.text.as_bytes();
                while self.at < b.len()
                    && (b[self.at].is_ascii_alphanumeric() || b"+-.".contains(&b[self.at]))
                {
                    self.at += 1;
                }
                Ok(Json::Scalar(span(self)))
            }
            _ => self.fail("expected a JSON value"),
        }
    }

    /// A string's span, quotes included.
    fn string(&mut self) -> Result<Span, (Span, String)> {
        let b = self.text.as_bytes();
        if b.get(self.at) != Some(&b'"') {
            return self.fail("expected a string");
        }
        let start = self.at;
        self.at += 1;
        while self.at < b.len() && b[self.at] != b'"' {
            self.at += if b[self.at] == b'\\' { 2 } else { 1 };
        }
        if self.at >= b.len() {
            return Err((Span::at(start as u32), "unterminated string".to_string()));
        }
        self.at += 1;
        Ok(Span::new(start as u32, self.at as u32))
    }
}
