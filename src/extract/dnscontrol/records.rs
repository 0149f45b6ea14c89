//! Records placed in their domains, and the findings the dnscontrol reader reports itself.
//!
//! `D(name, registrar, ...modifiers)` and `D_EXTEND(name, ...modifiers)` flatten their
//! modifiers (arrays nest, as record macros do) and place every `TXT()`/`CNAME()` made so
//! far in the domain: the same call used by a template applied to three domains gives
//! three records, each named in full (`_smtp._tls` in `example.org` is
//! `_smtp._tls.example.org.`), with the domain as zone and `@` as its apex. `D_EXTEND` of
//! a sub-domain appends the sub-domain to each name, as dnscontrol does.
//!
//! As the zone reader does, only records a rule may read are kept: TXT at policy,
//! authorization and `_mta-sts` names or with a TLS-RPT/MTA-STS value, CNAME at those names,
//! at names with an `_smtp` label or at `_25._tcp` names; every MX and TLSA record (DANE
//! stands in for MTA-STS, `tlsrpt-without-mta-sts`, and may sit behind a `_25._tcp` CNAME). Findings dnscontrol itself
//! would raise on TXT and CNAME records are reported here: TLSRPT307 for a name that repeats the domain or ends with a dot (`dnscontrol check`
//! refuses both), TLSRPT603 for literal quotes in a value (they are published as part of the
//! record), and TLSRPT002 where a name, value or modifier cannot be evaluated.

use std::rc::Rc;
use std::sync::Arc;

use super::builtins::Arg;
use super::eval::{mentions_reporting, Eval, BYTES_PER_STEP};
use super::value::{At, JsValue, Modifier, RecordCall, Str};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Format, Name, RData, Record, RecordKind, Txt, TxtString, Writing};
use crate::names::{is_dane_owner, is_reporting_value, may_be_misspelt_policy};
use crate::rule::Rule;
use crate::rules::origin_appended_twice::ORIGIN_APPENDED_TWICE;
use crate::rules::provider_txt_quoting::PROVIDER_TXT_QUOTING;
use crate::rules::source_syntax_error::SOURCE_SYNTAX_ERROR;
use crate::rules::unevaluated_value::UNEVALUATED_VALUE;
use crate::rules::unreadable_file::UNREADABLE_FILE;
use crate::text::{Source, Span};

/// Modifier arrays nested deeper than this are not followed.
const MAX_NESTING: usize = 32;

/// What the evaluation produced: every file read, the records, the findings.
#[derive(Default)]
pub struct Output {
    pub files: Vec<Arc<Source>>,
    pub records: Vec<Record>,
    pub diagnostics: Vec<Diagnostic>,
    /// The domains `D()` defined, for `D_EXTEND`.
    domains: Vec<String>,
}

/// The domain a record is placed in.
struct Domain {
    /// As written in `D()`, without a trailing dot.
    zone: String,
    /// The `D_EXTEND` sub-domain, empty for the domain itself.
    sub: String,
    default_ttl: Option<(u32, At)>,
}

impl Output {
    fn report(
        &mut self,
        rule: &'static Rule,
        at: At,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let location = Location::new(&self.files[at.file], at.span);
        self.diagnostics
            .push(Diagnostic::new(rule, location, message));
        self.diagnostics.last_mut().expect("just pushed")
    }

    pub fn syntax_error(&mut self, at: At, message: String) {
        self.report(&SOURCE_SYNTAX_ERROR, at, message);
    }

    pub fn unreadable(&mut self, at: At, message: String) {
        self.report(&UNREADABLE_FILE, at, message);
    }

    /// A `require`d file that is absent and git-ignored: generated before deploy.
    pub fn generated(&mut self, at: At, path: &str) {
        let d = self.report(
            &UNEVALUATED_VALUE,
            at,
            format!("`require`d file `{path}` is absent and git-ignored (made before deploy), so the records it makes are not checked"),
        );
        d.help = Some(
            "lint a checkout where the file has been generated to have them checked".to_string(),
        );
    }

    pub fn limit(&mut self, at: At, message: String) {
        let d = self.report(&UNEVALUATED_VALUE, at, message);
        d.help = Some("records made after this point are not checked".to_string());
    }

    pub fn not_run(&mut self, at: At) {
        let d = self.report(
            &UNEVALUATED_VALUE,
            at,
            "this kind of statement is not evaluated, so the records it makes are not checked",
        );
        d.help = Some("write the TLS-RPT records outside it to have them checked".to_string());
    }

    pub fn unknown(&mut self, at: At, what: &str) {
        let text = self.files[at.file]
            .text
            .get(at.span.range())
            .unwrap_or_default();
        let shown = crate::extract::shorten(text);
        let d = self.report(
            &UNEVALUATED_VALUE,
            at,
            format!("{what} depends on `{shown}`, which cannot be known offline"),
        );
        d.help = Some(
            "write the value as a literal (or from literal variables) to have it checked"
                .to_string(),
        );
    }
}

impl<'a> Eval<'a> {
    /// `D(name, registrar, ...)` (`extend`: `D_EXTEND(name, ...)`) called at `at`.
    pub fn domain(&mut self, extend: bool, args: Vec<Arg<'a>>, at: At) {
        let mut args = args.into_iter();
        let Some(first) = args.next() else {
            return;
        };
        if !extend {
            args.next();
        }
        let mut calls = Vec::new();
        let mut default_ttl = None;
        let modifiers: Vec<JsValue<'a>> = args.map(|a| a.value).collect();
        // Each modifier visited (arrays can hold themselves) is a step.
        let mut budget = self.steps_left();
        let left = budget;
        flatten(&modifiers, 0, &mut budget, &mut |value| match value {
            JsValue::Record(call) => calls.push(Rc::clone(call)),
            JsValue::Modifier(Modifier::Ttl(ttl, at)) => default_ttl = Some((*ttl, *at)),
            other if other.unknown_at().is_some() => {
                let inner = other.unknown_at().unwrap_or(at);
                calls.push(Rc::new(RecordCall {
                    rtype: "",
                    at: inner,
                    name: Err(inner),
                    partial_name: None,
                    target: Err(inner),
                    ttl: None,
                }))
            }
            _ => {}
        });
        // Each record placed copies its value.
        let bytes: usize = calls
            .iter()
            .filter_map(|c| c.target.as_ref().ok())
            .map(|t| t.text.len() as usize)
            .sum();
        if !self.charge(left - budget + 1 + bytes / BYTES_PER_STEP, at) {
            return;
        }
        let name = match &first.value {
            JsValue::Str(s) => s.as_str().trim_end_matches('.').to_string(),
            other => {
                let unknown_at = other.unknown_at().unwrap_or(first.at);
                if calls.iter().any(|c| relevant_call(c)) {
                    self.out.unknown(unknown_at, "the domain of these records");
                }
                // The names as written are still known: their labels and values are checked.
                for call in &calls {
                    self.out.place_unzoned(call, call.name.as_ref().ok());
                }
                return;
            }
        };
        let out = &mut self.out;
        let domain = if extend {
            let lower = name.to_ascii_lowercase();
            let parent = out
                .domains
                .iter()
                .filter(|d| lower == **d || lower.ends_with(&format!(".{d}")))
                .max_by_key(|d| d.len());
            match parent {
                Some(parent) => Domain {
                    sub: name[..name.len() - parent.len()]
                        .trim_end_matches('.')
                        .to_string(),
                    zone: name[name.len() - parent.len()..].to_string(),
                    default_ttl,
                },
                None => Domain {
                    zone: name,
                    sub: String::new(),
                    default_ttl,
                },
            }
        } else {
            out.domains.push(name.to_ascii_lowercase());
            Domain {
                zone: name,
                sub: String::new(),
                default_ttl,
            }
        };
        for call in &calls {
            out.place(&domain, call);
        }
    }
}

/// Calls `each` on every modifier, arrays flattened, while `budget` lasts (each value
/// visited takes one).
fn flatten<'a>(
    values: &[JsValue<'a>],
    depth: usize,
    budget: &mut usize,
    each: &mut dyn FnMut(&JsValue<'a>),
) {
    for value in values {
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        match value {
            JsValue::Array(items) if depth < MAX_NESTING => {
                flatten(&items.borrow(), depth + 1, budget, each)
            }
            other => each(other),
        }
    }
}

/// Whether a record call may make a record a rule reads (as far as can be told).
fn relevant_call(call: &RecordCall) -> bool {
    let name = call.name.as_ref().map(|n| RecordKind::of_name(n.as_str()));
    let reporting = call
        .target
        .as_ref()
        .map(|t| is_reporting_value(t.as_str().as_bytes()));
    !matches!(
        (name, reporting),
        (Ok(RecordKind::Other), Ok(false) | Err(_)) | (Err(_), Ok(false))
    )
}

impl Output {
    fn place(&mut self, domain: &Domain, call: &RecordCall) {
        if call.rtype.is_empty() {
            // An unknown modifier: it may make any record.
            if mentions_reporting(&self.files[call.at.file].text, call.at.span) {
                self.unknown(call.at, "a record of this domain");
            }
            return;
        }
        let name = match &call.name {
            Ok(name) => name,
            Err(at) => {
                if relevant_call(call) {
                    self.unknown(*at, &format!("the name of this `{}` record", call.rtype));
                }
                self.place_unzoned(call, None);
                return;
            }
        };
        let full = full_name(domain, name.as_str());
        let kind = RecordKind::of_name(&full);
        let target = match &call.target {
            Ok(target) => target,
            Err(at) => {
                if kind != RecordKind::Other {
                    self.unknown(*at, &format!("the value of this `{}` record", call.rtype));
                }
                return;
            }
        };
        let keep = match call.rtype {
            "TXT" => kind != RecordKind::Other || is_reporting_value(target.as_str().as_bytes()),
            "CNAME" => {
                kind != RecordKind::Other || may_be_misspelt_policy(&full) || is_dane_owner(&full)
            }
            // Every TLSA: DANE at a `_25._tcp` name, or the set such a name's CNAME names.
            "MX" | "TLSA" => true,
            _ => false,
        };
        if !keep {
            return;
        }
        let source = Arc::clone(&self.files[call.at.file]);
        let name_span = str_span(name, call.at.span);
        let record = Record {
            via: None,
            source,
            format: Format::DnsControl,
            name: Name {
                text: full,
                span: name_span,
            },
            zone: Some(format!("{}.", domain.zone)),
            rtype: call.rtype.to_string(),
            ttl: call.ttl.or(domain.default_ttl).map(|(ttl, _)| ttl),
            ttl_span: call
                .ttl
                .or(domain.default_ttl)
                .map_or(Span::at(call.at.span.start), |(_, at)| at.span),
            span: call.at.span,
            data: match call.rtype {
                "TXT" => RData::Txt(txt(target)),
                "CNAME" => RData::Cname {
                    target: target_name(domain, target.as_str()),
                    span: str_span(target, call.at.span),
                },
                "MX" => RData::Mx {
                    exchange: target_name(domain, target.as_str()),
                    span: str_span(target, call.at.span),
                },
                _ => RData::Other,
            },
        };
        match call.rtype {
            "TXT" => {
                self.check_name(domain, name, &record);
                self.check_quotes(target, &record);
            }
            "CNAME" => self.check_name(domain, name, &record),
            _ => {}
        }
        self.records.push(record);
    }

    /// A TXT record whose domain is not known: at its name as written (`name`), or, for a
    /// partly known name, at the whole labels known (`_smtp.tls` of
    /// `` `_smtp.tls.${domain}` ``), with no zone, so the name and value rules still read
    /// what is literal. Kept only where the value is a TLS-RPT or MTA-STS record.
    fn place_unzoned(&mut self, call: &RecordCall, name: Option<&Str>) {
        let (Ok(target), "TXT") = (&call.target, call.rtype) else {
            return;
        };
        if !is_reporting_value(target.as_str().as_bytes()) {
            return;
        }
        let name = match (name, &call.partial_name) {
            (Some(name), _) => Name {
                text: name.as_str().trim_end_matches('.').to_string(),
                span: str_span(name, call.at.span),
            },
            (None, Some(known)) => {
                let labels = known
                    .as_str()
                    .rfind('.')
                    .map_or("", |end| &known.as_str()[..end]);
                if labels.is_empty() {
                    return;
                }
                Name {
                    text: labels.to_string(),
                    span: known.text.source_span(0..labels.len() as u32),
                }
            }
            (None, None) => return,
        };
        let record = Record {
            source: Arc::clone(&self.files[call.at.file]),
            format: Format::DnsControl,
            name,
            zone: None,
            rtype: call.rtype.to_string(),
            ttl: call.ttl.map(|(ttl, _)| ttl),
            ttl_span: call
                .ttl
                .map_or(Span::at(call.at.span.start), |(_, at)| at.span),
            span: call.at.span,
            data: RData::Txt(txt(target)),
            via: None,
        };
        self.check_quotes(target, &record);
        self.records.push(record);
    }

    /// TLSRPT307: a name that ends with a dot or repeats the domain.
    fn check_name(&mut self, domain: &Domain, name: &Str, record: &Record) {
        let written = name.as_str();
        let lower = written.to_ascii_lowercase();
        let whole = if domain.sub.is_empty() {
            domain.zone.to_ascii_lowercase()
        } else {
            format!("{}.{}", domain.sub, domain.zone).to_ascii_lowercase()
        };
        let relative = lower
            .trim_end_matches('.')
            .strip_suffix(&whole)
            .filter(|rest| rest.is_empty() || rest.ends_with('.'))
            .map(|rest| rest.trim_end_matches('.'));
        let meant = match relative {
            Some("") => "@".to_string(),
            Some(rest) => written[..rest.len()].to_string(),
            None => String::new(),
        };
        let message = if written.ends_with('.') {
            format!("`{written}` ends with a dot, which dnscontrol refuses: names are relative to the domain")
        } else if relative.is_some() {
            format!(
                "`{written}` repeats the domain `{whole}`, which dnscontrol refuses (it would name `{written}.{whole}.`)"
            )
        } else {
            return;
        };
        let help = if meant.is_empty() {
            "write the name relative to the domain, `@` for the domain itself".to_string()
        } else {
            format!("write the name relative to the domain: `{meant}`")
        };
        let location = Location::new(&record.source, record.name.span);
        let d = Diagnostic::new(&ORIGIN_APPENDED_TWICE, location, message)
            .with_record(record.reference())
            .with_help(help);
        self.diagnostics.push(d);
    }

    /// TLSRPT603: literal double quotes in a `TXT()` value.
    fn check_quotes(&mut self, value: &Str, record: &Record) {
        let Some(at) = value.as_str().find('"') else {
            return;
        };
        let span = value.text.source_span(at as u32..at as u32 + 1);
        let location = Location::new(&record.source, span);
        let d = Diagnostic::new(
            &PROVIDER_TXT_QUOTING,
            location,
            "`TXT()` value holds a literal `\"`, which dnscontrol publishes as part of the record",
        )
        .with_record(record.reference())
        .with_primary_label("published as a character of the value")
        .with_help("remove the quotes: dnscontrol quotes TXT values itself");
        self.diagnostics.push(d);
    }
}

/// The full name of a record named `written` in `domain`, absolute with a trailing dot.
fn full_name(domain: &Domain, written: &str) -> String {
    if written.ends_with('.') {
        return written.to_string();
    }
    let mut name = String::new();
    for part in [written, &domain.sub, &domain.zone] {
        if !part.is_empty() && part != "@" {
            name.push_str(part);
            name.push('.');
        }
    }
    name
}

/// A CNAME target or MX exchange: absolute when it ends with a dot, else relative to the
/// domain (not the `D_EXTEND` sub-domain), as dnscontrol reads it.
fn target_name(domain: &Domain, target: &str) -> String {
    if target.ends_with('.') {
        return target.to_string();
    }
    let apex = Domain {
        zone: domain.zone.clone(),
        sub: String::new(),
        default_ttl: None,
    };
    full_name(&apex, target)
}

/// Where a string is written: its bytes, or (for an empty string) `fallback`.
fn str_span(s: &Str, fallback: Span) -> Span {
    if s.text.is_empty() {
        fallback
    } else {
        s.text.source_span(0..s.text.len())
    }
}

/// A TXT value as published: dnscontrol splits it into 255-octet strings.
fn txt(value: &Str) -> Txt {
    let len = value.text.len();
    let strings = (0..len.div_ceil(255).max(1))
        .map(|i| TxtString {
            range: i * 255..((i + 1) * 255).min(len),
            quoted: true,
        })
        .collect();
    Txt {
        value: (*value.text).clone(),
        strings,
        cut_by_comment: None,
        writing: Writing::Format,
    }
}
