//! Walking and classifying. (Being written: a parallel `ignore` walk.)

use std::path::PathBuf;

use crate::model::Format;
use crate::Error;

/// How to walk.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Skip explicitly named files that the walk would skip too.
    pub force_exclude: bool,
}

/// A file to lint.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub path: PathBuf,
    /// The path users see (see [`crate::files::display_path`]).
    pub display: String,
    pub format: Format,
    /// The path named on the command line that this file was found under.
    pub root: PathBuf,
}

/// What the walk saw.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    pub files_seen: usize,
}

/// Calls `visit` for every file to lint, possibly from several threads at once.
pub fn walk(
    paths: &[PathBuf],
    _options: &Options,
    visit: &(dyn Fn(Candidate) + Sync),
) -> Result<Stats, Error> {
    let _ = (paths, visit);
    Ok(Stats::default())
}
