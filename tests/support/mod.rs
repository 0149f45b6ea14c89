//! What the integration tests share, so that each test file keeps only what is its own:
//! running the built binary, finding the crate's files, copying a directory, skipping a
//! test whose outside tool is missing (never under `CI`), finding a Python oracle, and the
//! one comparison of an output with its committed expected file.
//!
//! One variable rewrites every expected file: `UPDATE_EXPECTED=1 cargo test` (or
//! `--test NAME` for one suite), then review the diff. It names what it writes, the
//! expected side of each comparison, whatever that file is called (`expected.txt`, a
//! golden SARIF file, `docs/rules.md`, the oracle's `disagreements.tsv`).
//!
//! Each test file is its own crate and uses only some of these helpers.
#![allow(dead_code)]

use std::env;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test, built by Cargo for the integration tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_tlsrpt-lint");

/// The environment variable that rewrites the expected files instead of comparing.
pub const UPDATE: &str = "UPDATE_EXPECTED";

/// Whether this run rewrites the expected files (`UPDATE_EXPECTED` set, and not `0`).
pub fn updating() -> bool {
    env::var_os(UPDATE).is_some_and(|v| !v.is_empty() && v != "0")
}

/// A path under the crate root.
pub fn crate_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The binary with `args`, to run in `dir`.
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command.args(args).current_dir(dir);
    command
}

/// Runs the binary with `args` in `dir` and waits for it.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().unwrap()
}

/// Runs the binary with `args` in the crate root (where the fixture paths start).
pub fn run_in_crate(args: &[&str]) -> Output {
    run(&crate_path(""), args)
}

/// What a run printed on stdout.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Copies the directory `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A test that cannot run here for `why` (an outside tool is missing): a notice, or a
/// failure under `CI`, which must have every tool so that nothing is skipped unseen.
pub fn skip(test: &str, why: &str) {
    assert!(env::var_os("CI").is_none(), "CI is set but {test}: {why}");
    // Straight to stderr: the harness would swallow `eprintln!` from a passing test.
    let notice = format!("skipping {test}: {why}\n");
    std::io::stderr().write_all(notice.as_bytes()).unwrap();
}

/// The Python that can `import module`: `TLSRPT_ORACLE_PYTHON`, else the crate's `.venv`
/// (`.venv/bin/pip install -r tests/oracle/requirements.txt`). Without one, `test` is
/// skipped with a notice (see [`skip`]) and this is `None`.
pub fn oracle_python(test: &str, module: &str) -> Option<PathBuf> {
    let python = env::var_os("TLSRPT_ORACLE_PYTHON").map_or_else(
        || {
            crate_path(if cfg!(windows) {
                ".venv/Scripts/python.exe"
            } else {
                ".venv/bin/python"
            })
        },
        PathBuf::from,
    );
    let found = Command::new(&python)
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        let why = format!(
            "no Python with {module} (set TLSRPT_ORACLE_PYTHON, or \
             `.venv/bin/pip install -r tests/oracle/requirements.txt`)"
        );
        skip(test, &why);
    }
    found.then_some(python)
}

/// Compares `actual` with the file at `path` (or writes it there under `UPDATE_EXPECTED`);
/// the difference, saying how to accept it, is the error.
pub fn check_expected(path: &Path, actual: &str) -> Result<(), String> {
    if updating() {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(path, actual).unwrap();
        return Ok(());
    }
    match fs::read_to_string(path) {
        Ok(expected) if expected == actual => Ok(()),
        Ok(expected) => {
            let diff = similar::TextDiff::from_lines(&expected, actual);
            Err(format!(
                "{} differs from the output (run with {UPDATE}=1 to accept, then review the \
                 diff):\n{}",
                path.display(),
                diff.unified_diff()
                    .context_radius(2)
                    .header("expected", "actual")
            ))
        }
        Err(e) => Err(format!(
            "{}: {e} (run with {UPDATE}=1 to write it)\n--- actual ---\n{actual}",
            path.display()
        )),
    }
}

/// Fails unless `actual` is the content of the expected file at `path`.
pub fn assert_expected(path: &Path, actual: &str) {
    if let Err(difference) = check_expected(path, actual) {
        panic!("{difference}");
    }
}

/// Compares like [`assert_expected`], pushing a difference to `failures` so that one run
/// shows every stale file; [`assert_no_failures`] then fails with them all.
pub fn compare_expected(path: &Path, actual: &str, failures: &mut Vec<String>) {
    if let Err(difference) = check_expected(path, actual) {
        failures.push(difference);
    }
}

/// Fails with every difference found.
pub fn assert_no_failures(failures: &[String]) {
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Whether `program` runs here (`probe` is an argument it answers quickly, as `-v`).
pub fn on_path(program: &str, probe: &str) -> bool {
    Command::new(program).arg(probe).output().is_ok()
}
