//! [`Settings`]: what a run checks and how, resolved from `tlsrpt-lint.toml` and the
//! command line by [`super::resolve`](super) and read by the pipeline and the walk.

use std::sync::Arc;

use super::{Fixing, PathFilter, ZoneDialects, ZoneOrigins};
use crate::diagnostic::Diagnostic;
use crate::files::Overlay;
use crate::rule::{Rule, Severity};
use crate::rules;

/// What a run checks and how.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The rules that run, with the severity each reports at.
    pub rules: Vec<(&'static Rule, Severity)>,
    /// Worker threads for walking and extracting (0: one per core).
    pub threads: usize,
    /// Skip explicitly named files that the walk would skip too.
    pub force_exclude: bool,
    /// The least severity that fails the run (`None`: never).
    pub fail_on: Option<Severity>,
    /// `include` / `exclude` globs for the walk.
    pub files: PathFilter,
    /// `[zones]`: origins for files whose names do not give them.
    pub zones: ZoneOrigins,
    /// `dialect` and `[dialects]`: the server zone files are written for.
    pub dialects: ZoneDialects,
    /// Domains trusted to receive reports (lowercase, no trailing dot).
    pub authorized_destinations: Vec<String>,
    /// The TTL floor in seconds, when the configuration sets one.
    pub short_ttl: Option<u32>,
    /// Whether `check` applies fixes, unsafe ones too, and lists them.
    pub fixing: Fixing<bool>,
    /// Texts read instead of their files (`check --fix` between passes).
    pub overlay: Option<Arc<Overlay>>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            rules: rules::ALL
                .iter()
                .filter(|r| rules::is_default(r))
                .map(|r| (*r, r.severity))
                .collect(),
            threads: 0,
            force_exclude: false,
            fail_on: Some(Severity::Error),
            files: PathFilter::default(),
            zones: ZoneOrigins::default(),
            dialects: ZoneDialects::default(),
            authorized_destinations: Vec::new(),
            short_ttl: None,
            fixing: Fixing::default(),
            overlay: None,
        }
    }
}

impl Settings {
    /// Only the rules for which `keep` is true.
    pub fn retain_rules(&mut self, keep: impl Fn(&Rule) -> bool) {
        self.rules.retain(|(rule, _)| keep(rule));
    }

    /// Gives `d` the severity its rule has here; false when the rule is not enabled.
    pub(crate) fn apply_severity(&self, d: &mut Diagnostic) -> bool {
        let found = self.rules.iter().find(|(r, _)| *r == d.rule);
        if let Some((_, severity)) = found {
            d.severity = *severity;
        }
        found.is_some()
    }
}
