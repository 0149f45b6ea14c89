//! The configuration's path globs: `include` and `exclude` ([`PathFilter`]), `[zones]`
//! ([`ZoneOrigins`]) and `dialect` / `[dialects]` ([`ZoneDialects`]), each a [`Globs`]
//! relative to the config file's directory, asked by the walk and the pipeline for one path
//! at a time.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use toml::Spanned;

use crate::error::Error;
use crate::extract::zone::Dialect;
use crate::files;

/// Globs relative to a base directory.
#[derive(Clone, Debug, Default)]
pub(super) struct Globs {
    pub(super) base: PathBuf,
    /// As written, for `--show-settings`.
    pub(super) patterns: Vec<String>,
    pub(super) set: GlobSet,
}

impl Globs {
    pub(super) fn new(
        base: &Path,
        patterns: Vec<Spanned<String>>,
        fail: &impl Fn(std::ops::Range<usize>, String) -> Error,
    ) -> Result<Globs, Error> {
        let mut builder = GlobSetBuilder::new();
        for pattern in &patterns {
            let text = pattern.get_ref().trim_end_matches('/');
            let text = text.strip_prefix("./").unwrap_or(text);
            let anywhere = if text.contains('/') {
                text.to_string()
            } else {
                format!("**/{text}")
            };
            let glob = GlobBuilder::new(&anywhere)
                .literal_separator(true)
                .build()
                .map_err(|e| {
                    let message = format!("invalid glob `{}`: {}", pattern.get_ref(), e.kind());
                    fail(pattern.span(), message)
                })?;
            builder.add(glob);
        }
        let set = builder
            .build()
            .map_err(|e| fail(0..0, format!("invalid glob: {e}")))?;
        Ok(Globs {
            base: base.to_path_buf(),
            patterns: patterns.into_iter().map(Spanned::into_inner).collect(),
            set,
        })
    }

    /// The first pattern matching `path` or, with `ancestors`, one of its directories
    /// below the base. Paths outside the base match nothing.
    fn first_match(&self, path: &Path, ancestors: bool) -> Option<usize> {
        if self.patterns.is_empty() {
            return None;
        }
        let absolute = files::lexical_absolute(path);
        let relative = absolute.strip_prefix(&self.base).ok()?;
        let mut candidates = relative.ancestors().filter(|p| !p.as_os_str().is_empty());
        if ancestors {
            candidates.find_map(|p| self.set.matches(p).into_iter().min())
        } else {
            candidates
                .next()
                .and_then(|p| self.set.matches(p).into_iter().min())
        }
    }
}

/// `include` and `exclude`: which walked files are linted.
#[derive(Clone, Debug, Default)]
pub struct PathFilter {
    pub(super) include: Globs,
    pub(super) exclude: Globs,
}

impl PathFilter {
    /// `path` matches an `exclude` glob (the walk prunes excluded directories).
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.exclude.first_match(path, false).is_some()
    }

    /// `path` or a directory it is in matches an `exclude` glob.
    pub fn is_excluded_with_parents(&self, path: &Path) -> bool {
        self.exclude.first_match(path, true).is_some()
    }

    /// No `include` globs, or `path` matches one (or is outside the config's directory).
    pub fn is_included(&self, path: &Path) -> bool {
        let globs = &self.include;
        globs.patterns.is_empty()
            || !files::lexical_absolute(path).starts_with(&globs.base)
            || globs.first_match(path, false).is_some()
    }
}

/// `[zones]`: the origin of files their names say nothing (or the wrong thing) about.
#[derive(Clone, Debug, Default)]
pub struct ZoneOrigins {
    pub(super) globs: Globs,
    /// Absolute, with the trailing dot; one per glob.
    pub(super) origins: Vec<String>,
}

impl ZoneOrigins {
    /// The origin the first matching entry (in file order) names for `path`.
    pub fn origin_for(&self, path: &Path) -> Option<&str> {
        let i = self.globs.first_match(path, false)?;
        self.origins.get(i).map(String::as_str)
    }
}

/// `dialect` and `[dialects]`: the server zone files are written for, where their records
/// do not say.
#[derive(Clone, Debug, Default)]
pub struct ZoneDialects {
    /// `dialect`: every zone file's, unless a `[dialects]` entry matches.
    pub(super) default: Option<Dialect>,
    pub(super) globs: Globs,
    /// One per glob.
    pub(super) dialects: Vec<Dialect>,
}

impl ZoneDialects {
    /// The dialect of the first matching `[dialects]` entry (in file order), else `dialect`.
    pub fn dialect_for(&self, path: &Path) -> Option<Dialect> {
        let matched = self.globs.first_match(path, false);
        matched
            .and_then(|i| self.dialects.get(i).copied())
            .or(self.default)
    }
}
