//! The Nix string decoder against Nix itself: every string literal of every `*.nix`
//! fixture, decoded by the reader, must equal what `nix-instantiate --eval` gives for the
//! same literal. Literals with an interpolation need their bindings and are counted, not
//! compared. Skipped, with a notice, where `nix-instantiate` is not installed (`.ci/run`
//! installs Debian's `nix-bin`; under `CI` a missing tool fails, see `tests/support`).
//!
//! `--store dummy://` evaluates without a store or daemon, so the test runs offline, as any
//! user, in a sandbox.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tlsrpt_lint::extract::nix::string_literals;

fn nix_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            nix_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "nix") {
            out.push(path);
        }
    }
}

/// What Nix gives for each expression, as JSON strings.
fn nix_eval(literals: &[&str]) -> Vec<String> {
    let list = format!("[\n{}\n]", literals.join("\n"));
    let state = tempfile::tempdir().unwrap();
    let output = Command::new("nix-instantiate")
        .args([
            "--eval", "--strict", "--json", "--store", "dummy://", "--expr",
        ])
        .arg(&list)
        .env("NIX_STATE_DIR", state.path())
        .env("NIX_LOG_DIR", state.path())
        .env("HOME", state.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "nix-instantiate failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn every_fixture_string_decodes_as_nix_does() {
    if !support::on_path("nix-instantiate", "--version") {
        support::skip(
            "every_fixture_string_decodes_as_nix_does",
            "`nix-instantiate` is not installed (apt-get install nix-bin)",
        );
        return;
    }
    let mut files = Vec::new();
    nix_files(&support::crate_path("fixtures"), &mut files);
    files.sort();
    let (mut total, mut written, mut decoded) = (0, Vec::new(), Vec::new());
    for path in &files {
        let text = fs::read_to_string(path).unwrap();
        let literals = string_literals(&text);
        assert!(
            !literals.is_empty(),
            "{}: no string literal read",
            path.display()
        );
        for (span, value) in literals {
            total += 1;
            if let Some(value) = value {
                written.push((path.clone(), text[span.range()].to_string()));
                decoded.push(value);
            }
        }
    }
    let expressions: Vec<&str> = written.iter().map(|(_, w)| w.as_str()).collect();
    let expected = nix_eval(&expressions);
    assert_eq!(expected.len(), decoded.len());
    let mut wrong = Vec::new();
    for (((path, literal), ours), nix) in written.iter().zip(&decoded).zip(&expected) {
        if ours != nix {
            wrong.push(format!(
                "{}: {literal}\n  ours {ours:?}\n  nix  {nix:?}",
                path.display()
            ));
        }
    }
    println!(
        "{} Nix files: {total} string literals, {} without interpolation checked against nix-instantiate ({:.0}%)",
        files.len(),
        decoded.len(),
        100.0 * decoded.len() as f64 / total.max(1) as f64
    );
    assert!(
        wrong.is_empty(),
        "decoded differently:\n{}",
        wrong.join("\n")
    );
    assert!(
        decoded.len() >= 40,
        "only {} literals checked",
        decoded.len()
    );
}
