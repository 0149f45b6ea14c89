//! `tlsrpt-lint records`: the repository's TLS-RPT policies as a table, one row per
//! destination, grouped by zone: where each domain's reports go, whether the destination
//! has authorized them, and the MTA-STS or DANE they report on. `--format json` prints the
//! same data as the `records` array of `check --format json` ([`super::json`]).
//!
//! Plain aligned columns rather than a table crate: five short text columns need nothing
//! more, and the output stays easy to `grep` and `awk`.

use std::io::{self, Write};

use crate::inventory::Policy;
use crate::model::RData;
use crate::Outcome;

const HEADER: [&str; 6] = [
    "ZONE",
    "DOMAIN",
    "DESTINATION",
    "AUTHORIZATION",
    "COMPANION",
    "SOURCE",
];

/// Writes the table; a line saying so when the repository has no policy.
pub fn write_table(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let mut policies: Vec<&Policy> = outcome.policies.iter().collect();
    let key = |p: &Policy| {
        let lower = |s: &str| s.to_ascii_lowercase();
        (p.zone.as_deref().map(lower), lower(&p.domain), p.record)
    };
    policies.sort_by_cached_key(|p| key(p));
    if policies.is_empty() {
        return writeln!(out, "No TLS-RPT policies found.");
    }
    let mut rows: Vec<[String; 6]> = Vec::new();
    for policy in &policies {
        rows.extend(rows_of(outcome, policy));
    }
    let mut widths = HEADER.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let header = HEADER.map(str::to_string);
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (k, (cell, width)) in row.iter().zip(widths).enumerate() {
            if k + 1 == row.len() {
                line.push_str(cell);
            } else {
                let pad = width - cell.chars().count();
                line.push_str(cell);
                line.push_str(&" ".repeat(pad + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    writeln!(
        out,
        "\n{} {} in {} {}.",
        policies.len(),
        if policies.len() == 1 {
            "policy"
        } else {
            "policies"
        },
        zone_count(&policies),
        if zone_count(&policies) == 1 {
            "zone"
        } else {
            "zones"
        },
    )
}

fn zone_count(policies: &[&Policy]) -> usize {
    let mut zones: Vec<_> = policies
        .iter()
        .map(|p| p.zone.as_deref().map(str::to_ascii_lowercase))
        .collect();
    zones.dedup();
    zones.len()
}

/// One row per destination (one for a policy without any, or a CNAME).
fn rows_of(outcome: &Outcome, policy: &Policy) -> Vec<[String; 6]> {
    let record = &outcome.records[policy.record];
    let zone = policy.zone.clone().unwrap_or_else(|| "-".to_string());
    let domain = policy.domain.clone();
    let line = record.source.position(record.span.start).line;
    let source = format!("{}:{line}", record.source.path);
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
