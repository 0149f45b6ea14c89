//! Nix (`*.nix`): the TXT, CNAME and MX records of `dns.nix` zones and of the record sets
//! NixOS modules build, with spans inside the string literals they were built from.
//!
//! The file is parsed with `rnix`, the NixOS project's parser, whose rowan tree keeps the
//! span of every token; a small lazy partial evaluator ([`eval`]) folds what is written
//! as literals or built from them (`let`, `rec`, `inherit`, `with`, `//`, `++`, string
//! interpolation, functions written in the file), and [`records`] finds the record
//! shapes in the result. [`string`] decodes string literals (escapes, indented strings)
//! piece by piece; the `nix-instantiate` oracle test checks it on every literal of the
//! fixtures. What cannot be known offline is `unevaluated-value` where it may be a
//! reporting record; a marker the reader does not reach at all is left to
//! `unread-mention`, which says so.
//!
//! Cost: a file without a reporting marker ([`worth_parsing`]) costs one byte scan and is
//! never parsed, so a repository of NixOS modules pays nothing for the many files that
//! define no DNS. `rnix` bounds its own recursion (512 nested expressions, then a parse
//! error), the evaluator its depth and steps, and the record search its depth.

use std::sync::Arc;

use rowan::ast::AstNode;

use super::Extracted;
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::source_syntax_error::SOURCE_SYNTAX_ERROR;
use crate::text::{Source, Span};

mod eval;
mod operators;
mod records;
mod string;
#[cfg(test)]
mod tests;
mod tree;
mod value;

/// Reads `source` as a Nix file; `origin` is the zone the settings name for it.
pub fn extract(source: &Arc<Source>, origin: Option<&str>) -> Extracted {
    if !worth_parsing(&source.text) {
        return Extracted::default();
    }
    if let Some(at) = too_deep(&source.text) {
        let location = Location::new(source, Span::at(at));
        let message = format!(
            "invalid Nix: an expression of more than {MAX_TERMS} nested terms and operators is too deep to read safely"
        );
        return Extracted {
            records: Vec::new(),
            diagnostics: vec![Diagnostic::new(&SOURCE_SYNTAX_ERROR, location, message)],
        };
    }
    let parse = rnix::Root::parse(&source.text);
    if let Some(error) = parse.errors().first() {
        let (span, message) = syntax_error(&source.text, error);
        let location = Location::new(source, span);
        return Extracted {
            records: Vec::new(),
            diagnostics: vec![Diagnostic::new(&SOURCE_SYNTAX_ERROR, location, message)],
        };
    }
    let Some(expr) = parse.tree().expr() else {
        return Extracted::default();
    };
    let mut eval = eval::Eval::new(source.text.len());
    let value = eval.root(expr);
    let root_zone = origin
        .map(|o| o.trim_end_matches('.').to_string())
        .or_else(|| crate::origin::from_nix_file_name(&source.path));
    let mut walk = records::Walk::new(&mut eval, source, root_zone);
    walk.search(&value, None, 0);
    walk.finish()
}

/// Whether a file may hold a reporting record: it mentions a reporting name or value (any
/// case). Everything else costs this one scan.
pub fn worth_parsing(text: &str) -> bool {
    static FINDER: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build([
                    "_smtp", "_tls", "_mta-sts", "_mta_sts", "_report", "tlsrpt", "stsv1",
                ])
                .expect("fixed needles build")
        });
    FINDER.is_match(text)
}

/// Terms and operators one expression may chain, and brackets nest, at most.
const MAX_TERMS: usize = 2_000;

/// Where the file's syntax tree would pass [`MAX_TERMS`] levels, if anywhere: `rnix` bounds
/// its recursion, but a chain of operators or applications (`"a" + "a" + ...`, `f a a ...`)
/// is left-nested without recursion, and the tree it makes is freed by recursion. A cheap
/// over-count on the tokens: every open bracket, string and interpolation is a level, and
/// every term and operator of an expression counts until a `;` or `,` ends it (items of a
/// list are side by side, not nested, and do not count).
fn too_deep(text: &str) -> Option<u32> {
    use rnix::SyntaxKind as K;
    let mut levels: Vec<(K, usize)> = Vec::new();
    let (mut sum, mut terms, mut offset) = (0usize, 0usize, 0usize);
    for (kind, written) in rnix::tokenize(text) {
        offset += written.len();
        match kind {
            K::TOKEN_L_PAREN
            | K::TOKEN_L_BRACE
            | K::TOKEN_L_BRACK
            | K::TOKEN_INTERPOL_START
            | K::TOKEN_STRING_START => {
                levels.push((kind, terms));
                sum += terms;
                terms = 0;
            }
            K::TOKEN_R_PAREN
            | K::TOKEN_R_BRACE
            | K::TOKEN_R_BRACK
            | K::TOKEN_INTERPOL_END
            | K::TOKEN_STRING_END => {
                terms = levels.pop().map_or(0, |(_, t)| t);
                sum -= terms;
                if levels.last().is_none_or(|(k, _)| *k != K::TOKEN_L_BRACK) {
                    terms += 1;
                }
            }
            K::TOKEN_SEMICOLON | K::TOKEN_COMMA => terms = 0,
            K::TOKEN_WHITESPACE | K::TOKEN_COMMENT | K::TOKEN_STRING_CONTENT | K::TOKEN_DOT => {}
            _ if levels.last().is_some_and(|(k, _)| *k == K::TOKEN_L_BRACK) => {}
            _ => terms += 1,
        }
        if levels.len() + sum + terms > MAX_TERMS {
            return Some(offset as u32);
        }
    }
    None
}

/// Where and why `rnix` refused the file.
fn syntax_error(text: &str, error: &rnix::ParseError) -> (Span, String) {
    use rnix::ParseError as E;
    let at = |range: &rnix::TextRange| Span::new(range.start().into(), range.end().into());
    let shown = |range: &rnix::TextRange| {
        let written: String = text
            .get(at(range).range())
            .unwrap_or_default()
            .chars()
            .take(40)
            .collect();
        format!("unexpected `{written}`")
    };
    let end = Span::at(text.len() as u32);
    match error {
        E::Unexpected(r) | E::UnexpectedExtra(r) | E::UnexpectedWanted(_, r, _) => {
            (at(r), format!("invalid Nix: {}", shown(r)))
        }
        E::UnexpectedDoubleBind(r) => (at(r), "invalid Nix: a pattern bound twice".to_string()),
        E::DuplicatedArgs(r, name) => (
            at(r),
            format!("invalid Nix: argument `{name}` is duplicated"),
        ),
        E::UnexpectedEOF | E::UnexpectedEOFWanted(_) => {
            (end, "invalid Nix: unexpected end of file".to_string())
        }
        E::RecursionLimitExceeded => (
            Span::default(),
            "invalid Nix: expressions nested too deep to read safely".to_string(),
        ),
        _ => (Span::default(), format!("invalid Nix: {error}")),
    }
}

/// The `#` comments of `text`, for suppressions.
pub fn comments(text: &str) -> Vec<Span> {
    rnix::tokenize(text)
        .scan(0u32, |offset, token| {
            let start = *offset;
            *offset += token.1.len() as u32;
            Some((token.0, start, *offset, token.1.starts_with('#')))
        })
        .filter(|&(kind, _, _, hash)| kind == rnix::SyntaxKind::TOKEN_COMMENT && hash)
        .map(|(_, start, end, _)| Span::new(start, end))
        .collect()
}

/// Every string literal of a Nix file as (span, decoded value), the value `None` where it
/// has an interpolation; none where the file does not parse. For the `nix-instantiate`
/// oracle test.
pub fn string_literals(text: &str) -> Vec<(Span, Option<String>)> {
    let parse = rnix::Root::parse(text);
    if !parse.errors().is_empty() {
        return Vec::new();
    }
    string::literals(parse.tree().syntax())
}
