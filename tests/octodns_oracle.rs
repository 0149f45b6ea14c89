//! Differential test: OctoDNS's own `octodns-validate` against tlsrpt-lint on the OctoDNS
//! fixtures. Wherever OctoDNS rejects a record (`unescaped ;`, `double escaped ;`),
//! tlsrpt-lint must report TLSRPT601/602 for a record of the same name; wherever it rejects
//! a file (a YAML error), TLSRPT001 in that file on the same line; and where it accepts
//! everything, tlsrpt-lint reports no 6xx rule and no syntax error.
//!
//! The fixture directories that hold an OctoDNS `config.yaml` are validated in place (the
//! linter finds the same configuration by itself); loose zone files get a configuration
//! written beside them in a temporary directory. `--all` makes OctoDNS log every invalid
//! record instead of stopping at the first. It needs a Python with `octodns` installed
//! (`TLSRPT_ORACLE_PYTHON`, else the crate's `.venv`); without one the test skips, except
//! under `CI`.

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tlsrpt_lint::{check_paths, Settings};

/// What one tool rejected: record names (lowercase, absolute) and (file name, line) of
/// files that do not parse.
#[derive(Debug, Default, PartialEq, Eq)]
struct Verdict {
    records: BTreeSet<String>,
    files: BTreeSet<(String, u32)>,
}

fn file_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_string()
}

/// Runs `octodns-validate --all` in `dir` and reads its log.
fn octodns(python: &Path, dir: &Path) -> (bool, Verdict) {
    let out = Command::new(python)
        .args([
            "-m",
            "octodns.cmds.validate",
            "--config-file=./config.yaml",
            "--all",
        ])
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    let log =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    let mut verdict = Verdict::default();
    for line in log.lines() {
        if let Some(rest) = line.split("Invalid record \"").nth(1) {
            let name = rest.split('"').next().unwrap_or_default();
            verdict.records.insert(name.to_ascii_lowercase());
        }
    }
    // A YAML error ends with `in "<file>", line N, column M` where the parser stopped.
    if log.contains("yaml.scanner.") || log.contains("yaml.parser.") {
        let at = log
            .lines()
            .rev()
            .find_map(|l| l.trim().strip_prefix("in \""))
            .expect("a YAML error names its place");
        let (file, rest) = at.split_once("\", line ").expect("file and line");
        let line = rest.split(',').next().unwrap().trim().parse().unwrap();
        verdict.files.insert((file_name(file), line));
    }
    (out.status.success(), verdict)
}

/// tlsrpt-lint's verdict on `dir`.
fn lint(dir: &Path) -> Verdict {
    let outcome = check_paths(&[dir.to_path_buf()], &Settings::default()).unwrap();
    let mut verdict = Verdict::default();
    for d in &outcome.diagnostics {
        match d.rule.code {
            "TLSRPT601" | "TLSRPT602" => {
                let record = d.record.as_ref().expect("6xx findings name their record");
                verdict.records.insert(record.name.to_ascii_lowercase());
            }
            "TLSRPT001" => {
                let source = &d.location.source;
                let line = source.position(d.location.span.start).line;
                verdict.files.insert((file_name(&source.path), line));
            }
            _ => {}
        }
    }
    verdict
}

/// A temporary OctoDNS setup holding one loose fixture as the zone file of `zone`.
fn setup(fixture: &str, zone: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("zones")).unwrap();
    fs::copy(
        support::crate_path(fixture),
        dir.path().join(format!("zones/{zone}.yaml")),
    )
    .unwrap();
    let config = format!(
        "providers:\n  config:\n    class: octodns.provider.yaml.YamlProvider\n    directory: ./zones\n\
         zones:\n  {zone}.:\n    sources: [config]\n    targets: [config]\n"
    );
    fs::write(dir.path().join("config.yaml"), config).unwrap();
    dir
}

#[test]
fn octodns_and_tlsrpt_lint_reject_the_same_records() {
    let Some(python) =
        support::oracle_python("the octodns differential test", "octodns.cmds.validate")
    else {
        return;
    };
    let loose = [
        setup(
            "fixtures/source-syntax-error/octodns-bad-escape.yaml",
            "example.com",
        ),
        setup(
            "fixtures/origin-appended-twice/octodns/example.org.yaml",
            "example.org",
        ),
        setup(
            "fixtures/tlsrpt-without-mta-sts/nodane-octodns.example.yaml",
            "nodane-octodns.example",
        ),
    ];
    let mut dirs: Vec<PathBuf> = [
        "fixtures/ok/octodns",
        "fixtures/octodns-unescaped-semicolon",
        "fixtures/octodns-double-escaped-semicolon",
    ]
    .iter()
    .map(|d| support::crate_path(d))
    .collect();
    dirs.extend(loose.iter().map(|d| d.path().to_path_buf()));
    let mut rejected = 0;
    for dir in &dirs {
        let (accepted, oracle) = octodns(&python, dir);
        let linted = lint(dir);
        assert_eq!(
            linted,
            oracle,
            "{}: tlsrpt-lint against octodns",
            dir.display()
        );
        assert_eq!(
            accepted,
            oracle == Verdict::default(),
            "{}: octodns-validate's exit status against its log",
            dir.display()
        );
        rejected += oracle.records.len() + oracle.files.len();
    }
    assert!(
        rejected >= 8,
        "the fixtures hold rejected records: {rejected}"
    );
    eprintln!(
        "octodns and tlsrpt-lint agree on {} setups, {rejected} rejections",
        dirs.len()
    );
}
