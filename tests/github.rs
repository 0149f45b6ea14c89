//! The GitHub annotations of the multi-rule fixture, against `tests/golden/multi.github.txt`:
//! escaping of `%`, `,`, `:` and line breaks, titles, and columns only on one-line findings.

mod support;

use support::{assert_expected, crate_path, run_in_crate as tlsrpt, stdout};

/// The multi-rule fixture the golden files were made from.
const FIXTURE: &str = "tests/golden/multi";

#[test]
fn annotations_match_the_golden_file() {
    let output = tlsrpt(&["check", "--format", "github", FIXTURE]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert_expected(&crate_path("tests/golden/multi.github.txt"), &text);
    // The fixture covers what the escaping is for.
    assert!(text.contains("`%25domain%25`"));
    assert!(text.contains("%0Ahelp: use `https:`"));
    assert!(text.contains("separated by `,`"));
    for line in text.lines() {
        assert!(line.starts_with("::"), "{line}");
        assert!(!line.contains('\r'));
    }
}

#[test]
fn columns_are_utf16_units() {
    let text = stdout(&tlsrpt(&["check", "--format", "github", FIXTURE]));
    // `😀` is one column in the other formats and two UTF-16 units here.
    assert!(text.contains(
        "file=tests/golden/multi/intl.zone,line=4,endLine=4,col=54,endColumn=58,\
         title=TLSRPT202 unsupported-uri-scheme::"
    ));
}
