//! dnscontrol `dnsconfig.js` and the files it `require`s: the TXT, CNAME, MX and TLSA
//! records it makes, with spans inside the string literals they were built from.
//!
//! The JavaScript is parsed with `oxc_parser`, a maintained, fast, spec-complete parser
//! whose every node has a byte span, and run by a small partial evaluator over the syntax
//! tree (`eval`): literals, bindings, user functions (templates, name-building helpers),
//! arrays used as record macros, concatenation and template literals, and dnscontrol's
//! `D`/`D_EXTEND`/`TXT`/`CNAME`/`MX`/`TLSA`/`require` (`builtins`). Each string value is a
//! [`crate::text::Decoded`] whose pieces point into the literals it came from
//! (`literal`, `value`), so findings land on the byte inside the literal, even inside
//! the second element of a `TXT` array. What cannot be known offline is an unknown value
//! that remembers its expression, reported (TLSRPT002) where it reaches a record that may
//! matter.
//!
//! Why not an embedded engine (`boa_engine`): running the file would give the values but
//! not where their bytes were written (a value would point at the `TXT()` call at best),
//! it compiles for minutes on the shared machine, and it needs its own sandboxing of time
//! and memory. The configurations dnscontrol reads are declarative in practice, and what
//! the evaluator does not run is reported, not guessed.
//!
//! Safety: oxc's parser recurses without a depth limit (about 2 KiB of stack per nested
//! bracket in a debug build, measured), so parsing and evaluation run on a thread with a
//! [`STACK`]-byte stack, and a file nested deeper (brackets and operators) than that stack holds
//! ([`MAX_NESTING_TOKENS`]) is refused (TLSRPT001) before it is parsed. The evaluator has
//! its own limits on steps, depth and sizes.
//!
//! Decisions: `require` runs a `.js` file in the global scope each time it is required, as
//! dnscontrol does (parsed once; a file already running is not entered again), and
//! resolves every path against the requiring file (dnscontrol resolves paths that do not
//! start with `./` against its working directory, which the linter cannot know); a `.json`
//! file required again gives what it gave the first time; a TTL not written (`TTL()` on
//! the record or `DefaultTTL()` on the domain) is left unknown rather than taken as
//! dnscontrol's default; only `//` comments hold suppressions.

use std::collections::HashSet;
use std::sync::Arc;

use oxc_allocator::Allocator;
use oxc_ast::ast::{CommentKind, Expression, Program};
use oxc_diagnostics::OxcDiagnostic;
use oxc_parser::Parser;
use oxc_span::SourceType;

use super::{Extracted, Loader};
use crate::diagnostic::{Diagnostic, Location};
use crate::rules::unreadable_file::UNREADABLE_FILE;
use crate::text::{Source, Span};

mod builtins;
mod eval;
mod expr;
mod literal;
mod methods;
mod records;
mod require;
mod scope;
#[cfg(test)]
mod tests;
mod value;
pub(crate) mod writer;

/// The stack of the thread that parses and evaluates (reserved, touched only as used).
pub const STACK: usize = 256 << 20;

/// Stack one token that can open a nesting level may cost the parser (measured at most
/// about 3 KiB in a debug build, for `{a:` object nesting).
const STACK_PER_TOKEN: usize = 4 << 10;

/// Tokens that can nest, at most, in one file: what the stack holds, less room for the
/// evaluator.
pub const MAX_NESTING_TOKENS: usize = (STACK - (32 << 20)) / STACK_PER_TOKEN;

/// Reads `source` (a `dnsconfig.js`) and the files it requires.
pub fn extract(source: &Arc<Source>, loader: &dyn Loader) -> Extracted {
    let run = || {
        let alloc = Allocator::default();
        let mut eval = eval::Eval::new(&alloc, loader);
        eval.run(source);
        let out = std::mem::take(&mut eval.out);
        Extracted {
            records: out.records,
            diagnostics: dedup(out.diagnostics),
        }
    };
    on_big_stack(run).unwrap_or_else(|message| {
        let location = Location::new(source, Span::default());
        Extracted {
            records: Vec::new(),
            diagnostics: vec![Diagnostic::new(&UNREADABLE_FILE, location, message)],
        }
    })
}

/// The `//` comments of `text`, for suppressions.
pub fn comments(text: &str) -> Vec<Span> {
    let run = || {
        let alloc = Allocator::default();
        match parse(&alloc, text) {
            Ok(program) => program
                .comments
                .iter()
                .filter(|c| c.kind == CommentKind::Line)
                .map(|c| Span::new(c.span.start, c.span.end))
                .collect(),
            Err(_) => Vec::new(),
        }
    };
    on_big_stack(run).unwrap_or_default()
}

/// Runs `f` on a thread with a [`STACK`]-byte stack; a panic there goes on here.
fn on_big_stack<T: Send>(f: impl FnOnce() -> T + Send) -> Result<T, String> {
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("dnscontrol".to_string())
            .stack_size(STACK)
            .spawn_scoped(scope, f)
            .map_err(|e| format!("cannot start the JavaScript reader: {e}"))?;
        handle
            .join()
            .map_err(|panic| std::panic::resume_unwind(panic))
    })
}

/// A syntax error: where, and the parser's message.
type SyntaxError = (Span, String);

/// Parses `text` as a script; the first syntax error otherwise.
fn parse<'a>(alloc: &'a Allocator, text: &'a str) -> Result<&'a Program<'a>, SyntaxError> {
    nesting_budget(text)?;
    let parsed = Parser::new(alloc, text, SourceType::cjs()).parse();
    if let Some(error) = parsed.errors.first() {
        return Err(syntax_error(error));
    }
    if parsed.panicked {
        return Err((Span::default(), "the parser gave up".to_string()));
    }
    Ok(alloc.alloc(parsed.program))
}

/// Parses a `require`d JSON file as the JavaScript expression it also is, so its strings
/// keep their spans.
fn parse_json<'a>(alloc: &'a Allocator, text: &'a str) -> Result<&'a Expression<'a>, SyntaxError> {
    nesting_budget(text)?;
    match Parser::new(alloc, text, SourceType::cjs()).parse_expression() {
        Ok(expression) => Ok(alloc.alloc(expression)),
        Err(errors) => Err(errors.first().map_or(
            (Span::default(), "the parser gave up".to_string()),
            syntax_error,
        )),
    }
}

fn syntax_error(error: &OxcDiagnostic) -> SyntaxError {
    let span = error
        .labels
        .as_ref()
        .and_then(|labels| labels.first())
        .map_or(Span::default(), |l| {
            Span::new(l.offset() as u32, (l.offset() + l.len()) as u32)
        });
    (span, lowercase_first(&error.message))
}

/// Refuses a file with more tokens that can nest than the stack holds.
fn nesting_budget(text: &str) -> Result<(), SyntaxError> {
    match too_nested(text) {
        Some(at) => Err((
            Span::at(at),
            format!(
                "brackets and operators nested more than {MAX_NESTING_TOKENS} deep: too deep to read safely"
            ),
        )),
        None => Ok(()),
    }
}

fn lowercase_first(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Words that start a construct the parser reads by recursion.
const NESTING_WORDS: &[&[u8]] = &[
    b"new",
    b"typeof",
    b"void",
    b"delete",
    b"await",
    b"yield",
    b"if",
    b"else",
    b"while",
    b"for",
    b"do",
    b"with",
    b"return",
    b"throw",
    b"case",
    b"function",
    b"class",
    b"extends",
];

/// Where the nesting passes [`MAX_NESTING_TOKENS`], if anywhere: a cheap over-count of the
/// levels the parser may hold at once. Every open bracket is a level until it closes, and
/// every operator or keyword that can open one (`!`, `=`, `?`, `=>`, `function`...) counts
/// until the expression ends at a `,` or `;` or its bracket closes. Strings and comments
/// are scanned as code, which can only over-count. A long but flat file (thousands of
/// `D()` calls) stays far below the limit.
fn too_nested(text: &str) -> Option<u32> {
    let bytes = text.as_bytes();
    // Operators pending in each open bracket, their sum, and those in the current one.
    let mut saved: Vec<usize> = Vec::new();
    let (mut saved_sum, mut ops) = (0, 0);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphabetic() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            ops += usize::from(NESTING_WORDS.contains(&&bytes[start..i]));
        } else {
            match b {
                b'(' | b'[' | b'{' => {
                    saved.push(ops);
                    saved_sum += ops;
                    ops = 0;
                }
                b')' | b']' | b'}' => {
                    ops = saved.pop().unwrap_or(0);
                    saved_sum -= ops;
                }
                b',' | b';' => ops = 0,
                b'.' | b'"' | b'\'' => {}
                _ => ops += usize::from(b.is_ascii_punctuation()),
            }
            i += 1;
        }
        if saved.len() + saved_sum + ops > MAX_NESTING_TOKENS {
            return Some(i as u32);
        }
    }
    None
}

/// Drops repeated findings: a template applied to three domains reports an unknown value
/// in it once.
fn dedup(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut seen = HashSet::new();
    diagnostics
        .into_iter()
        .filter(|d| {
            seen.insert((
                d.rule.code,
                d.location.source.path.clone(),
                d.location.span,
                d.message.clone(),
            ))
        })
        .collect()
}
