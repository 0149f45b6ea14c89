//! DNS record resources: which attribute of which resource type holds the owner name, the
//! zone and the values, and how each provider quotes TXT values.
//!
//! One table ([`KINDS`]) describes every supported resource type, so adding a provider is
//! one line. A resource with a literal `for_each` or `count` expands to one record set per
//! element; each value (a `records` element, a `record { value }` block, ...) becomes one
//! [`Record`], since each is one TXT RR; its character-strings come from the provider's
//! [`Quoting`]. MX records (the exchange, a full name) and TLSA records at `_25._tcp` names
//! (one per record set, data unread) are kept too: DANE stands in for MTA-STS
//! (`tlsrpt-without-mta-sts`).

use super::fold::{Choices, Env, Folded, Loc, Scope, Text, Unknown};
use super::generic;
use super::providers::{self, Kind, Values};
use super::quoting::{txt, Quoting};
use super::Emit;
use crate::diagnostic::{Diagnostic, Location};
use crate::extract::companions::{fqdn, mx_exchange};
use crate::model::{Alternative, Format, Name, RData, Record, Via};
use crate::names::{is_dane_owner, is_reporting_value, mentions_reporting};
use crate::rules::provider_txt_quoting::PROVIDER_TXT_QUOTING;
use crate::text::{Decoded, Source, Span};
use hcl_edit::structure::{Block, Body};
use std::sync::Arc;

/// The most records one `count` or `for_each` expands to.
const MAX_EXPANSION: usize = 1024;

/// The quoting of a resource type, when it is a DNS record type we read.
pub(super) fn quoting_of(rtype: &str) -> Option<Quoting> {
    providers::find(rtype).map(|k| k.quoting)
}

/// Reads one `resource` block of the module.
pub(super) fn resource(emit: &mut Emit<'_, '_>, file: usize, rtype: &str, block: &Block) {
    let Some(kind) = providers::find(rtype) else {
        return by_shape(emit, file, block);
    };
    let env = emit.env;
    let block_loc = Loc {
        file,
        span: env.block_span(file, block),
    };
    let relevant = mentions_reporting(&env.source(file).text[block_loc.span.range()]);
    for (scope, element) in expansions(emit, file, block, relevant) {
        let eval = |attr: &str| {
            block
                .body
                .get_attribute(attr)
                .map(|a| env.eval(&a.value, file, &scope))
        };
        let zone = zone(env, kind, eval(kind.zone)).or_else(|| emit.origin.clone());
        let set = Set {
            kind,
            file,
            scope: &scope,
            zone,
            spans: [element, Some(block_loc)],
            relevant,
            note: None,
        };
        match kind.values {
            Values::Records {
                block: ident,
                name,
                rtype,
                value,
            } => {
                // Each nested block is a record of its own.
                for nested in block.body.get_blocks(ident) {
                    let span = Loc {
                        file,
                        span: env.block_span(file, nested),
                    };
                    let set = Set {
                        spans: [Some(span), Some(block_loc)],
                        zone: set.zone.clone(),
                        note: None,
                        ..set
                    };
                    record_set(emit, &set, &nested.body, rtype, name, Values::Attr(value));
                }
            }
            values => record_set(emit, &set, &block.body, kind.type_attr, kind.name, values),
        }
    }
}

/// Reads a resource of a type the table does not list, when it or its nested blocks look
/// like DNS records ([`generic`]).
fn by_shape(emit: &mut Emit<'_, '_>, file: usize, block: &Block) {
    let env = emit.env;
    let shapes = generic::shapes(env, file, block);
    if shapes.is_empty() {
        return;
    }
    let block_loc = Loc {
        file,
        span: env.block_span(file, block),
    };
    // A JSON resource's type is a key before its body, or has no span: the whole block.
    let header = block
        .labels
        .first()
        .map(|rtype| env.span(file, rtype).end)
        .filter(|&end| end >= block_loc.span.start)
        .map_or(block_loc.span, |end| Span::new(block_loc.span.start, end));
    let note = Via {
        source: Arc::clone(env.source(file)),
        span: header.cover(Span::at(block_loc.span.start)),
        label: "read by its shape: the provider is not in tlsrpt-lint's table, so how it quotes TXT values is not known",
        alternative: None,
    };
    for (scope, element) in expansions(emit, file, block, true) {
        for shape in &shapes {
            let zone_value = [shape.body, &block.body]
                .iter()
                .find_map(|body| generic::ZONES.iter().find_map(|z| body.get_attribute(z)))
                .map(|a| env.eval(&a.value, file, &scope));
            let set = Set {
                kind: &providers::GENERIC,
                file,
                scope: &scope,
                zone: zone(env, &providers::GENERIC, zone_value).or_else(|| emit.origin.clone()),
                spans: [element, Some(block_loc)],
                relevant: true,
                note: Some(note.clone()),
            };
            record_set(
                emit,
                &set,
                shape.body,
                shape.rtype,
                shape.name,
                shape.values,
            );
        }
    }
}

/// What the records of one record set share.
struct Set<'s> {
    kind: &'static Kind,
    file: usize,
    scope: &'s Scope,
    zone: Option<String>,
    spans: [Option<Loc>; 2],
    /// Whether the resource mentions TLS reporting, so unknowns are worth reporting.
    relevant: bool,
    /// What every finding about its records notes (a resource read by its shape).
    note: Option<Via>,
}

/// Reads the record set written in `body`: its type in `type_attr`, its name in `name`,
/// its values in `values`.
fn record_set(
    emit: &mut Emit<'_, '_>,
    set: &Set<'_>,
    body: &Body,
    type_attr: &str,
    name: &str,
    values: Values,
) {
    let env = emit.env;
    let (kind, file, scope) = (set.kind, set.file, set.scope);
    let eval = |attr: &str| {
        body.get_attribute(attr)
            .map(|a| env.eval(&a.value, file, scope))
    };
    let rtype = match type_attr.strip_prefix('=') {
        Some(fixed) => fixed.to_string(),
        None => match eval(type_attr) {
            Some(Folded::Str(t)) => t.decoded.text().to_ascii_uppercase(),
            Some(Folded::Unknown(u)) => {
                if set.relevant {
                    emit.unevaluated(&u, "the record type");
                }
                return;
            }
            _ => return,
        },
    };
    if !matches!(rtype.as_str(), "TXT" | "CNAME" | "MX" | "TLSA") {
        return;
    }
    // A name whose domain is unknown but whose first labels are literal is read at those
    // labels, with no zone, where its value is a TLS-RPT or MTA-STS record: the name and
    // value rules still read what is written (as for dnscontrol's partly known names).
    let (name, partial) = match eval(name) {
        Some(Folded::Str(t)) => (Some(t), false),
        Some(Folded::Unknown(u)) => {
            if set.relevant {
                emit.unevaluated(&u, "the record name");
            }
            match known_labels(&u).filter(|_| rtype == "TXT") {
                Some(labels) => (Some(labels), true),
                None => return,
            }
        }
        _ => (None, false),
    };
    // Cloudflare's `ttl = 1` means "automatic", not one second.
    let ttl = eval("ttl").filter(|t| {
        !(kind.rtype.starts_with("cloudflare") && t.text().is_some_and(|t| t.decoded.text() == "1"))
    });
    let spec = Spec {
        kind_quoting: kind.quoting,
        rtype,
        name,
        fqdn: kind.fqdn && !partial,
        zone: set.zone.clone().filter(|_| !partial),
        ttl: ttl.as_ref().and_then(Folded::text),
        spans: set.spans,
        via: set.note.clone(),
    };
    if spec.rtype == "TLSA" {
        // Its data is not read, and some providers write it in blocks of fields
        // (`cloudflare_record`'s `data { ... }`): one record for the record set.
        if let Some(at) = set.spans[1] {
            emit.tlsa(&spec, at);
        }
        return;
    }
    // A conditional whose condition is unknown gives one alternative per branch; a value
    // every alternative holds is one record, of none of them.
    let alternatives = env.alternatives(|| self::values(env, values, body, file, scope));
    let count = alternatives.len();
    for (index, (choices, found)) in alternatives.iter().enumerate() {
        for value in found {
            let shared = alternatives
                .iter()
                .all(|(_, other)| other.iter().any(|o| same(o, value)));
            if shared && index > 0 {
                continue;
            }
            let branch = (!shared).then_some(Branch {
                choices,
                index,
                count,
            });
            match value {
                Folded::Str(t) if partial && !is_reporting_value(t.decoded.text().as_bytes()) => {}
                Folded::Str(t) => emit.record_of(&spec, t, branch),
                Folded::Unknown(u) if set.relevant => emit.unevaluated(u, "the record value"),
                _ => {}
            }
        }
    }
}

/// One alternative of a value read branch by branch: the branches taken, and which of
/// how many alternatives it is.
pub(super) struct Branch<'c> {
    pub choices: &'c Choices,
    pub index: usize,
    pub count: usize,
}

impl Branch<'_> {
    /// What marks the record of this alternative: the outermost unknown condition, with
    /// the branch taken there as its label.
    pub fn via(&self, env: &Env<'_>) -> Option<Via> {
        let &(fork, taken) = self.choices.first()?;
        Some(Via {
            source: Arc::clone(env.source(fork.at.file)),
            span: fork.condition,
            label: if taken {
                "this alternative is published when this condition is true"
            } else {
                "this alternative is published when this condition is false"
            },
            alternative: Some(Alternative {
                choice: fork.at.span,
                index: u16::try_from(self.index).unwrap_or(u16::MAX),
                count: u16::try_from(self.count).unwrap_or(u16::MAX),
            }),
        })
    }
}

/// Whether two values are the same string written at the same place.
fn same(a: &Folded, b: &Folded) -> bool {
    match (a, b) {
        (Folded::Str(a), Folded::Str(b)) => a.loc == b.loc && a.decoded.text() == b.decoded.text(),
        _ => false,
    }
}

/// The whole labels a partly known name begins with: `_smtp.tls` of
/// `"_smtp.tls.${var.domain}"`; none where no label is whole.
pub(super) fn known_labels(unknown: &Unknown) -> Option<Text> {
    let known = unknown.known.as_ref()?;
    let end = known.decoded.text().rfind('.').filter(|&end| end > 0)?;
    let mut decoded = Decoded::default();
    decoded.append_range(&known.decoded, 0..end as u32);
    Some(Text {
        loc: known.loc,
        decoded,
    })
}

/// The scopes a resource runs in: one, or one per `for_each` / `count` element with the
/// element's location.
pub(super) fn expansions(
    emit: &mut Emit<'_, '_>,
    file: usize,
    block: &Block,
    relevant: bool,
) -> Vec<(Scope, Option<Loc>)> {
    let env = emit.env;
    let unscoped = Scope::default();
    if let Some(attr) = block.body.get_attribute("for_each") {
        return match env.eval(&attr.value, file, &unscoped) {
            Folded::Map(entries, _) => entries
                .into_iter()
                .take(MAX_EXPANSION)
                .map(|(key, value)| {
                    let loc = value.loc().filter(|l| l.file == key.loc.file).map(|l| Loc {
                        file: l.file,
                        span: key.loc.span.cover(l.span),
                    });
                    let scope = Scope {
                        each: Some((Folded::Str(key), value)),
                        ..Scope::default()
                    };
                    (scope, loc)
                })
                .collect(),
            Folded::List(items, _) => items
                .into_iter()
                .take(MAX_EXPANSION)
                .map(|item| {
                    let loc = item.loc();
                    let scope = Scope {
                        each: Some((item.clone(), item)),
                        ..Scope::default()
                    };
                    (scope, loc)
                })
                .collect(),
            Folded::Unknown(u) => {
                if relevant {
                    emit.unevaluated(&u, "the `for_each` value");
                }
                Vec::new()
            }
            _ => Vec::new(),
        };
    }
    if let Some(attr) = block.body.get_attribute("count") {
        let value = env.eval(&attr.value, file, &unscoped);
        let count = value
            .text()
            .and_then(|t| t.decoded.text().parse::<usize>().ok());
        return match (count, value) {
            (Some(n), Folded::Str(t)) => (0..n.min(MAX_EXPANSION))
                .map(|i| {
                    let mut decoded = Decoded::default();
                    decoded.push_escape(&i.to_string(), t.loc.span);
                    let index = Folded::Str(Text {
                        loc: t.loc,
                        decoded,
                    });
                    (
                        Scope {
                            count: Some(index),
                            ..Scope::default()
                        },
                        None,
                    )
                })
                .collect(),
            (_, Folded::Unknown(u)) => {
                if relevant {
                    emit.unevaluated(&u, "the `count` value");
                }
                Vec::new()
            }
            _ => Vec::new(),
        };
    }
    vec![(unscoped, None)]
}

/// The values of one resource: one per RR.
fn values(env: &Env<'_>, values: Values, body: &Body, file: usize, scope: &Scope) -> Vec<Folded> {
    match values {
        Values::List(attr) => match body
            .get_attribute(attr)
            .map(|a| env.eval(&a.value, file, scope))
        {
            Some(Folded::List(items, _)) => items,
            Some(other) => vec![other],
            None => Vec::new(),
        },
        Values::Attr(attrs) => attrs
            .iter()
            .find_map(|a| body.get_attribute(a))
            .map(|a| env.eval(&a.value, file, scope))
            .into_iter()
            .collect(),
        Values::Blocks(ident, attr) if body.has_blocks(ident) => body
            .get_blocks(ident)
            .filter_map(|b| b.body.get_attribute(attr))
            .map(|a| env.eval(&a.value, file, scope))
            .collect(),
        // Read block by block by `resource`.
        Values::Records { .. } => Vec::new(),
        // The JSON syntax writes nested blocks as an object or a list of objects.
        Values::Blocks(ident, attr) => match body
            .get_attribute(ident)
            .map(|a| env.eval(&a.value, file, scope))
        {
            Some(Folded::List(items, _)) => {
                items.iter().filter_map(|i| i.get(attr).cloned()).collect()
            }
            Some(object @ Folded::Map(..)) => object.get(attr).cloned().into_iter().collect(),
            _ => Vec::new(),
        },
    }
}

/// The zone's DNS name, absolute, from a zone attribute's value.
fn zone(env: &Env<'_>, kind: &Kind, value: Option<Folded>) -> Option<String> {
    let text = value?.text()?.decoded.text().to_string();
    let name = if kind.rtype == "google_dns_record_set" && !text.contains('.') {
        // `managed_zone` names the zone resource; its `dns_name` is the zone.
        env.google_zone_named(&text)?
            .text()?
            .decoded
            .text()
            .to_string()
    } else if (kind.zone_literal_is_name && !text.bytes().all(|b| b.is_ascii_digit()))
        || text.contains('.')
    {
        text
    } else {
        return None;
    };
    absolute_zone(&name)
}

/// `example.com` or `example.com.` as `example.com.`; nothing for an empty name.
pub(super) fn absolute_zone(name: &str) -> Option<String> {
    let name = name.trim_end_matches('.');
    (!name.is_empty()).then(|| format!("{name}."))
}

/// Everything about a record but its value.
pub(super) struct Spec<'t> {
    pub kind_quoting: Quoting,
    pub rtype: String,
    pub name: Option<Text>,
    pub fqdn: bool,
    pub zone: Option<String>,
    pub ttl: Option<&'t Text>,
    /// Candidates for the record's span, most specific first; the first in the value's file
    /// is used.
    pub spans: [Option<Loc>; 2],
    /// What findings about the record note, when the record is in the value's file.
    pub via: Option<Via>,
}

/// The owner name, absolute when the zone is known or the name ends with a dot. Providers
/// append the zone unless the name already ends with it (Route 53's `expandRecordName`).
pub(crate) fn owner(name: &str, zone: Option<&str>, fqdn: bool) -> String {
    if name.ends_with('.') {
        return name.to_string();
    }
    let Some(zone) = zone else {
        return if fqdn {
            format!("{name}.")
        } else {
            name.to_string()
        };
    };
    let bare = zone.trim_end_matches('.');
    let lower = name.to_ascii_lowercase();
    let suffix = bare.to_ascii_lowercase();
    if name.is_empty() || name == "@" {
        zone.to_string()
    } else if fqdn || lower == suffix || lower.ends_with(&format!(".{suffix}")) {
        format!("{name}.")
    } else {
        format!("{name}.{zone}")
    }
}

/// Builds the record of one value; `None` for an MX whose data is not `[preference]
/// exchange`, or a TLSA record that is not at a `_25._tcp` name.
pub(super) fn build(
    spec: &Spec<'_>,
    value: &Text,
    source: &Arc<Source>,
) -> Option<(Record, Vec<Diagnostic>)> {
    let mut diagnostics = Vec::new();
    let text = value.decoded.text();
    let data = match spec.rtype.as_str() {
        "CNAME" => RData::Cname {
            target: fqdn(text.trim()),
            span: value.decoded.source_span(0..value.decoded.len()),
        },
        // Every provider here takes the exchange as a full name, the preference in the
        // value (Route 53, Google) or in an attribute of its own (`priority`).
        "MX" => {
            let range = mx_exchange(text)?;
            RData::Mx {
                exchange: fqdn(&text[range.clone()]),
                span: value
                    .decoded
                    .source_span(range.start as u32..range.end as u32),
            }
        }
        "TLSA" => RData::Other,
        _ => {
            let (txt, problem) = txt(spec.kind_quoting, &value.decoded);
            if let Some((span, message, help)) = problem {
                diagnostics.push(
                    Diagnostic::new(&PROVIDER_TXT_QUOTING, Location::new(source, span), message)
                        .with_help(help),
                );
            }
            RData::Txt(txt)
        }
    };
    let record = record(spec, value.loc, data, source);
    (spec.rtype != "TLSA" || is_dane_owner(&record.name.text)).then_some((record, diagnostics))
}

/// A record of `spec` with `data`, whose value is at `at` (its file decides which of the
/// spec's spans and names are this record's).
pub(super) fn record(spec: &Spec<'_>, at: Loc, data: RData, source: &Arc<Source>) -> Record {
    let file = at.file;
    let name_text = spec.name.as_ref().map_or("", |t| t.decoded.text());
    let name = Name {
        text: owner(name_text, spec.zone.as_deref(), spec.fqdn),
        span: spec
            .name
            .as_ref()
            .filter(|t| t.loc.file == file)
            .map_or(Span::default(), |t| {
                t.decoded.source_span(0..t.decoded.len())
            }),
    };
    let span = spec
        .spans
        .iter()
        .flatten()
        .find(|l| l.file == file)
        .map_or(at.span, |l| l.span);
    let (ttl, ttl_span) = match spec.ttl.filter(|t| t.loc.file == file) {
        Some(t) => (t.decoded.text().parse().ok(), t.loc.span),
        None => (
            spec.ttl.and_then(|t| t.decoded.text().parse().ok()),
            Span::at(span.start),
        ),
    };
    Record {
        source: Arc::clone(source),
        format: Format::Terraform,
        name,
        zone: spec.zone.clone(),
        rtype: spec.rtype.clone(),
        ttl,
        ttl_span,
        span,
        data,
        via: spec
            .via
            .clone()
            .filter(|via| via.source.path == source.path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_append_the_zone_unless_present() {
        assert_eq!(
            owner("_smtp._tls", Some("example.com."), false),
            "_smtp._tls.example.com."
        );
        assert_eq!(
            owner("_smtp._tls.Example.com", Some("example.com."), false),
            "_smtp._tls.Example.com."
        );
        assert_eq!(owner("@", Some("example.com."), false), "example.com.");
        assert_eq!(owner("x.example.com.", None, false), "x.example.com.");
        assert_eq!(owner("_smtp._tls", None, false), "_smtp._tls");
    }
}
