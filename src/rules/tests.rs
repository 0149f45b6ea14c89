//! Tests across rules: no rule panics or points outside the value, and rules agree.

use super::helpers::testing::policy;
use crate::config::Settings;
use crate::model::RecordKind;
use crate::pipeline::check_value;
use crate::rules::helpers::{is_sts_attempt, is_tlsrpt_attempt};
use proptest::prelude::*;

proptest! {
    #[test]
    fn rules_never_panic_and_stay_in_the_value(
        body in "[ \t\"';,:=!%?@/<>{}\\a-zA-Z0-9.é\u{200b}\u{0}\n-]{0,60}",
        start in prop::sample::select(vec!["", "v=TLSRPTv1;rua=", "v=STSv1;id=", "rua=mailto:", "v=TLSRPTv1; rua=https://"]),
    ) {
        let value = format!("{start}{body}");
        for kind in [RecordKind::Policy, RecordKind::MtaSts, RecordKind::Authorization] {
            let outcome = check_value(&value, "-", kind, None, &Settings::default());
            for d in &outcome.diagnostics {
                let span = d.location.span;
                prop_assert!(span.end as usize <= value.len());
                prop_assert!(value.is_char_boundary(span.start as usize) && value.is_char_boundary(span.end as usize));
                for edit in d.fix.iter().flat_map(|f| &f.edits) {
                    prop_assert!(value.is_char_boundary(edit.span.start as usize) && value.is_char_boundary(edit.span.end as usize));
                }
            }
        }
    }
}

#[test]
fn attempts() {
    for t in [
        "v=TLSRPTv1; rua=mailto:a@example.com",
        " \"v = tlsrptv1",
        "rua=mailto:a@example.com",
        "RUA =mailto:a@example.com",
        "v=TLSRPT1",
    ] {
        assert!(is_tlsrpt_attempt(t), "{t}");
    }
    for t in [
        "v=spf1 -all",
        "v=DMARC1; p=none; rua=mailto:tlsrpt@example.com",
        "google-site-verification=x",
        "",
    ] {
        assert!(!is_tlsrpt_attempt(t), "{t}");
    }
    assert!(is_sts_attempt("v=STSv1; id=1"));
    assert!(is_sts_attempt("id=1"));
    assert!(!is_sts_attempt("hello"));
}

/// The checkdmarc 6.0.4 results of domain.md §3.1, where RFC 8460 agrees; where it
/// does not, the comment says what the linter does instead.
#[test]
fn checkdmarc_table() {
    let rua = "v=TLSRPTv1; rua=mailto:a@example.com";
    for (value, expected) in [
        (
            "v=TLSRPTv1;rua=mailto:a@example.com,https://r.example.net/tlsrpt;".to_string(),
            vec![],
        ),
        (
            "v=TLSRPTv1 ; rua=mailto:a@example.com".into(),
            vec![("TLSRPT104", 10..11)],
        ),
        // checkdmarc merges silently; senders disagree, so a warning.
        (
            "v=TLSRPTv1;rua=mailto:a@example.com;rua=https://x.example/p".into(),
            vec![("TLSRPT111", 36..39)],
        ),
        (format!("{rua}; ext=ok-1"), vec![("TLSRPT109", 38..46)]),
        (format!("{rua}; x=a b"), vec![("TLSRPT107", 41..42)]),
        (
            format!("{rua}; RUA=mailto:b@example.com"),
            vec![("TLSRPT110", 38..41)],
        ),
        (
            "v=TLSRPTv1; ruf=mailto:a@example.com".into(),
            vec![("TLSRPT105", 0..10), ("TLSRPT110", 12..15)],
        ),
        ("v=TLSRPTv1".into(), vec![("TLSRPT105", 0..10)]),
        ("v=TLSRPTv1;".into(), vec![("TLSRPT105", 0..10)]),
        (
            "V=TLSRPTv1; rua=mailto:a@example.com".into(),
            vec![("TLSRPT102", 0..1)],
        ),
        (
            "v=tlsrptv1; rua=mailto:a@example.com".into(),
            vec![("TLSRPT102", 2..10)],
        ),
        (
            "v=TLSRPTv1; rua=http://r.example.com/x".into(),
            vec![("TLSRPT202", 16..20)],
        ),
        (
            "v=TLSRPTv1; rua=mailto:a!b@example.com".into(),
            vec![("TLSRPT205", 24..25)],
        ),
        (
            "v=TLSRPTv1; rua=mailto:a@example.com!10m".into(),
            vec![("TLSRPT205", 36..40)],
        ),
        (
            "v=TLSRPTv1; rua=https://r.example.com/a b".into(),
            vec![("TLSRPT107", 39..40)],
        ),
        ("v=TLSRPTv1; rua=https://r.example.com/a%2Cb".into(), vec![]),
        ("v=TLSRPTv1; rua=https://[2001:db8::1]/r".into(), vec![]),
        ("v=TLSRPTv1; rua=https://h:8443/x?y=1".into(), vec![]),
        ("v=TLSRPTv1; rua=MAILTO:a@example.com".into(), vec![]),
        (
            "v=TLSRPTv1; rua = mailto:a@example.com".into(),
            vec![("TLSRPT107", 15..16), ("TLSRPT107", 17..18)],
        ),
        (
            "v=TLSRPTv1;;rua=mailto:a@example.com".into(),
            vec![("TLSRPT106", 11..12)],
        ),
        // RFC 6068 allows header fields: a warning, not an error.
        (format!("{rua}?subject=x"), vec![("TLSRPT208", 36..46)]),
        (format!("{rua}; v=TLSRPTv1"), vec![("TLSRPT111", 38..39)]),
    ] {
        assert_eq!(policy(&value), expected, "{value}");
    }
}

#[test]
fn one_value_many_findings() {
    let t = " v=TLSRPTv1 rua=tls@example.com,,http://r.example/x; RUA=x";
    assert_eq!(
        policy(t),
        [
            ("TLSRPT101", 0..1),
            ("TLSRPT103", 11..12),
            ("TLSRPT201", 16..31),
            ("TLSRPT206", 32..33),
            ("TLSRPT202", 33..37),
            ("TLSRPT110", 53..56),
        ]
    );
}
