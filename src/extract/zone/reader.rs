//! Walks the entries of a master file (RFC 1035 §5.1) and builds the records worth keeping.
//!
//! One [`FileReader`] per file (its directives live in [`super::directives`]); `$INCLUDE`
//! starts a nested one on the same [`Shared`] state (loader, include stack, output, reusable
//! buffers), so a zone and its includes are one pass with one output. An entry is read token by token; a syntax error is reported where
//! the reader stopped and the rest of the entry (up to the line end, or past the
//! parenthesised group) is skipped, so later records are still read.

use std::ops::Range;
use std::sync::Arc;

use super::decode::{Bad, Probe};
use super::dialect::{self, Dialect};
use super::fields::{contains_ignore_case, is_class, parse_ttl, record_type, resolve_name, Type};
use super::lexer::{Kind, Lexer, Token};
use super::template;
use super::Options;
use crate::diagnostic::{Diagnostic, Location};
use crate::extract::{Extracted, Loader};
use crate::model::{Format, Name, RData, Record, RecordKind};
use crate::names::{after_policy_labels, is_reporting_value, mentions_reporting};
use crate::rule::Rule;
use crate::rules::source_syntax_error::SOURCE_SYNTAX_ERROR;
use crate::rules::txt_string_too_long::TXT_STRING_TOO_LONG;
use crate::rules::unevaluated_value::UNEVALUATED_VALUE;
use crate::text::{Source, Span};

pub(super) fn read(
    source: &Arc<Source>,
    loader: &dyn Loader,
    options: Options,
    origin: Option<String>,
    configured: Option<Dialect>,
) -> Extracted {
    let template = template::is_template(&source.path).then(|| template::mask(&source.text));
    let origin = origin.or_else(|| template::origin(template.as_ref()?, source, loader));
    let mut shared = Shared {
        loader,
        options,
        dialect: configured.unwrap_or_default(),
        configured: configured.is_some(),
        long_elsewhere: None,
        expressions: template
            .as_ref()
            .map(|t| t.expressions.clone())
            .unwrap_or_default(),
        out: Extracted::default(),
        stack: vec![source.path.clone()],
        included: 0,
        tokens: Vec::new(),
        octets: Vec::new(),
        strings: Vec::new(),
        mx: Vec::new(),
    };
    let state = State {
        zone: origin.clone(),
        origin,
        zone_open: true,
        owner: String::new(),
        has_owner: false,
        owner_templated: false,
        owner_kind: None,
        default_ttl: None,
        last_ttl: None,
    };
    let text = template
        .as_ref()
        .map_or(source.text.as_str(), |t| t.text.as_str());
    let state = FileReader::with_text(&mut shared, source, text, state).run();
    if let Some(template) = &template {
        template::mark_repeated(template, source, &mut shared.out.records);
    }
    keep_mx(&mut shared, state.zone);
    long_strings(&mut shared);
    shared.out
}

/// Character-strings over 255 octets, once the zone's dialect is known (a `LUA` record may
/// come last): where the server splits them, the kept records get the strings it
/// publishes; where it refuses the zone, strings in records no rule reads are one finding
/// for the zone, since they stop it loading (the kept records' own are rule 308's).
fn long_strings(shared: &mut Shared<'_>) {
    if shared.dialect.splits_long_strings() {
        for record in &mut shared.out.records {
            if let RData::Txt(txt) = &mut record.data {
                dialect::split_long_strings(txt);
            }
        }
        return;
    }
    let Some(first) = shared.long_elsewhere.take() else {
        return;
    };
    let server = shared.dialect.server();
    let others = match first.count {
        1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    let message = format!(
        "a character-string over 255 octets{others} in records that are not about TLS reporting: {server} refuses to load the whole zone"
    );
    let diagnostic = Diagnostic::new(&TXT_STRING_TOO_LONG, Location::new(&first.source, first.span), message)
        .with_primary_label(format!("{} octets", first.octets))
        .with_help("split it into strings of at most 255 octets, or, if the zone is served by PowerDNS or Knot DNS (which split long strings), name that `dialect` for the file in tlsrpt-lint.toml");
    shared.out.diagnostics.push(diagnostic);
}

/// The first character-string over 255 octets in a record no rule reads, and how many
/// there are in the zone.
pub(super) struct LongElsewhere {
    source: Arc<Source>,
    span: Span,
    octets: u32,
    count: usize,
}

/// An MX record held back until the whole zone is read: kept only at the zone's apex and
/// where the zone has a policy for its owner, since only `tlsrpt-without-mta-sts` (DANE at
/// `_25._tcp.<exchange>`) and the mail domains of [`crate::mail`] read MX records, and a
/// large zone has MX records at most of its hosts. A policy and the MX records of its
/// domain in different zones' files are not matched.
pub(super) struct PendingMx {
    pub(super) source: Arc<Source>,
    pub(super) owner: String,
    pub(super) entry: Entry,
    pub(super) end: u32,
    pub(super) exchange: String,
    pub(super) exchange_span: Span,
}

/// Moves the MX records at the apex, or whose owner has a policy (a TXT or CNAME at
/// `_smtp._tls.<owner>`), into the output.
fn keep_mx(shared: &mut Shared<'_>, zone: Option<String>) {
    if shared.mx.is_empty() {
        return;
    }
    let domains: std::collections::HashSet<String> = shared
        .out
        .records
        .iter()
        .filter(|r| matches!(r.data, RData::Txt(_) | RData::Cname { .. }))
        .filter_map(|r| after_policy_labels(&r.name.text).map(str::to_ascii_lowercase))
        .collect();
    for mx in std::mem::take(&mut shared.mx) {
        let apex = zone
            .as_deref()
            .is_some_and(|z| z.eq_ignore_ascii_case(&mx.owner));
        if !apex && !domains.contains(&mx.owner.to_ascii_lowercase()) {
            continue;
        }
        shared.out.records.push(Record {
            via: None,
            source: mx.source,
            format: Format::Zone,
            name: Name {
                text: mx.owner,
                span: mx.entry.name_span,
            },
            zone: zone.clone(),
            rtype: "MX".to_string(),
            ttl: mx.entry.ttl,
            ttl_span: mx.entry.ttl_span,
            span: Span::new(mx.entry.start, mx.end),
            data: RData::Mx {
                exchange: mx.exchange,
                span: mx.exchange_span,
            },
        });
    }
}

/// What all files of one zone share.
pub(super) struct Shared<'l> {
    pub(super) loader: &'l dyn Loader,
    pub(super) options: Options,
    /// The dialect the zone is read in: configured, or revealed by its records.
    pub(super) dialect: Dialect,
    /// The configuration named the dialect, so records do not change it.
    pub(super) configured: bool,
    pub(super) long_elsewhere: Option<LongElsewhere>,
    /// A template's `{{ }}` expressions outside quotes (in the file read first), sorted.
    pub(super) expressions: Vec<Span>,
    pub(super) out: Extracted,
    /// Paths of the files being read, outermost first.
    pub(super) stack: Vec<String>,
    /// `$INCLUDE`s followed so far, nested ones too.
    pub(super) included: usize,
    // Buffers reused from record to record.
    pub(super) tokens: Vec<Token>,
    pub(super) octets: Vec<(u8, Span)>,
    pub(super) strings: Vec<Range<usize>>,
    /// MX records read so far, kept at the end where a policy names their owner.
    pub(super) mx: Vec<PendingMx>,
}

/// The parser state a file starts with and, for an `$INCLUDE`, hands back.
#[derive(Clone)]
pub(super) struct State {
    pub(super) origin: Option<String>,
    pub(super) zone: Option<String>,
    /// `$ORIGIN` may still set the zone: no record and no `$ORIGIN` has been read yet.
    pub(super) zone_open: bool,
    /// The last owner name, resolved; blank owners inherit it.
    pub(super) owner: String,
    pub(super) has_owner: bool,
    /// The owner holds a template expression, so its records are not checked.
    pub(super) owner_templated: bool,
    /// The owner's kind, worked out when a TXT or CNAME record first needs it.
    pub(super) owner_kind: Option<RecordKind>,
    pub(super) default_ttl: Option<u32>,
    pub(super) last_ttl: Option<u32>,
}

/// The start of a record: where it begins, its owner's span, its TTL.
pub(super) struct Entry {
    start: u32,
    name_span: Span,
    ttl: Option<u32>,
    ttl_span: Span,
}

pub(super) struct FileReader<'a, 'l> {
    pub(super) shared: &'a mut Shared<'l>,
    pub(super) source: &'a Arc<Source>,
    pub(super) text: &'a str,
    pub(super) lexer: Lexer<'a>,
    pub(super) state: State,
}

impl<'a, 'l> FileReader<'a, 'l> {
    pub(super) fn new(shared: &'a mut Shared<'l>, source: &'a Arc<Source>, state: State) -> Self {
        Self::with_text(shared, source, &source.text, state)
    }

    /// A reader of `text`, which stands for `source` byte for byte (a masked template).
    fn with_text(
        shared: &'a mut Shared<'l>,
        source: &'a Arc<Source>,
        text: &'a str,
        state: State,
    ) -> Self {
        FileReader {
            shared,
            source,
            text,
            lexer: Lexer::new(text),
            state,
        }
    }

    /// `span`, in the file read first, holds a template expression.
    pub(super) fn templated(&self, span: Span) -> bool {
        self.shared.stack.len() == 1 && template::holds_expression(&self.shared.expressions, span)
    }

    pub(super) fn run(mut self) -> State {
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
            self.state.owner_templated = self.templated(first.span);
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
        if self.state.owner_templated {
            return self.templated_owner(first);
        }
        let mut ttl = None;
        let mut ttl_span = Span::at(first.span.start);
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
                    Some(value) => {
                        ttl = Some(value);
                        ttl_span = token.span;
                    }
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
                        return self.other_type(token)
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
            ttl_span,
        };
        match rtype {
            Type::Txt => self.txt(&entry),
            Type::Cname => self.cname(&entry),
            Type::Mx => self.mx(entry),
            Type::Tlsa => self.tlsa(&entry),
            Type::Soa => {
                self.skip_rest(true);
                self.push_record(&entry, "SOA", RData::Other);
            }
            Type::Other => self.skip_rest(true),
        }
    }

    /// An entry whose owner holds a template expression: skipped, since its name is known
    /// only once the template is rendered; said where it mentions a reporting name or value.
    fn templated_owner(&mut self, first: Token) {
        self.skip_rest(true);
        let entry = Span::new(first.span.start, self.lexer.content_end());
        if mentions_reporting(&self.source.text[entry.range()]) {
            let diagnostic = Diagnostic::new(
                &UNEVALUATED_VALUE,
                Location::new(self.source, entry),
                "the owner name is filled in when the template is rendered, so this record is not checked",
            )
            .with_help("write the reporting records with literal names, relative to the zone, to have them checked");
            self.shared.out.diagnostics.push(diagnostic);
        }
    }

    /// A type BIND does not know: skipped. `LUA` and `ALIAS` reveal a PowerDNS zone, unless
    /// the configuration names another dialect; any other type, or these in another
    /// dialect, is an info where the record is at a reporting name, since it goes unchecked.
    fn other_type(&mut self, token: Token) {
        let word = self.slice(token.span);
        let revealed = Dialect::revealed_by(word);
        if let (Some(dialect), false) = (revealed, self.shared.configured) {
            self.shared.dialect = dialect;
        }
        let known = revealed == Some(self.shared.dialect);
        self.skip_rest(true);
        if !known && self.owner_is_relevant() {
            let server = self.shared.dialect.server();
            let message = format!(
                "record type `{word}` is not one {server} knows, so this record is not checked"
            );
            let diagnostic = Diagnostic::new(
                &UNEVALUATED_VALUE,
                Location::new(self.source, token.span),
                message,
            )
            .with_help(
                "correct the type, or name the zone's server as its `dialect` in tlsrpt-lint.toml",
            );
            self.shared.out.diagnostics.push(diagnostic);
        }
    }

    /// Counts a string over 255 octets in a record no rule reads, keeping the first.
    pub(super) fn long_elsewhere(&mut self, span: Span, octets: u32) {
        match &mut self.shared.long_elsewhere {
            Some(first) => first.count += 1,
            None => {
                self.shared.long_elsewhere = Some(LongElsewhere {
                    source: Arc::clone(self.source),
                    span,
                    octets,
                    count: 1,
                })
            }
        }
    }

    pub(super) fn worth_keeping(&mut self, probe: &Probe) -> bool {
        self.shared.options.all_records
            || self.owner_is_relevant()
            || is_reporting_value(probe.head())
    }

    pub(super) fn owner_is_relevant(&mut self) -> bool {
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

    pub(super) fn push_record(&mut self, entry: &Entry, rtype: &str, data: RData) {
        let record = Record {
            via: None,
            source: Arc::clone(self.source),
            format: Format::Zone,
            name: Name {
                text: self.state.owner.clone(),
                span: entry.name_span,
            },
            zone: self.state.zone.clone(),
            rtype: rtype.to_string(),
            ttl: entry.ttl,
            ttl_span: entry.ttl_span,
            span: Span::new(entry.start, self.lexer.content_end()),
            data,
        };
        self.shared.out.records.push(record);
    }

    pub(super) fn expect_eol(&mut self, after: &str) -> bool {
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

    pub(super) fn report(&mut self, rule: &'static Rule, span: Span, message: impl Into<String>) {
        let diagnostic = Diagnostic::new(rule, Location::new(self.source, span), message);
        self.shared.out.diagnostics.push(diagnostic);
    }

    pub(super) fn syntax_error(&mut self, span: Span, message: impl Into<String>) {
        self.report(&SOURCE_SYNTAX_ERROR, span, message);
    }

    pub(super) fn report_bad(&mut self, bad: Bad) {
        self.syntax_error(bad.span, bad.message);
    }

    /// Reports a syntax error at `token` and skips the rest of the entry.
    pub(super) fn fail(&mut self, token: Token, message: impl Into<String>) {
        self.syntax_error(token.span, message);
        if token.kind != Kind::Eol {
            self.skip_rest(false);
        }
    }

    /// Reports a decoding error inside the current entry and skips the rest of it.
    pub(super) fn fail_bad(&mut self, bad: Bad) {
        self.report_bad(bad);
        self.skip_rest(false);
    }

    /// Skips to the end of the entry, reporting lexing errors unless recovering from one.
    pub(super) fn skip_rest(&mut self, report_errors: bool) {
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

    pub(super) fn slice(&self, span: Span) -> &'a str {
        &self.text[span.range()]
    }

    /// A token as a message shows it (formatted only when a message is made).
    pub(super) fn shown(&self, token: Token) -> Shown<'a> {
        match token.kind {
            Kind::Eol if token.span.start as usize >= self.text.len() => Shown::EndOfFile,
            Kind::Eol => Shown::EndOfLine,
            _ => Shown::Text(self.slice(token.span)),
        }
    }
}

/// A token in a message: in backticks and shortened, or the end of the line or file.
#[derive(Clone, Copy)]
pub(super) enum Shown<'a> {
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
pub(super) fn inner(token: &Token) -> Span {
    match token.kind {
        Kind::Quoted => Span::new(token.span.start + 1, token.span.end - 1),
        _ => token.span,
    }
}
