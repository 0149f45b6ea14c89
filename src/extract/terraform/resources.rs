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

use super::fold::{Env, Loc, Scope, Text, Value};
use super::quoting::{txt, Quoting};
use super::Emit;
use crate::diagnostic::{Diagnostic, Location};
use crate::extract::companions::{fqdn, is_dane_owner, mx_exchange};
use crate::model::{Format, Name, RData, Record};
use crate::rules::provider_txt_quoting::PROVIDER_TXT_QUOTING;
use crate::text::{Decoded, Source, Span};
use hcl_edit::structure::Block;
use std::sync::Arc;

/// Where a resource type keeps its values.
#[derive(Clone, Copy, Debug)]
pub(super) enum Values {
    /// A list attribute, one RR per element.
    List(&'static str),
    /// The first present of these string attributes.
    Attr(&'static [&'static str]),
    /// Repeated blocks, one RR per block: `record { value = ... }`.
    Blocks(&'static str, &'static str),
}

/// One supported resource type.
pub(super) struct Kind {
    pub(super) rtype: &'static str,
    /// The attribute holding the record type, or the type itself after `=`.
    pub(super) type_attr: &'static str,
    pub(super) name: &'static str,
    pub(super) values: Values,
    /// The attribute naming the zone, and whether a literal there is the zone's DNS name
    /// (`zone_id` literals are opaque identifiers).
    pub(super) zone: &'static str,
    pub(super) zone_literal_is_name: bool,
    /// The name is always a full name (`ns1_record.domain`).
    pub(super) fqdn: bool,
    pub(super) quoting: Quoting,
}

const fn kind(
    rtype: &'static str,
    type_attr: &'static str,
    name: &'static str,
    values: Values,
    zone: &'static str,
    quoting: Quoting,
) -> Kind {
    Kind {
        rtype,
        type_attr,
        name,
        values,
        zone,
        zone_literal_is_name: !matches!(zone.as_bytes(), b"zone_id" | b"managed_zone"),
        fqdn: false,
        quoting,
    }
}

const CONTENT: Values = Values::Attr(&["content", "value"]);
const VALUE: Values = Values::Attr(&["value"]);

#[rustfmt::skip]
static KINDS: &[Kind] = &[
    kind("aws_route53_record", "type", "name", Values::List("records"), "zone_id", Quoting::Route53),
    kind("cloudflare_record", "type", "name", CONTENT, "zone_id", Quoting::Plain),
    kind("cloudflare_dns_record", "type", "name", CONTENT, "zone_id", Quoting::Plain),
    kind("google_dns_record_set", "type", "name", Values::List("rrdatas"), "managed_zone", Quoting::Google),
    kind("azurerm_dns_txt_record", "=TXT", "name", Values::Blocks("record", "value"), "zone_name", Quoting::Plain),
    kind("azurerm_dns_cname_record", "=CNAME", "name", Values::Attr(&["record"]), "zone_name", Quoting::Plain),
    kind("digitalocean_record", "type", "name", VALUE, "domain", Quoting::Plain),
    kind("dnsimple_zone_record", "type", "name", VALUE, "zone_name", Quoting::Plain),
    Kind {
        fqdn: true,
        ..kind("ns1_record", "type", "domain", Values::Blocks("answers", "answer"), "zone", Quoting::Plain)
    },
    kind("gandi_livedns_record", "type", "name", Values::List("values"), "zone", Quoting::Plain),
    kind("ovh_domain_zone_record", "fieldtype", "subdomain", Values::Attr(&["target"]), "zone", Quoting::Plain),
    kind("hetznerdns_record", "type", "name", VALUE, "zone_id", Quoting::Plain),
];

/// The most records one `count` or `for_each` expands to.
const MAX_EXPANSION: usize = 1024;

/// The resource types that can hold a TXT record, in table order: what `generate` writes.
pub(super) fn txt_kinds() -> impl Iterator<Item = &'static Kind> {
    KINDS
        .iter()
        .filter(|k| !k.type_attr.starts_with('=') || k.type_attr == "=TXT")
}

/// The quoting of a resource type, when it is a DNS record type we read.
pub(super) fn quoting_of(rtype: &str) -> Option<Quoting> {
    KINDS.iter().find(|k| k.rtype == rtype).map(|k| k.quoting)
}

/// Reads one `resource` block of the module.
pub(super) fn resource(emit: &mut Emit<'_, '_>, file: usize, rtype: &str, block: &Block) {
    let Some(kind) = KINDS.iter().find(|k| k.rtype == rtype) else {
        return;
    };
    let env = emit.env;
    let block_loc = Loc {
        file,
        span: env.block_span(file, block),
    };
    let relevant = super::mentions_reporting(&env.source(file).text[block_loc.span.range()]);
    for (scope, element) in expansions(emit, file, block, relevant) {
        let eval = |attr: &str| {
            block
                .body
                .get_attribute(attr)
                .map(|a| env.eval(&a.value, file, &scope))
        };
        let rtype = match kind.type_attr.strip_prefix('=') {
            Some(fixed) => fixed.to_string(),
            None => match eval(kind.type_attr) {
                Some(Value::Str(t)) => t.decoded.text().to_ascii_uppercase(),
                Some(Value::Unknown(u)) => {
                    if relevant {
                        emit.unevaluated(&u, "the record type");
                    }
                    continue;
                }
                _ => continue,
            },
        };
        if !matches!(rtype.as_str(), "TXT" | "CNAME" | "MX" | "TLSA") {
            continue;
        }
        let zone = zone(env, kind, eval(kind.zone)).or_else(|| emit.origin.clone());
        let name = match eval(kind.name) {
            Some(Value::Str(t)) => Some(t),
            Some(Value::Unknown(u)) => {
                if relevant {
                    emit.unevaluated(&u, "the record name");
                }
                continue;
            }
            _ => None,
        };
        // Cloudflare's `ttl = 1` means "automatic", not one second.
        let ttl = eval("ttl").filter(|t| {
            !(kind.rtype.starts_with("cloudflare")
                && t.text().is_some_and(|t| t.decoded.text() == "1"))
        });
        let spec = Spec {
            kind_quoting: kind.quoting,
            rtype,
            name,
            fqdn: kind.fqdn,
            zone,
            ttl: ttl.as_ref().and_then(Value::text),
            spans: [element, Some(block_loc)],
        };
        if spec.rtype == "TLSA" {
            // Its data is not read, and some providers write it in blocks of fields
            // (`cloudflare_record`'s `data { ... }`): one record for the record set.
            emit.tlsa(&spec, block_loc);
            continue;
        }
        for value in values(env, kind.values, block, file, &scope) {
            match value {
                Value::Str(t) => emit.record(&spec, &t),
                Value::Unknown(u) if relevant => emit.unevaluated(&u, "the record value"),
                _ => {}
            }
        }
    }
}

/// The scopes a resource runs in: one, or one per `for_each` / `count` element with the
/// element's location.
fn expansions(
    emit: &mut Emit<'_, '_>,
    file: usize,
    block: &Block,
    relevant: bool,
) -> Vec<(Scope, Option<Loc>)> {
    let env = emit.env;
    let unscoped = Scope::default();
    if let Some(attr) = block.body.get_attribute("for_each") {
        return match env.eval(&attr.value, file, &unscoped) {
            Value::Map(entries, _) => entries
                .into_iter()
                .take(MAX_EXPANSION)
                .map(|(key, value)| {
                    let loc = value.loc().filter(|l| l.file == key.loc.file).map(|l| Loc {
                        file: l.file,
                        span: key.loc.span.cover(l.span),
                    });
                    let scope = Scope {
                        each: Some((Value::Str(key), value)),
                        count: None,
                    };
                    (scope, loc)
                })
                .collect(),
            Value::List(items, _) => items
                .into_iter()
                .take(MAX_EXPANSION)
                .map(|item| {
                    let loc = item.loc();
                    let scope = Scope {
                        each: Some((item.clone(), item)),
                        count: None,
                    };
                    (scope, loc)
                })
                .collect(),
            Value::Unknown(u) => {
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
            (Some(n), Value::Str(t)) => (0..n.min(MAX_EXPANSION))
                .map(|i| {
                    let mut decoded = Decoded::default();
                    decoded.push_escape(&i.to_string(), t.loc.span);
                    let index = Value::Str(Text {
                        loc: t.loc,
                        decoded,
                    });
                    (
                        Scope {
                            each: None,
                            count: Some(index),
                        },
                        None,
                    )
                })
                .collect(),
            (_, Value::Unknown(u)) => {
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
fn values(env: &Env<'_>, values: Values, block: &Block, file: usize, scope: &Scope) -> Vec<Value> {
    match values {
        Values::List(attr) => match block
            .body
            .get_attribute(attr)
            .map(|a| env.eval(&a.value, file, scope))
        {
            Some(Value::List(items, _)) => items,
            Some(other) => vec![other],
            None => Vec::new(),
        },
        Values::Attr(attrs) => attrs
            .iter()
            .find_map(|a| block.body.get_attribute(a))
            .map(|a| env.eval(&a.value, file, scope))
            .into_iter()
            .collect(),
        Values::Blocks(ident, attr) if block.body.has_blocks(ident) => block
            .body
            .get_blocks(ident)
            .filter_map(|b| b.body.get_attribute(attr))
            .map(|a| env.eval(&a.value, file, scope))
            .collect(),
        // The JSON syntax writes nested blocks as an object or a list of objects.
        Values::Blocks(ident, attr) => match block
            .body
            .get_attribute(ident)
            .map(|a| env.eval(&a.value, file, scope))
        {
            Some(Value::List(items, _)) => {
                items.iter().filter_map(|i| i.get(attr).cloned()).collect()
            }
            Some(object @ Value::Map(..)) => object.get(attr).cloned().into_iter().collect(),
            _ => Vec::new(),
        },
    }
}

/// The zone's DNS name, absolute, from a zone attribute's value.
fn zone(env: &Env<'_>, kind: &Kind, value: Option<Value>) -> Option<String> {
    let text = value?.text()?.decoded.text().to_string();
    let name = if kind.rtype == "google_dns_record_set" && !text.contains('.') {
        // `managed_zone` names the zone resource; its `dns_name` is the zone.
        env.google_zone_named(&text)?
            .text()?
            .decoded
            .text()
            .to_string()
    } else if kind.zone_literal_is_name || text.contains('.') {
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
}

/// The owner name, absolute when the zone is known or the name ends with a dot. Providers
/// append the zone unless the name already ends with it (Route 53's `expandRecordName`).
pub(super) fn owner(name: &str, zone: Option<&str>, fqdn: bool) -> String {
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
