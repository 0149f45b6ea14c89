//! The JSON view: one versioned document. `"version": 1` like `check --format json`; keys
//! may be added in later versions, never removed or renamed. Diagnostics are written
//! exactly as `check` writes them.

use std::io::{self, Write};

use serde_json::{json, Value};

use crate::diagnostic::Severity;
use crate::render;
use crate::report::model::{FailureDetail, Report};
use crate::report::summary::{self, DomainDay};
use crate::report::Run;

pub fn write(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let outcome = &run.outcome;
    let days = summary::by_domain_day(&run.reports);
    let document = json!({
        "version": 1,
        "tool": {"name": env!("CARGO_PKG_NAME"), "version": env!("CARGO_PKG_VERSION")},
        "reports": run.reports.iter().map(report).collect::<Vec<_>>(),
        "days": days.iter().map(day).collect::<Vec<_>>(),
        "diagnostics": outcome.diagnostics.iter().map(render::json_diagnostic).collect::<Vec<_>>(),
        "summary": {
            "files_read": outcome.files_scanned,
            "reports": run.reports.len(),
            "errors": outcome.count(Severity::Error),
            "warnings": outcome.count(Severity::Warning),
            "infos": outcome.count(Severity::Info),
        },
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

fn report(r: &Report) -> Value {
    json!({
        "path": r.path,
        "organization_name": r.organization,
        "report_id": r.report_id,
        "day": r.day,
        "policies": r.policies.iter().map(|p| json!({
            "policy_type": p.policy_type,
            "policy_domain": p.domain,
            "policy_string": p.policy_strings,
            "mx_host": p.mx_hosts,
            "successful_session_count": p.successful,
            "failed_session_count": p.failed,
            "failure_details": p.details.iter().map(detail).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

fn detail(d: &FailureDetail) -> Value {
    json!({
        "result_type": d.result_type,
        "sending_mta_ip": d.sending_mta_ip,
        "receiving_mx_hostname": d.receiving_mx_hostname,
        "receiving_mx_helo": d.receiving_mx_helo,
        "receiving_ip": d.receiving_ip,
        "failed_session_count": d.failed_sessions,
        "additional_information": d.additional_information,
        "failure_reason_code": d.failure_reason_code,
    })
}

fn day(d: &DomainDay) -> Value {
    json!({
        "policy_domain": d.domain,
        "day": d.day,
        "reports": d.reports,
        "successful_session_count": d.successful,
        "failed_session_count": d.failed,
        "failures_by_result_type": d.by_result,
        "failures_by_sending_mta_ip": d.by_sender,
        "failures_by_receiving_mx": d.by_mx,
    })
}
