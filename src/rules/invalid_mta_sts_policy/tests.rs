//! `invalid-mta-sts-policy` on policy files, valid and broken, line by line.

use super::*;
use crate::extract::mta_sts_policy::parse;

proptest::proptest! {
    #[test]
    fn never_panics_and_stays_on_char_boundaries(
        text in "(\u{feff})?((version|mode|max_age|mx|Mode|x)?[ \t]?:?[ \t]?[a-zA-Z0-9.*_é\u{a0} -]{0,12}[ \t]?(\n|\r\n|\r)?){0,6}",
    ) {
        for f in findings(&text, &parse(&text)) {
            let ranges = std::iter::once(&f.range)
                .chain(f.related.iter().map(|(r, _)| r))
                .chain(f.fix.iter().flat_map(|x| x.edits.iter().map(|(r, _)| r)));
            for r in ranges {
                proptest::prop_assert!(r.start <= r.end && r.end as usize <= text.len());
                proptest::prop_assert!(text.is_char_boundary(r.start as usize));
                proptest::prop_assert!(text.is_char_boundary(r.end as usize));
            }
        }
    }
}

const VALID: &str = "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n";

/// (range, message) of every finding.
fn found(text: &str) -> Vec<(Range<u32>, String)> {
    findings(text, &parse(text))
        .into_iter()
        .map(|f| (f.range, f.message))
        .collect()
}

fn messages(text: &str) -> Vec<String> {
    found(text).into_iter().map(|(_, m)| m).collect()
}

#[test]
fn valid_policies() {
    for text in [
        VALID,
        "version: STSv1\nmode: none\nmax_age: 86400",
        "max_age:\t0  \nmode:testing\nmx: a\nversion: STSv1\n",
        "version: STSv1\nmode: enforce\nmx: xn--bcher-kva.example\nmax_age: 31557600\next_1.x-y: hé llo\n",
        "version: STSv1\r\nmode: testing\nmx: mx1.example.com\nmax_age: 0000086400\n",
    ] {
        assert_eq!(found(text), [], "{text:?}");
    }
}

#[test]
fn required_fields() {
    assert_eq!(
        messages("version: STSv1\n"),
        [
            "policy has no `mode` field",
            "policy has no `max_age` field"
        ]
    );
    assert_eq!(
        messages("version: STSv1\nmode: enforce\nmax_age: 1\n"),
        ["policy in `enforce` mode has no `mx` field"]
    );
    assert_eq!(messages(""), ["policy file is empty"]);
    assert_eq!(messages("\n \n"), ["policy file is empty"]);
    // A near miss is labelled; the wrong case has its own message.
    let t = "version: STSv1\nmode: none\nmax-age: 1\n";
    assert_eq!(messages(t), ["policy has no `max_age` field"]);
    let related = &findings(t, &parse(t))[0].related;
    assert_eq!(related[0].1, "`max-age` is an unknown field, not `max_age`");
    assert_eq!(
        messages("version: STSv1\nMode: none\nmax_age: 1\n"),
        ["key `Mode` has the wrong case"]
    );
}

#[test]
fn values() {
    let base = "version: STSv1\nmode: none\n";
    for (line, message) in [
        (
            "max_age: 1w",
            "`max_age` value `1w` is not a number of seconds",
        ),
        (
            "max_age: 31557601",
            "`max_age` value `31557601` is over the maximum of 31557600 seconds",
        ),
        (
            "max_age: 99999999999",
            "`max_age` value `99999999999` is over the maximum of 31557600 seconds",
        ),
        (
            "max_age: -1",
            "`max_age` value `-1` is not a number of seconds",
        ),
        ("max_age:", "`max_age` has no value"),
        (
            "max_age: 1\nmx: *mail.example.com",
            "`*` in mx pattern `*mail.example.com` is not the whole left-most label",
        ),
        (
            "max_age: 1\nmx: mail.*.example.com",
            "`*` in mx pattern `mail.*.example.com` is not the whole left-most label",
        ),
        (
            "max_age: 1\nmx: *.",
            "mx pattern `*.` has no domain after `*.`",
        ),
        (
            "max_age: 1\nmx: mail.example.com.",
            "mx pattern `mail.example.com.` ends with `.`",
        ),
        (
            "max_age: 1\nmx: .example.com",
            "mx pattern `.example.com` begins with `.`",
        ),
        (
            "max_age: 1\nmx: mx_1.example.com",
            "mx pattern `mx_1.example.com` contains `_`",
        ),
        (
            "max_age: 1\nmx: -a.example.com",
            "mx pattern `-a.example.com` has a label `-a` that begins or ends with `-`",
        ),
        (
            "max_age: 1\nmx: bücher.example",
            "`mx` value contains `ü` (U+00FC)",
        ),
        ("max_age: 1\nx: a\tb", "`x` value contains U+0009"),
    ] {
        let text = format!("{base}{line}\n");
        assert_eq!(messages(&text), [message], "{line}");
    }
    assert_eq!(
        messages("version: STSv2\nmode: Enforce\nmax_age: 1\nmx: a\n"),
        [
            "unknown version `STSv2`",
            "mode `Enforce` has the wrong case"
        ]
    );
    assert_eq!(
        messages("version: STSv1\nmode: on\nmax_age: 1\n"),
        ["unknown mode `on`"]
    );
}

#[test]
fn lines_and_keys() {
    let t = "version: STSv1\n mode : none\n\n\nmax_age 1\n_x: 1\n: 2\n";
    assert_eq!(
        found(t),
        [
            (0..14, "policy has no `max_age` field".to_string()),
            (15..16, "whitespace at the start of a line".into()),
            (20..21, "whitespace before `:` after `mode`".into()),
            (28..29, "2 blank lines in policy file".into()),
            (30..39, "line `max_age 1` has no `:`".into()),
            (40..42, "key `_x` is not a valid field name".into()),
            (46..47, "line has no key before `:`".into()),
        ]
    );
}

#[test]
fn duplicates_keep_the_first() {
    let t = "version: STSv1\nmode: none\nmode: enforce\nmax_age: 1\nmx: a\nmx: b\n";
    assert_eq!(
        found(t),
        [(
            26..30,
            "duplicate `mode` field is ignored: the first one (`none`) applies".to_string()
        )]
    );
}

#[test]
fn line_ends_and_bom() {
    let t = "\u{feff}version: STSv1\rmode: none\rmax_age: 1\n";
    assert_eq!(
        found(t),
        [
            (
                0..3,
                "policy file begins with a byte order mark".to_string()
            ),
            (17..18, "line ends with a bare CR (and 1 more line)".into()),
        ]
    );
}
