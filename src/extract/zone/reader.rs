//! Walks the entries of a master file (RFC 1035 §5.1) and builds the records worth keeping.
//!
//! One [`FileReader`] per file; `$INCLUDE` starts a nested one on the same [`Shared`] state
//! (loader, include stack, output, reusable buffers), so a zone and its includes are one
//! pass with one output. An entry is read token by token; a syntax error is reported where
//! the reader stopped and the rest of the entry (up to the line end, or past the
//! parenthesised group) is skipped, so later records are still read.

use std::ops::Range;
use std::sync::Arc;

use super::decode::{decode, decode_hex, decode_octets, Bad, Probe};
use super::lexer::{Kind, Lexer, Token};
use super::Options;
use crate::diagnostic::{Diagnostic, Location};
use crate::extract::{Extracted, Loader};
use crate::model::{is_reporting_value, Format, Name, RData, Record, RecordKind, Txt, TxtString};
use crate::rules::{Rule, SOURCE_SYNTAX_ERROR, UNEVALUATED_VALUE, UNREADABLE_FILE};
use crate::text::{Decoded, Source, Span};

/// `$INCLUDE` nesting deeper than this is reported instead of followed (a loop the include
/// stack cannot see, say through `a/../a.zone`).
const MAX_INCLUDE_DEPTH: usize = 16;

/// The largest TTL (RFC 2181 §8); BIND reads larger values as 0.
const MAX_TTL: u32 = 0x7FFF_FFFF;

pub(super) fn read(
    source: &Arc<Source>,
    loader: &dyn Loader,
    options: Options,
    origin: Option<String>,
) -> Extracted {
    let mut shared = Shared {
        loader,
        options,
        out: Extracted::default(),
        stack: vec![source.path.clone()],
        tokens: Vec::new(),
        octets: Vec::new(),
        strings: Vec::new(),
    };
    let state = State {
        zone: origin.clone(),
        origin,
        zone_open: true,
        owner: String::new(),
        has_owner: false,
        owner_kind: None,
        default_ttl: None,
        last_ttl: None,
    };
    FileReader::new(&mut shared, source, state).run();
    shared.out
}

/// What all files of one zone share.
struct Shared<'l> {
    loader: &'l dyn Loader,
    options: Options,
    out: Extracted,
    /// Paths of the files being read, outermost first.
    stack: Vec<String>,
    // Buffers reused from record to record.
    tokens: Vec<Token>,
    octets: Vec<(u8, Span)>,
    strings: Vec<Range<usize>>,
}

/// The parser state a file starts with and, for an `$INCLUDE`, hands back.
#[derive(Clone)]
struct State {
    origin: Option<String>,
    zone: Option<String>,
    /// `$ORIGIN` may still set the zone: no record and no `$ORIGIN` has been read yet.
    zone_open: bool,
    /// The last owner name, resolved; blank owners inherit it.
    owner: String,
    has_owner: bool,
    /// The owner's kind, worked out when a TXT or CNAME record first needs it.
    owner_kind: Option<RecordKind>,
    default_ttl: Option<u32>,
    last_ttl: Option<u32>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Type {
    Txt,
    Cname,
    Other,
}

/// The start of a record: where it begins, its owner's span, its TTL.
struct Entry {
    start: u32,
    name_span: Span,
    ttl: Option<u32>,
}

struct FileReader<'a, 'l> {
    shared: &'a mut Shared<'l>,
    source: &'a Arc<Source>,
    text: &'a str,
    lexer: Lexer<'a>,
    state: State,
}

impl<'a, 'l> FileReader<'a, 'l> {
    fn new(shared: &'a mut Shared<'l>, source: &'a Arc<Source>, state: State) -> Self {
        FileReader {
            shared,
            source,
            text: &source.text,
            lexer: Lexer::new(&source.text),
            state,
        }
    }

    fn run(mut self) -> State {
        while !self.lexer.at_end() {
            let token = self.lexer.next_token();
            match token.kind {
                Kind::Eol => {}
                Kind::Error(error) => self.fail(token, error.message()),
                Kind::Word if self.slice(token.span).starts_with('$') => self.directive(token),
                Kind::Word | Kind::Quoted => self.record(token),
            }
        }
        self.state
    }

    // ----- entries -----

    fn record(&mut self, first: Token) {
        self.state.zone_open = false;
        let mut token = first;
        let name_span = if first.at_line_start {
            if first.kind != Kind::Word {
                let found = self.shown(first);
                return self.fail(first, format!("expected an owner name, found {found}"));
            }
            let origin = self.state.origin.as_deref();
            if let Err(bad) = resolve_name(self.text, first.span, origin, &mut self.state.owner) {
                self.state.has_owner = false;
                return self.fail_bad(bad);
            }
            self.state.has_owner = true;
            self.state.owner_kind = None;
            token = self.lexer.next_token();
            first.span
        } else if self.state.has_owner {
            Span::at(first.span.start)
        } else {
            return self.fail(
                first,
                "expected an owner name at the start of the line: no earlier record to inherit it from",
            );
        };
        let mut ttl = None;
        let mut class = false;
        let rtype = loop {
            let found = self.shown(token);
            if token.kind != Kind::Word {
                let message = match token.kind {
                    Kind::Error(error) => error.message().to_string(),
                    _ => format!("expected a record type, found {found}"),
                };
                return self.fail(token, message);
            }
            let word = self.slice(token.span);
            if ttl.is_none() && word.starts_with(|c: char| c.is_ascii_digit()) {
                match parse_ttl(word) {
                    Some(value) => ttl = Some(value),
                    None => {
                        return self.fail(
                            token,
                            format!("expected a TTL such as `3600` or `1h30m`, found {found}"),
                        )
                    }
                }
            } else if !class && is_class(word) {
                class = true;
            } else {
                match record_type(word) {
                    Some(rtype) => break rtype,
                    None if word.starts_with(|c: char| c.is_ascii_alphabetic()) => {
                        return self.fail(token, format!("unknown record type {found}"))
                    }
                    None => {
                        return self.fail(token, format!("expected a record type, found {found}"))
                    }
                }
            }
            token = self.lexer.next_token();
        };
        if ttl.is_some() {
            self.state.last_ttl = ttl;
        }
        let entry = Entry {
            start: first.span.start,
            name_span,
            ttl: ttl.or(self.state.default_ttl).or(self.state.last_ttl),
        };
        match rtype {
            Type::Txt => self.txt(&entry),
            Type::Cname => self.cname(&entry),
            Type::Other => self.skip_rest(true),
        }
    }

    fn txt(&mut self, entry: &Entry) {
        let mut tokens = std::mem::take(&mut self.shared.tokens);
        if self.rdata_tokens(&mut tokens) {
            match tokens.first() {
                None => {
                    let end = Span::at(self.lexer.content_end());
                    self.syntax_error(end, "expected TXT data, found end of line");
                }
                Some(first) if self.slice(first.span) == "\\#" => self.generic_txt(entry, &tokens),
                Some(_) => self.text_txt(entry, &tokens),
            }
        }
        self.shared.tokens = tokens;
    }

    /// TXT data as character-strings, quoted or not.
    fn text_txt(&mut self, entry: &Entry, tokens: &[Token]) {
        let mut probe = Probe::default();
        let mut long = false;
        let mut cut_by_comment = None;
        for token in tokens {
            match decode(self.text, inner(token), &mut probe) {
                Ok(octets) => long |= octets > 255,
                Err(bad) => return self.report_bad(bad),
            }
            cut_by_comment = cut_by_comment.or(token.glued_comment);
        }
        if !(long || cut_by_comment.is_some() || self.worth_keeping(&probe)) {
            return;
        }
        let mut value = Decoded::default();
        let mut strings = Vec::with_capacity(tokens.len());
        for token in tokens {
            let start = value.len();
            // Decoded once already without error.
            let _ = decode(self.text, inner(token), &mut value);
            strings.push(TxtString {
                range: start..value.len(),
                quoted: token.kind == Kind::Quoted,
            });
        }
        let txt = Txt {
            value,
            strings,
            cut_by_comment,
        };
        self.push_record(entry, "TXT", RData::Txt(txt));
    }

    /// TXT data in the RFC 3597 generic form: `\# <length> <hex>...`.
    fn generic_txt(&mut self, entry: &Entry, tokens: &[Token]) {
        let Some(length_token) = tokens.get(1) else {
            let at = Span::at(tokens[0].span.end);
            return self.syntax_error(
                at,
                "expected the RDATA length after `\\#`, found end of line",
            );
        };
        let length_text = self.slice(length_token.span);
        let Some(length) = length_text
            .parse::<usize>()
            .ok()
            .filter(|_| length_token.kind == Kind::Word)
        else {
            let found = self.shown(*length_token);
            return self.syntax_error(
                length_token.span,
                format!("expected the RDATA length in octets after `\\#`, found {found}"),
            );
        };
        let mut octets = std::mem::take(&mut self.shared.octets);
        let mut strings = std::mem::take(&mut self.shared.strings);
        octets.clear();
        strings.clear();
        let hex = tokens[2..].iter().map(|t| t.span);
        let result = decode_hex(self.text, hex, &mut octets)
            .and_then(|()| split_strings(&octets, length, length_token.span, &mut strings));
        match result {
            Err(bad) => self.report_bad(bad),
            Ok(()) => {
                let mut probe = Probe::default();
                for range in strings.iter() {
                    decode_octets(&octets[range.clone()], &mut probe);
                }
                if self.worth_keeping(&probe) {
                    let mut value = Decoded::default();
                    let mut txt_strings = Vec::with_capacity(strings.len());
                    for range in strings.iter() {
                        let start = value.len();
                        decode_octets(&octets[range.clone()], &mut value);
                        txt_strings.push(TxtString {
                            range: start..value.len(),
                            quoted: true,
                        });
                    }
                    let txt = Txt {
                        value,
                        strings: txt_strings,
                        cut_by_comment: None,
                    };
                    self.push_record(entry, "TXT", RData::Txt(txt));
                }
            }
        }
        self.shared.octets = octets;
        self.shared.strings = strings;
    }

    fn cname(&mut self, entry: &Entry) {
        let target = self.lexer.next_token();
        if target.kind != Kind::Word {
            let found = self.shown(target);
            return self.fail(
                target,
                format!("expected a CNAME target name, found {found}"),
            );
        }
        if self.slice(target.span) == "\\#" {
            // Generic RDATA holds the target in wire form; not decoded.
            return self.skip_rest(true);
        }
        let after = self.lexer.next_token();
        if after.kind != Kind::Eol {
            let found = self.shown(after);
            return self.fail(
                after,
                format!("expected end of line after the CNAME target, found {found}"),
            );
        }
        if !(self.shared.options.all_records || self.owner_is_relevant()) {
            return;
        }
        let mut name = String::new();
        let origin = self.state.origin.as_deref();
        match resolve_name(self.text, target.span, origin, &mut name) {
            Ok(()) => self.push_record(
                entry,
                "CNAME",
                RData::Cname {
                    target: name,
                    span: target.span,
                },
            ),
            Err(bad) => self.report_bad(bad),
        }
    }

    /// Reads the RDATA tokens of an entry into `tokens`; false after a lexing error (reported).
    fn rdata_tokens(&mut self, tokens: &mut Vec<Token>) -> bool {
        tokens.clear();
        loop {
            let token = self.lexer.next_token();
            match token.kind {
                Kind::Word | Kind::Quoted => tokens.push(token),
                Kind::Eol => return true,
                Kind::Error(error) => {
                    self.fail(token, error.message());
                    return false;
                }
            }
        }
    }

    fn worth_keeping(&mut self, probe: &Probe) -> bool {
        self.shared.options.all_records
            || self.owner_is_relevant()
            || is_reporting_value(probe.head())
    }

    fn owner_is_relevant(&mut self) -> bool {
        let state = &mut self.state;
        let kind = *state.owner_kind.get_or_insert_with(|| {
            // Every relevant name has a `_tls` or `_mta-sts` label; most names have neither.
            if contains_ignore_case(&state.owner, "_tls")
                || contains_ignore_case(&state.owner, "_mta-sts")
            {
                RecordKind::of_name(&state.owner)
            } else {
                RecordKind::Other
            }
        });
        kind != RecordKind::Other
    }

    fn push_record(&mut self, entry: &Entry, rtype: &str, data: RData) {
        let record = Record {
            source: Arc::clone(self.source),
            format: Format::Zone,
            name: Name {
                text: self.state.owner.clone(),
                span: entry.name_span,
            },
            zone: self.state.zone.clone(),
            rtype: rtype.to_string(),
            ttl: entry.ttl,
            span: Span::new(entry.start, self.lexer.content_end()),
            data,
        };
        self.shared.out.records.push(record);
    }

    // ----- directives -----

    fn directive(&mut self, first: Token) {
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
                    let marks = ["_smtp", "_tls", "_mta-sts", "_report", "v=tlsrpt", "v=sts"];
                    let relevant = matches!(rtype, Some(Type::Txt | Type::Cname))
                        && marks.iter().any(|m| contains_ignore_case(body, m));
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

    // ----- errors and helpers -----

    fn expect_eol(&mut self, after: &str) -> bool {
        let token = self.lexer.next_token();
        if token.kind == Kind::Eol {
            return true;
        }
        let found = self.shown(token);
        self.fail(
            token,
            format!("expected end of line after {after}, found {found}"),
        );
        false
    }

    fn report(&mut self, rule: &'static Rule, span: Span, message: impl Into<String>) {
        let diagnostic = Diagnostic::new(rule, Location::new(self.source, span), message);
        self.shared.out.diagnostics.push(diagnostic);
    }

    fn syntax_error(&mut self, span: Span, message: impl Into<String>) {
        self.report(&SOURCE_SYNTAX_ERROR, span, message);
    }

    fn report_bad(&mut self, bad: Bad) {
        self.syntax_error(bad.span, bad.message);
    }

    /// Reports a syntax error at `token` and skips the rest of the entry.
    fn fail(&mut self, token: Token, message: impl Into<String>) {
        self.syntax_error(token.span, message);
        if token.kind != Kind::Eol {
            self.skip_rest(false);
        }
    }

    /// Reports a decoding error inside the current entry and skips the rest of it.
    fn fail_bad(&mut self, bad: Bad) {
        self.report_bad(bad);
        self.skip_rest(false);
    }

    /// Skips to the end of the entry, reporting lexing errors unless recovering from one.
    fn skip_rest(&mut self, report_errors: bool) {
        loop {
            let token = self.lexer.next_token();
            match token.kind {
                Kind::Eol => return,
                Kind::Error(error) if report_errors => {
                    self.syntax_error(token.span, error.message())
                }
                _ => {}
            }
        }
    }

    fn slice(&self, span: Span) -> &'a str {
        &self.text[span.range()]
    }

    /// A token as a message shows it (formatted only when a message is made).
    fn shown(&self, token: Token) -> Shown<'a> {
        match token.kind {
            Kind::Eol if token.span.start as usize >= self.text.len() => Shown::EndOfFile,
            Kind::Eol => Shown::EndOfLine,
            _ => Shown::Text(self.slice(token.span)),
        }
    }
}

/// A token in a message: in backticks and shortened, or the end of the line or file.
#[derive(Clone, Copy)]
enum Shown<'a> {
    Text(&'a str),
    EndOfLine,
    EndOfFile,
}

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Shown::EndOfLine => f.write_str("end of line"),
            Shown::EndOfFile => f.write_str("end of file"),
            Shown::Text(text) => match text.char_indices().nth(40) {
                Some((cut, _)) => write!(f, "`{}…`", &text[..cut]),
                None => write!(f, "`{text}`"),
            },
        }
    }
}

/// The text of a string token without its quotes.
fn inner(token: &Token) -> Span {
    match token.kind {
        Kind::Quoted => Span::new(token.span.start + 1, token.span.end - 1),
        _ => token.span,
    }
}

/// Writes the name at `span` into `out`: escapes decoded, `@` the origin, and a relative name
/// completed with the origin (left relative when there is none).
fn resolve_name(text: &str, span: Span, origin: Option<&str>, out: &mut String) -> Result<(), Bad> {
    out.clear();
    let raw = &text[span.range()];
    if raw == "@" {
        out.push_str(origin.unwrap_or("@"));
        return Ok(());
    }
    decode(text, span, out)?;
    let escapes_before_dot = raw.as_bytes()[..raw.len().saturating_sub(1)]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    let absolute = raw.ends_with('.') && escapes_before_dot % 2 == 0;
    if let (false, Some(origin)) = (absolute, origin) {
        if origin != "." {
            out.push('.');
        }
        out.push_str(origin);
    }
    Ok(())
}

/// Splits generic TXT RDATA into its character-strings (the ranges of their contents).
fn split_strings(
    octets: &[(u8, Span)],
    length: usize,
    length_span: Span,
    strings: &mut Vec<Range<usize>>,
) -> Result<(), Bad> {
    let message = if octets.is_empty() {
        "expected TXT data after the `\\#` length, found none".to_string()
    } else {
        format!(
            "expected the `\\#` length to be `{}`, the octets given, found `{length}`",
            octets.len()
        )
    };
    if octets.len() != length || length == 0 {
        return Err(Bad {
            span: length_span,
            message,
        });
    }
    let mut at = 0;
    while at < octets.len() {
        let (len, span) = octets[at];
        let end = at + 1 + len as usize;
        if end > octets.len() {
            return Err(Bad {
                span,
                message: format!(
                    "expected a character-string length of at most `{}`, found `{len}`",
                    octets.len() - at - 1
                ),
            });
        }
        strings.push(at + 1..end);
        at = end;
    }
    Ok(())
}

/// A TTL in seconds, or with BIND's units (`1h30m`, `2W`): every number then needs a unit.
fn parse_ttl(word: &str) -> Option<u32> {
    let mut total: u64 = 0;
    let mut number: Option<u64> = None;
    let mut units = false;
    for byte in word.bytes() {
        if byte.is_ascii_digit() {
            let n = number
                .unwrap_or(0)
                .checked_mul(10)?
                .checked_add(u64::from(byte - b'0'))?;
            number = Some(n);
            continue;
        }
        let unit = match byte.to_ascii_lowercase() {
            b's' => 1,
            b'm' => 60,
            b'h' => 3600,
            b'd' => 86400,
            b'w' => 604_800,
            _ => return None,
        };
        total = total.checked_add(number.take()?.checked_mul(unit)?)?;
        units = true;
    }
    let ttl = match (number, units) {
        (Some(n), false) => n,
        (None, true) => total,
        _ => return None,
    };
    let ttl = u32::try_from(ttl).ok()?;
    Some(if ttl > MAX_TTL { 0 } else { ttl })
}

fn is_class(word: &str) -> bool {
    ["IN", "CH", "CS", "HS"]
        .iter()
        .any(|c| word.eq_ignore_ascii_case(c))
        || numbered(word, "CLASS").is_some()
}

/// `TYPE16` → 16: the RFC 3597 numbered form of a type or class.
fn numbered(word: &str, prefix: &str) -> Option<u16> {
    let head = word.get(..prefix.len())?;
    let digits = &word[prefix.len()..];
    if !head.eq_ignore_ascii_case(prefix)
        || digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    digits.parse().ok()
}

/// The type a mnemonic names, or `None` for a word BIND does not know as a type.
fn record_type(word: &str) -> Option<Type> {
    if let Some(number) = numbered(word, "TYPE") {
        return Some(match number {
            16 => Type::Txt,
            5 => Type::Cname,
            _ => Type::Other,
        });
    }
    let mut upper = [0u8; 12];
    let bytes = word.as_bytes();
    if bytes.len() > upper.len() {
        return None;
    }
    upper[..bytes.len()].copy_from_slice(bytes);
    upper.make_ascii_uppercase();
    match &upper[..bytes.len()] {
        b"TXT" => Some(Type::Txt),
        b"CNAME" => Some(Type::Cname),
        b"A" | b"AAAA" | b"MX" | b"NS" | b"SOA" | b"PTR" | b"SRV" | b"CAA" | b"DS" | b"DNSKEY"
        | b"RRSIG" | b"NSEC" | b"NSEC3" | b"NSEC3PARAM" | b"TLSA" | b"SSHFP" | b"HTTPS"
        | b"SVCB" | b"SPF" | b"NAPTR" | b"DNAME" | b"HINFO" | b"LOC" | b"RP" | b"AFSDB"
        | b"CERT" | b"CDS" | b"CDNSKEY" | b"OPENPGPKEY" | b"SMIMEA" | b"URI" | b"ZONEMD"
        | b"CSYNC" | b"DHCID" | b"IPSECKEY" | b"KEY" | b"SIG" | b"NXT" | b"APL" | b"MINFO"
        | b"MB" | b"MD" | b"MF" | b"MG" | b"MR" | b"NULL" | b"WKS" | b"X25" | b"ISDN" | b"RT"
        | b"NSAP" | b"NSAP-PTR" | b"PX" | b"GPOS" | b"A6" | b"EID" | b"NIMLOC" | b"ATMA"
        | b"KX" | b"SINK" | b"HIP" | b"NINFO" | b"RKEY" | b"TALINK" | b"NID" | b"L32" | b"L64"
        | b"LP" | b"EUI48" | b"EUI64" | b"RESINFO" | b"WALLET" | b"AMTRELAY" | b"AVC" | b"DOA"
        | b"TA" | b"DLV" | b"KEYDATA" | b"UINFO" | b"UID" | b"GID" | b"UNSPEC" | b"DSYNC" => {
            Some(Type::Other)
        }
        _ => None,
    }
}

fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ttls_with_units() {
        assert_eq!(parse_ttl("3600"), Some(3600));
        assert_eq!(parse_ttl("1h2m"), Some(3720));
        assert_eq!(parse_ttl("1W"), Some(604_800));
        assert_eq!(parse_ttl("1h30"), None);
        assert_eq!(parse_ttl("1x"), None);
        assert_eq!(parse_ttl("2147483648"), Some(0));
        assert_eq!(parse_ttl("99999999999999999999"), None);
    }

    #[test]
    fn types_and_classes() {
        assert!(record_type("txt") == Some(Type::Txt));
        assert!(record_type("TYPE16") == Some(Type::Txt));
        assert!(record_type("type5") == Some(Type::Cname));
        assert!(record_type("TYPE65534") == Some(Type::Other));
        assert!(record_type("TXTT").is_none());
        assert!(is_class("in") && is_class("CLASS1") && !is_class("CLASS"));
    }
}
