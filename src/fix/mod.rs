//! `check --fix` and `check --diff`: applying the fixes the rules computed, in passes, and
//! writing the fixed files back.
//!
//! A run lints, applies every applicable fix that does not meet another in one pass
//! ([`apply`]), keeps the fixed texts in memory (an [`Overlay`] the next lint reads instead
//! of the files) and lints again, until no fix is left or [`MAX_PASSES`] is reached (then
//! the rules whose fixes keep coming back are named as an error). Nothing is written before
//! the last pass, so `--diff` shows exactly what `--fix` writes.
//!
//! Every pass is checked: a fix must leave the record set valid ([`GUARDED`]: no second
//! policy at a name, no lost `rua`, no record lost or cut, nothing the source can no longer
//! read). When a pass makes a file worse, that file's fixes of the pass are taken back and
//! tried again one at a time; a fix that still makes it worse is refused and reported
//! (a note: its finding stays), and the others go on. Fixes only ever edit files the run linted, under the paths it was given:
//! [`write`] puts them back without losing a byte.

pub mod apply;
pub mod write;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Settings;
use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::error::Error;
use crate::files::Overlay;
use crate::pipeline::{check_paths, Outcome};
use crate::rule::Rule;

/// The passes a run makes at most. Fixes that still apply after that many do not converge.
pub const MAX_PASSES: usize = 10;

/// A fix that went into a file.
#[derive(Clone, Debug)]
pub struct Applied {
    pub rule: &'static Rule,
    pub message: String,
    /// The pass it went in.
    pass: usize,
}

/// A file the run changed.
#[derive(Clone, Debug)]
pub struct Fixed {
    /// The path users see.
    pub display: String,
    /// The file written: symbolic links resolved.
    pub target: PathBuf,
    /// The text as first linted.
    pub original: String,
    /// The text with the fixes.
    pub text: String,
    pub applied: Vec<Applied>,
}

/// What a run did.
#[derive(Debug)]
pub struct Run {
    /// The changed files, by path.
    pub files: Vec<Fixed>,
    /// The lint of the fixed texts: what is left.
    pub outcome: Outcome,
    /// Files not fixed, fixes that did not converge: the run failed (exit 2).
    pub errors: Vec<String>,
    /// Fixes refused because they would add a finding: their findings are still reported.
    pub notes: Vec<String>,
}

impl Run {
    /// How many fixes went in.
    pub fn applied(&self) -> usize {
        self.files.iter().map(|f| f.applied.len()).sum()
    }
}

/// What identifies a fix across passes, wherever it now stands: the file, the rule, the
/// fix's message, and each edit's old and new text.
type Key = (String, &'static str, String, Vec<(String, String)>);

fn key(d: &Diagnostic, edits: &[Edit]) -> Key {
    let text = &d.location.source.text;
    let fix = d.fix.as_ref().map_or("", |f| f.message.as_str());
    let edits = edits
        .iter()
        .map(|e| {
            let old = text.get(e.span.range()).unwrap_or("").to_string();
            (old, e.replacement.clone())
        })
        .collect();
    (
        d.location.source.path.clone(),
        d.rule.code,
        fix.to_string(),
        edits,
    )
}

/// Lints `paths`, applies the fixes `settings` allows (unsafe ones with
/// `settings.fixing.unsafe_fixes`) in passes, and returns the fixed texts, unwritten.
pub fn run(paths: &[PathBuf], settings: &Settings) -> Result<Run, Error> {
    let roots: Vec<PathBuf> = paths.iter().map(|p| root_of(p)).collect();
    let mut pass = Pass {
        paths,
        settings,
        number: 0,
        overlay: Overlay::default(),
        files: BTreeMap::new(),
        notes: Vec::new(),
        refused: HashSet::new(),
    };
    let mut outcome = check_paths(paths, settings)?;
    let mut errors = Vec::new();
    for n in 0..=MAX_PASSES {
        pass.number = n;
        let groups = fixable(&outcome, settings.fixing.unsafe_fixes, &pass.refused);
        if groups.is_empty() {
            break;
        }
        if n == MAX_PASSES {
            let rules: BTreeSet<String> = groups
                .values()
                .flatten()
                .map(|d| format!("{} ({})", d.rule.code, d.rule.name))
                .collect();
            let rules: Vec<String> = rules.into_iter().collect();
            errors.push(format!(
                "fixes did not converge after {MAX_PASSES} passes: {}",
                rules.join(", ")
            ));
            break;
        }
        let mut batches = Vec::new();
        for (path, found) in groups {
            let Some(target) = writable(&path, &roots, &mut errors) else {
                pass.refused
                    .extend(found.iter().map(|d| key(d, edits_of(d))));
                continue;
            };
            let all: Vec<&[Edit]> = found.iter().map(|d| edits_of(d)).collect();
            let chosen = apply::select(&all, found[0].location.source.text.len(), usize::MAX);
            let batch = Batch {
                path,
                target,
                linted: &found[0].location.source.text,
                fixes: chosen.into_iter().map(|i| found[i]).collect(),
            };
            match pass.set(&batch, batch.fixes.len()) {
                Ok(()) => batches.push(batch),
                Err(e) => errors.push(e),
            }
        }
        if batches.is_empty() {
            // No fix left can be applied (see `apply::select`).
            break;
        }
        let after = pass.lint()?;
        let worse = worse(&outcome, &after);
        if worse.is_empty() {
            outcome = after;
            continue;
        }
        outcome = pass.one_by_one(batches, &worse)?;
    }
    let files = pass
        .files
        .into_values()
        .filter(|f| f.text != f.original)
        .collect();
    Ok(Run {
        files,
        outcome,
        errors,
        notes: pass.notes,
    })
}

/// The fixes of one file chosen for a pass, and the file they go to.
#[derive(Clone)]
struct Batch<'a> {
    path: String,
    target: PathBuf,
    /// The file as linted, which the fixes were computed on.
    linted: &'a str,
    fixes: Vec<&'a Diagnostic>,
}

/// The state of a run between passes.
struct Pass<'a> {
    paths: &'a [PathBuf],
    settings: &'a Settings,
    /// The pass under way.
    number: usize,
    overlay: Overlay,
    files: BTreeMap<String, Fixed>,
    notes: Vec<String>,
    refused: HashSet<Key>,
}

impl Pass<'_> {
    /// Lints the texts as they now stand.
    fn lint(&self) -> Result<Outcome, Error> {
        let settings = Settings {
            overlay: Some(Arc::new(self.overlay.clone())),
            ..self.settings.clone()
        };
        check_paths(self.paths, &settings)
    }

    /// Makes the file's text the text it had before the pass (the text the batch's fixes
    /// were computed on) with the batch's first `count` fixes.
    fn set(&mut self, batch: &Batch<'_>, count: usize) -> Result<(), String> {
        let fixes = &batch.fixes[..count];
        let linted = batch.linted;
        let edits: Vec<&Edit> = fixes.iter().flat_map(|d| edits_of(d)).collect();
        let text = apply::apply(linted, &edits).map_err(|_| {
            format!(
                "{}: the fixes' edits do not fit the file (a bug)",
                batch.path
            )
        })?;
        let file = self
            .files
            .entry(batch.path.clone())
            .or_insert_with(|| Fixed {
                display: batch.path.clone(),
                target: batch.target.clone(),
                original: linted.to_string(),
                text: linted.to_string(),
                applied: Vec::new(),
            });
        // The fixes of earlier passes, then these.
        file.applied.retain(|a| a.pass != self.number);
        file.applied.extend(fixes.iter().map(|d| Applied {
            rule: d.rule,
            message: d.fix.as_ref().map_or(String::new(), |f| f.message.clone()),
            pass: self.number,
        }));
        file.text = text;
        self.overlay.insert(file.target.clone(), file.text.clone());
        Ok(())
    }

    /// After a pass that made things worse: the batches of the files it made worse (of all
    /// files, when the harm shows elsewhere) are taken back and tried again one fix at a
    /// time; a fix that still makes things worse is refused, the others stay.
    fn one_by_one(&mut self, batches: Vec<Batch<'_>>, harmed: &Worse) -> Result<Outcome, Error> {
        let here = batches.iter().any(|b| harmed.contains_key(&b.path));
        let blamed: Vec<Batch<'_>> = batches
            .into_iter()
            .filter(|b| !here || harmed.contains_key(&b.path))
            .collect();
        for batch in &blamed {
            self.set(batch, 0).map_err(Error::Usage)?;
        }
        let mut outcome = self.lint()?;
        for batch in &blamed {
            let mut kept: Vec<&Diagnostic> = Vec::new();
            for &d in &batch.fixes {
                kept.push(d);
                let trial = Batch {
                    fixes: kept.clone(),
                    ..batch.clone()
                };
                self.set(&trial, kept.len()).map_err(Error::Usage)?;
                let after = self.lint()?;
                let harm = worse(&outcome, &after);
                if harm.is_empty() {
                    outcome = after;
                    continue;
                }
                kept.pop();
                let fix = d.fix.as_ref().map_or("", |f| f.message.as_str());
                let added: BTreeSet<&String> = harm.values().flatten().collect();
                let added: Vec<&str> = added.into_iter().map(String::as_str).collect();
                self.notes.push(format!(
                    "{}: fix \"{fix}\" ({}) not applied: it would add {}",
                    batch.path,
                    d.rule.code,
                    added.join(", ")
                ));
                self.refused.insert(key(d, edits_of(d)));
                let trial = Batch {
                    fixes: kept.clone(),
                    ..batch.clone()
                };
                self.set(&trial, kept.len()).map_err(Error::Usage)?;
            }
        }
        // The texts now stand as `outcome` was linted, less the last refused fix.
        self.lint()
    }
}

/// The edits of a diagnostic's fix.
fn edits_of(d: &Diagnostic) -> &[Edit] {
    d.fix.as_ref().map_or(&[], |f| f.edits.as_slice())
}

/// The findings with a fix to apply, by file, each fix once (a file two parents include
/// reports its findings twice), in output order.
fn fixable<'a>(
    outcome: &'a Outcome,
    unsafe_fixes: bool,
    refused: &HashSet<Key>,
) -> BTreeMap<String, Vec<&'a Diagnostic>> {
    let mut groups: BTreeMap<String, Vec<&Diagnostic>> = BTreeMap::new();
    let mut seen = HashSet::new();
    for d in &outcome.diagnostics {
        let Some(fix) = &d.fix else { continue };
        if fix.edits.is_empty() || (fix.applicability == Applicability::Unsafe && !unsafe_fixes) {
            continue;
        }
        let key = key(d, &fix.edits);
        if refused.contains(&key) || !seen.insert(key) {
            continue;
        }
        groups
            .entry(d.location.source.path.clone())
            .or_default()
            .push(d);
    }
    groups
}

/// Per file, what a pass made worse.
type Worse = HashMap<String, Vec<String>>;

/// The rules whose findings no fix may add: the source no longer reads, the value is cut
/// or misquoted, the record set gets a second policy or a CNAME beside it, the only `rua`
/// is gone. Other findings may appear as a fix lets a record be read further (the next
/// problem of a value; a policy, now valid, judged against the rest of the repository).
const GUARDED: &[&str] = &[
    "TLSRPT001", // source-syntax-error
    "TLSRPT002", // unevaluated-value
    "TLSRPT003", // unreadable-file
    "TLSRPT105", // missing-rua
    "TLSRPT301", // multiple-policy-records
    "TLSRPT303", // cname-with-other-data
    "TLSRPT308", // txt-string-too-long
    "TLSRPT309", // unquoted-txt-value
    "TLSRPT502", // multiple-mta-sts-records
    "TLSRPT601", // octodns-unescaped-semicolon
    "TLSRPT602", // octodns-double-escaped-semicolon
    "TLSRPT603", // provider-txt-quoting
];

/// Per file, the guarded rules with more findings in `after` than in `before`, and
/// "a record" when the file has fewer records.
fn worse(before: &Outcome, after: &Outcome) -> Worse {
    let count = |outcome: &Outcome| {
        let mut counts: HashMap<(String, &'static str), usize> = HashMap::new();
        for d in &outcome.diagnostics {
            if !GUARDED.contains(&d.rule.code) {
                continue;
            }
            // A finding about records in several files (a second policy at a name) counts
            // against each file it names, so the fix that made it is the one refused.
            let mut paths: Vec<&String> = std::iter::once(&d.location.source.path)
                .chain(d.labels.iter().map(|l| &l.location.source.path))
                .collect();
            paths.sort();
            paths.dedup();
            for path in paths {
                *counts.entry((path.clone(), d.rule.code)).or_default() += 1;
            }
        }
        for r in &outcome.records {
            *counts.entry((r.source.path.clone(), "")).or_default() += 1;
        }
        counts
    };
    let (before, after) = (count(before), count(after));
    let mut worse: Worse = HashMap::new();
    for ((path, code), n) in &after {
        if code.is_empty() {
            continue;
        }
        if *n > before.get(&(path.clone(), *code)).copied().unwrap_or(0) {
            worse
                .entry(path.clone())
                .or_default()
                .push(code.to_string());
        }
    }
    for ((path, code), n) in before {
        if code.is_empty() && after.get(&(path.clone(), code)).copied().unwrap_or(0) < n {
            worse
                .entry(path)
                .or_default()
                .push("a lost record".to_string());
        }
    }
    for rules in worse.values_mut() {
        rules.sort();
    }
    worse
}

/// The directory a named path was linted as: itself, or a file's directory (as the
/// loader of `$INCLUDE` sees it), resolved.
fn root_of(path: &Path) -> PathBuf {
    let dir = if path.is_dir() {
        path
    } else {
        path.parent().unwrap_or(Path::new("."))
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

/// The resolved file behind the path users see, when it lies under a linted root; else
/// the reason goes to `errors`.
fn writable(display: &str, roots: &[PathBuf], errors: &mut Vec<String>) -> Option<PathBuf> {
    match std::fs::canonicalize(display) {
        Ok(target) if roots.iter().any(|r| target.starts_with(r)) => Some(target),
        Ok(target) => {
            errors.push(format!(
                "{display}: not fixed: it resolves to `{}`, outside the linted paths",
                target.display()
            ));
            None
        }
        Err(e) => {
            errors.push(format!("{display}: not fixed: {e}"));
            None
        }
    }
}

/// Writes every fixed file; returns the errors of those it could not write, which stay as
/// they were.
pub fn write_all(files: &[Fixed], seam: &dyn write::Seam) -> Vec<String> {
    files
        .iter()
        .filter_map(|f| {
            write::replace(&f.target, f.original.as_bytes(), f.text.as_bytes(), seam)
                .err()
                .map(|e| format!("{}: not fixed: {e}", f.display))
        })
        .collect()
}

/// A unified diff from the original texts to the fixed ones, with `a/` and `b/` prefixes
/// as `git apply` reads them.
pub fn diff(files: &[Fixed]) -> String {
    let mut out = String::new();
    for f in files {
        let diff = similar::TextDiff::from_lines(&f.original, &f.text);
        let a = format!("a/{}", f.display);
        let b = format!("b/{}", f.display);
        out.push_str(&diff.unified_diff().header(&a, &b).to_string());
    }
    out
}

/// `--show-fixes`: the fixes applied, per file and rule, as ruff lists them.
pub fn summary(files: &[Fixed]) -> String {
    let mut out = String::new();
    for f in files {
        out.push_str(&format!("- {}:\n", f.display));
        let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for a in &f.applied {
            *counts.entry((a.rule.code, a.rule.name)).or_default() += 1;
        }
        for ((code, name), n) in counts {
            out.push_str(&format!("    {n} × {code} ({name})\n"));
        }
    }
    out
}
