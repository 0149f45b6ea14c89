//! `tlsrpt-lint records --posture`: the posture rows of [`crate::posture`] as an aligned
//! table with the points lost under it, a versioned JSON document, or Markdown for a
//! pull-request comment or a job summary (the GitHub Action writes it to
//! `$GITHUB_STEP_SUMMARY`).

use std::io::{self, Write};

use serde_json::{json, Value};

use super::records::write_columns;
use crate::inventory::Status;
use crate::posture::{Row, State};

const HEADER: [&str; 8] = [
    "DOMAIN",
    "GRADE",
    "TLS-RPT",
    "DESTINATIONS",
    "MTA-STS",
    "DANE",
    "TTL POLICY/STS/MX",
    "SOURCE",
];

/// The cells of a row, as the table and the Markdown show them.
fn cells(row: &Row) -> [String; 8] {
    let ttl = |t: Option<u32>| t.map_or("-".to_string(), |t| t.to_string());
    [
        row.domain.clone(),
        format!("{} {}", row.grade, row.score),
        row.tlsrpt.as_str().to_string(),
        destinations(row),
        mta_sts(row),
        format!("{}/{}", row.dane, row.mx.len()),
        format!(
            "{}/{}/{}",
            ttl(row.tlsrpt_ttl),
            ttl(row.mta_sts_ttl),
            ttl(row.mx_ttl)
        ),
        row.path.clone(),
    ]
}

/// `2 internal, 1 external`: the destinations by authorization, in a fixed order.
fn destinations(row: &Row) -> String {
    let order = [
        Status::Internal,
        Status::Authorized,
        Status::Configured,
        Status::Missing,
        Status::External,
        Status::Unchecked,
    ];
    let parts: Vec<String> = order
        .iter()
        .filter_map(|status| {
            let n = row.destinations.iter().filter(|(_, s)| s == status).count();
            (n > 0).then(|| format!("{n} {}", status.as_str()))
        })
        .collect();
    if parts.is_empty() {
        "-".to_string()
    } else {
        parts.join(", ")
    }
}

/// The MTA-STS record's state, or the policy file's mode where the record is valid.
fn mta_sts(row: &Row) -> String {
    match (row.mta_sts, &row.mode) {
        (State::Valid, Some(mode)) => mode.clone(),
        (State::Valid, None) => "record only".to_string(),
        (state, _) => state.as_str().to_string(),
    }
}

/// The table, then each domain's points lost.
pub fn write_table(rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(
            out,
            "No mail domains found (no MX records other than a null MX)."
        );
    }
    let lines: Vec<[String; 8]> = std::iter::once(HEADER.map(str::to_string))
        .chain(rows.iter().map(cells))
        .collect();
    write_columns(&lines, out)?;
    for row in rows.iter().filter(|r| !r.losses.is_empty()) {
        writeln!(out, "\n{} ({} {}):", row.domain, row.grade, row.score)?;
        for loss in &row.losses {
            writeln!(
                out,
                "  -{:<3} {} ({})",
                loss.points, loss.problem, loss.reference
            )?;
        }
    }
    writeln!(out, "\n{}", summary(rows))
}

/// `12 mail domains: 2 A, 3 B, ...`.
fn summary(rows: &[Row]) -> String {
    let grades: Vec<String> = ['A', 'B', 'C', 'D', 'F']
        .iter()
        .map(|g| format!("{} {g}", rows.iter().filter(|r| r.grade == *g).count()))
        .collect();
    let noun = if rows.len() == 1 {
        "mail domain"
    } else {
        "mail domains"
    };
    format!("{} {noun}: {}.", rows.len(), grades.join(", "))
}

/// The JSON document: `version` 1, one object per mail domain, the grade counts. Keys may
/// be added in later versions, never removed or changed (as for `check --format json`).
pub fn write_json(rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    let domains: Vec<Value> = rows.iter().map(row_json).collect();
    let grades: serde_json::Map<String, Value> = ['A', 'B', 'C', 'D', 'F']
        .iter()
        .map(|g| {
            (
                g.to_string(),
                json!(rows.iter().filter(|r| r.grade == *g).count()),
            )
        })
        .collect();
    let document = json!({
        "version": 1,
        "tool": {"name": "tlsrpt-lint", "version": env!("CARGO_PKG_VERSION")},
        "mail_domains": domains,
        "summary": {"mail_domains": rows.len(), "grades": grades},
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

fn row_json(row: &Row) -> Value {
    let destinations: Vec<Value> = row
        .destinations
        .iter()
        .map(|(uri, status)| json!({"uri": uri, "authorization": status.as_str()}))
        .collect();
    let losses: Vec<Value> = row
        .losses
        .iter()
        .map(|l| json!({"points": l.points, "problem": l.problem, "reference": l.reference}))
        .collect();
    json!({
        "domain": row.domain,
        "path": row.path,
        "score": row.score,
        "grade": row.grade.to_string(),
        "tlsrpt": {"state": row.tlsrpt.as_str(), "ttl": row.tlsrpt_ttl, "destinations": destinations},
        "mta_sts": {"record": row.mta_sts.as_str(), "ttl": row.mta_sts_ttl, "mode": row.mode},
        "mx": {"hosts": row.mx, "ttl": row.mx_ttl, "dane": row.dane},
        "losses": losses,
    })
}

/// A Markdown section: a heading, the table with the points lost in its last column, and
/// the grade counts.
pub fn write_markdown(rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## TLS posture of the mail domains\n")?;
    if rows.is_empty() {
        return writeln!(
            out,
            "No mail domains found (no MX records other than a null MX)."
        );
    }
    let header = [
        "Domain",
        "Grade",
        "TLS-RPT",
        "Destinations",
        "MTA-STS",
        "DANE",
        "TTL policy/STS/MX",
        "Points lost",
    ];
    writeln!(out, "| {} |", header.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(header.len()))?;
    for row in rows {
        let mut cells = cells(row);
        cells[0] = format!("`{}`", row.domain);
        cells[1] = format!("**{}** {}", row.grade, row.score);
        let lost: Vec<String> = row
            .losses
            .iter()
            .map(|l| format!("−{} {} ({})", l.points, l.problem, l.reference))
            .collect();
        cells[7] = lost.join("<br>");
        let escaped: Vec<String> = cells.iter().map(|c| c.replace('|', "\\|")).collect();
        writeln!(out, "| {} |", escaped.join(" | "))?;
    }
    writeln!(out, "\n{}", summary(rows))?;
    writeln!(out, "\nScoring: `docs/posture.md` of tlsrpt-lint.")
}
