//! Output formats. Every renderer reads only the [`Outcome`] (diagnostics and records),
//! never the sources' formats. (Being written.)

use std::io::{self, Write};

use crate::Outcome;

/// The `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Human,
    Concise,
    Json,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// ANSI colour in the human format.
    pub color: bool,
}

/// Writes `outcome` in `format`.
pub fn render(
    outcome: &Outcome,
    format: OutputFormat,
    options: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    let _ = (outcome, format, options, out);
    Ok(())
}
