//! The directives of a master file: `$ORIGIN`, `$TTL`, `$INCLUDE` (RFC 1035 §5.1, RFC 2308
//! §4) and BIND's `$GENERATE`, which is recognised and reported, never expanded.

use super::decode::decode;
use super::fields::{is_class, parse_ttl, record_type, resolve_name, Type};
use super::lexer::{Kind, Token};
use super::reader::{inner, FileReader, State};
use crate::diagnostic::{Diagnostic, Location};
use crate::names::mentions_reporting;
use crate::rules::unevaluated_value::UNEVALUATED_VALUE;
use crate::rules::unreadable_file::UNREADABLE_FILE;
use crate::text::Span;

/// `$INCLUDE` nesting deeper than this is reported instead of followed (a loop the include
/// stack cannot see, say through `a/../a.zone`).
const MAX_INCLUDE_DEPTH: usize = 16;

/// One zone follows at most this many `$INCLUDE`s in all: a file that includes the next one
/// three times, 16 deep, would otherwise be read 3^16 times.
const MAX_INCLUDES: usize = 1024;

impl FileReader<'_, '_> {
    pub(super) fn directive(&mut self, first: Token) {
        let name = self.slice(first.span);
        if name.eq_ignore_ascii_case("$ORIGIN") {
            self.origin_directive();
        } else if name.eq_ignore_ascii_case("$TTL") {
            self.ttl_directive();
        } else if name.eq_ignore_ascii_case("$INCLUDE") {
            self.include_directive();
        } else if name.eq_ignore_ascii_case("$GENERATE") {
            self.generate_directive(first);
        } else {
            let found = self.shown(first);
            self.fail(
                first,
                format!("unknown directive {found}: expected `$ORIGIN`, `$TTL`, `$INCLUDE` or `$GENERATE`"),
            );
        }
    }

    fn origin_directive(&mut self) {
        let token = self.lexer.next_token();
        if token.kind != Kind::Word {
            let found = self.shown(token);
            return self.fail(
                token,
                format!("expected a domain name after `$ORIGIN`, found {found}"),
            );
        }
        if self.templated(token.span) {
            // Known once rendered: the origin stays the template's name's, or a literal's.
            self.expect_eol("the `$ORIGIN` name");
            return;
        }
        let mut origin = String::new();
        if let Err(bad) = resolve_name(
            self.text,
            token.span,
            self.state.origin.as_deref(),
            &mut origin,
        ) {
            return self.fail_bad(bad);
        }
        if !self.expect_eol("the `$ORIGIN` name") {
            return;
        }
        if origin.ends_with('.') && (self.state.zone_open || self.state.zone.is_none()) {
            self.state.zone = Some(origin.clone());
            self.state.zone_open = false;
        }
        self.state.origin = Some(origin);
    }

    fn ttl_directive(&mut self) {
        let token = self.lexer.next_token();
        let ttl = (token.kind == Kind::Word)
            .then(|| parse_ttl(self.slice(token.span)))
            .flatten();
        let Some(ttl) = ttl else {
            let found = self.shown(token);
            let message =
                format!("expected a TTL such as `3600` or `1h30m` after `$TTL`, found {found}");
            return self.fail(token, message);
        };
        if self.expect_eol("the `$TTL` value") {
            self.state.default_ttl = Some(ttl);
        }
    }

    fn include_directive(&mut self) {
        let file = self.lexer.next_token();
        if !matches!(file.kind, Kind::Word | Kind::Quoted) {
            let found = self.shown(file);
            return self.fail(
                file,
                format!("expected a file name after `$INCLUDE`, found {found}"),
            );
        }
        let mut path = String::new();
        if let Err(bad) = decode(self.text, inner(&file), &mut path) {
            return self.fail_bad(bad);
        }
        let next = self.lexer.next_token();
        let origin = match next.kind {
            Kind::Eol => self.state.origin.clone(),
            Kind::Word => {
                let mut origin = String::new();
                if let Err(bad) = resolve_name(
                    self.text,
                    next.span,
                    self.state.origin.as_deref(),
                    &mut origin,
                ) {
                    return self.fail_bad(bad);
                }
                if !self.expect_eol("the `$INCLUDE` origin") {
                    return;
                }
                Some(origin)
            }
            _ => {
                let found = self.shown(next);
                return self.fail(next, format!("expected an origin or end of line after the `$INCLUDE` file, found {found}"));
            }
        };
        self.include(&path, file.span, origin);
    }

    fn include(&mut self, path: &str, span: Span, origin: Option<String>) {
        if self.shared.stack.len() >= MAX_INCLUDE_DEPTH {
            let message =
                format!("`$INCLUDE` of `{path}` nests more than {MAX_INCLUDE_DEPTH} files deep");
            return self.report(&UNREADABLE_FILE, span, message);
        }
        self.shared.included += 1;
        if self.shared.included > MAX_INCLUDES {
            // Once: the includes still pending would each say the same.
            if self.shared.included == MAX_INCLUDES + 1 {
                let message =
                    format!("`$INCLUDE` of `{path}` is over the limit of {MAX_INCLUDES} includes in one zone");
                self.report(&UNREADABLE_FILE, span, message);
            }
            return;
        }
        let child = match self.shared.loader.load(self.source, path) {
            Ok(child) => child,
            Err(message) => {
                let message = format!("cannot read `$INCLUDE` file `{path}`: {message}");
                return self.report(&UNREADABLE_FILE, span, message);
            }
        };
        if self.shared.stack.contains(&child.path) {
            let message = format!("`$INCLUDE` loop: `{}` is already being read", child.path);
            return self.report(&UNREADABLE_FILE, span, message);
        }
        let state = State {
            origin,
            zone_open: false,
            ..self.state.clone()
        };
        self.shared.stack.push(child.path.clone());
        let back = FileReader::new(self.shared, &child, state).run();
        self.shared.stack.pop();
        // The origin and owner revert after an `$INCLUDE`; TTLs carry on.
        self.state.default_ttl = back.default_ttl;
        self.state.last_ttl = back.last_ttl;
    }

    /// `$GENERATE <range> <lhs> [ttl] [class] <type> <rhs>`: reported when it may make a
    /// TLS-RPT record, since it is not expanded.
    fn generate_directive(&mut self, first: Token) {
        let mut tokens = std::mem::take(&mut self.shared.tokens);
        if self.rdata_tokens(&mut tokens) {
            let type_index = tokens.iter().skip(2).position(|t| {
                let word = self.slice(t.span);
                !(word.starts_with(|c: char| c.is_ascii_digit()) || is_class(word))
            });
            match type_index.map(|i| i + 2).filter(|&i| i + 1 < tokens.len()) {
                None => self.syntax_error(
                    first.span,
                    "expected `$GENERATE <range> <lhs> [ttl] [class] <type> <rhs>`",
                ),
                Some(i) => {
                    let rtype = record_type(self.slice(tokens[i].span));
                    let span = Span::new(first.span.start, self.lexer.content_end());
                    let body = &self.text[tokens[1].span.start as usize..span.end as usize];
                    let relevant =
                        matches!(rtype, Some(Type::Txt | Type::Cname)) && mentions_reporting(body);
                    if relevant {
                        let diagnostic = Diagnostic::new(
                            &UNEVALUATED_VALUE,
                            Location::new(self.source, span),
                            "`$GENERATE` is not expanded, so the records it makes are not checked",
                        )
                        .with_help(
                            "write the TLS-RPT records out as plain records to have them checked",
                        );
                        self.shared.out.diagnostics.push(diagnostic);
                    }
                }
            }
        }
        self.shared.tokens = tokens;
    }
}
