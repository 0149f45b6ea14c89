//! `tlsrpt-lint records`: the repository's TLS-RPT policies as a table, one row per
//! destination, grouped by zone: where each domain's reports go, whether the destination
//! has authorized them, and the MTA-STS or DANE they report on; and a row for each domain
//! with MTA-STS but no policy. `--format json` prints the
//! same data as the `records` array of `check --format json` ([`super::json`]).
//!
//! Plain aligned columns rather than a table crate: five short text columns need nothing
//! more, and the output stays easy to `grep` and `awk`.

use std::collections::HashSet;
use std::io::{self, Write};

use crate::inventory::TlsrptPolicy;
use crate::model::{RData, Record};
use crate::pipeline::Outcome;

/// One line of the table.
type Row = [String; 6];

/// (zone, domain, record), lowercase: the order of groups of rows.
type Key = (Option<String>, String, usize);

const HEADER: [&str; 6] = [
    "ZONE",
    "DOMAIN",
    "DESTINATION",
    "AUTHORIZATION",
    "COMPANION",
    "SOURCE",
];

/// Writes the table: every policy, and every `_mta-sts` record of a domain without one (what
/// `mta-sts-without-tlsrpt` flags), by zone and domain; a line saying so when there is
/// neither.
pub fn write_table(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let lower = |s: &str| s.to_ascii_lowercase();
    let with_policy: HashSet<String> = outcome.policies.iter().map(|p| lower(&p.domain)).collect();
    let mut groups: Vec<(Key, Vec<Row>)> = outcome
        .policies
        .iter()
        .map(|p| {
            let key = (p.zone.as_deref().map(lower), lower(&p.domain), p.record);
            (key, rows_of(outcome, p))
        })
        .collect();
    let policies = groups.len();
    for (i, record) in outcome.records.iter().enumerate() {
        let Some(domain) = sts_domain(record).filter(|d| !with_policy.contains(&lower(d))) else {
            continue;
        };
        let zone = record.zone.clone().unwrap_or_else(|| "-".to_string());
        let row = [
            zone,
            domain.to_string(),
            "(no policy)".to_string(),
            String::new(),
            "mta-sts".to_string(),
            source(record),
        ];
        let key = (record.zone.as_deref().map(lower), lower(domain), i);
        groups.push((key, vec![row]));
    }
    if groups.is_empty() {
        return writeln!(out, "No TLS-RPT policies found.");
    }
    let without = groups.len() - policies;
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    let zones = {
        let mut zones: Vec<_> = groups.iter().map(|g| &g.0 .0).collect();
        zones.dedup();
        zones.len()
    };
    let rows =
        std::iter::once(HEADER.map(str::to_string)).chain(groups.into_iter().flat_map(|g| g.1));
    write_columns(&rows.collect::<Vec<Row>>(), out)?;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    write!(
        out,
        "\n{} in {}",
        plural(policies, "policy", "policies"),
        plural(zones, "zone", "zones")
    )?;
    if without > 0 {
        write!(
            out,
            "; {} MTA-STS and no policy",
            plural(without, "domain has", "domains have")
        )?;
    }
    writeln!(out, ".")
}

/// Rows as columns aligned on the widest cell (in characters), two spaces apart.
pub(super) fn write_columns<R: AsRef<[String]>>(rows: &[R], out: &mut dyn Write) -> io::Result<()> {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        for (i, cell) in row.as_ref().iter().enumerate() {
            let n = cell.chars().count();
            match widths.get_mut(i) {
                Some(w) => *w = (*w).max(n),
                None => widths.push(n),
            }
        }
    }
    for row in rows {
        let mut line = String::new();
        for (cell, width) in row.as_ref().iter().zip(&widths) {
            line.push_str(cell);
            line.push_str(&" ".repeat(width - cell.chars().count() + 2));
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The domain of an `_mta-sts.<domain>` TXT record (not a policy file).
fn sts_domain(record: &Record) -> Option<&str> {
    let rest = crate::names::after_mta_sts_label(&record.name.text)?;
    (record.txt().is_some() && !rest.is_empty()).then_some(rest)
}

/// `path:line` of a record.
fn source(record: &Record) -> String {
    let line = record.source.position(record.span.start).line;
    format!("{}:{line}", record.source.path)
}

/// One row per destination (one for a policy without any, or a CNAME).
fn rows_of(outcome: &Outcome, policy: &TlsrptPolicy) -> Vec<Row> {
    let record = &outcome.records[policy.record];
    let zone = policy.zone.clone().unwrap_or_else(|| "-".to_string());
    let domain = policy.domain.clone();
    let source = source(record);
    let companion = policy.companion.as_str().to_string();
    if let RData::Cname { target, .. } = &record.data {
        return vec![[
            zone,
            domain,
            format!("CNAME {target}"),
            String::new(),
            companion,
            source,
        ]];
    }
    if policy.destinations.is_empty() {
        return vec![[
            zone,
            domain,
            "(none)".to_string(),
            String::new(),
            companion,
            source,
        ]];
    }
    policy
        .destinations
        .iter()
        .map(|d| {
            [
                zone.clone(),
                domain.clone(),
                d.uri.clone(),
                d.status.as_str().to_string(),
                companion.clone(),
                source.clone(),
            ]
        })
        .collect()
}
