//! Mail domains: the names of the repository that receive mail, for the posture view
//! (`records --posture`) and `mail-domain-without-tlsrpt`.
//!
//! A mail domain is an owner with MX records that is its zone's apex (or whose zone is not
//! known), or that has a policy name of its own (`_smtp._tls.<owner>`): a subdomain's MX
//! alone does not make it one, since zone files keep MX records only at those names (a large
//! zone has MX records at most of its hosts). A null MX (RFC 7505 §3: one MX, preference 0,
//! exchange `.`) says the domain accepts no mail, so it is none. Each exchange's DANE TLSA
//! records are kept with their data and where they are written, for `report --repo` to
//! compare with received reports.

use crate::model::{Model, RData, Record, RecordSet};
use crate::text::Span;

/// One mail domain, with what the posture reports of its MX records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailDomain {
    /// Absolute, as written (with its final dot).
    pub domain: String,
    pub zone: Option<String>,
    /// The exchanges, in record order.
    pub mx: Vec<String>,
    /// The MX TTL (the least, where the records differ).
    pub mx_ttl: Option<u32>,
    /// How many exchanges have a `_25._tcp` TLSA record in the repository.
    pub dane: usize,
    /// The `_25._tcp` TLSA records of each exchange (in `mx` order).
    pub tlsa: Vec<Vec<Tlsa>>,
    /// Where the first MX record is: its file, span and line.
    pub path: String,
    pub span: Span,
    pub line: u32,
}

/// One TLSA record of an exchange, and where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tlsa {
    /// Its data where the source gives it (`RData::Tlsa`), `None` when it is not known.
    pub data: Option<String>,
    pub path: String,
    pub line: u32,
}

/// Whether the set is a mail domain's MX set: the exchanges, or none.
pub fn exchanges<'m>(model: &Model<'m>, set: &RecordSet) -> Option<Vec<&'m str>> {
    let first = &model.records[set.records[0]];
    let name = &first.name.text;
    if !name.ends_with('.') {
        return None;
    }
    let exchanges: Vec<&str> = model
        .records_of(set)
        .filter_map(|r| match &r.data {
            RData::Mx { exchange, .. } => Some(exchange.as_str()),
            _ => None,
        })
        .collect();
    let null = exchanges.iter().any(|e| e.trim_end_matches('.').is_empty());
    if exchanges.is_empty() || null {
        return None;
    }
    let apex = first
        .zone
        .as_deref()
        .is_none_or(|zone| zone.eq_ignore_ascii_case(name));
    let policy_name = crate::names::policy_name_of(name);
    (apex || model.lookup(&policy_name, &first.source).is_some()).then_some(exchanges)
}

/// A TLSA record: its data, when its reader gave it, and where it is.
fn tlsa(record: &Record) -> Tlsa {
    let data = match &record.data {
        RData::Tlsa { data } => Some(data.clone()),
        _ => None,
    };
    Tlsa {
        data,
        path: record.source.path.clone(),
        line: line(record),
    }
}

/// The line a record starts on.
fn line(record: &Record) -> u32 {
    record.source.position(record.span.start).line
}

/// Every mail domain of the model, in set order.
pub fn domains(model: &Model<'_>) -> Vec<MailDomain> {
    let mut out = Vec::new();
    for set in &model.sets {
        let Some(exchanges) = exchanges(model, set) else {
            continue;
        };
        let first = &model.records[set.records[0]];
        let mx_ttl = model
            .records_of(set)
            .filter(|r| matches!(r.data, RData::Mx { .. }))
            .filter_map(|r| r.ttl)
            .min();
        let tlsa: Vec<Vec<Tlsa>> = exchanges
            .iter()
            .map(|mx| {
                let records = model.dane_records(mx, &first.source);
                records.into_iter().map(tlsa).collect()
            })
            .collect();
        let dane = tlsa.iter().filter(|records| !records.is_empty()).count();
        out.push(MailDomain {
            domain: first.name.text.clone(),
            zone: first.zone.clone(),
            mx: exchanges.iter().map(|e| e.to_string()).collect(),
            mx_ttl,
            dane,
            tlsa,
            path: first.source.path.clone(),
            span: first.span,
            line: line(first),
        });
    }
    out
}
