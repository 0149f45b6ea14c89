//! Records found in an evaluated Nix file, in the shapes real configurations write them.
//!
//! - `dns.nix` zones: a set with record-type keys (`TXT`, `CNAME`, `MX`, `SOA`, `NS`,
//!   `A`...) or `subdomains`, whose `subdomains.<label>` sets are the names below it
//!   (`"_smtp._tls".TXT = [ ... ]` and `subdomains._smtp.subdomains._tls.TXT` name the
//!   same record). A TXT item is a string, `{ data = "..."; }` or `txt "..."`; an MX item
//!   `{ exchange = ...; }` or `mx.mx 10 "host."`.
//! - Record sets as NixOS modules build them: `{ name = ...; type = "TXT"; value = ...; }`
//!   (also `host`/`content`/`data`/`values`, and `zone`/`domain` beside them).
//!
//! The zone is the nearest attribute above that names a domain
//! (`zones."example.com" = { ... }`), the first argument of a function applied to the
//! zone (`dns.lib.toString "example.com" { ... }`), the file's name for a zone at the
//! root (`example.com.nix`), or the zone the settings name for the file; else names stay
//! relative. Arguments of functions the evaluator does not know (`lib.mkIf`,
//! `lib.mkMerge`) are searched too. As the other readers, only records a rule may read
//! are kept: TXT at reporting names or with a reporting value, CNAME at reporting or
//! `_smtp` names, every MX. A name or value that cannot be known is reported as
//! `unevaluated-value` where it may be a reporting record.

use std::collections::HashSet;
use std::rc::Rc;
use std::sync::Arc;

use super::eval::Eval;
use super::value::{Applied, Attrs, Value};
use crate::diagnostic::{Diagnostic, Location};
use crate::extract::Extracted;
use crate::model::{Format, Name, RData, Record, RecordKind, Txt, TxtString, Writing};
use crate::names::{is_dane_owner, is_reporting_value, may_be_misspelt_policy, mentions_reporting};
use crate::rules::unevaluated_value::UNEVALUATED_VALUE;
use crate::text::{Decoded, Source, Span};

/// How deep sets and lists are searched for records.
const MAX_DEPTH: usize = 48;

/// Keys that make a set a `dns.nix` zone or sub-domain.
const ZONE_KEYS: &[&str] = &[
    "TXT",
    "CNAME",
    "MX",
    "subdomains",
    "SOA",
    "NS",
    "A",
    "AAAA",
    "CAA",
    "SRV",
    "DKIM",
    "DMARC",
];

/// Where a record's name stands: labels below the zone, and the zone if known.
#[derive(Clone, Default)]
struct Place {
    /// Relative labels, innermost first, as written (`_smtp._tls` is one entry).
    labels: Vec<String>,
    /// The zone, without a trailing dot.
    zone: Option<String>,
    /// Where the innermost label is written.
    span: Span,
}

impl Place {
    fn below(&self, label: &str, span: Span) -> Place {
        let mut labels = vec![label.to_string()];
        labels.extend(self.labels.iter().cloned());
        Place {
            labels,
            zone: self.zone.clone(),
            span,
        }
    }

    /// The name: absolute with a trailing dot when the zone is known, else relative
    /// (`@` for the apex).
    fn name(&self) -> String {
        let relative = self.labels.join(".");
        match (&self.zone, relative.is_empty()) {
            (Some(zone), true) => format!("{zone}."),
            (Some(zone), false) => format!("{relative}.{zone}."),
            (None, true) => "@".to_string(),
            (None, false) => relative,
        }
    }
}

pub struct Walk<'a> {
    eval: &'a mut Eval,
    source: &'a Arc<Source>,
    /// The zone a zone at the file's root is in (its name or the settings').
    root_zone: Option<String>,
    out: Extracted,
    /// Sets already searched, kept alive so that their addresses stay theirs.
    seen: HashSet<*const Attrs>,
    kept: Vec<Rc<Attrs>>,
    reported: HashSet<Span>,
}

impl<'a> Walk<'a> {
    pub fn new(eval: &'a mut Eval, source: &'a Arc<Source>, root_zone: Option<String>) -> Self {
        Walk {
            eval,
            source,
            root_zone,
            out: Extracted::default(),
            seen: HashSet::new(),
            kept: Vec::new(),
            reported: HashSet::new(),
        }
    }

    pub fn finish(self) -> Extracted {
        self.out
    }

    /// Searches `value` for zones and record sets; `zone` is the zone it is in, if known.
    pub fn search(&mut self, value: &Value, zone: Option<&str>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match value {
            Value::Attrs(a) => {
                if !self.seen.insert(Rc::as_ptr(a)) {
                    return;
                }
                self.kept.push(Rc::clone(a));
                if is_zone(a) {
                    let zone = zone
                        .map(str::to_string)
                        .or_else(|| (depth == 0).then(|| self.root_zone.clone()).flatten());
                    let place = Place {
                        zone,
                        ..Place::default()
                    };
                    self.zone(a, &place, depth);
                    return;
                }
                if self.record_set(a, zone) {
                    return;
                }
                let own = self.zone_field(a);
                let zone = own.as_deref().or(zone);
                for e in &a.entries {
                    let child = self.eval.force(&e.value);
                    let inner = match &e.key {
                        Some(k) if is_domain(k) => Some(k.trim_end_matches('.')),
                        _ => zone,
                    };
                    match (&e.key, &child) {
                        // `"_smtp._tls" = { TXT = [ ... ]; }` outside `subdomains`: the
                        // underscore name is the record's, below the zone.
                        (Some(k), Value::Attrs(set)) if k.starts_with('_') && is_zone(set) => {
                            let place = Place {
                                zone: inner.map(str::to_string),
                                ..Place::default()
                            };
                            let below = place.below(k, key_span(self.source, e.key_span));
                            self.zone(set, &below, depth + 1);
                        }
                        _ => self.search(&child, inner, depth + 1),
                    }
                }
            }
            Value::List(list) => {
                for (_, item) in &list.items {
                    let v = self.eval.force(item);
                    self.search(&v, zone, depth + 1);
                }
            }
            Value::Applied(applied) => self.applied(applied, zone, depth),
            _ => {}
        }
    }

    /// The arguments of a function the evaluator does not know: `f "example.com" zone`
    /// puts the zone in the domain its first argument names.
    fn applied(&mut self, applied: &Applied, zone: Option<&str>, depth: usize) {
        let args: Vec<Value> = applied.args.iter().map(|a| self.eval.force(a)).collect();
        let named = match args.first() {
            Some(Value::Str(s)) if args.len() > 1 && is_domain(s.text()) => {
                Some(s.text().trim_end_matches('.').to_string())
            }
            _ => None,
        };
        let zone = named.as_deref().or(zone);
        for arg in &args {
            self.search(arg, zone, depth + 1);
        }
    }

    /// A `dns.nix` zone or sub-domain set at `place`.
    fn zone(&mut self, a: &Attrs, place: &Place, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for rtype in ["TXT", "CNAME", "MX"] {
            let Some(entry) = a.get(rtype) else {
                continue;
            };
            let value = self.eval.force(&entry.value);
            let items: Vec<(Span, Value)> = match &value {
                Value::List(list) => {
                    if let Some(open) = list.open {
                        self.unknown_item(place, rtype, open);
                    }
                    list.items
                        .iter()
                        .map(|(at, t)| (*at, self.eval.force(t)))
                        .collect()
                }
                other => vec![(entry.key_span, other.clone())],
            };
            for (at, item) in items {
                self.item(place, rtype, at, &item);
            }
        }
        let Some(subdomains) = a.get("subdomains") else {
            return;
        };
        let subdomains = self.eval.force(&subdomains.value);
        let Value::Attrs(subs) = subdomains else {
            if let Some(at) = subdomains.unknown_at() {
                self.unknown_below(place, at);
            }
            return;
        };
        for e in &subs.entries {
            let mut child = self.eval.force(&e.value);
            // `lib.mkIf cond { ... }`, `lib.mkDefault { ... }`: the set is the last argument.
            if let Value::Applied(applied) = &child {
                if let Some(last) = applied.args.last() {
                    child = self.eval.force(last);
                }
            }
            match (&e.key, &child) {
                (Some(label), Value::Attrs(set)) => {
                    let below = place.below(label, key_span(self.source, e.key_span));
                    self.zone(set, &below, depth + 1);
                }
                (None, _) => self.unknown_below(place, e.key_span),
                _ => {}
            }
        }
    }

    /// One item of a `TXT`, `CNAME` or `MX` list.
    fn item(&mut self, place: &Place, rtype: &str, at: Span, item: &Value) {
        let text = match (rtype, item) {
            (_, Value::Str(s)) => Some(Rc::clone(s)),
            ("TXT", Value::Attrs(a)) => match a.get("data").map(|e| self.eval.force(&e.value)) {
                Some(Value::Str(s)) => Some(s),
                Some(other) => return self.unknown_value(place, rtype, &other, at),
                None => None,
            },
            ("MX", Value::Attrs(a)) => match a.get("exchange").map(|e| self.eval.force(&e.value)) {
                Some(Value::Str(s)) => Some(s),
                _ => None,
            },
            (_, Value::Applied(applied)) => {
                let last = applied.args.last().map(|t| self.eval.force(t));
                match last {
                    Some(Value::Str(s)) => Some(s),
                    _ => return self.unknown_value(place, rtype, item, at),
                }
            }
            _ => return self.unknown_value(place, rtype, item, at),
        };
        if let Some(text) = text {
            self.record(place, rtype, at, &text);
        }
    }

    /// A set of the shape `{ name = ...; type = "TXT"; value = ...; }`; false for any
    /// other set.
    fn record_set(&mut self, a: &Attrs, zone: Option<&str>) -> bool {
        let rtype = match self.field(a, &["type", "rtype", "recordType", "record_type"]) {
            Some(Value::Str(t)) => t.text().to_ascii_uppercase(),
            _ => return false,
        };
        let Some(rtype) = ["TXT", "CNAME", "MX"].into_iter().find(|t| *t == rtype) else {
            return false;
        };
        let name_keys = ["name", "host", "hostname", "subdomain", "record", "label"];
        let value_keys = [
            "value", "values", "content", "data", "txt", "target", "records",
        ];
        let own_zone = self.zone_field(a);
        let zone = own_zone.as_deref().or(zone).map(str::to_string);
        let name_entry = name_keys.iter().find_map(|k| a.get(k));
        let name_value = name_entry.map(|e| self.eval.force(&e.value));
        let place = match (&name_value, name_entry) {
            (Some(Value::Str(n)), Some(_)) => {
                let span = string_span(n, a.span);
                place_of(n.text(), zone, span)
            }
            (Some(other), _) => {
                let Some(at) = other.unknown_at() else {
                    return true;
                };
                if self.mentions(a.span) {
                    self.unknown(at, &format!("the name of this `{rtype}` record"));
                }
                // `"_smtp._tls.${domain}"`: the labels written are still checked, the
                // name left relative.
                match other {
                    Value::Partial(known, _) if known.text().ends_with('.') => {
                        let labels = known.text().trim_end_matches('.');
                        let span = known.source_span(0..labels.len() as u32);
                        place_of(labels, None, span)
                    }
                    _ => return true,
                }
            }
            (None, _) => Place {
                zone,
                ..Place::default()
            },
        };
        let Some(value) = value_keys.iter().find_map(|k| a.get(k)) else {
            return true;
        };
        let value_span = value.key_span;
        match self.eval.force(&value.value) {
            Value::List(list) => {
                let items: Vec<(Span, Value)> = list
                    .items
                    .iter()
                    .map(|(at, t)| (*at, self.eval.force(t)))
                    .collect();
                for (at, item) in items {
                    self.item(&place, rtype, at, &item);
                }
            }
            other => self.item(&place, rtype, value_span, &other),
        }
        true
    }

    /// The zone a set names for what it holds (`zone = "example.com";`).
    fn zone_field(&mut self, a: &Attrs) -> Option<String> {
        match self.field(a, &["zone", "domain", "zoneName", "zone_name"]) {
            Some(Value::Str(z)) if is_domain(z.text()) => {
                Some(z.text().trim_end_matches('.').to_string())
            }
            _ => None,
        }
    }

    /// The first of `keys` the set has, forced.
    fn field(&mut self, a: &Attrs, keys: &[&str]) -> Option<Value> {
        let entry = keys.iter().find_map(|k| a.get(k))?;
        Some(self.eval.force(&entry.value.clone()))
    }

    /// A record of `rtype` at `place` with the value `text`, written at `at`.
    fn record(&mut self, place: &Place, rtype: &str, at: Span, text: &Decoded) {
        let name = place.name();
        let kind = RecordKind::of_name(&name);
        let keep = match rtype {
            "TXT" => kind != RecordKind::Other || is_reporting_value(text.text().as_bytes()),
            "CNAME" => {
                kind != RecordKind::Other || may_be_misspelt_policy(&name) || is_dane_owner(&name)
            }
            _ => true,
        };
        if !keep {
            return;
        }
        let value_span = string_span(text, at);
        // The record is its name and value where they are written together
        // (`"_smtp._tls".TXT = [ "..." ]`), else its name and the item that brings the
        // value (`"_smtp._tls".TXT = [ (mkPolicy domain) ]`), else where the value is
        // written, when that is one stretch of source, else the item.
        let near = |a: Span, b: Span| !b.is_empty() && a.cover(b).len() <= a.len() + b.len() + 64;
        let compact = value_span.len() <= text.len() + 64;
        let span = if compact && near(value_span, place.span) {
            value_span.cover(place.span)
        } else if near(at, place.span) {
            at.cover(place.span)
        } else if compact {
            value_span
        } else {
            at
        };
        let writing = if self.eval.in_indented(text) {
            Writing::Never
        } else {
            Writing::Format
        };
        let data = match rtype {
            "TXT" => RData::Txt(Txt {
                value: text.clone(),
                strings: vec![TxtString {
                    range: 0..text.len(),
                    quoted: true,
                }],
                cut_by_comment: None,
                writing,
            }),
            "CNAME" => RData::Cname {
                target: target_name(place, text.text()),
                span: value_span,
            },
            _ => RData::Mx {
                exchange: target_name(place, text.text()),
                span: value_span,
            },
        };
        self.out.records.push(Record {
            source: Arc::clone(self.source),
            format: Format::Nix,
            name: Name {
                text: name,
                span: place.span,
            },
            zone: place.zone.as_ref().map(|z| format!("{z}.")),
            rtype: rtype.to_string(),
            ttl: None,
            ttl_span: Span::at(span.start),
            span,
            data,
            via: None,
        });
    }

    /// An item whose value cannot be known: reported where it may be a reporting record.
    fn unknown_value(&mut self, place: &Place, rtype: &str, item: &Value, at: Span) {
        let Some(unknown) = item.unknown_at() else {
            return;
        };
        let kind = RecordKind::of_name(&place.name());
        let known_part = match item {
            Value::Partial(s, _) => is_reporting_value(s.text().as_bytes()),
            _ => false,
        };
        if kind != RecordKind::Other || known_part || self.mentions(at) {
            let unknown = if unknown.is_empty() { at } else { unknown };
            self.unknown(unknown, &format!("the value of this `{rtype}` record"));
        }
    }

    /// Items of an unknown list concatenated into a record list.
    fn unknown_item(&mut self, place: &Place, rtype: &str, at: Span) {
        if RecordKind::of_name(&place.name()) != RecordKind::Other || self.mentions(at) {
            self.unknown(at, &format!("some `{rtype}` records here"));
        }
    }

    /// Sub-domains whose names cannot be known.
    fn unknown_below(&mut self, place: &Place, at: Span) {
        if self.mentions(at) || place.labels.is_empty() && self.mentions(place.span) {
            self.unknown(at, "the names of these sub-domains");
        }
    }

    fn mentions(&self, span: Span) -> bool {
        let text = self.source.text.get(span.range()).unwrap_or_default();
        mentions_reporting(text)
    }

    fn unknown(&mut self, at: Span, what: &str) {
        if !self.reported.insert(at) {
            return;
        }
        let shown = crate::extract::shorten(self.source.text.get(at.range()).unwrap_or_default());
        let d = Diagnostic::new(
            &UNEVALUATED_VALUE,
            Location::new(self.source, at),
            format!("{what} depends on `{shown}`, which cannot be known offline"),
        )
        .with_primary_label("not evaluated")
        .with_help("write the value as a literal (or from literal bindings) to have it checked");
        self.out.diagnostics.push(d);
    }
}

/// Whether a set is a `dns.nix` zone or sub-domain.
fn is_zone(a: &Attrs) -> bool {
    ZONE_KEYS.iter().any(|k| a.get(k).is_some())
}

/// Whether an attribute name or string names a domain: dotted labels of letters, digits
/// and hyphens, not starting with an underscore label.
fn is_domain(text: &str) -> bool {
    let text = text.trim_end_matches('.');
    let labels: Vec<&str> = text.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|l| l.chars().any(|c| c.is_ascii_alphabetic()))
}

/// Where a record named `name` stands in `zone`: a name ending with a dot is absolute, one
/// that ends with the zone is taken as full, `@` and the empty name are the apex.
fn place_of(name: &str, zone: Option<String>, span: Span) -> Place {
    let lower = name.to_ascii_lowercase();
    let mut place = Place {
        zone,
        span,
        labels: Vec::new(),
    };
    if name.is_empty() || name == "@" {
        return place;
    }
    if let Some(absolute) = name.strip_suffix('.') {
        place.zone = None;
        place.labels = vec![format!("{absolute}.")];
        return place;
    }
    if let Some(zone) = &place.zone {
        let zone_lower = zone.to_ascii_lowercase();
        if lower == zone_lower {
            return place;
        }
        if let Some(rest) = lower.strip_suffix(&format!(".{zone_lower}")) {
            place.labels = vec![name[..rest.len()].to_string()];
            return place;
        }
    }
    place.labels = vec![name.to_string()];
    place
}

/// A CNAME target or MX exchange: absolute as written with a dot, else in the zone.
fn target_name(place: &Place, target: &str) -> String {
    match &place.zone {
        _ if target.ends_with('.') => target.to_string(),
        Some(zone) => format!("{target}.{zone}."),
        None => target.to_string(),
    }
}

/// Where a string value is written, or `fallback` for an empty one.
fn string_span(text: &Decoded, fallback: Span) -> Span {
    if text.is_empty() {
        fallback
    } else {
        text.source_span(0..text.len())
    }
}

/// An attribute name's span without the quotes of a string key.
fn key_span(source: &Source, span: Span) -> Span {
    let written = source.text.get(span.range()).unwrap_or_default();
    if written.len() >= 2 && written.starts_with('"') && written.ends_with('"') {
        Span::new(span.start + 1, span.end - 1)
    } else {
        span
    }
}
