//! Pulumi YAML programs (`Pulumi.yaml` with `runtime: yaml`): the DNS record resources of
//! `resources:`.
//!
//! Pulumi's AWS, Cloudflare, Google Cloud and DigitalOcean providers are bridged from the
//! Terraform providers: `aws:route53:Record` is `aws_route53_record`, with the same
//! attributes in camelCase and the same API behind it. [`BRIDGED`] names the Terraform type
//! of each, and the Terraform provider table ([`crate::extract::terraform`]) says where the
//! name, type, values and zone are and how the provider quotes TXT values, so Route 53's
//! own quotes around a value are TLSRPT603 here as there. `azure-native` record sets are the
//! Azure DNS API itself, read as ARM templates read it ([`super::arm::record_set`]).
//!
//! `${name}` in a string is folded from `variables:` (themselves folded) and from the
//! default of `config:` (or `configuration:`) entries; `$${` is a literal `${`. A resource
//! property (`${zone.id}`), a value the stack's configuration gives without a default, or
//! an `fn::` invocation is TLSRPT002 at its span where the resource mentions a reporting
//! name or value. A record name whose unknown part follows a whole label
//! (`_smtp._tls.${domain}`) is read under its known labels, so its value is checked.

use super::arm::{name_span, record_set, Deploy};
use super::cloudformation::{relevant, unevaluated};
use std::collections::HashMap;

use super::document::{NodeId, Stream};
use super::{absolute, Draft, Reader};
use crate::extract::terraform::{
    owner, provider_kind, provider_txt, ProviderKind, ProviderValues, PROVIDER_ZONES,
};
use crate::model::{Format, Name};
use crate::rules::provider_txt_quoting::PROVIDER_TXT_QUOTING;
use crate::text::{Decoded, Span};

/// When a Pulumi value is known.
const STACK: &str = "the Pulumi stack is deployed";

/// How deep variables may refer to each other before the rest is unknown.
const MAX_DEPTH: usize = 16;

/// Pulumi resource types bridged from a Terraform provider, and the Terraform type.
const BRIDGED: &[(&str, &str)] = &[
    ("aws:route53:Record", "aws_route53_record"),
    ("cloudflare:Record", "cloudflare_record"),
    ("cloudflare:DnsRecord", "cloudflare_dns_record"),
    ("gcp:dns:RecordSet", "google_dns_record_set"),
    ("digitalocean:DnsRecord", "digitalocean_record"),
];

/// Zone resources bridged from a Terraform provider, and the Terraform type: a record's
/// `zoneId: ${zone.id}` takes its zone from the zone resource's literal name.
const BRIDGED_ZONES: &[(&str, &str)] = &[
    ("aws:route53:Zone", "aws_route53_zone"),
    ("cloudflare:Zone", "cloudflare_zone"),
    ("gcp:dns:ManagedZone", "google_dns_managed_zone"),
    ("digitalocean:Domain", "digitalocean_domain"),
];

/// `azure-native` record sets (the `network` module before v2, `dns` since).
const AZURE: &[&str] = &[
    "azure-native:network:RecordSet",
    "azure-native:dns:RecordSet",
];

/// The types [`super::sniff`] looks for.
pub(super) const TYPES: &[&str] = &[
    "aws:route53",
    "cloudflare:",
    "gcp:dns",
    "digitalocean:",
    "azure-native:",
];

pub(super) fn read(reader: &mut Reader<'_>) {
    for document in reader.stream.documents.clone() {
        let stream = &reader.stream;
        let Some(resources) = stream.get(document, "resources") else {
            continue;
        };
        let scope = Scope::new(stream, document, resources);
        let resources = stream.map(resources).unwrap_or_default().to_vec();
        for (_, resource) in resources {
            let stream = &reader.stream;
            let (Some(rtype), Some(properties)) = (
                stream.get_str(resource, "type"),
                stream.get(resource, "properties"),
            ) else {
                continue;
            };
            let rtype = short_token(rtype);
            // Asked only of record resources: the lower-case copy of the resource's text.
            let deploy = || Deploy {
                relevant: relevant(&reader.source.text[reader.span(resource).range()]),
                when: STACK,
            };
            let bridged = BRIDGED.iter().find(|(p, _)| *p == rtype);
            if let Some(kind) = bridged.and_then(|(_, tf)| provider_kind(tf)) {
                let deploy = deploy();
                bridged_record(reader, &scope, resource, properties, kind, deploy);
            } else if AZURE.contains(&rtype.as_str()) {
                let deploy = deploy();
                azure_record(reader, &scope, resource, properties, deploy);
            }
        }
    }
}

/// `pkg:module/name:Type` as `pkg:module:Type`, and `pkg:index/name:Type` as `pkg:Type`.
fn short_token(token: &str) -> String {
    let parts: Vec<&str> = token.split(':').collect();
    match parts.as_slice() {
        [package, module, name] => {
            let module = module.split('/').next().unwrap_or_default();
            if module == "index" || module.is_empty() {
                format!("{package}:{name}")
            } else {
                format!("{package}:{module}:{name}")
            }
        }
        _ => token.to_string(),
    }
}

/// A Terraform attribute name as Pulumi spells it: `zone_id` is `zoneId`.
fn camel(attribute: &str) -> String {
    let mut out = String::with_capacity(attribute.len());
    let mut upper = false;
    for c in attribute.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn bridged_record(
    reader: &mut Reader<'_>,
    scope: &Scope,
    resource: NodeId,
    properties: NodeId,
    kind: &ProviderKind,
    deploy: Deploy,
) {
    let stream = &reader.stream;
    let property = |attribute: &str| stream.get(properties, &camel(attribute));
    let rtype = match kind.type_attr.strip_prefix('=') {
        Some(fixed) => fixed.to_string(),
        None => match property(kind.type_attr).and_then(|t| stream.scalar(t)) {
            Some(rtype) => rtype.to_ascii_uppercase(),
            None => return,
        },
    };
    let values = match kind.values {
        ProviderValues::List(attribute) => property(attribute)
            .and_then(|l| stream.seq(l))
            .unwrap_or_default()
            .to_vec(),
        ProviderValues::Attr(attributes) => attributes
            .iter()
            .find_map(|a| property(a))
            .into_iter()
            .collect(),
        ProviderValues::Blocks(..) | ProviderValues::Records { .. } => Vec::new(),
    };
    let zone_node = property(kind.zone);
    let name_node = property(kind.name);
    let ttl = reader.ttl(property("ttl"));
    let zone = zone_node.and_then(|z| {
        zone_resource(reader, scope, z)
            .or_else(|| kind.zone_literal_is_name.then_some(z))
            .and_then(|z| interpolate(reader, scope, z, 0).ok())
    });
    let Some(draft) = draft(
        reader, scope, resource, name_node, zone, &rtype, deploy, ttl,
    ) else {
        return;
    };
    for node in values {
        let value = match interpolate(reader, scope, node, 0) {
            Ok(value) => value,
            Err(at) => {
                if deploy.relevant {
                    unevaluated(reader, at, "record value", STACK);
                }
                continue;
            }
        };
        match rtype.as_str() {
            "CNAME" => {
                let span = value.source_span(0..value.len());
                reader.push_cname(draft.clone(), absolute(value.text().trim()), span);
            }
            "MX" => reader.push_mx_data(draft.clone(), &value),
            "TLSA" => reader.push_tlsa(draft.clone()),
            _ => {
                let (txt, problem) = provider_txt(kind.quoting, &value);
                if let Some((span, message, help)) = problem {
                    let d = reader
                        .diagnostic(&PROVIDER_TXT_QUOTING, span, message)
                        .with_help(help);
                    reader.emit(d);
                }
                reader.push_txt(draft.clone(), txt.value, Some(txt.strings), txt.writing);
            }
        }
    }
}

fn azure_record(
    reader: &mut Reader<'_>,
    scope: &Scope,
    resource: NodeId,
    properties: NodeId,
    deploy: Deploy,
) {
    let stream = &reader.stream;
    let Some(rtype) = stream.get_str(properties, "recordType") else {
        return;
    };
    let rtype = rtype.to_ascii_uppercase();
    let name_node = stream.get(properties, "relativeRecordSetName");
    let zone_node = stream.get(properties, "zoneName");
    let ttl = reader.ttl(stream.get(properties, "ttl"));
    let zone = zone_node.and_then(|z| interpolate(reader, scope, z, 0).ok());
    let Some(draft) = draft(
        reader, scope, resource, name_node, zone, &rtype, deploy, ttl,
    ) else {
        return;
    };
    record_set(reader, properties, draft, deploy, &mut |reader, node| {
        interpolate(reader, scope, node, 0)
    });
}

/// A record's draft, once its name is known (TLSRPT002 where it is not).
#[allow(clippy::too_many_arguments)]
fn draft(
    reader: &mut Reader<'_>,
    scope: &Scope,
    resource: NodeId,
    name_node: Option<NodeId>,
    zone: Option<Decoded>,
    rtype: &str,
    deploy: Deploy,
    ttl: Option<(u32, Span)>,
) -> Option<Draft> {
    if !matches!(rtype, "TXT" | "SPF" | "CNAME" | "MX" | "TLSA") {
        return None;
    }
    let name_node = name_node?;
    let (name, unknown) = partial(reader, scope, name_node, 0);
    let name = match unknown {
        None => name,
        Some(at) => {
            if deploy.relevant {
                unevaluated(reader, at, "record name", STACK);
            }
            // The labels before the unknown part, when it starts a label.
            let known = name.text().strip_suffix('.')?;
            let mut labels = Decoded::default();
            labels.append_range(&name, 0..known.len() as u32);
            labels
        }
    };
    let zone = zone.filter(|z| !z.is_empty()).map(|z| absolute(z.text()));
    let span = name_span(reader, name_node, &name);
    Some(Draft {
        format: Format::Pulumi,
        name: Name {
            text: owner(name.text(), zone.as_deref(), false),
            span,
        },
        zone,
        rtype: rtype.to_string(),
        ttl,
        span: reader.span(resource),
    })
}

/// The name node of the zone resource a zone attribute refers to (`${zone.id}`), when it
/// is a zone resource of the program.
fn zone_resource(reader: &Reader<'_>, scope: &Scope, node: NodeId) -> Option<NodeId> {
    let stream = &reader.stream;
    let reference = stream.scalar(node)?.strip_prefix("${")?.strip_suffix('}')?;
    let (name, _) = reference.split_once('.')?;
    let resource = *scope.resources.get(name.trim())?;
    let rtype = short_token(stream.get_str(resource, "type")?);
    let (_, tf) = BRIDGED_ZONES.iter().find(|(p, _)| *p == rtype)?;
    let (_, attribute) = PROVIDER_ZONES.iter().find(|(t, _)| t == tf)?;
    stream.get(stream.get(resource, "properties")?, &camel(attribute))
}

/// The program's resources, and what `${name}` stands for: a variable, or a configuration
/// entry's default (under its key and its key without the `project:` namespace). Built once
/// per program, so each look-up costs the same in a program of a million resources.
struct Scope {
    resources: HashMap<String, NodeId>,
    names: HashMap<String, NodeId>,
}

impl Scope {
    fn new(stream: &Stream, document: NodeId, resources: NodeId) -> Scope {
        let entries = |id: Option<NodeId>| {
            id.and_then(|id| stream.map(id))
                .unwrap_or_default()
                .iter()
                .filter_map(|&(k, v)| Some((stream.scalar(k)?.to_string(), v)))
                .collect::<Vec<_>>()
        };
        let mut names = HashMap::new();
        for (name, variable) in entries(stream.get(document, "variables")) {
            names.entry(name).or_insert(variable);
        }
        let config = stream
            .get(document, "config")
            .or_else(|| stream.get(document, "configuration"));
        for (key, entry) in entries(config) {
            let value = match stream.map(entry) {
                Some(_) => stream.get(entry, "default"),
                None => Some(entry),
            };
            let Some(value) = value else { continue };
            if let Some((_, name)) = key.rsplit_once(':') {
                names.entry(name.to_string()).or_insert(value);
            }
            names.entry(key).or_insert(value);
        }
        let mut by_name = HashMap::new();
        for (name, resource) in entries(Some(resources)) {
            by_name.entry(name).or_insert(resource);
        }
        Scope {
            resources: by_name,
            names,
        }
    }
}

/// The string a node stands for, or the span of what needs the deployment.
fn interpolate(
    reader: &Reader<'_>,
    scope: &Scope,
    node: NodeId,
    depth: usize,
) -> Result<Decoded, Span> {
    match partial(reader, scope, node, depth) {
        (value, None) => Ok(value),
        (_, Some(at)) => Err(at),
    }
}

/// The string a node stands for, up to the first part that needs the deployment, and that
/// part's span.
fn partial(
    reader: &Reader<'_>,
    scope: &Scope,
    node: NodeId,
    depth: usize,
) -> (Decoded, Option<Span>) {
    // An invocation (`fn::invoke:`) is unknown at its key.
    let key = reader
        .stream
        .map(node)
        .and_then(|m| m.first())
        .map(|&(k, _)| k);
    let span = reader.span(key.unwrap_or(node));
    let Some(value) = reader.decoded(node).filter(|_| depth <= MAX_DEPTH) else {
        return (Decoded::default(), Some(span));
    };
    if !value.text().contains("${") {
        return (value, None);
    }
    let text = value.text();
    let mut out = Decoded::default();
    let mut last = 0;
    while let Some(open) = text[last..].find("${").map(|i| i + last) {
        if open > last && text.as_bytes()[open - 1] == b'$' {
            // `$${` is the text `${`.
            out.append_range(&value, last as u32..open as u32 - 1);
            out.push_escape("${", value.source_span(open as u32 - 1..open as u32 + 2));
            last = open + 2;
            continue;
        }
        out.append_range(&value, last as u32..open as u32);
        let Some(close) = text[open..].find('}').map(|i| i + open) else {
            last = open;
            break;
        };
        let whole = value.source_span(open as u32..close as u32 + 1);
        let Some(&found) = scope.names.get(text[open + 2..close].trim()) else {
            return (out, Some(whole));
        };
        let (folded, unknown) = partial(reader, scope, found, depth + 1);
        out.append_range(&folded, 0..folded.len());
        if unknown.is_some() {
            return (out, unknown);
        }
        last = close + 1;
    }
    out.append_range(&value, last as u32..value.len());
    (out, None)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::extract::NoIncludes;
    use crate::model::RData;
    use crate::text::Source;

    /// Each record as `name zone value`, and the diagnostics' codes.
    fn read(text: &str) -> (Vec<String>, Vec<&'static str>) {
        let source = Arc::new(Source::new("Pulumi.yaml", text));
        let out = super::super::extract(&source, &NoIncludes("no files"), None);
        let records = out
            .records
            .iter()
            .map(|r| {
                let value = match &r.data {
                    RData::Txt(t) => t.value.text().to_string(),
                    _ => r.rtype.clone(),
                };
                let zone = r.zone.as_deref().unwrap_or("-");
                format!("{} {zone} {value}", r.name.text)
            })
            .collect();
        let codes = out.diagnostics.iter().map(|d| d.rule.code).collect();
        (records, codes)
    }

    #[test]
    fn zones_come_from_literals_and_zone_resources() {
        let text = "runtime: yaml\nconfig:\n  domain: example.org\nresources:\n\
                    \x20 zone:\n    type: aws:route53/zone:Zone\n    properties:\n      name: example.com\n\
                    \x20 policy:\n    type: aws:route53:Record\n    properties:\n      zoneId: ${zone.zoneId}\n\
                    \x20     name: _smtp._tls\n      type: TXT\n      records: [\"v=TLSRPTv1; rua=mailto:a@example.com\"]\n\
                    \x20 do:\n    type: digitalocean:DnsRecord\n    properties:\n      domain: ${domain}\n\
                    \x20     name: _mta-sts\n      type: TXT\n      value: v=STSv1; id=$${x}\n";
        let (records, codes) = read(text);
        assert_eq!(
            records,
            [
                "_smtp._tls.example.com. example.com. v=TLSRPTv1; rua=mailto:a@example.com",
                "_mta-sts.example.org. example.org. v=STSv1; id=${x}",
            ]
        );
        assert!(codes.is_empty(), "{codes:?}");
    }

    #[test]
    fn a_name_is_read_up_to_its_unknown_labels() {
        let text = "runtime: yaml\nresources:\n  r:\n    type: cloudflare:Record\n    properties:\n\
                    \x20     name: _smtp._tls.${zone.name}\n      type: TXT\n      content: v=TLSRPTv1;\n";
        let (records, codes) = read(text);
        assert_eq!(records, ["_smtp._tls - v=TLSRPTv1;"]);
        assert_eq!(codes, ["TLSRPT002"]);
    }

    #[test]
    fn tokens_and_attributes() {
        assert_eq!(
            short_token("aws:route53/record:Record"),
            "aws:route53:Record"
        );
        assert_eq!(
            short_token("cloudflare:index/record:Record"),
            "cloudflare:Record"
        );
        assert_eq!(short_token("cloudflare:Record"), "cloudflare:Record");
        assert_eq!(camel("zone_id"), "zoneId");
        assert_eq!(camel("managed_zone"), "managedZone");
    }
}
