//! YAML and JSON sources: OctoDNS zone files, CloudFormation templates, external-dns
//! `DNSEndpoint` manifests, Ansible tasks, Pulumi YAML programs, Azure Resource Manager
//! templates.
//!
//! The walk sends every `*.yaml`, `*.yml` and `*.json` file here, and a repository has many
//! that are none of these (CI workflows, Helm values, `package.json`). [`sniff`] decides from
//! a few substring searches whether a file may be one of these dialects; only then is it
//! parsed ([`document`]: a node tree with byte spans, [`scalar`]: values as
//! [`Decoded`]s) and handed to its dialect's reader. A file that passes the sniff but does
//! not parse gets TLSRPT001 where the parser stopped (unless it holds `{{`: a Helm or Jinja
//! template, YAML only once rendered); one that fails the sniff costs nothing more and
//! yields nothing.
//!
//! What is kept mirrors the zone reader: TXT records at a policy, authorization or
//! `_mta-sts` name or with a TLS-RPT/MTA-STS value, and CNAMEs at those names and at names
//! with an `_smtp` label or at a `_25._tcp` name; MX and TLSA records (DANE stands in for
//! MTA-STS, `tlsrpt-without-mta-sts`, and may sit behind a `_25._tcp` CNAME). Findings about how the tool writes values (6xx)
//! are made for every TXT record read, kept or not.

use std::sync::{Arc, LazyLock};

use aho_corasick::packed;
use memchr::memmem::Finder;

use super::companions::{fqdn as absolute, mx_exchange};
use super::{Extracted, Loader};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Format, Name, RData, Record, RecordKind, Txt, TxtString, Writing};
use crate::names::{is_dane_owner, is_reporting_value, may_be_misspelt_policy};
use crate::rule::Rule;
use crate::rules::source_syntax_error::SOURCE_SYNTAX_ERROR;
use crate::text::{Decoded, Source, Span};

pub(crate) mod ansible;
mod ansible_loop;
pub(crate) mod ansible_vars;
mod arm;
mod arm_expr;
mod cloudformation;
mod comments;
pub(crate) mod document;
mod external_dns;
mod octodns;
mod octodns_provider;
mod pulumi;
pub(crate) mod scalar;
pub(crate) mod writers;

pub use comments::comments;
use document::{NodeId, Stream};

/// The dialect a file may be, from its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dialect {
    OctoDns,
    CloudFormation,
    ExternalDns,
    Ansible,
    Pulumi,
    Arm,
}

/// Every single literal a dialect's sniff looks for (groups of which any will do are
/// searched for with [`any_of`]).
const SNIFFED: &[&str] = &[
    "deploymentTemplate",
    "runtime",
    "resources",
    "AWS::Route53::RecordSet",
    "DNSEndpoint",
    "externaldns.k8s.io",
    "type",
    "value",
];

/// Whether a text holds a literal, for the dialects' sniffs: each of [`SNIFFED`] with a
/// searcher built once (building one per search cost more than many searches of a small
/// file); any other literal with one built for it.
fn literals_in(text: &str) -> impl Fn(&str) -> bool + '_ {
    static FINDERS: LazyLock<Vec<Finder<'static>>> =
        LazyLock::new(|| SNIFFED.iter().map(Finder::new).collect());
    move |needle: &str| {
        let bytes = text.as_bytes();
        match SNIFFED.iter().position(|s| *s == needle) {
            Some(i) => FINDERS[i].find(bytes).is_some(),
            None => memchr::memmem::find(bytes, needle.as_bytes()).is_some(),
        }
    }
}

/// One search for whether a text holds any of `literals` (SIMD, all at once): a search
/// per literal cost a pass over the text each, and every YAML and JSON file of a
/// repository is sniffed.
pub(crate) fn any_of(literals: &[&str]) -> packed::Searcher {
    packed::Config::new()
        .builder()
        .extend(literals)
        .build()
        .expect("fixed literals build")
}

/// The record types an OctoDNS zone file that may hold a reporting record names.
const OCTODNS_TYPES: &[&str] = &["TXT", "SPF", "CNAME", "MX", "TLSA"];

/// A cheap look at the bytes: CloudFormation names its record types, external-dns its
/// kind, and an OctoDNS zone file has `type` keys with a TXT, SPF, CNAME, MX or TLSA record
/// among them.
fn sniff(text: &str) -> Option<Dialect> {
    static PULUMI: LazyLock<packed::Searcher> = LazyLock::new(|| any_of(pulumi::TYPES));
    static OCTODNS: LazyLock<packed::Searcher> = LazyLock::new(|| any_of(OCTODNS_TYPES));
    let has = literals_in(text);
    if arm::sniff(&has, text) {
        Some(Dialect::Arm)
    } else if has("runtime") && has("resources") && PULUMI.find(text).is_some() {
        Some(Dialect::Pulumi)
    } else if has("AWS::Route53::RecordSet") {
        Some(Dialect::CloudFormation)
    } else if has("DNSEndpoint") && has("externaldns.k8s.io") {
        Some(Dialect::ExternalDns)
    } else if ansible::sniff(text) {
        Some(Dialect::Ansible)
    } else if has("type") && has("value") && OCTODNS.find(text).is_some() {
        Some(Dialect::OctoDns)
    } else {
        None
    }
}

/// The name of the dialect a YAML or JSON file's content shows, for the reason a mention
/// in it was not read.
pub fn dialect_name(text: &str) -> Option<&'static str> {
    Some(match sniff(text)? {
        Dialect::OctoDns => "OctoDNS",
        Dialect::CloudFormation => "CloudFormation",
        Dialect::ExternalDns => "external-dns",
        Dialect::Ansible => "Ansible",
        Dialect::Pulumi => "Pulumi YAML",
        Dialect::Arm => "ARM template",
    })
}

/// Reads a YAML or JSON file as the dialect its content shows; `origin` is the zone the
/// settings name for the file (OctoDNS zone files otherwise take it from their name).
pub fn extract(source: &Arc<Source>, loader: &dyn Loader, origin: Option<&str>) -> Extracted {
    // A file in an Ansible layout is Ansible's, or nothing.
    let dialect = match ansible::in_layout(&source.path) {
        true => ansible::sniff(&source.text).then_some(Dialect::Ansible),
        false => sniff(&source.text),
    };
    let Some(dialect) = dialect else {
        return Extracted::default();
    };
    let mut reader = match document::parse(&source.text) {
        Ok(stream) => Reader {
            source,
            stream,
            out: Extracted::default(),
        },
        // A Helm or Jinja template is YAML only once rendered: not a syntax error (Ansible
        // files are YAML as written).
        Err(_) if dialect != Dialect::Ansible && source.text.contains("{{") => {
            return Extracted::default()
        }
        Err(error) => {
            let location = Location::new(source, error.span);
            let diagnostic = Diagnostic::new(&SOURCE_SYNTAX_ERROR, location, error.message)
                .with_primary_label("the YAML parser stopped here");
            return Extracted {
                records: Vec::new(),
                diagnostics: vec![diagnostic],
            };
        }
    };
    match dialect {
        Dialect::OctoDns => octodns::read(&mut reader, loader, origin),
        Dialect::CloudFormation => cloudformation::read(&mut reader),
        Dialect::ExternalDns => external_dns::read(&mut reader),
        Dialect::Ansible => ansible::read(&mut reader, loader),
        Dialect::Pulumi => pulumi::read(&mut reader),
        Dialect::Arm => arm::read(&mut reader),
    }
    reader.out
}

/// A parsed file being read: its source, its nodes and what was found so far.
struct Reader<'a> {
    source: &'a Arc<Source>,
    stream: Stream,
    out: Extracted,
}

/// A record as a dialect reads it, before [`Reader::push`] fills in the rest.
#[derive(Clone)]
struct Draft {
    format: Format,
    name: Name,
    zone: Option<String>,
    rtype: String,
    ttl: Option<(u32, Span)>,
    span: Span,
}

impl Reader<'_> {
    fn span(&self, id: NodeId) -> Span {
        self.stream.nodes[id].span
    }

    /// A scalar node's value mapped to its source; `None` for collections.
    fn decoded(&self, id: NodeId) -> Option<Decoded> {
        let node = &self.stream.nodes[id];
        match &node.kind {
            document::Kind::Scalar { value, style } => {
                Some(scalar::decode(&self.source.text, node.span, *style, value))
            }
            _ => None,
        }
    }

    /// A TTL scalar (`3600` or `'3600'`) with its span.
    fn ttl(&self, id: Option<NodeId>) -> Option<(u32, Span)> {
        let id = id?;
        let ttl = self.stream.scalar(id)?.trim().parse().ok()?;
        Some((ttl, self.span(id)))
    }

    /// A diagnostic at `span` of this file.
    fn diagnostic(
        &self,
        rule: &'static Rule,
        span: Span,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(rule, Location::new(self.source, span), message)
    }

    fn emit(&mut self, diagnostic: Diagnostic) {
        self.out.diagnostics.push(diagnostic);
    }

    /// Keeps a TXT record whose value is `value` (its strings as `strings`, or one string
    /// over the whole value), when a rule may read it.
    fn push_txt(
        &mut self,
        draft: Draft,
        value: Decoded,
        strings: Option<Vec<TxtString>>,
        writing: Writing,
    ) {
        let kind = RecordKind::of_name(&draft.name.text);
        if kind == RecordKind::Other && !is_reporting_value(value.text().as_bytes()) {
            return;
        }
        let strings = strings.unwrap_or_else(|| {
            vec![TxtString {
                range: 0..value.len(),
                quoted: true,
            }]
        });
        let data = RData::Txt(Txt {
            value,
            strings,
            cut_by_comment: None,
            writing,
        });
        self.push(draft, data);
    }

    /// Keeps a CNAME record at a name a rule may read.
    fn push_cname(&mut self, draft: Draft, target: String, span: Span) {
        let kind = RecordKind::of_name(&draft.name.text);
        let name = &draft.name.text;
        let relevant =
            kind != RecordKind::Other || may_be_misspelt_policy(name) || is_dane_owner(name);
        if !relevant {
            return;
        }
        self.push(draft, RData::Cname { target, span });
    }

    /// Keeps an MX record: the mail host whose DANE may stand in for MTA-STS.
    fn push_mx(&mut self, draft: Draft, exchange: String, span: Span) {
        self.push(draft, RData::Mx { exchange, span });
    }

    /// Keeps an MX record whose data is written `<preference> <exchange>` (or the exchange
    /// alone) in one scalar, the exchange taken as a full name.
    fn push_mx_data(&mut self, draft: Draft, data: &Decoded) {
        if let Some(range) = mx_exchange(data.text()) {
            let span = data.source_span(range.start as u32..range.end as u32);
            self.push_mx(draft, absolute(&data.text()[range]), span);
        }
    }

    /// Keeps a TLSA record (DANE for SMTP at a `_25._tcp.<host>` name, or a set such a
    /// name's CNAME may point at); its data is not read.
    fn push_tlsa(&mut self, draft: Draft) {
        self.push(draft, RData::Other);
    }

    fn push(&mut self, draft: Draft, data: RData) {
        let (ttl, ttl_span) = match draft.ttl {
            Some((ttl, span)) => (Some(ttl), span),
            None => (None, Span::at(draft.span.start)),
        };
        self.out.records.push(Record {
            source: Arc::clone(self.source),
            format: draft.format,
            name: draft.name,
            zone: draft.zone,
            rtype: draft.rtype,
            ttl,
            ttl_span,
            span: draft.span,
            data,
            via: None,
        });
    }
}

/// Parses `text` and decodes every scalar, panicking where a decoded value breaks its
/// invariants (not the parser's value, or a verbatim piece unlike its source): the fuzz
/// targets call it on every input.
pub fn check_layer(text: &str) {
    let Ok(stream) = document::parse(text) else {
        return;
    };
    for node in &stream.nodes {
        let document::Kind::Scalar { value, style } = &node.kind else {
            continue;
        };
        let decoded = scalar::decode(text, node.span, *style, value);
        scalar::assert_maps_back(text, value, &decoded);
    }
}

/// Parses `text` as the value of an ARM template string and folds it, `parameters('zone')`
/// known: panics where a known part does not map into the text (the fuzz target calls it).
pub fn check_arm_expression(text: &str) {
    arm_expr::check(text);
}

#[cfg(test)]
mod tests;
