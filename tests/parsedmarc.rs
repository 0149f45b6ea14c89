//! Differential test: `tlsrpt-lint report` against parsedmarc (PyPI), an independent TLS
//! report parser, on the same files: every JSON fixture of `fixtures/report/` as `.json`,
//! `.json.gz`, two kinds of report message, and one mbox of all the messages.
//!
//! Where parsedmarc reads a file, both tools must give the same totals per policy domain:
//! successful sessions, failed sessions, and failed sessions per result type. Where it
//! does not, nothing is compared: it rejects reports with a missing member that tlsrpt-lint
//! reads leniently, passes counts that are not integers through as written, does not undo
//! quoted-printable in an `application/tlsrpt+json` part (parsedmarc 11.1.0), and gives up
//! on a whole mailbox at its first unreadable report. The test checks that it read the
//! reports of `fixtures/report/ok/` as `.json`, `.json.gz`, base64 gzip message and in one
//! mailbox, so it cannot pass by comparing nothing. parsedmarc runs once, as a subprocess
//! (`tests/oracle/parsedmarc_totals.py`), offline; without a Python that has it the test
//! skips with a notice, except under `CI`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;
use tlsrpt_lint::report::{self, summary, Options};
use tlsrpt_lint::Settings;

mod support;
mod transport;

/// Per policy domain: successful, failed, failed by result type.
type Totals = BTreeMap<String, (u64, u64, BTreeMap<String, u64>)>;

#[derive(Deserialize)]
struct Line {
    ok: bool,
    #[serde(default)]
    totals: Vec<(String, u64, u64, BTreeMap<String, u64>)>,
    #[serde(default)]
    why: String,
}

fn ours(path: &Path) -> Totals {
    let run = report::run(
        &[path.to_path_buf()],
        &Settings::default(),
        &Options::default(),
    )
    .unwrap();
    let mut totals = Totals::new();
    for day in summary::by_domain_day(&run.reports) {
        let entry = totals.entry(day.domain.clone()).or_default();
        entry.0 += day.successful;
        entry.1 += day.failed;
        for (kind, n) in day.by_result {
            *entry.2.entry(kind).or_default() += n;
        }
    }
    totals
}

#[test]
fn parsedmarc_gives_the_same_totals_per_domain_and_result_type() {
    let Some(python) = support::oracle_python("the parsedmarc differential test", "parsedmarc")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (corpus, mbox) = transport::write_corpus(dir.path());
    let mut files: Vec<PathBuf> = corpus.iter().flat_map(|(_, v)| v.clone()).collect();
    files.push(mbox);
    // parsedmarc gives up on a whole mailbox at its first unreadable report: one mailbox of
    // the base64 gzip messages of `ok/` is compared too.
    let mut ok_mbox = String::new();
    for (_, [_, _, gz_message, _]) in corpus
        .iter()
        .filter(|(f, _)| f.starts_with("fixtures/report/ok"))
    {
        ok_mbox.push_str("From tlsrpt@provider.example Thu Jan  1 00:00:00 2024\r\n");
        ok_mbox.push_str(&std::fs::read_to_string(gz_message).unwrap());
    }
    let ok_mbox_path = dir.path().join("ok.mbox");
    std::fs::write(&ok_mbox_path, ok_mbox).unwrap();
    files.push(ok_mbox_path.clone());
    let script = support::crate_path("tests/oracle/parsedmarc_totals.py");
    let output = Command::new(&python)
        .arg(script)
        .args(&files)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<Line> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), files.len());
    let mut compared = Vec::new();
    let mut failures = Vec::new();
    for (file, line) in files.iter().zip(&lines) {
        if !line.ok {
            eprintln!("parsedmarc does not read {}: {}", file.display(), line.why);
            continue;
        }
        let theirs: Totals = line
            .totals
            .iter()
            .map(|(d, s, f, r)| (d.clone(), (*s, *f, r.clone())))
            .collect();
        let mine = ours(file);
        if mine != theirs {
            failures.push(format!(
                "{}:\n  tlsrpt-lint {mine:?}\n  parsedmarc  {theirs:?}",
                file.display()
            ));
        }
        compared.push(file);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The `ok/` reports in all four transports, and the mailbox, at least.
    let ok_reports = corpus
        .iter()
        .filter(|(fixture, _)| fixture.starts_with("fixtures/report/ok"))
        .count();
    assert!(ok_reports >= 3);
    assert!(
        compared.len() > 3 * ok_reports && compared.contains(&&ok_mbox_path),
        "parsedmarc read only {compared:?}"
    );
}
