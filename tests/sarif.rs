//! The SARIF of the multi-rule fixture, against `tests/golden/multi.sarif` (with the crate
//! version replaced by `<version>`, so a release does not touch it), its UTF-16 columns, and
//! one run printing one format while writing SARIF and JSON to files.

mod support;

use serde_json::Value;
use support::{assert_expected, crate_path, run_in_crate as tlsrpt, stdout};

/// The multi-rule fixture the golden files were made from.
const FIXTURE: &str = "tests/golden/multi";

/// The log with the crate version masked.
fn sarif(args: &[&str]) -> String {
    let output = tlsrpt(args);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    mask_version(&stdout(&output))
}

fn mask_version(text: &str) -> String {
    let version = format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    text.replace(&version, "\"version\": \"<version>\"")
}

#[test]
fn sarif_matches_the_golden_file() {
    let text = sarif(&["check", "--format", "sarif", FIXTURE]);
    assert_expected(&crate_path("tests/golden/multi.sarif"), &text);
    let log: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(log["runs"].as_array().unwrap().len(), 1);
    assert!(log["runs"][0].get("automationDetails").is_none());
    assert!(!text.contains("partialFingerprints"));
}

/// `(ruleId, startLine, startColumn, endLine, endColumn)` of each result in `uri`.
fn regions(log: &Value, uri: &str) -> Vec<(String, u64, u64, u64, u64)> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri)
        .map(|r| {
            let region = &r["locations"][0]["physicalLocation"]["region"];
            let n = |key: &str| region[key].as_u64().unwrap();
            (
                r["ruleId"].as_str().unwrap().to_string(),
                n("startLine"),
                n("startColumn"),
                n("endLine"),
                n("endColumn"),
            )
        })
        .collect()
}

#[test]
fn columns_count_utf16_units() {
    let log: Value =
        serde_json::from_str(&sarif(&["check", "--format", "sarif", FIXTURE])).unwrap();
    assert_eq!(log["runs"][0]["columnKind"], "utf16CodeUnits");
    let intl = regions(&log, "tests/golden/multi/intl.zone");
    let owned = |code: &str, a, b, c, d| (code.to_string(), a, b, c, d);
    assert_eq!(
        intl,
        [
            // `é` (one unit, two bytes) before these.
            owned("TLSRPT112", 3, 54, 3, 55),
            owned("TLSRPT111", 3, 74, 3, 77),
            owned("TLSRPT201", 3, 78, 3, 93),
            // `😀` is two units: Unicode scalar columns would say 46..47 and 53..57.
            owned("TLSRPT112", 4, 46, 4, 48),
            owned("TLSRPT202", 4, 54, 4, 58),
        ]
    );
}

#[test]
fn one_run_prints_one_format_and_writes_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let sarif_file = dir.path().join("out.sarif");
    let json_file = dir.path().join("out.json");
    let output = tlsrpt(&[
        "check",
        "--format",
        "github",
        "--output-sarif",
        sarif_file.to_str().unwrap(),
        "--output-json",
        json_file.to_str().unwrap(),
        "--sarif-category",
        "tlsrpt-lint",
        FIXTURE,
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_expected(
        &crate_path("tests/golden/multi.github.txt"),
        &stdout(&output),
    );
    let written = mask_version(&std::fs::read_to_string(&sarif_file).unwrap());
    let mut log: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(
        log["runs"][0]["automationDetails"],
        serde_json::json!({"id": "tlsrpt-lint/"})
    );
    log["runs"][0]
        .as_object_mut()
        .unwrap()
        .remove("automationDetails");
    let printed: Value =
        serde_json::from_str(&sarif(&["check", "--format", "sarif", FIXTURE])).unwrap();
    assert_eq!(log, printed);
    let json = stdout(&tlsrpt(&["check", "--format", "json", FIXTURE]));
    assert_eq!(std::fs::read_to_string(&json_file).unwrap(), json);
}

#[test]
fn an_unwritable_output_file_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no/such/dir/out.sarif");
    let output = tlsrpt(&[
        "check",
        "--format",
        "concise",
        "--output-sarif",
        missing.to_str().unwrap(),
        FIXTURE,
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("error: cannot write `"), "{stderr}");
}
