//! The human view's sessions: one block per policy domain and day, before the findings.

use std::io::{self, Write};

use crate::render::plural;
use crate::report::summary::{self, DomainDay};
use crate::report::Run;

/// How many sending MTAs and MX hosts a block lists.
const TOP: usize = 5;

pub fn write(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let days = summary::by_domain_day(&run.reports);
    writeln!(
        out,
        "{} read from {}.",
        plural(run.reports.len(), "report"),
        plural(run.outcome.files_scanned, "file")
    )?;
    for day in &days {
        writeln!(out)?;
        block(day, out)?;
    }
    writeln!(out)
}

fn block(day: &DomainDay, out: &mut dyn Write) -> io::Result<()> {
    let domain = if day.domain.is_empty() {
        "(no policy domain)"
    } else {
        &day.domain
    };
    writeln!(
        out,
        "{domain} {}: {} sessions, {} successful, {} failed, success rate {} ({})",
        day.day,
        day.total(),
        day.successful,
        day.failed,
        summary::percent(day.successful, day.total()),
        plural(day.reports, "report"),
    )?;
    let lists = [
        (
            "failures by result type",
            summary::top(&day.by_result, usize::MAX),
        ),
        ("top sending MTAs", summary::top(&day.by_sender, TOP)),
        ("top receiving MX hosts", summary::top(&day.by_mx, TOP)),
    ];
    for (title, entries) in lists {
        if entries.is_empty() {
            continue;
        }
        let shown: Vec<String> = entries.iter().map(|(k, n)| format!("{k} {n}")).collect();
        writeln!(out, "  {title}: {}", shown.join(", "))?;
    }
    Ok(())
}
