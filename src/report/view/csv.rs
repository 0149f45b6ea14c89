//! The CSV view: one row per failure detail (RFC 4180: CRLF rows, a header row, fields
//! quoted when they hold `"`, `,` or a line break).
//!
//! Written by hand: the writer is the quoting rule above and one guard, and the guard is
//! the reason to own it. Report fields are other people's text and CSV files are opened in
//! spreadsheets, so a field that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
//! tab or CR first) is written with a leading `'` (OWASP's advice for CSV injection).

use std::io::{self, Write};

use crate::report::Run;

const HEADER: &[&str] = &[
    "path",
    "organization_name",
    "report_id",
    "day",
    "policy_domain",
    "policy_type",
    "result_type",
    "sending_mta_ip",
    "receiving_mx_hostname",
    "receiving_mx_helo",
    "receiving_ip",
    "failed_session_count",
    "failure_reason_code",
    "additional_information",
];

pub fn write(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    row(out, HEADER.iter().copied())?;
    for report in &run.reports {
        for policy in &report.policies {
            for d in &policy.details {
                let count = d.failed_sessions.to_string();
                let fields = [
                    report.path.as_str(),
                    report.organization.as_deref().unwrap_or_default(),
                    report.report_id.as_deref().unwrap_or_default(),
                    report.day.as_deref().unwrap_or_default(),
                    &policy.domain,
                    &policy.policy_type,
                    &d.result_type,
                    d.sending_mta_ip.as_deref().unwrap_or_default(),
                    d.receiving_mx_hostname.as_deref().unwrap_or_default(),
                    d.receiving_mx_helo.as_deref().unwrap_or_default(),
                    d.receiving_ip.as_deref().unwrap_or_default(),
                    &count,
                    d.failure_reason_code.as_deref().unwrap_or_default(),
                    d.additional_information.as_deref().unwrap_or_default(),
                ];
                row(out, fields.into_iter())?;
            }
        }
    }
    Ok(())
}

fn row<'a>(out: &mut dyn Write, fields: impl Iterator<Item = &'a str>) -> io::Result<()> {
    let cells: Vec<String> = fields.map(cell).collect();
    write!(out, "{}\r\n", cells.join(","))
}

/// One field, guarded and quoted as needed.
fn cell(field: &str) -> String {
    let guarded = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{field}")
    } else {
        field.to_string()
    };
    if guarded.contains(['"', ',', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn quotes_and_guards_cells() {
        assert_eq!(cell("mx1.example.com"), "mx1.example.com");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("line\nbreak"), "\"line\nbreak\"");
    }
}
