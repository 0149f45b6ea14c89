//! Shared by the golden tests of the output formats (`tests/sarif.rs`, `tests/github.rs`):
//! run the binary from the crate root on the multi-rule fixture `tests/golden/multi`, and
//! compare its output with a file under `tests/golden/` byte for byte. `UPDATE_GOLDEN=1`
//! rewrites the files instead.

use std::path::Path;
use std::process::{Command, Output};

pub const FIXTURE: &str = "tests/golden/multi";

/// Runs `tlsrpt-lint` with `args` in the crate root.
pub fn tlsrpt(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tlsrpt-lint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Compares `actual` with `tests/golden/NAME`, or writes it there under `UPDATE_GOLDEN=1`.
pub fn assert_golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()));
    assert!(
        expected == actual,
        "{} differs from the output (UPDATE_GOLDEN=1 rewrites it):\n{actual}",
        path.display()
    );
}
