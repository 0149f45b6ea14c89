//! What each TLS-RPT policy in the repository publishes: its domain, where its reports go,
//! whether each destination has authorized them, and whether the domain has MTA-STS or DANE
//! for the reports to be about.
//!
//! One module answers these questions for the rules that judge the answers
//! (`external-destination`, `missing-authorization`, `mta-sts-without-tlsrpt`,
//! `tlsrpt-without-mta-sts`) and for `tlsrpt-lint records` and the JSON `records`, so the
//! table and the findings cannot disagree. Everything is a lookup in the [`Model`]'s hash
//! map, so the cost stays linear in the records.
//!
//! Authorization records are a convention borrowed from DMARC (RFC 7489 §7.1), not part of
//! RFC 8460, whose §7 chose not to define verification: see the rules' docs.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::{Chain, Model, RData, Record, RecordSet};
use crate::names::{authorization_name, is_tlsrpt_policy, mta_sts_name, policy_domain};
use crate::psl::{organizational_domain, BuildNameHasher};
use crate::record;
use crate::record::dialect::{ParsedValue, TLSRPT};
use crate::text::Source;
use crate::uri;

/// Whether a destination has authorized reports about the policy domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// In the policy domain's own organizational domain: nothing to authorize.
    Internal,
    /// An authorization record for the policy domain is in the repository.
    Authorized,
    /// Listed in `authorized-destinations`.
    Configured,
    /// The destination's zone is in the repository without an authorization record.
    Missing,
    /// Outside the organizational domain, and nothing in the repository says it authorized.
    External,
    /// No host to judge (another scheme, an IP literal), or the policy domain is unknown.
    Unchecked,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Internal => "internal",
            Status::Authorized => "authorized",
            Status::Configured => "configured",
            Status::Missing => "missing",
            Status::External => "external",
            Status::Unchecked => "unchecked",
        }
    }
}

/// One `rua` URI of a policy.
#[derive(Clone, Debug)]
pub struct Destination {
    /// The URI as written (decoded).
    pub uri: String,
    /// Its host, lowercase, without a trailing dot.
    pub host: Option<String>,
    /// Where a finding about it points: the host, else the URI (decoded-value range).
    pub range: Range<u32>,
    pub status: Status,
}

/// What makes the reports worth having: the policy domain's MTA-STS or DANE.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Companion {
    /// A TXT or CNAME at `_mta-sts.<domain>`.
    MtaSts,
    /// A TLSA record at `_25._tcp.<mx>` for an MX host of the domain.
    Dane,
    None,
}

impl Companion {
    pub fn as_str(self) -> &'static str {
        match self {
            Companion::MtaSts => "mta-sts",
            Companion::Dane => "dane",
            Companion::None => "none",
        }
    }
}

/// One record at a policy name, or a policy its CNAME chain leads to.
#[derive(Clone, Debug)]
pub struct TlsrptPolicy {
    /// The set of the policy name (into the model's sets).
    pub set: usize,
    /// Index of the record (into the records the model was built over).
    pub record: usize,
    /// The policy domain, absolute: `example.com.`.
    pub domain: String,
    /// The zone the policy name is defined in, when known.
    pub zone: Option<String>,
    pub destinations: Vec<Destination>,
    pub companion: Companion,
}

/// The domain of a set at a policy name (a `validate` value has one when `--domain` names
/// it).
fn set_domain<'r>(model: &Model<'r>, set: &RecordSet) -> Option<&'r str> {
    let first = model.records_of(set).next()?;
    policy_domain(&first.name.text)
}

/// Whether a TXT record is a TLS-RPT policy by RFC 8460 §3 (begins with `v=TLSRPTv1`).
fn is_policy(record: &Record) -> bool {
    record
        .txt()
        .is_some_and(|t| is_tlsrpt_policy(t.value.text()))
}

/// The policies a policy name's set publishes: its TXT policies, or those at the end of its
/// CNAME chain (indices into the model's records).
fn policy_records(model: &Model<'_>, set: &RecordSet) -> Vec<usize> {
    let target = match set.chain {
        Some(Chain::Ends(end)) => &model.sets[end],
        _ => set,
    };
    target
        .records
        .iter()
        .copied()
        .filter(|&i| is_policy(&model.records[i]))
        .collect()
}

/// Organizational domains by host, computed once per distinct host of a run (a policy may
/// list 100,000 URIs at one host).
#[derive(Default)]
struct Orgs(HashMap<String, Option<String>, BuildNameHasher>);

impl Orgs {
    fn of(&mut self, host: &str) -> Option<&str> {
        if !self.0.contains_key(host) {
            self.0.insert(host.to_string(), organizational_domain(host));
        }
        self.0.get(host).and_then(|o| o.as_deref())
    }
}

/// The `rua` destinations of a policy record for `domain`, each with its status.
fn destinations(
    model: &Model<'_>,
    authorized: &[String],
    orgs: &mut Orgs,
    domain: &str,
    record: &Record,
) -> Vec<Destination> {
    let Some(txt) = record.txt() else {
        return Vec::new();
    };
    let text = txt.value.text();
    let syntax = record::parse(text);
    let value = ParsedValue {
        text,
        syntax: &syntax,
        dialect: &TLSRPT,
    };
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    let org = orgs.of(&domain).map(str::to_string);
    let mut out: Vec<Destination> = Vec::new();
    for u in value.checked_uris() {
        let host_range = uri::host(text, &u);
        let host = host_range.as_ref().map(|r| {
            let host = record::slice(text, r).to_ascii_lowercase();
            host.trim_end_matches('.').to_string()
        });
        // The same host again has the same status: only the first is looked up.
        let known = host
            .as_ref()
            .and_then(|h| out.iter().rev().find(|d| d.host.as_ref() == Some(h)))
            .map(|d| d.status);
        let status = match (&host, known) {
            (_, Some(status)) => status,
            (Some(host), None) => {
                let internal =
                    host == &domain || (org.is_some() && orgs.of(host) == org.as_deref());
                if internal {
                    Status::Internal
                } else {
                    status(model, authorized, &domain, host, &record.source)
                }
            }
            (None, None) => Status::Unchecked,
        };
        out.push(Destination {
            uri: record::slice(text, &u.range).to_string(),
            host,
            range: host_range.unwrap_or(u.range),
            status,
        });
    }
    out
}

/// The status of a host outside the policy domain's organizational domain.
fn status(
    model: &Model<'_>,
    authorized: &[String],
    domain: &str,
    host: &str,
    from: &Source,
) -> Status {
    let name = authorization_name(domain, host);
    let published = model
        .lookup(&name, from)
        .is_some_and(|set| publishes(model, &model.sets[set]));
    let listed = |entry: &String| {
        host == entry
            || host
                .strip_suffix(entry.as_str())
                .is_some_and(|s| s.ends_with('.'))
    };
    if published {
        Status::Authorized
    } else if model.defines_zone_of(&format!("{host}.")) {
        Status::Missing
    } else if authorized.iter().any(listed) {
        Status::Configured
    } else {
        Status::External
    }
}

/// The MTA-STS record or DANE that `domain` (absolute, as written in `from`) has. DANE
/// counts for the MX hosts of the domain found in the repository, or, where the repository
/// holds no MX record for it, for any `_25._tcp` host under the domain.
fn companion(model: &Model<'_>, domain: &str, from: &Source) -> Companion {
    let at = |name: &str| model.lookup(name, from).map(|set| &model.sets[set]);
    if at(&mta_sts_name(domain)).is_some_and(|set| publishes(model, set)) {
        return Companion::MtaSts;
    }
    let exchanges: Vec<&str> = at(domain)
        .map(|set| {
            model
                .records_of(set)
                .filter_map(|r| match &r.data {
                    RData::Mx { exchange, .. } => Some(exchange.as_str()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let dane = if exchanges.is_empty() {
        model.has_dane(domain, from, true)
    } else {
        exchanges.iter().any(|mx| model.has_dane(mx, from, false))
    };
    if dane {
        Companion::Dane
    } else {
        Companion::None
    }
}

/// Whether a set holds a TXT or CNAME record (what a resolver's TXT query would follow).
pub fn publishes(model: &Model<'_>, set: &RecordSet) -> bool {
    model
        .records_of(set)
        .any(|r| matches!(r.data, RData::Txt(_) | RData::Cname { .. }))
}

/// Every policy of the repository, in set order: each TXT policy or CNAME at a policy
/// name, and each policy its CNAME chain leads to. Computed once per run, before the rules,
/// which read it through [`crate::rules::SetCtx::policies`].
pub fn collect(model: &Model<'_>, authorized: &[String]) -> Vec<TlsrptPolicy> {
    let mut orgs = Orgs::default();
    let mut out = Vec::new();
    for (index, set) in model.sets.iter().enumerate() {
        let Some(domain) = set_domain(model, set) else {
            continue;
        };
        let first = &model.records[set.records[0]];
        let companion = companion(model, domain, &first.source);
        let cnames = set
            .records
            .iter()
            .copied()
            .filter(|&i| matches!(model.records[i].data, RData::Cname { .. }));
        for record in cnames.chain(policy_records(model, set)) {
            let found = &model.records[record];
            out.push(TlsrptPolicy {
                set: index,
                record,
                domain: domain.to_string(),
                zone: first.zone.clone(),
                destinations: destinations(model, authorized, &mut orgs, domain, found),
                companion,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Record;

    fn records(files: &[(&str, &str)]) -> Vec<Record> {
        let mut records: Vec<Record> = files
            .iter()
            .flat_map(|(path, text)| crate::extract::zone::read_str(path, text).records)
            .collect();
        records.sort_by(|a, b| (&a.source.path, a.span.start).cmp(&(&b.source.path, b.span.start)));
        records
    }

    /// (domain, [(host, status)], companion) of one policy.
    type Found = (String, Vec<(String, &'static str)>, &'static str);

    fn inventory(files: &[(&str, &str)], authorized: &[&str]) -> Vec<Found> {
        let records = records(files);
        let model = Model::new(&records);
        let authorized: Vec<String> = authorized.iter().map(|s| s.to_string()).collect();
        collect(&model, &authorized)
            .into_iter()
            .map(|p| {
                let destinations = p
                    .destinations
                    .iter()
                    .map(|d| (d.host.clone().unwrap_or_default(), d.status.as_str()))
                    .collect();
                (p.domain, destinations, p.companion.as_str())
            })
            .collect()
    }

    #[test]
    fn destinations_by_organizational_domain_record_and_configuration() {
        let policy = "$ORIGIN mail.example.co.uk.\n_smtp._tls TXT \"v=TLSRPTv1; \
            rua=mailto:a@example.co.uk,mailto:b@other.co.uk,mailto:c@r.example.net,\
            https://x.collector.example/v1,https://nowhere.example/,mailto:d@192.0.2.1\"\n";
        let collector =
            "$ORIGIN example.net.\nmail.example.co.uk._report._tls.r TXT \"v=TLSRPTv1;\"\n";
        let other = "$ORIGIN other.co.uk.\n_mta-sts TXT \"v=STSv1; id=1\"\n";
        let found = inventory(
            &[("a.zone", policy), ("b.zone", collector), ("c.zone", other)],
            &["collector.example"],
        );
        let statuses: Vec<(&str, &str)> =
            found[0].1.iter().map(|(h, s)| (h.as_str(), *s)).collect();
        assert_eq!(
            statuses,
            [
                ("example.co.uk", "internal"),
                ("other.co.uk", "missing"),
                ("r.example.net", "authorized"),
                ("x.collector.example", "configured"),
                ("nowhere.example", "external"),
                ("", "unchecked"),
            ]
        );
    }

    #[test]
    fn companions_mta_sts_dane_by_mx_or_below_and_none() {
        let zone = "$ORIGIN example.com.
_smtp._tls TXT \"v=TLSRPTv1; rua=mailto:a@example.com\"
_mta-sts CNAME sts.example.net.
_smtp._tls.a TXT \"v=TLSRPTv1; rua=mailto:a@example.com\"
a MX 10 mx.example.net.
_smtp._tls.b TXT \"v=TLSRPTv1; rua=mailto:a@example.com\"
_25._tcp.mx.b TLSA 3 1 1 00
_smtp._tls.c TXT \"v=TLSRPTv1; rua=mailto:a@example.com\"
c MX 10 mx.c
_25._tcp.other.c TLSA 3 1 1 00
";
        let host = "$ORIGIN example.net.\n_25._tcp.mx TLSA 3 1 1 00\n";
        let found = inventory(&[("a.zone", zone), ("b.zone", host)], &[]);
        let companions: Vec<(&str, &str)> =
            found.iter().map(|(d, _, c)| (d.as_str(), *c)).collect();
        assert_eq!(
            companions,
            [
                ("example.com.", "mta-sts"),
                ("a.example.com.", "dane"),
                ("b.example.com.", "dane"),
                // The MX host of c has no TLSA; another host's does not count.
                ("c.example.com.", "none"),
            ]
        );
    }
}
