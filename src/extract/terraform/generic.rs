//! Resources of providers the table (`providers`) does not list, read by their shape.
//!
//! There are dozens of DNS providers, and a repository may use one the table has never
//! heard of (`acme_dns_entry { host = "_smtp._tls" kind = "TXT" text = "v=TLSRPTv1; ..." }`).
//! A resource, or a block nested in one, whose attributes look like a DNS record (a
//! name-like attribute and a value-like attribute, one of the two mentioning TLS reporting
//! in its source text) is read as one record set. How the provider quotes TXT values is
//! not known: the value is taken as a plain string (the provider splitting long values
//! itself, as most do), so `provider-txt-quoting` and `txt-string-too-long` never fire
//! for it, and every finding about it carries a note that the quoting is unknown. A
//! record type is the type attribute's value; without one, a value that is a TLS-RPT or
//! MTA-STS record is read as TXT. The value is a string, a list of strings, or a list of
//! objects with a value-like field (`records = [{ value = "..." }]`).

use hcl_edit::expr::{Expression, ObjectKey};
use hcl_edit::structure::{Block, Body};

use super::fold::Env;
use super::providers::Values;
use crate::names::{is_reporting_value, mentions_reporting};

/// Attributes that name the record, most specific first.
const NAMES: &[&str] = &[
    "name",
    "host",
    "hostname",
    "subdomain",
    "sub_domain",
    "record_name",
    "owner_name",
    "owner",
    "fqdn",
    "rr",
    "label",
];

/// Attributes that hold the record type.
const TYPES: &[&str] = &[
    "type",
    "record_type",
    "rtype",
    "recordtype",
    "fieldtype",
    "kind",
];

/// Attributes that hold the value or values (a string or a list of strings).
const VALUES: &[&str] = &[
    "value", "values", "content", "data", "text", "txt", "target", "records", "rdata", "rrdatas",
    "answer",
];

/// Attributes that name the zone; only a literal with a dot is read as its name.
pub(super) const ZONES: &[&str] = &["zone", "zone_name", "domain", "domain_name"];

/// How a body that looks like a record set writes it.
pub(super) struct Shape<'b> {
    pub body: &'b Body,
    pub name: &'static str,
    /// The attribute holding the type, or `=TXT` where there is none.
    pub rtype: &'static str,
    pub values: Values,
}

/// The record sets a resource of an unlisted type writes: the resource itself when it
/// looks like one, else each nested block that does.
pub(super) fn shapes<'b>(env: &Env<'_>, file: usize, block: &'b Block) -> Vec<Shape<'b>> {
    if let Some(shape) = shape(env, file, &block.body) {
        return vec![shape];
    }
    block
        .body
        .blocks()
        .filter_map(|nested| shape(env, file, &nested.body))
        .collect()
}

/// The shape of one body, when it is a record's.
fn shape<'b>(env: &Env<'_>, file: usize, body: &'b Body) -> Option<Shape<'b>> {
    let first = |candidates: &[&'static str]| {
        candidates
            .iter()
            .copied()
            .find(|c| body.get_attribute(c).is_some())
    };
    let written = |attr: &str| {
        let span = env.span(file, &body.get_attribute(attr)?.value);
        Some(&env.source(file).text[span.range()])
    };
    let name = first(NAMES)?;
    let value = first(VALUES)?;
    let value_text = written(value).unwrap_or_default();
    let name_text = written(name).unwrap_or_default();
    if !mentions_reporting(name_text) && !mentions_reporting(value_text) {
        return None;
    }
    let rtype = match first(TYPES) {
        Some(rtype) => rtype,
        None if has_reporting_value(value_text) => "=TXT",
        None => return None,
    };
    let values = match object_field(&body.get_attribute(value)?.value) {
        Some(field) => Values::Blocks(value, field),
        None => Values::List(value),
    };
    Some(Shape {
        body,
        name,
        rtype,
        values,
    })
}

/// The value-like field of the objects a list of objects holds (`records = [{ value =
/// "..." }]`): the values are that field of each.
fn object_field(expr: &Expression) -> Option<&'static str> {
    let Expression::Array(items) = expr else {
        return None;
    };
    let Some(Expression::Object(object)) = items.iter().next() else {
        return None;
    };
    object.iter().find_map(|(key, _)| {
        let key = match key {
            ObjectKey::Ident(i) => i.as_str(),
            ObjectKey::Expression(Expression::String(s)) => s.value().as_str(),
            ObjectKey::Expression(_) => return None,
        };
        VALUES.iter().copied().find(|v| *v == key)
    })
}

/// Whether source text holds a TLS-RPT or MTA-STS record value in a string.
fn has_reporting_value(text: &str) -> bool {
    text.match_indices('"')
        .any(|(i, _)| is_reporting_value(&text.as_bytes()[i + 1..]))
}
