//! Azure Resource Manager templates (JSON whose `$schema` is a `deploymentTemplate`):
//! Azure DNS record sets, as `Microsoft.Network/dnsZones/<TYPE>` resources at the top level
//! (named `<zone>/<record>`) or as children in a `Microsoft.Network/dnsZones` resource's
//! `resources` (typed `TXT`, named `<record>`), and the templates of nested deployments
//! (`Microsoft.Resources/deployments`, each with its own parameters and variables).
//! Property names are matched in any case, as ARM does.
//!
//! A TXT record set holds `properties.TXTRecords`, each `{ "value": [ ... ] }` one record
//! whose strings are the array's items, as Azure publishes them. CNAME, MX and TLSA record
//! sets are kept as the other readers keep them ([`super::Reader::push_cname`]).
//! [`record_set`] reads these properties, and the Pulumi reader uses it for
//! `azure-native` record sets, which are the same API.
//!
//! Names and values are often expressions ([`super::arm_expr`]); parameters fold to their
//! `defaultValue` and variables to their value when those are literals (or expressions of
//! literals). What needs a deployment is TLSRPT002 at the innermost expression that needs
//! it, where the resource mentions a reporting name or value. A name whose zone is unknown
//! but whose record part is known (`[concat(parameters('zone'), '/_smtp._tls')]`) is still
//! read, under its relative name, so its value is checked.

use super::arm_expr::{self, known, Part, Written};
use super::cloudformation::{relevant, unevaluated};
use super::document::NodeId;
use super::{absolute, Draft, Reader};
use crate::extract::terraform::owner;
use crate::model::{Format, Name, TxtString, Writing};
use crate::text::{Decoded, Span};

/// When an ARM value is known.
const DEPLOYED: &str = "the template is deployed";

/// How deep parameters and variables may refer to each other before the rest is unknown.
const MAX_LOOKUPS: usize = 8;

/// How deep nested deployments are read.
const MAX_NESTING: usize = 8;

/// The record types read, as the resource type's last segment.
const TYPES: &[&str] = &["TXT", "CNAME", "MX", "TLSA"];

/// Whether the text may be an ARM template with DNS zones: checked by [`super::sniff`].
pub(super) fn sniff(has: &dyn Fn(&str) -> bool, text: &str) -> bool {
    const ZONES: &[u8] = b"microsoft.network/dnszones";
    has("deploymentTemplate")
        && text
            .as_bytes()
            .windows(ZONES.len())
            .any(|w| w.eq_ignore_ascii_case(ZONES))
}

pub(super) fn read(reader: &mut Reader<'_>) {
    for document in reader.stream.documents.clone() {
        let schema = get(reader, document, "$schema").and_then(|s| reader.stream.scalar(s));
        if schema.is_some_and(|s| s.contains("deploymentTemplate")) {
            template(reader, document, 0);
        }
    }
}

/// The parameters and variables of one template.
#[derive(Clone, Copy)]
struct Scope {
    parameters: Option<NodeId>,
    variables: Option<NodeId>,
}

fn template(reader: &mut Reader<'_>, node: NodeId, nesting: usize) {
    let scope = Scope {
        parameters: get(reader, node, "parameters"),
        variables: get(reader, node, "variables"),
    };
    for resource in children(reader, node) {
        let Some(rtype) = get(reader, resource, "type").and_then(|t| reader.stream.scalar(t))
        else {
            continue;
        };
        let rtype = rtype.to_ascii_lowercase();
        if rtype == "microsoft.resources/deployments" && nesting < MAX_NESTING {
            let inner =
                get(reader, resource, "properties").and_then(|p| get(reader, p, "template"));
            if let Some(inner) = inner {
                template(reader, inner, nesting + 1);
            }
        } else if rtype == "microsoft.network/dnszones" {
            zone(reader, scope, resource);
        } else if let Some(record) = rtype.strip_prefix("microsoft.network/dnszones/") {
            record_resource(reader, scope, resource, record, None);
        }
    }
}

/// A zone resource: its child record sets take its name as their zone.
fn zone(reader: &mut Reader<'_>, scope: Scope, resource: NodeId) {
    let Some(name) = get(reader, resource, "name") else {
        return;
    };
    let zone = evaluate(reader, scope, name, 0);
    for child in children(reader, resource) {
        let Some(rtype) = get(reader, child, "type").and_then(|t| reader.stream.scalar(t)) else {
            continue;
        };
        let rtype = rtype.to_ascii_lowercase();
        let record = rtype
            .strip_prefix("microsoft.network/dnszones/")
            .unwrap_or(&rtype)
            .to_string();
        record_resource(reader, scope, child, &record, Some(&zone));
    }
}

/// A record set resource: top level (`zone` unknown, the name `<zone>/<record>`) or the
/// child of a zone resource whose name is `zone`.
fn record_resource(
    reader: &mut Reader<'_>,
    scope: Scope,
    resource: NodeId,
    rtype: &str,
    zone: Option<&[Part]>,
) {
    let rtype = rtype.to_ascii_uppercase();
    if !TYPES.contains(&rtype.as_str()) {
        return;
    }
    let (Some(name_node), Some(properties)) = (
        get(reader, resource, "name"),
        get(reader, resource, "properties"),
    ) else {
        return;
    };
    let relevant = relevant(&reader.source.text[reader.span(resource).range()]);
    let parts = evaluate(reader, scope, name_node, 0);
    let (zone_parts, record_parts) = match zone {
        Some(zone) => (zone.to_vec(), after_last_slash(&parts).1),
        None => after_last_slash(&parts),
    };
    let record = match known(&record_parts) {
        Ok(record) => record,
        Err(at) => {
            if relevant {
                unevaluated(reader, at, "record name", DEPLOYED);
            }
            return;
        }
    };
    let zone = match known(&zone_parts) {
        Ok(zone) if !zone.is_empty() => Some(absolute(zone.text())),
        Ok(_) => None,
        Err(at) => {
            if relevant {
                unevaluated(reader, at, "zone name", DEPLOYED);
            }
            None
        }
    };
    let span = name_span(reader, name_node, &record);
    let draft = Draft {
        format: Format::Arm,
        name: Name {
            text: owner(record.text(), zone.as_deref(), false),
            span,
        },
        zone,
        rtype,
        ttl: reader.ttl(get(reader, properties, "ttl")),
        span: reader.span(resource),
    };
    let deploy = Deploy {
        relevant,
        when: DEPLOYED,
    };
    record_set(reader, properties, draft, deploy, &mut |reader, node| {
        known(&evaluate(reader, scope, node, 0))
    });
}

/// Where a record's name is shown: its decoded bytes where they are all in the name as
/// written; else (a name folded from a parameter or variable written elsewhere) the
/// literal its first labels come from, where a misspelt `_smtp._tls` would be.
pub(super) fn name_span(reader: &Reader<'_>, node: NodeId, name: &Decoded) -> Span {
    let written = reader.span(node);
    let span = name.source_span(0..name.len());
    if name.is_empty() {
        written
    } else if span.start >= written.start && span.end <= written.end {
        span
    } else {
        name.pieces()
            .next()
            .map_or(written, |(_, source, _)| source)
    }
}

/// The parts before and after the last `/` of a name (`<zone>/<record>`); without a `/`,
/// the whole name is the record's.
fn after_last_slash(parts: &[Part]) -> (Vec<Part>, Vec<Part>) {
    let slash = parts.iter().enumerate().rev().find_map(|(i, p)| match p {
        Part::Known(d) => d.text().rfind('/').map(|at| (i, at as u32)),
        Part::Unknown(_) => None,
    });
    let Some((i, at)) = slash else {
        return (Vec::new(), parts.to_vec());
    };
    let Part::Known(split) = &parts[i] else {
        unreachable!("the slash is in a known part")
    };
    let piece = |range| {
        let mut out = Decoded::default();
        out.append_range(split, range);
        Part::Known(out)
    };
    let mut before = parts[..i].to_vec();
    before.push(piece(0..at));
    let mut after = vec![piece(at + 1..split.len())];
    after.extend_from_slice(&parts[i + 1..]);
    (before, after)
}

/// How a value node becomes a string: ARM expressions, or Pulumi interpolation.
pub(super) type Eval<'e> = dyn FnMut(&Reader<'_>, NodeId) -> Result<Decoded, Span> + 'e;

/// Whether what cannot be evaluated is reported (the resource mentions reporting), and
/// when it is known.
#[derive(Clone, Copy)]
pub(super) struct Deploy {
    pub relevant: bool,
    pub when: &'static str,
}

/// The records of an Azure DNS record set's `properties` (ARM or `azure-native`): TXT
/// records of several strings, the CNAME, the MX exchanges, TLSA.
pub(super) fn record_set(
    reader: &mut Reader<'_>,
    properties: NodeId,
    draft: Draft,
    deploy: Deploy,
    eval: &mut Eval<'_>,
) {
    let mut value = |reader: &mut Reader<'_>, node: NodeId, what: &str| match eval(reader, node) {
        Ok(value) => Some(value),
        Err(at) => {
            if deploy.relevant {
                unevaluated(reader, at, what, deploy.when);
            }
            None
        }
    };
    match draft.rtype.as_str() {
        "TXT" => {
            for record in items(reader, properties, "txtRecords") {
                let Some(strings) = get(reader, record, "value") else {
                    continue;
                };
                let mut values = Vec::new();
                for string in reader.stream.one_or_many(strings) {
                    match value(reader, string, "record value") {
                        Some(string) => values.push(string),
                        None => break,
                    }
                }
                if values.len() != reader.stream.one_or_many(strings).len() {
                    continue;
                }
                let (text, ranges) = joined(values);
                reader.push_txt(draft.clone(), text, Some(ranges), Writing::Format);
            }
        }
        "CNAME" => {
            let cname =
                get(reader, properties, "cnameRecord").and_then(|c| get(reader, c, "cname"));
            if let Some(node) = cname {
                if let Some(target) = value(reader, node, "CNAME target") {
                    let span = target.source_span(0..target.len());
                    reader.push_cname(draft, absolute(target.text().trim()), span);
                }
            }
        }
        "MX" => {
            for mx in items(reader, properties, "mxRecords") {
                let Some(node) = get(reader, mx, "exchange") else {
                    continue;
                };
                if let Some(exchange) = value(reader, node, "MX exchange") {
                    let span = exchange.source_span(0..exchange.len());
                    reader.push_mx(draft.clone(), absolute(exchange.text().trim()), span);
                }
            }
        }
        "TLSA" => reader.push_tlsa(draft),
        _ => {}
    }
}

/// A TXT record's strings as one value (a lone string as it is: it may be 100 MB).
fn joined(mut values: Vec<Decoded>) -> (Decoded, Vec<TxtString>) {
    if values.len() == 1 {
        let value = values.remove(0);
        let range = 0..value.len();
        return (
            value,
            vec![TxtString {
                range,
                quoted: true,
            }],
        );
    }
    let mut text = Decoded::default();
    let mut ranges = Vec::new();
    for value in values {
        let start = text.len();
        text.append_range(&value, 0..value.len());
        ranges.push(TxtString {
            range: start..text.len(),
            quoted: true,
        });
    }
    (text, ranges)
}

/// The string of a node: a literal, or what its expression folds to.
fn evaluate(reader: &Reader<'_>, scope: Scope, node: NodeId, depth: usize) -> Vec<Part> {
    let span = reader.span(node);
    let Some(text) = reader.decoded(node) else {
        return vec![Part::Unknown(span)];
    };
    match arm_expr::written(text.text()) {
        Written::Literal(range) if range.start == 0 => vec![Part::Known(text)],
        Written::Literal(range) => {
            let mut out = Decoded::default();
            out.append_range(&text, range);
            vec![Part::Known(out)]
        }
        Written::Expression(Err(_)) => vec![Part::Unknown(span)],
        Written::Expression(Ok(expr)) => {
            arm_expr::eval(&expr, &text, &mut |function: &str, name: &str| {
                if depth >= MAX_LOOKUPS {
                    return None;
                }
                let node = if function == "parameters" {
                    let parameter = get(reader, scope.parameters?, name)?;
                    get(reader, parameter, "defaultValue")?
                } else {
                    get(reader, scope.variables?, name)?
                };
                reader.stream.scalar(node)?;
                Some(evaluate(reader, scope, node, depth + 1))
            })
        }
    }
}

/// The value at `key` of mapping `id`, the key matched in any case.
fn get(reader: &Reader<'_>, id: NodeId, key: &str) -> Option<NodeId> {
    let stream = &reader.stream;
    stream
        .map(id)?
        .iter()
        .find(|(k, _)| {
            stream
                .scalar(*k)
                .is_some_and(|k| k.eq_ignore_ascii_case(key))
        })
        .map(|&(_, v)| v)
}

/// The items of the list at `key` of mapping `id`.
fn items(reader: &Reader<'_>, id: NodeId, key: &str) -> Vec<NodeId> {
    get(reader, id, key)
        .and_then(|l| reader.stream.seq(l))
        .unwrap_or_default()
        .to_vec()
}

/// A template's or a resource's `resources`.
fn children(reader: &Reader<'_>, id: NodeId) -> Vec<NodeId> {
    items(reader, id, "resources")
}
