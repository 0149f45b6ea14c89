//! `tlsrpt-lint records --posture` on `tests/posture/`, a repository of twelve mail
//! domains covering every grade band (and a null-MX domain, a domain without MX and a
//! collector's zone, none of which is a mail domain): the table, the JSON document and the
//! Markdown as printed. `UPDATE_EXPECTED=1 cargo test --test posture` rewrites the
//! expected files; review the diff.

mod support;

use std::path::PathBuf;

fn repo() -> PathBuf {
    support::crate_path("tests/posture")
}

/// `records --posture` run in the repository (its configuration gives the policy files
/// their domains), compared with `expected/<file>`.
fn check(args: &[&str], file: &str) -> String {
    let out = support::run(&repo(), &[&["records", "--posture"], args].concat());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    support::assert_expected(&repo().join("expected").join(file), &text);
    text
}

#[test]
fn the_table_grades_every_mail_domain() {
    let text = check(&[], "table.txt");
    assert!(
        text.ends_with("12 mail domains: 3 A, 3 B, 3 C, 2 D, 1 F.\n"),
        "{text}"
    );
    for not_mail in ["null-mx.example", "no-mx.example", "collector.example "] {
        assert!(!text.contains(not_mail), "{not_mail} is listed:\n{text}");
    }
}

#[test]
fn the_json_document_is_versioned_and_scores_add_up() {
    let text = check(&["--format", "json"], "posture.json");
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(document["version"], 1);
    let domains = document["mail_domains"].as_array().unwrap();
    assert_eq!(domains.len(), 12);
    for domain in domains {
        let lost: u64 = domain["losses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["points"].as_u64().unwrap())
            .sum();
        assert_eq!(domain["score"].as_u64().unwrap(), 100 - lost, "{domain}");
    }
    let grades = &document["summary"]["grades"];
    assert_eq!(
        [
            &grades["A"],
            &grades["B"],
            &grades["C"],
            &grades["D"],
            &grades["F"]
        ],
        [3, 3, 3, 2, 1]
    );
}

#[test]
fn the_markdown_is_one_table_row_per_domain() {
    let text = check(&["--format", "markdown"], "posture.md");
    let rows = text.lines().filter(|l| l.starts_with("| `")).count();
    assert_eq!(rows, 12, "{text}");
}

#[test]
fn markdown_without_posture_is_a_usage_error() {
    let out = support::run(&repo(), &["records", "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(2));
}
