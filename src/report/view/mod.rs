//! The report views: what `tlsrpt-lint report` prints. The findings go through `check`'s
//! renderers ([`crate::render`]); the views add the sessions:
//!
//! - [`human`]: per policy domain and day, sessions, success rate, failures by result
//!   type, top sending MTAs and receiving MX hosts, then the findings as snippets;
//! - [`json`]: one versioned document (`"version": 1`, like `check`'s) with the reports,
//!   the per-day summaries and the diagnostics;
//! - [`csv`]: one row per failure detail, for spreadsheets;
//! - [`html`]: a self-contained page with inline SVG charts.

use std::io::{self, Write};

use super::Run;
use crate::render::{self, OutputFormat};

pub mod csv;
pub mod html;
pub mod human;
pub mod json;

/// The `report --format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
    Csv,
    Html,
}

/// Writes `run` in `format`.
pub fn write(
    run: &Run,
    format: Format,
    options: &render::Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    let findings = match format {
        Format::Human => {
            human::write(run, &mut *out)?;
            OutputFormat::Human
        }
        Format::Concise => OutputFormat::Concise,
        Format::Sarif => OutputFormat::Sarif,
        Format::Github => OutputFormat::Github,
        Format::Json => return json::write(run, out),
        Format::Csv => return csv::write(run, out),
        Format::Html => return html::write(run, out),
    };
    render::render(&run.outcome, findings, options, out)
}
