//! Output of a run: rendering to standard output and to the `--output-*` files, colour,
//! and the exit code from `--fail-on`. A closed stdout pipe ends output quietly.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use tlsrpt_lint::diagnostic::Severity;
use tlsrpt_lint::render::{self, OutputFormat};
use tlsrpt_lint::Outcome;

use super::args::{Color, FailOn, Format, OutputArgs};

pub fn threshold(fail_on: FailOn) -> Option<Severity> {
    match fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    }
}

/// Prints the outcome and decides the exit code: 1 when a finding is at `threshold` or
/// above.
pub fn report(
    outcome: &Outcome,
    output: &OutputArgs,
    threshold: Option<Severity>,
) -> Result<ExitCode, String> {
    let format = match output.format {
        Format::Human => OutputFormat::Human,
        Format::Concise => OutputFormat::Concise,
        Format::Json => OutputFormat::Json,
        Format::Sarif => OutputFormat::Sarif,
        Format::Github => OutputFormat::Github,
    };
    let options = render::Options {
        color: use_color(output.color),
        sarif_category: output.sarif_category.clone(),
    };
    write_stdout(|out| render::render(outcome, format, &options, out))?;
    write_files(outcome, output, &options)?;
    if matches!(format, OutputFormat::Sarif) || output.output_sarif.is_some() {
        if let Some(notice) = render::sarif_cut_notice(outcome) {
            let _ = writeln!(io::stderr(), "warning: {notice}");
        }
    }
    Ok(exit_code(outcome, threshold))
}

/// 1 when a finding is at `threshold` or above, else 0.
pub fn exit_code(outcome: &Outcome, threshold: Option<Severity>) -> ExitCode {
    let failed = threshold.is_some_and(|t| outcome.diagnostics.iter().any(|d| d.severity >= t));
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Whether `--color` asks for colour on standard output.
pub fn use_color(color: Color) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Writes the `--output-sarif` and `--output-json` files.
pub fn write_files(
    outcome: &Outcome,
    output: &OutputArgs,
    options: &render::Options,
) -> Result<(), String> {
    let files = [
        (&output.output_sarif, OutputFormat::Sarif),
        (&output.output_json, OutputFormat::Json),
    ];
    for (path, format) in files {
        let Some(path) = path else { continue };
        File::create(path)
            .and_then(|file| {
                let mut out = io::BufWriter::new(file);
                render::render(outcome, format, options, &mut out)?;
                out.flush()
            })
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
    }
    Ok(())
}

/// Writes to stdout through a buffer; a closed pipe (the reader has seen enough) is not an
/// error.
pub fn write_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), String> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write to standard output: {e}"))
        }
        _ => Ok(()),
    }
}
