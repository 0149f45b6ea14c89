//! Rule fixtures: `fixtures/<rule-name>/` holds inputs that must trigger that rule, and
//! `expected.txt` the exact human output (no colour) with only that rule enabled, so a
//! reviewer reads a rule's behaviour in one place. Every record in a rule's directory must
//! trigger that rule, and no other rule unless its file says so in a `; also TLSRPTnnn`
//! comment (a record only labelled by a cross-record diagnostic counts as triggering it).
//! `fixtures/ok/` holds tricky valid inputs that must stay silent with every rule
//! on. `UPDATE_EXPECTED=1 cargo test --test fixtures` rewrites the expected files; review
//! the diff before committing.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use tlsrpt_lint::diagnostic::Location;
use tlsrpt_lint::render::{self, OutputFormat};
use tlsrpt_lint::{check_paths, rules, Outcome, Settings};

fn fixtures() -> PathBuf {
    PathBuf::from("fixtures")
}

fn human(outcome: &Outcome) -> String {
    let mut out = Vec::new();
    render::render(
        outcome,
        OutputFormat::Human,
        &render::Options::default(),
        &mut out,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

fn rule_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .filter(|p| !matches!(file_name(p), "ok" | "demo" | "report" | "never-silent"))
        .collect();
    dirs.sort();
    dirs
}

fn file_name(path: &Path) -> &str {
    path.file_name().unwrap().to_str().unwrap()
}

#[test]
fn every_rule_has_a_fixture_directory_and_every_directory_a_rule() {
    let dirs: Vec<String> = rule_dirs()
        .iter()
        .map(|d| file_name(d).to_string())
        .collect();
    for dir in &dirs {
        assert!(
            rules::find(dir).is_some(),
            "fixtures/{dir}: no rule by that name"
        );
    }
    // The 7xx rules judge received reports: their fixtures are under `fixtures/report/`
    // (tests/report.rs).
    let missing: Vec<&str> = rules::ALL
        .iter()
        .map(|r| r.name)
        .filter(|name| !fixtures().join("report").join(name).is_dir())
        .filter(|name| !dirs.iter().any(|d| d == name))
        .collect();
    assert!(missing.is_empty(), "rules without fixtures: {missing:?}");
}

#[test]
fn rule_fixtures_trigger_their_rule_and_match_expected_output() {
    let mut failures = Vec::new();
    for dir in rule_dirs() {
        let rule = rules::find(file_name(&dir)).unwrap();
        let settings = Settings {
            rules: vec![(rule, rule.severity)],
            ..Settings::default()
        };
        let outcome = check_paths(std::slice::from_ref(&dir), &settings).unwrap();
        assert!(
            outcome.diagnostics.iter().any(|d| d.rule == rule),
            "{}: fixtures do not trigger {}",
            dir.display(),
            rule.code
        );
        let actual = human(&outcome);
        support::compare_expected(&dir.join("expected.txt"), &actual, &mut failures);
    }
    support::assert_no_failures(&failures);
}

/// Rules about what the rest of the repository lacks (an authorization, the MTA-STS or
/// TLS-RPT companion): every other rule's fixture shows its records alone, so these fire
/// there by design and are not counted against it.
const ABOUT_THE_REST: &[&str] = &["TLSRPT401", "TLSRPT503", "TLSRPT504"];

#[test]
fn every_fixture_record_triggers_its_rule_and_no_other() {
    let mut failures = Vec::new();
    for dir in rule_dirs() {
        let rule = rules::find(file_name(&dir)).unwrap();
        // The default rules, and the directory's rule if it is opt-in.
        let mut settings = Settings::default();
        if !rules::is_default(rule) {
            settings.rules.push((rule, rule.severity));
        }
        let outcome = check_paths(std::slice::from_ref(&dir), &settings).unwrap();
        for d in &outcome.diagnostics {
            let text = &d.location.source.text;
            let allowed = d.rule == rule
                || text.contains(&format!("; also {}", d.rule.code))
                || ABOUT_THE_REST.contains(&d.rule.code);
            if !allowed {
                failures.push(format!(
                    "{}: unexpected {} {} `{}`",
                    d.location.source.path, d.rule.code, d.rule.name, d.message
                ));
            }
        }
        if rules::check_of(rule).is_none() {
            continue; // reported by extractors, not about one record
        }
        for record in &outcome.records {
            // A cross-record diagnostic involves the records its labels point at too.
            let inside = |at: &Location| {
                at.source.path == record.source.path
                    && (record.span.start..=record.span.end).contains(&at.span.start)
            };
            let hit = outcome.diagnostics.iter().any(|d| {
                d.rule == rule
                    && (inside(&d.location) || d.labels.iter().any(|l| inside(&l.location)))
            });
            if !hit {
                let line = record.source.position(record.span.start).line;
                failures.push(format!(
                    "{}:{line}: record does not trigger {}",
                    record.source.path, rule.code
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn ok_fixtures_stay_silent_with_every_rule() {
    let outcome = check_paths(&[fixtures().join("ok")], &Settings::default()).unwrap();
    assert!(
        outcome.diagnostics.is_empty(),
        "fixtures/ok must stay silent:\n{}",
        human(&outcome)
    );
    assert!(
        outcome.records.len() >= 25,
        "fixtures/ok should hold at least 25 records, found {}",
        outcome.records.len()
    );
}

#[test]
fn demo_repository_matches_expected_output() {
    let dir = fixtures().join("demo");
    let outcome = check_paths(std::slice::from_ref(&dir), &Settings::default()).unwrap();
    support::assert_expected(Path::new("tests/demo.expected.txt"), &human(&outcome));
}
