//! `tlsrpt-lint report`: rule fixtures, transports and hostile inputs.
//!
//! `fixtures/report/<rule-name>/` holds inputs that trigger that 7xx rule, and
//! `expected.txt` the exact human output (sessions, then findings, no colour) with only that
//! rule enabled and `--max-failure-rate 0.1`; `fixtures/report/ok/` holds reports (the
//! RFC 8460 §4.8 example, the shapes large reporters send) that stay silent with every rule
//! on. Every run compares the reports with the repository in `fixtures/report/repo/`
//! (`--repo`), whose policy, MX hosts, TLSA records and `rua` the ok reports agree with.
//! `UPDATE_EXPECTED=1 cargo test --test report` rewrites the expected files.
//!
//! The repository keeps the reports as JSON text; the test builds the other transports
//! from them (gzip, a base64 `application/tlsrpt+gzip` message, a quoted-printable
//! `application/tlsrpt+json` message, and one mbox of all the messages) and checks that
//! every transport gives the same sessions and the same findings.

mod support;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use flate2::write::GzEncoder;
use flate2::Compression;
use tlsrpt_lint::render;
use tlsrpt_lint::report::repo::Repo;
use tlsrpt_lint::report::{self, summary, view, Options, Run};
use tlsrpt_lint::{rules, Settings};
use transport::{gzip, json_fixtures, write_corpus};

mod transport;

const RATE: Option<f64> = Some(0.1);

fn report_fixtures() -> PathBuf {
    PathBuf::from("fixtures/report")
}

/// The repository the reports are compared with (`--repo`): the policy the ok reports of
/// `example.net` were made under.
fn repo() -> Arc<Repo> {
    let dir = report_fixtures().join("repo");
    let config = tlsrpt_lint::config::load(&dir.join("tlsrpt-lint.toml")).unwrap();
    let settings = tlsrpt_lint::config::resolve(Some(&config), &Default::default());
    let outcome = tlsrpt_lint::check_paths(std::slice::from_ref(&dir), &settings).unwrap();
    Arc::new(Repo::new("fixtures/report/repo", &outcome))
}

fn run(paths: &[PathBuf], settings: &Settings) -> Run {
    let options = Options {
        max_failure_rate: RATE,
        repo: Some(repo()),
    };
    report::run(paths, settings, &options).unwrap()
}

fn human(run: &Run) -> String {
    let mut out = Vec::new();
    view::write(
        run,
        view::Format::Human,
        &render::Options::default(),
        &mut out,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

fn rule_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(report_fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !p.ends_with("ok") && !p.ends_with("repo"))
        .collect();
    dirs.sort();
    dirs
}

/// The files of a fixture directory, less its `expected.txt`.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.ends_with("expected.txt"))
        .collect();
    files.sort();
    files
}

fn name(path: &Path) -> &str {
    path.file_name().unwrap().to_str().unwrap()
}

#[test]
fn every_report_rule_has_fixtures_and_every_directory_a_report_rule() {
    for dir in rule_dirs() {
        let rule = rules::find(name(&dir)).unwrap_or_else(|| panic!("{}: no rule", dir.display()));
        assert!(rule.code.starts_with("TLSRPT7"), "{}", rule.code);
    }
    for rule in rules::ALL.iter().filter(|r| r.code.starts_with("TLSRPT7")) {
        assert!(
            report_fixtures().join(rule.name).is_dir(),
            "{} has no fixtures/report/{}",
            rule.code,
            rule.name
        );
    }
}

#[test]
fn report_rule_fixtures_trigger_their_rule_and_match_expected_output() {
    let mut failures = Vec::new();
    for dir in rule_dirs() {
        let rule = rules::find(name(&dir)).unwrap();
        let mut settings = Settings::default();
        settings.retain_rules(|r| r == rule);
        let run = run(&inputs(&dir), &settings);
        assert!(
            run.outcome.diagnostics.iter().any(|d| d.rule == rule),
            "{}: fixtures do not trigger {}",
            dir.display(),
            rule.code
        );
        let actual = human(&run);
        support::compare_expected(&dir.join("expected.txt"), &actual, &mut failures);
    }
    support::assert_no_failures(&failures);
}

#[test]
fn ok_reports_stay_silent_and_are_summed() {
    let run = run(&inputs(&report_fixtures().join("ok")), &Settings::default());
    let found: Vec<String> = run
        .outcome
        .diagnostics
        .iter()
        .map(|d| format!("{}: {} {}", d.location.source.path, d.rule.code, d.message))
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
    assert_eq!(run.reports.len(), 5);
    let days = summary::by_domain_day(&run.reports);
    let example = days
        .iter()
        .find(|d| d.domain == "company-y.example")
        .unwrap();
    assert_eq!((example.successful, example.failed), (5326, 303));
    assert_eq!(example.by_result["starttls-not-supported"], 200);
    // The §4.8 example's `failure-error-code` (an erratum) is read as the reason code.
    let codes: Vec<_> = run
        .reports
        .iter()
        .flat_map(|r| &r.policies)
        .flat_map(|p| &p.details)
        .filter_map(|d| d.failure_reason_code.as_deref())
        .collect();
    assert!(
        codes.contains(&"X509_V_ERR_PROOF_OF_POSSESSION"),
        "{codes:?}"
    );
}

/// What a run says, whatever the transport: the sessions per domain and day, and each
/// finding's rule, message and line:column in the report text.
fn meaning(run: &Run) -> (Vec<summary::DomainDay>, Vec<String>) {
    let mut found: Vec<String> = run
        .outcome
        .diagnostics
        .iter()
        .map(|d| {
            let at = d.location.source.position(d.location.span.start);
            format!("{} {}:{} {}", d.rule.code, at.line, at.column, d.message)
        })
        .collect();
    found.sort();
    (summary::by_domain_day(&run.reports), found)
}

#[test]
fn gzip_messages_and_mbox_give_the_same_sessions_and_findings() {
    let settings = Settings::default();
    let dir = tempfile::tempdir().unwrap();
    let (corpus, mbox) = write_corpus(dir.path());
    for (fixture, variants) in &corpus {
        let expected = meaning(&run(std::slice::from_ref(fixture), &settings));
        for variant in variants {
            let got = run(std::slice::from_ref(variant), &settings);
            assert_eq!(
                meaning(&got),
                expected,
                "{} as {}",
                fixture.display(),
                variant.display()
            );
        }
    }
    // The mailbox holds each report twice, so twice the reports, findings and failures
    // (but `report-domain-not-in-repo`, said once per domain and run).
    let got = run(&[mbox], &settings);
    let plain = run(&json_fixtures(), &settings);
    assert_eq!(got.reports.len(), 2 * plain.reports.len());
    let once = &rules::report_domain_not_in_repo::REPORT_DOMAIN_NOT_IN_REPO;
    let notes = |run: &Run| -> Vec<String> {
        let notes = run.outcome.diagnostics.iter().filter(|d| d.rule == once);
        notes.map(|d| d.message.clone()).collect()
    };
    assert!(!notes(&plain).is_empty());
    assert_eq!(notes(&got), notes(&plain));
    let findings = |run: &Run| run.outcome.diagnostics.len() - notes(run).len();
    assert_eq!(findings(&got), 2 * findings(&plain));
    let failed = |run: &Run| -> u64 {
        summary::by_domain_day(&run.reports)
            .iter()
            .map(|d| d.failed)
            .sum()
    };
    assert_eq!(failed(&got), 2 * failed(&plain));
}

/// The one finding of a hostile input: `unreadable-report`, with `expected` in its message.
fn assert_unreadable(path: &Path, expected: &str) {
    let got = run(&[path.to_path_buf()], &Settings::default());
    let messages: Vec<_> = got
        .outcome
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.rule.code, d.message))
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("TLSRPT707") && m.contains(expected)),
        "{}: {messages:?}",
        path.display()
    );
    assert!(got.reports.is_empty());
}

#[test]
fn hostile_inputs_end_bounded_with_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    // A gzip bomb: 1 GiB of spaces would take a megabyte; 64 MiB is enough to pass the cap.
    let bomb = dir.path().join("bomb.json.gz");
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    let block = vec![b' '; 1 << 20];
    for _ in 0..64 {
        encoder.write_all(&block).unwrap();
    }
    fs::write(&bomb, encoder.finish().unwrap()).unwrap();
    assert_unreadable(&bomb, "decompresses to more than 16 MiB");
    // 100,000 levels of nesting.
    let deep = dir.path().join("deep.json");
    fs::write(&deep, "[".repeat(100_000) + &"]".repeat(100_000)).unwrap();
    assert_unreadable(&deep, "not JSON");
    // A message with 10,000 MIME parts.
    let mut parts = String::from("From: a@b\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n");
    for _ in 0..10_000 {
        parts.push_str("--x\r\nContent-Type: text/plain\r\n\r\nx\r\n");
    }
    parts.push_str("--x--\r\n");
    let many = dir.path().join("parts.eml");
    fs::write(&many, &parts).unwrap();
    assert_unreadable(&many, "MIME parts (more than 1000)");
    // Invalid UTF-8, inside gzip.
    let bad = dir.path().join("bad.json.gz");
    fs::write(&bad, gzip(b"{\"organization-name\": \"\xc3\x28\"}")).unwrap();
    assert_unreadable(&bad, "not UTF-8");
}

#[test]
fn exit_codes_follow_fail_on_and_the_failure_rate() {
    let half = "fixtures/report/failure-rate-exceeded/half-failed.json";
    let ok = "fixtures/report/ok";
    let code = |args: &[&str]| support::run_in_crate(args).status.code();
    assert_eq!(code(&["report", "--no-config", ok]), Some(0));
    assert_eq!(code(&["report", "--no-config", half]), Some(0));
    let rate = ["report", "--no-config", "--max-failure-rate", "0.4", half];
    assert_eq!(code(&rate), Some(1));
    assert_eq!(
        code(&["report", "--no-config", "--max-failure-rate", "0.6", half]),
        Some(0)
    );
    let never = [
        "report",
        "--no-config",
        "--fail-on",
        "never",
        "--max-failure-rate",
        "0.4",
        half,
    ];
    assert_eq!(code(&never), Some(0));
    // Warnings fail only with `--fail-on warning`.
    let warned = "fixtures/report/summary-detail-mismatch";
    assert_eq!(code(&["report", "--no-config", warned]), Some(0));
    assert_eq!(
        code(&["report", "--no-config", "--fail-on", "warning", warned]),
        Some(1)
    );
    assert_eq!(code(&["report", "--no-config", "no/such/dir"]), Some(2));
    let drift = "fixtures/report/report-policy-drift";
    let repo = [
        "report",
        "--fail-on",
        "warning",
        "--repo",
        "fixtures/report/repo",
    ];
    assert_eq!(code(&[&repo[..], &[ok]].concat()), Some(0));
    assert_eq!(code(&[&repo[..], &[drift]].concat()), Some(1));
    // Each comparison with the repository is a warning (the domain note, an info).
    for (dir, with_repo) in [
        ("report-mx-not-in-repo", Some(1)),
        ("report-tlsa-drift", Some(1)),
        ("report-for-other-destination", Some(1)),
        ("report-domain-not-in-repo", Some(0)),
    ] {
        let dir = format!("fixtures/report/{dir}");
        assert_eq!(code(&[&repo[..], &[&dir]].concat()), with_repo, "{dir}");
        let warned = ["report", "--no-config", "--fail-on", "warning", &dir];
        assert_eq!(code(&warned), Some(0), "{dir} without --repo");
    }
    let notes = "fixtures/report/report-domain-not-in-repo";
    let info = [
        "report",
        "--fail-on",
        "info",
        "--repo",
        "fixtures/report/repo",
        notes,
    ];
    assert_eq!(code(&info), Some(1));
    let missing = support::run_in_crate(&["report", "--repo", "no/such/repo", ok]);
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(
        stderr.contains("cannot read the repository `no/such/repo`"),
        "{stderr}"
    );
    assert_eq!(
        code(&["report", "--no-config", "--max-failure-rate", "2", ok]),
        Some(2)
    );
}

#[test]
fn json_csv_and_output_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.json");
    let args = ["report", "--no-config", "--format", "json", "-o"];
    let status = support::run_in_crate(
        &[&args[..], &[out.to_str().unwrap(), "fixtures/report/ok"]].concat(),
    );
    assert!(status.status.success() && status.stdout.is_empty());
    let document: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(document["version"], 1);
    assert_eq!(document["summary"]["reports"], 5);
    let day = document["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["policy_domain"] == "company-y.example")
        .unwrap();
    assert_eq!(day["failed_session_count"], 303);
    assert_eq!(day["failures_by_result_type"]["validation-failure"], 3);
    let csv = support::run_in_crate(&[
        "report",
        "--no-config",
        "--format",
        "csv",
        "fixtures/report/ok",
    ]);
    let csv = String::from_utf8(csv.stdout).unwrap();
    let rows: Vec<&str> = csv.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert!(rows[0].starts_with("path,organization_name,report_id,day,policy_domain"));
    assert_eq!(rows.len(), 1 + 3 + 1, "{csv}");
}
