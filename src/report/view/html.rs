//! The HTML view: one self-contained page (`--format html -o report.html`). Per policy
//! domain, a daily chart of successful and failed sessions (inline SVG), the failures by
//! result type, and a table of every failure detail; then the findings. Inline CSS, no
//! script, no external resource: it reads offline and in a mail client.
//!
//! Every report value is escaped ([`escape`]): the page shows other people's text.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use crate::report::summary::{self, DomainDay};
use crate::report::Run;

/// Bar colours, also what the browser test looks for in the rendered chart.
pub const SUCCESS_COLOUR: &str = "#2e7d32";
pub const FAILURE_COLOUR: &str = "#c62828";

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .5em;\
text-align:left}td.n{text-align:right}h2{margin-top:2em}.legend span{display:inline-block;\
width:1em;height:1em;margin:0 .3em 0 1em;vertical-align:middle}";

pub fn write(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let days = summary::by_domain_day(&run.reports);
    let mut by_domain: BTreeMap<&str, Vec<&DomainDay>> = BTreeMap::new();
    for day in &days {
        by_domain.entry(&day.domain).or_default().push(day);
    }
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>TLS-RPT report summary</title><style>{STYLE}</style></head><body>\n\
         <h1>TLS-RPT report summary</h1>\n<p>{} reports read from {} files.</p>\n",
        run.reports.len(),
        run.outcome.files_scanned
    );
    for (domain, days) in &by_domain {
        domain_section(&mut page, domain, days);
    }
    findings(&mut page, run);
    page.push_str("</body></html>\n");
    out.write_all(page.as_bytes())
}

fn domain_section(page: &mut String, domain: &str, days: &[&DomainDay]) {
    let shown = if domain.is_empty() {
        "(no policy domain)"
    } else {
        domain
    };
    let _ = writeln!(page, "<section class=\"domain\"><h2>{}</h2>", escape(shown));
    chart(page, days);
    page.push_str(
        "<table><tr><th>day</th><th>successful</th><th>failed</th><th>success rate</th></tr>\n",
    );
    for day in days {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&day.day),
            day.successful,
            day.failed,
            summary::percent(day.successful, day.total())
        );
    }
    page.push_str("</table>\n<h3>Failures by result type</h3>\n<table><tr><th>result type</th><th>failed sessions</th></tr>\n");
    let mut by_result: BTreeMap<String, u64> = BTreeMap::new();
    for day in days {
        for (kind, n) in &day.by_result {
            *by_result.entry(kind.clone()).or_insert(0) += n;
        }
    }
    for (kind, n) in summary::top(&by_result, usize::MAX) {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td class=\"n\">{n}</td></tr>",
            escape(kind)
        );
    }
    page.push_str("</table></section>\n");
}

/// A bar per day: successful sessions in green under failed ones in red, scaled to the
/// busiest day. A day with any failure shows at least a sliver of red.
fn chart(page: &mut String, days: &[&DomainDay]) {
    const BAR: u64 = 28;
    const STEP: u64 = 40;
    const HEIGHT: u64 = 160;
    let width = (days.len() as u64 * STEP + 20).max(200);
    let busiest = days.iter().map(|d| d.total()).max().unwrap_or(0).max(1);
    let _ = write!(
        page,
        "<p class=\"legend\"><span style=\"background:{SUCCESS_COLOUR}\"></span>successful\
         <span style=\"background:{FAILURE_COLOUR}\"></span>failed</p>\n\
         <svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" \
         height=\"{}\" role=\"img\" aria-label=\"sessions per day\">\n",
        HEIGHT + 30
    );
    for (i, day) in days.iter().enumerate() {
        let x = 10 + i as u64 * STEP;
        let scaled = |n: u64| (n as u128 * HEIGHT as u128 / busiest as u128) as u64;
        let mut failed = scaled(day.failed);
        if day.failed > 0 {
            failed = failed.max(2);
        }
        let successful = scaled(day.successful).min(HEIGHT - failed);
        let top = HEIGHT - failed - successful;
        let label = escape(&day.day);
        let _ = write!(
            page,
            "<rect class=\"failed\" x=\"{x}\" y=\"{top}\" width=\"{BAR}\" height=\"{failed}\" \
             fill=\"{FAILURE_COLOUR}\"><title>{label}: {} failed</title></rect>\n\
             <rect class=\"successful\" x=\"{x}\" y=\"{}\" width=\"{BAR}\" height=\"{successful}\" \
             fill=\"{SUCCESS_COLOUR}\"><title>{label}: {} successful</title></rect>\n\
             <text x=\"{}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\">{}</text>\n",
            day.failed,
            top + failed,
            day.successful,
            x + BAR / 2,
            HEIGHT + 14,
            escape(day.day.get(5..).unwrap_or(&day.day)),
        );
    }
    page.push_str("</svg>\n");
}

/// The failure details and the findings, as tables.
fn findings(page: &mut String, run: &Run) {
    page.push_str(
        "<h2>Failure details</h2>\n<table><tr><th>day</th><th>policy domain</th>\
         <th>result type</th><th>sending MTA</th><th>receiving MX</th><th>receiving IP</th>\
         <th>failed sessions</th><th>reason</th></tr>\n",
    );
    for report in &run.reports {
        for policy in &report.policies {
            for d in &policy.details {
                let cells = [
                    report.day.as_deref().unwrap_or_default(),
                    &policy.domain,
                    &d.result_type,
                    d.sending_mta_ip.as_deref().unwrap_or_default(),
                    d.receiving_mx_hostname.as_deref().unwrap_or_default(),
                    d.receiving_ip.as_deref().unwrap_or_default(),
                ];
                page.push_str("<tr>");
                for cell in cells {
                    let _ = write!(page, "<td>{}</td>", escape(cell));
                }
                let reason = d.failure_reason_code.as_deref().unwrap_or_default();
                let _ = writeln!(
                    page,
                    "<td class=\"n\">{}</td><td>{}</td></tr>",
                    d.failed_sessions,
                    escape(reason)
                );
            }
        }
    }
    page.push_str("</table>\n<h2>Findings</h2>\n<table><tr><th>where</th><th>rule</th><th>severity</th><th>message</th></tr>\n");
    for d in &run.outcome.diagnostics {
        let at = d.location.source.position(d.location.span.start);
        let _ = writeln!(
            page,
            "<tr><td>{}:{}:{}</td><td>{} {}</td><td>{}</td><td>{}</td></tr>",
            escape(&d.location.source.path),
            at.line,
            at.column,
            d.rule.code,
            d.rule.name,
            d.severity.as_str(),
            escape(&d.message)
        );
    }
    page.push_str("</table>\n");
}

/// Text as HTML character data or attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
