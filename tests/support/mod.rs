//! What the snapshot tests share: comparing a fixture directory's output with its
//! `expected.txt`, which `UPDATE_FIXTURES=1` rewrites instead.

use std::fs;
use std::path::Path;

/// Compares `actual` with `dir/expected.txt` (or writes it under `UPDATE_FIXTURES=1`); a
/// difference is pushed to `failures`.
pub fn compare_expected(dir: &Path, actual: &str, failures: &mut Vec<String>) {
    let expected_path = dir.join("expected.txt");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        fs::write(&expected_path, actual).unwrap();
    } else if fs::read_to_string(&expected_path).unwrap_or_default() != actual {
        failures.push(format!(
            "{}: output differs from expected.txt\n--- actual ---\n{actual}",
            dir.display()
        ));
    }
}

/// Fails with every difference found, and how to accept them.
pub fn assert_no_failures(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{}\n(run with UPDATE_FIXTURES=1 to accept)",
        failures.join("\n")
    );
}
