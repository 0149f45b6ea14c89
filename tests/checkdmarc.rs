//! Differential test: tlsrpt-lint's verdict on each policy value of `tests/oracle/records.jsonl`
//! against checkdmarc's, an independent RFC 8460 parser (see `tests/oracle/README.md`).
//!
//! The two tools are allowed to disagree, but only where the RFC backs tlsrpt-lint: every
//! disagreement is listed, with a justification, in `tests/oracle/disagreements.tsv`. The
//! test fails on an unlisted disagreement, on a listed one that no longer holds or whose
//! verdicts or codes have changed, and on a justification still marked `TODO`.
//! `UPDATE_EXPECTED=1` rewrites the file from the current verdicts, keeping the existing
//! justifications. checkdmarc runs once, as a subprocess, over the whole corpus; it needs a
//! Python with checkdmarc installed, so without one the test skips, except under `CI`.

mod support;

use std::collections::HashMap;
use std::env;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;
use tlsrpt_lint::diagnostic::Severity;
use tlsrpt_lint::model::RecordKind;
use tlsrpt_lint::{check_value, Settings};

const HEADER: &str = "record\tcheckdmarc\ttlsrpt-lint\tcodes\tjustification";

/// One line of `checkdmarc_verdicts.py` output (its `warnings` are not compared).
#[derive(Deserialize)]
struct Oracle {
    valid: bool,
    error: Option<String>,
}

/// One row of `disagreements.tsv`, minus the record that keys it.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    checkdmarc: String,
    tlsrpt_lint: String,
    codes: String,
    justification: String,
}

impl Row {
    fn is_todo(&self) -> bool {
        self.justification.trim().is_empty() || self.justification.starts_with("TODO")
    }

    fn tsv(&self, record: &str) -> String {
        let record = serde_json::to_string(record).unwrap();
        format!(
            "{record}\t{}\t{}\t{}\t{}",
            self.checkdmarc, self.tlsrpt_lint, self.codes, self.justification
        )
    }
}

fn verdict(valid: bool) -> String {
    if valid { "valid" } else { "invalid" }.to_string()
}

/// A path from `var`, or the default under the crate root.
fn path_setting(var: &str, default: &str) -> PathBuf {
    env::var_os(var).map_or_else(|| support::crate_path(default), PathBuf::from)
}

fn read_corpus(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}:{}: not a JSON string: {e}", path.display(), i + 1))
        })
        .collect()
}

fn run_oracle(python: &Path, corpus: &Path, expected: usize) -> Vec<Oracle> {
    let script = support::crate_path("tests/oracle/checkdmarc_verdicts.py");
    let out = Command::new(python)
        .arg(&script)
        .arg(corpus)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    assert!(
        out.status.success(),
        "checkdmarc_verdicts.py failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("checkdmarc_verdicts.py prints UTF-8");
    let verdicts: Vec<Oracle> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("a verdict line"))
        .collect();
    assert_eq!(verdicts.len(), expected, "one verdict per record");
    verdicts
}

/// tlsrpt-lint's verdict: invalid when any diagnostic is an error; and every code it reports.
fn lint(record: &str) -> (bool, String) {
    let outcome = check_value(
        record,
        "<value>",
        RecordKind::Policy,
        None,
        &Settings::default(),
    );
    let valid = outcome.count(Severity::Error) == 0;
    let mut codes: Vec<&str> = outcome.diagnostics.iter().map(|d| d.rule.code).collect();
    codes.sort_unstable();
    codes.dedup();
    let codes = if codes.is_empty() {
        "-".to_string()
    } else {
        codes.join(",")
    };
    (valid, codes)
}

fn read_disagreements(path: &Path) -> HashMap<String, Row> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashMap::new();
    };
    let mut rows = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        if i == 0 {
            assert_eq!(line, HEADER, "{}: unexpected header", path.display());
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let at = || format!("{}:{}", path.display(), i + 1);
        let cols: Vec<&str> = line.split('\t').collect();
        let [record, checkdmarc, tlsrpt_lint, codes, justification] = cols[..] else {
            panic!("{}: expected 5 tab-separated columns", at());
        };
        let record: String = serde_json::from_str(record)
            .unwrap_or_else(|e| panic!("{}: record is not a JSON string: {e}", at()));
        let row = Row {
            checkdmarc: checkdmarc.to_string(),
            tlsrpt_lint: tlsrpt_lint.to_string(),
            codes: codes.to_string(),
            justification: justification.to_string(),
        };
        assert!(
            rows.insert(record, row).is_none(),
            "{}: record listed twice",
            at()
        );
    }
    rows
}

#[test]
fn checkdmarc_agrees_or_the_disagreement_is_justified() {
    let Some(python) = support::oracle_python(
        "the checkdmarc differential test",
        "checkdmarc.smtp_tls_reporting",
    ) else {
        return;
    };
    let corpus_path = path_setting("TLSRPT_ORACLE_CORPUS", "tests/oracle/records.jsonl");
    let listed_path = path_setting(
        "TLSRPT_ORACLE_DISAGREEMENTS",
        "tests/oracle/disagreements.tsv",
    );
    let corpus = read_corpus(&corpus_path);
    let oracle = run_oracle(&python, &corpus_path, corpus.len());
    let listed = read_disagreements(&listed_path);

    // The disagreements as they stand, in corpus order.
    let mut current: Vec<(&str, Row)> = Vec::new();
    for (record, oracle) in corpus.iter().zip(&oracle) {
        let (valid, codes) = lint(record);
        if valid == oracle.valid {
            continue;
        }
        let justification = match listed.get(record.as_str()) {
            Some(row) => row.justification.clone(),
            None => format!(
                "TODO checkdmarc says {:?}",
                oracle.error.as_deref().unwrap_or("valid")
            ),
        };
        let row = Row {
            checkdmarc: verdict(oracle.valid),
            tlsrpt_lint: verdict(valid),
            codes,
            justification,
        };
        current.push((record, row));
    }

    let agreed = corpus.len() - current.len();
    eprintln!(
        "checkdmarc oracle: {} records, {agreed} agree, {} disagree",
        corpus.len(),
        current.len()
    );
    if support::updating() {
        let mut file = format!("{HEADER}\n");
        for (record, row) in &current {
            writeln!(file, "{}", row.tsv(record)).unwrap();
        }
        std::fs::write(&listed_path, file).unwrap();
        eprintln!("wrote {}", listed_path.display());
    } else {
        let mut problems = String::new();
        let now: HashMap<&str, &Row> = current.iter().map(|(r, row)| (*r, row)).collect();
        for (record, row) in &current {
            match listed.get(*record) {
                None => writeln!(problems, "unlisted: {}", row.tsv(record)).unwrap(),
                Some(old) if old != row => writeln!(
                    problems,
                    "changed:  {}\n   now:   {}",
                    old.tsv(record),
                    row.tsv(record)
                )
                .unwrap(),
                Some(_) => {}
            }
        }
        let mut stale: Vec<(&String, &Row)> = listed
            .iter()
            .filter(|(record, _)| !now.contains_key(record.as_str()))
            .collect();
        stale.sort_by_key(|(record, _)| record.as_str());
        for (record, row) in stale {
            writeln!(problems, "stale:    {}", row.tsv(record)).unwrap();
        }
        assert!(
            problems.is_empty(),
            "the disagreements with checkdmarc differ from {}:\n{problems}\n\
             fix the lines above by hand, or rerun with UPDATE_EXPECTED=1 to rewrite the file \
             (justifications are kept, new rows are marked TODO)",
            listed_path.display()
        );
    }
    let todo: Vec<String> = current
        .iter()
        .filter(|(_, row)| row.is_todo())
        .map(|(record, row)| row.tsv(record))
        .collect();
    assert!(
        todo.is_empty(),
        "{} disagreements in {} need a justification citing the RFC:\n{}",
        todo.len(),
        listed_path.display(),
        todo.join("\n")
    );
}
