//! `check --fix`: every value rule's fix in every format, the rule fixtures, the faults
//! a write can meet, and `--diff` against `--fix`.
//!
//! `tests/fix/<format>/` holds one record per value rule with a fix, the same decoded
//! values in each format's own syntax (`tests/fix/generate.py` writes them). Each is
//! copied, fixed with unsafe fixes on, and linted again: every fixed finding is gone, no
//! finding appears but those a valid policy gets from the rest of the repository, only the
//! fixed lines changed, and the oracle of the format still reads the file
//! (`named-checkzone`, `octodns-validate`, python-hcl2; each skipped with a notice when
//! absent, unless `CI` is set).

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use proptest::prelude::*;
use tlsrpt_lint::diagnostic::{Diagnostic, Edit};
use tlsrpt_lint::fix::{self, apply, write};
use tlsrpt_lint::{check_paths, Outcome, Settings};

/// The value rules with a fix: each fires once in every file of `tests/fix/`.
const VALUE_FIXES: &[&str] = &[
    "TLSRPT101",
    "TLSRPT102",
    "TLSRPT103",
    "TLSRPT104",
    "TLSRPT106",
    "TLSRPT107",
    "TLSRPT110",
    "TLSRPT112",
    "TLSRPT113",
    "TLSRPT201",
    "TLSRPT202",
    "TLSRPT203",
    "TLSRPT205",
    "TLSRPT206",
    "TLSRPT207",
    "TLSRPT208",
    "TLSRPT403",
    "TLSRPT501",
];

const FORMATS: &[&str] = &[
    "zone",
    "octodns",
    "terraform",
    "dnscontrol",
    "cloudformation",
    "external-dns",
];

/// Findings a policy gets once it is valid, from what the rest of the repository lacks or
/// from settings: a fix may make them appear.
const ADVISORY: &[&str] = &[
    "TLSRPT310",
    "TLSRPT401",
    "TLSRPT402",
    "TLSRPT503",
    "TLSRPT504",
];

fn unsafe_settings() -> Settings {
    let mut settings = Settings::default();
    settings.fixing.unsafe_fixes = true;
    settings
}

fn lint(dir: &Path) -> Outcome {
    check_paths(&[dir.to_path_buf()], &Settings::default()).unwrap()
}

/// Findings per (file, rule).
fn counts(outcome: &Outcome) -> BTreeMap<(String, &'static str), usize> {
    let mut counts = BTreeMap::new();
    for d in &outcome.diagnostics {
        *counts
            .entry((d.location.source.path.clone(), d.rule.code))
            .or_default() += 1;
    }
    counts
}

/// Fixes `dir` in place with unsafe fixes on; panics on any error or refusal.
fn fix_in_place(dir: &Path) -> fix::Run {
    let run = fix::run(&[dir.to_path_buf()], &unsafe_settings()).unwrap();
    assert!(run.errors.is_empty(), "{:?}", run.errors);
    let failed = fix::write_all(&run.files, &write::Disk);
    assert!(failed.is_empty(), "{failed:?}");
    run
}

/// The lines (0-based) of the fix edits of `outcome`'s findings in `path`.
fn fix_lines(outcome: &Outcome, path: &str) -> BTreeSet<u32> {
    let mut lines = BTreeSet::new();
    for d in outcome.diagnostics.iter() {
        let source = &d.location.source;
        if source.path != path {
            continue;
        }
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            let (start, end) = (source.position(e.span.start), source.position(e.span.end));
            lines.extend(start.line - 1..=end.line - 1);
        }
    }
    lines
}

/// Every line outside the fixes' lines is unchanged, in order.
fn assert_only_fixed_lines_changed(before: &Outcome, file: &fix::Fixed) {
    let touched = fix_lines(before, &file.display);
    let diff = similar::TextDiff::from_lines(&file.original, &file.text);
    for op in diff.ops() {
        let old = op.old_range();
        if op.tag() == similar::DiffTag::Equal {
            continue;
        }
        // An insertion stands between two old lines: one of them holds the fix.
        let (lines, fixed) = if old.is_empty() {
            let lines = vec![old.start.saturating_sub(1) as u32, old.start as u32];
            let fixed = lines.iter().any(|l| touched.contains(l));
            (lines, fixed)
        } else {
            let lines: Vec<u32> = old.map(|l| l as u32).collect();
            let fixed = lines.iter().all(|l| touched.contains(l));
            (lines, fixed)
        };
        assert!(
            fixed,
            "{}:{}: changed outside a fix",
            file.display,
            lines[0] + 1
        );
    }
}

#[test]
fn every_value_fix_applies_in_every_format() {
    let scratch = tempfile::tempdir().unwrap();
    let mut per_format = Vec::new();
    for format in FORMATS {
        let dir = scratch.path().join(format);
        support::copy_dir(&support::crate_path(&format!("tests/fix/{format}")), &dir);
        let before = lint(&dir);
        let run = fix_in_place(&dir);
        assert!(run.notes.is_empty(), "{format}: {:?}", run.notes);
        assert_eq!(run.files.len(), 1, "{format}: one file fixed");
        let file = &run.files[0];
        let fixed: BTreeSet<&str> = file.applied.iter().map(|a| a.rule.code).collect();
        let want: BTreeSet<&str> = VALUE_FIXES.iter().copied().collect();
        assert_eq!(fixed, want, "{format}: the rules fixed");
        assert_only_fixed_lines_changed(&before, file);
        assert_eq!(fs::read_to_string(&file.target).unwrap(), file.text);
        let after = lint(&dir);
        let (was, now) = (counts(&before), counts(&after));
        for ((path, code), n) in &now {
            assert!(
                !VALUE_FIXES.contains(code),
                "{format}: {path}: {code} still found after the fix"
            );
            let had = was.get(&(path.clone(), *code)).copied().unwrap_or(0);
            assert!(
                ADVISORY.contains(code) || *n <= had,
                "{format}: {path}: the fix added {code}"
            );
        }
        assert_eq!(
            before.records.len(),
            after.records.len(),
            "{format}: records"
        );
        oracle(format, &dir, &file.target);
        per_format.push(format!("{format}: {}", fixed.len()));
    }
    eprintln!("value rules fixed per format: {}", per_format.join(", "));
}

/// A tool the test needs is missing: a notice, or a failure under CI.
fn missing(tool: &str) {
    support::skip(&format!("the {tool} oracle"), "not installed");
}

/// The format's own reader accepts the fixed file.
fn oracle(format: &str, dir: &Path, file: &Path) {
    match format {
        "zone" => {
            let Ok(out) = Command::new("named-checkzone")
                .args(["example.com"])
                .arg(file)
                .output()
            else {
                missing("named-checkzone");
                return;
            };
            assert!(out.status.success(), "named-checkzone: {out:?}");
        }
        "octodns" => {
            let Some(python) =
                support::oracle_python("the octodns oracle", "octodns.cmds.validate")
            else {
                return;
            };
            let out = Command::new(python)
                .args(["-m", "octodns.cmds.validate", "--config-file=./config.yaml"])
                .current_dir(dir)
                .output()
                .unwrap();
            let log = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "octodns-validate: {log}");
            assert!(!log.contains("Invalid record"), "octodns-validate: {log}");
        }
        "terraform" => {
            let Some(python) = support::oracle_python("the python-hcl2 oracle", "hcl2") else {
                return;
            };
            let out = Command::new(python)
                .args(["-c", "import hcl2, sys; hcl2.load(open(sys.argv[1]))"])
                .arg(file)
                .output()
                .unwrap();
            assert!(out.status.success(), "python-hcl2: {out:?}");
        }
        _ => {}
    }
}

/// The rule fixtures (every zone-file shape, suppressions, names, TTLs, OctoDNS keys, policy
/// files): fixed, the record set never made worse, and `named-checkzone` still reads every
/// zone it read before.
#[test]
fn rule_fixtures_are_fixed_without_harm() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("fixtures");
    support::copy_dir(&support::crate_path("fixtures"), &dir);
    let before = lint(&dir);
    let checkzone = support::on_path("named-checkzone", "-v");
    let zones: Vec<(String, String, bool)> = before
        .records
        .iter()
        .filter(|r| r.format == tlsrpt_lint::model::Format::Zone)
        .filter_map(|r| Some((r.source.path.clone(), r.zone.clone()?)))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|(path, zone)| {
            let ok = checkzone && named_checkzone(&zone, &path);
            (path, zone, ok)
        })
        .collect();
    let run = fix_in_place(&dir);
    assert!(run.applied() >= 60, "only {} fixes applied", run.applied());
    for file in &run.files {
        assert_only_fixed_lines_changed(&before, file);
    }
    let after = lint(&dir);
    let (was, now) = (counts(&before), counts(&after));
    for ((path, code), n) in &now {
        let had = was.get(&(path.clone(), *code)).copied().unwrap_or(0);
        let guarded = [
            "TLSRPT001",
            "TLSRPT002",
            "TLSRPT105",
            "TLSRPT301",
            "TLSRPT309",
        ];
        assert!(
            !guarded.contains(code) || *n <= had,
            "{path}: the fixes added {code}"
        );
    }
    for (path, zone, ok) in zones {
        if ok {
            assert!(
                named_checkzone(&zone, &path),
                "{path}: BIND no longer reads it"
            );
        }
    }
    if !checkzone {
        missing("named-checkzone");
    }
}

/// Fixing twice gives what fixing once gave: for every fixture directory with fixes (each
/// rule's, `ok`, `demo`..., and each format of `tests/fix/`), a second `--fix
/// --unsafe-fixes` run on the files the first wrote finds nothing left to fix. (A run
/// already fixes in passes until none is left; this checks that what it wrote reads back
/// as what it had in memory.)
#[test]
fn fixing_twice_gives_what_fixing_once_gave() {
    let scratch = tempfile::tempdir().unwrap();
    let mut fixed = 0;
    for parent in ["fixtures", "tests/fix"] {
        for entry in fs::read_dir(support::crate_path(parent)).unwrap() {
            let from = entry.unwrap().path();
            if !from.is_dir() {
                continue;
            }
            let dir = scratch.path().join(parent).join(from.file_name().unwrap());
            support::copy_dir(&from, &dir);
            if fix_in_place(&dir).applied() == 0 {
                continue;
            }
            fixed += 1;
            let again = fix::run(std::slice::from_ref(&dir), &unsafe_settings()).unwrap();
            let left: Vec<String> = again
                .files
                .iter()
                .flat_map(|f| {
                    f.applied
                        .iter()
                        .map(move |a| format!("{} {}", f.display, a.rule.code))
                })
                .collect();
            assert!(
                left.is_empty() && again.errors.is_empty(),
                "{parent}/{}: a second run still fixes {left:?} {:?}",
                from.file_name().unwrap().to_string_lossy(),
                again.errors
            );
        }
    }
    assert!(fixed >= 30, "only {fixed} directories with fixes");
    eprintln!("{fixed} fixture directories fixed, and stable when fixed again");
}

fn named_checkzone(zone: &str, path: &str) -> bool {
    let path = Path::new(path);
    Command::new("named-checkzone")
        .arg(zone.trim_end_matches('.'))
        .arg(path.file_name().unwrap())
        .current_dir(path.parent().unwrap())
        .output()
        .is_ok_and(|out| out.status.success())
}

const POLICY: &str = "_smtp._tls IN TXT \"v=TLSRPTv1 ;rua=mailto:a@example.com\"";
const FIXED: &str = "_smtp._tls IN TXT \"v=TLSRPTv1;rua=mailto:a@example.com\"";

/// A directory with one zone file holding `text`.
fn zone_dir(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("example.com.zone");
    fs::write(&path, text).unwrap();
    (dir, path)
}

/// No temporary file is left beside `dir`'s files.
fn assert_no_leftovers(dir: &Path) {
    for entry in fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name();
        assert!(
            !name.to_string_lossy().starts_with(".tlsrpt-lint"),
            "left behind: {name:?}"
        );
    }
}

#[test]
fn crlf_bom_and_a_missing_final_newline_are_kept() {
    let text = format!("\u{feff}$ORIGIN example.com.\r\n{POLICY}\r\n; end");
    let (dir, path) = zone_dir(&text);
    fix_in_place(dir.path());
    let want = format!("\u{feff}$ORIGIN example.com.\r\n{FIXED}\r\n; end");
    assert_eq!(fs::read_to_string(&path).unwrap(), want);
}

#[test]
fn permissions_are_kept_and_symlinks_written_through() {
    let (dir, path) = zone_dir(&format!("$ORIGIN example.com.\n{POLICY}\n"));
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.zone");
    std::os::unix::fs::symlink(&path, &link).unwrap();
    let run = fix::run(std::slice::from_ref(&link), &Settings::default()).unwrap();
    assert_eq!(
        fix::write_all(&run.files, &write::Disk),
        Vec::<String>::new()
    );
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!("$ORIGIN example.com.\n{FIXED}\n")
    );
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert_no_leftovers(dir.path());
}

#[test]
fn a_link_out_of_the_linted_directory_is_not_written() {
    let outside = tempfile::tempdir().unwrap();
    let (_kept, target) = zone_dir(&format!("$ORIGIN example.com.\n{POLICY}\n"));
    let link = outside.path().join("example.com.zone");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    // Named on the command line: the walk does not follow links of its own accord.
    let run = fix::run(&[link], &Settings::default()).unwrap();
    assert!(run.files.is_empty());
    assert!(
        run.errors[0].contains("outside the linted paths"),
        "{:?}",
        run.errors
    );
}

#[test]
fn a_read_only_file_is_reported_and_the_others_fixed() {
    let (dir, path) = zone_dir(&format!("$ORIGIN example.com.\n{POLICY}\n"));
    let other = dir.path().join("example.org.zone");
    fs::write(&other, format!("$ORIGIN example.org.\n{POLICY}\n")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let run = fix::run(&[dir.path().to_path_buf()], &Settings::default()).unwrap();
    let failed = fix::write_all(&run.files, &write::Disk);
    assert_eq!(failed.len(), 1);
    assert!(failed[0].contains("read-only"), "{failed:?}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!("$ORIGIN example.com.\n{POLICY}\n")
    );
    assert_eq!(
        fs::read_to_string(&other).unwrap(),
        format!("$ORIGIN example.org.\n{FIXED}\n")
    );
}

/// Changes the file at the last moment, or fails the write as a full disk does.
struct Fault {
    change: bool,
}

impl write::Seam for Fault {
    fn write(&self, file: &mut fs::File, bytes: &[u8]) -> std::io::Result<()> {
        if self.change {
            use std::io::Write;
            return file.write_all(bytes);
        }
        use std::io::Write;
        file.write_all(&bytes[..bytes.len() / 2])?;
        Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "no space left on device",
        ))
    }

    fn before_rename(&self, target: &Path) {
        if self.change {
            fs::write(target, "; someone else's edit\n").unwrap();
        }
    }
}

#[test]
fn a_file_changed_since_it_was_read_is_not_written() {
    let (dir, path) = zone_dir(&format!("$ORIGIN example.com.\n{POLICY}\n"));
    let run = fix::run(&[dir.path().to_path_buf()], &Settings::default()).unwrap();
    let failed = fix::write_all(&run.files, &Fault { change: true });
    assert!(
        failed[0].contains("changed since it was read"),
        "{failed:?}"
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "; someone else's edit\n"
    );
    assert_no_leftovers(dir.path());
}

#[test]
fn a_failed_write_leaves_the_file_as_it_was() {
    let text = format!("$ORIGIN example.com.\n{POLICY}\n");
    let (dir, path) = zone_dir(&text);
    let run = fix::run(&[dir.path().to_path_buf()], &Settings::default()).unwrap();
    let failed = fix::write_all(&run.files, &Fault { change: false });
    assert!(failed[0].contains("no space left"), "{failed:?}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_no_leftovers(dir.path());
}

#[test]
fn an_include_reached_twice_is_fixed_once() {
    let dir = tempfile::tempdir().unwrap();
    let include = format!("{POLICY}\n");
    fs::write(dir.path().join("reporting.inc"), &include).unwrap();
    for zone in ["example.com", "example.net"] {
        let text = format!("$ORIGIN {zone}.\n$INCLUDE reporting.inc\n");
        fs::write(dir.path().join(format!("{zone}.zone")), text).unwrap();
    }
    let run = fix_in_place(dir.path());
    assert_eq!(run.files.len(), 1);
    assert_eq!(run.files[0].applied.len(), 1);
    let fixed = fs::read_to_string(dir.path().join("reporting.inc")).unwrap();
    assert_eq!(fixed, format!("{FIXED}\n"));
}

#[test]
fn a_fix_that_would_add_a_second_policy_is_refused() {
    // Writing `TLSRPTv1` over `TLSRPTv2` would give `_smtp._tls.b` two policies.
    let text = "$ORIGIN example.com.\n\
        _smtp._tls IN TXT \"v=TLSRPTv1; rua=mailto:a@example.com\"\n\
        _smtp._tls.b IN TXT \"v=TLSRPTv2; rua=mailto:a@example.com\"\n\
        _smtp._tls.b IN TXT \"v=TLSRPTv1; rua=mailto:b@example.com\"\n";
    let (dir, path) = zone_dir(text);
    let run = fix::run(&[dir.path().to_path_buf()], &unsafe_settings()).unwrap();
    assert!(run.files.is_empty(), "{:?}", run.files);
    assert!(run.notes[0].contains("TLSRPT301"), "{:?}", run.notes);
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn the_diff_applies_with_git_and_gives_what_fix_writes() {
    let scratch = tempfile::tempdir().unwrap();
    for copy in ["by-diff", "by-fix"] {
        support::copy_dir(&support::crate_path("fixtures"), &scratch.path().join(copy));
    }
    let diff_dir = scratch.path().join("by-diff");
    let out = support::run(
        &diff_dir,
        &["check", "--no-config", "--unsafe-fixes", "--diff", "."],
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let unchanged = Command::new("diff")
        .args(["-r", "fixtures"])
        .arg(&diff_dir)
        .current_dir(support::crate_path(""))
        .status()
        .unwrap();
    assert!(unchanged.success(), "--diff changed files");
    let patch = scratch.path().join("fix.patch");
    fs::write(&patch, &out.stdout).unwrap();
    let applied = Command::new("git")
        .args(["apply", "--unsafe-paths"])
        .arg(&patch)
        .current_dir(&diff_dir)
        .output()
        .unwrap();
    assert!(applied.status.success(), "git apply: {applied:?}");
    let status = support::command(
        &scratch.path().join("by-fix"),
        &["check", "--no-config", "--unsafe-fixes", "--fix", "."],
    )
    .status()
    .unwrap();
    assert_eq!(status.code(), Some(1));
    let same = Command::new("diff")
        .args(["-r", "by-diff", "by-fix"])
        .current_dir(scratch.path())
        .output()
        .unwrap();
    assert!(
        same.status.success(),
        "{}",
        String::from_utf8_lossy(&same.stdout)
    );
}

#[test]
fn the_config_file_turns_fixing_on_and_the_command_line_off() {
    let (dir, path) = zone_dir(&format!("$ORIGIN example.com.\n{POLICY}\n"));
    fs::write(
        dir.path().join("tlsrpt-lint.toml"),
        "fix = true\nshow-fixes = true\n",
    )
    .unwrap();
    let off = support::run(dir.path(), &["check", "--no-fix", "."]);
    assert_eq!(off.status.code(), Some(0), "{off:?}");
    assert!(fs::read_to_string(&path).unwrap().contains(POLICY));
    let on = support::run(dir.path(), &["check", "."]);
    let stderr = String::from_utf8_lossy(&on.stderr);
    assert!(
        stderr.contains("1 × TLSRPT104 (whitespace-before-delimiter)"),
        "{stderr}"
    );
    assert!(fs::read_to_string(&path).unwrap().contains(FIXED));
}

#[test]
fn a_read_only_file_makes_the_exit_code_2() {
    let (dir, path) = zone_dir(&format!("$ORIGIN example.com.\n{POLICY}\n"));
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let out = support::run(dir.path(), &["check", "--no-config", "--fix", "."]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("read-only"));
}

/// The first lint of a format's file, its fixes, and the file's text.
fn fixes_of(format: &str) -> (Vec<Diagnostic>, String) {
    let outcome = lint(&support::crate_path(&format!("tests/fix/{format}")));
    let text = outcome
        .diagnostics
        .iter()
        .find(|d| d.fix.is_some())
        .map(|d| d.location.source.text.clone())
        .unwrap();
    let fixable = outcome
        .diagnostics
        .into_iter()
        .filter(|d| d.fix.is_some())
        .collect();
    (fixable, text)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any subset of the fixes, applied together: the file still reads with every record,
    /// nothing new about its syntax appears, and each fixed rule has fewer findings.
    #[test]
    fn any_subset_of_fixes_keeps_the_file_whole(
        format in prop::sample::select(FORMATS),
        mask in prop::collection::vec(any::<bool>(), 32),
    ) {
        let (found, text) = fixes_of(format);
        let picked: Vec<&Diagnostic> =
            found.iter().zip(&mask).filter(|(_, &m)| m).map(|(d, _)| d).collect();
        let all: Vec<&[Edit]> = picked.iter().map(|d| d.fix.as_ref().unwrap().edits.as_slice()).collect();
        let chosen = apply::select(&all, text.len(), usize::MAX);
        let edits: Vec<&Edit> = chosen.iter().flat_map(|&i| all[i]).collect();
        let fixed = apply::apply(&text, &edits).unwrap();
        let scratch = tempfile::tempdir().unwrap();
        let dir = scratch.path().join(format);
        support::copy_dir(&support::crate_path(&format!("tests/fix/{format}")), &dir);
        let path = Path::new(&found[0].location.source.path);
        let relative = path.strip_prefix(support::crate_path(&format!("tests/fix/{format}")))
            .or_else(|_| path.strip_prefix(format!("tests/fix/{format}")))
            .unwrap();
        fs::write(dir.join(relative), &fixed).unwrap();
        let before = lint(&support::crate_path(&format!("tests/fix/{format}")));
        let after = lint(&dir);
        prop_assert_eq!(before.records.len(), after.records.len());
        let syntax = |o: &Outcome| o.diagnostics.iter()
            .filter(|d| matches!(d.rule.code, "TLSRPT001" | "TLSRPT002" | "TLSRPT309"))
            .count();
        prop_assert_eq!(syntax(&after), 0);
        let count = |o: &Outcome, code: &str| o.diagnostics.iter().filter(|d| d.rule.code == code).count();
        for &i in &chosen {
            let code = picked[i].rule.code;
            prop_assert!(count(&after, code) < count(&before, code), "{} not fixed", code);
        }
    }
}

/// Every rule whose findings carry a fix says in its docs whether the fix is safe and why.
#[test]
fn every_rule_with_a_fix_documents_its_safety() {
    let mut with_fix = BTreeSet::new();
    for dir in ["fixtures", "tests/fix"] {
        for d in lint(&support::crate_path(dir)).diagnostics {
            if d.fix.is_some() {
                with_fix.insert((d.rule.code, d.rule.name, d.rule.docs));
            }
        }
    }
    assert!(
        with_fix.len() >= 24,
        "only {} rules with fixes",
        with_fix.len()
    );
    for (code, name, docs) in with_fix {
        assert!(
            docs.contains("## Fix safety"),
            "{code} {name}: its docs need a `## Fix safety` section"
        );
    }
}
