//! The record grammar's tests.

use super::*;
use proptest::prelude::*;

fn texts<'t>(text: &'t str, s: &Syntax) -> Vec<(&'t str, &'t str)> {
    s.fields
        .iter()
        .map(|f| (slice(text, &f.name), slice(text, &f.value)))
        .collect()
}

fn kinds(s: &Syntax) -> Vec<DelimiterKind> {
    s.delimiters.iter().map(|d| d.kind).collect()
}

#[test]
fn parses_a_plain_policy() {
    let t = "v=TLSRPTv1; rua=mailto:a@example.com";
    let s = parse(t);
    assert_eq!(
        texts(t, &s),
        [("v", "TLSRPTv1"), ("rua", "mailto:a@example.com")]
    );
    assert_eq!(
        s.delimiters,
        [Delimiter {
            range: 10..11,
            kind: DelimiterKind::Semicolon
        }]
    );
    assert_eq!(s.fields[1].leading_ws, 11..12);
    assert_eq!(s.fields[1].eq, Some(15..16));
    assert_eq!(s.fields[1].uris.as_ref().unwrap().uris, vec![16..36u32]);
    assert!(s.prefix.is_empty() && s.suffix.is_empty());
    assert!(!s.ends_with_delimiter());
}

#[test]
fn a_final_delimiter_and_whitespace_after_it_are_not_a_field() {
    let t = "v=TLSRPTv1;rua=https://r.example/x; \t";
    let s = parse(t);
    assert_eq!(s.fields.len(), 2);
    assert!(s.ends_with_delimiter());
    let t = "v=TLSRPTv1;;";
    let s = parse(t);
    assert_eq!(texts(t, &s), [("v", "TLSRPTv1"), ("", "")]);
    assert_eq!(s.delimiters.len(), 2);
}

#[test]
fn whitespace_around_equals_and_delimiters() {
    let t = "v = TLSRPTv1 ;\trua=x";
    let s = parse(t);
    let v = &s.fields[0];
    assert_eq!(
        (v.name.clone(), v.ws_before_eq(), v.ws_after_eq()),
        (0..1, 1..2, 3..4)
    );
    assert_eq!((v.value.clone(), v.trailing_ws.clone()), (4..12, 12..13));
    assert_eq!(s.fields[1].leading_ws, 14..15);
}

#[test]
fn prefix_and_matching_suffix() {
    let t = " \"v=TLSRPTv1; rua=mailto:a@example.com\"";
    let s = parse(t);
    assert_eq!((s.prefix.clone(), s.suffix.clone()), (0..2, 38..39));
    assert_eq!(texts(t, &s)[1], ("rua", "mailto:a@example.com"));
    // No opening quote: a closing one stays in the value.
    let s = parse("v=x\"");
    assert!(s.suffix.is_empty());
}

#[test]
fn recovers_missing_delimiters() {
    for (t, kind) in [
        (
            "v=TLSRPTv1 rua=mailto:a@example.com",
            DelimiterKind::Whitespace,
        ),
        ("v=TLSRPTv1, rua=mailto:a@example.com", DelimiterKind::Comma),
        (
            "v=TLSRPTv1\\; rua=mailto:a@example.com",
            DelimiterKind::EscapedSemicolon,
        ),
        ("v=TLSRPTv1:rua=mailto:a@example.com", DelimiterKind::Colon),
        ("v=TLSRPTv1rua=mailto:a@example.com", DelimiterKind::Nothing),
        (
            "TLSRPTv1 rua=mailto:a@example.com",
            DelimiterKind::Whitespace,
        ),
    ] {
        let s = parse(t);
        assert_eq!(kinds(&s), [kind], "{t}");
        assert_eq!(texts(t, &s)[1], ("rua", "mailto:a@example.com"), "{t}");
    }
    let t = "v=TLSRPTv1 rua=mailto:a@example.com, ruf=mailto:b@example.com";
    let s = parse(t);
    assert_eq!(kinds(&s), [DelimiterKind::Whitespace, DelimiterKind::Comma]);
    assert_eq!(s.fields[0].trailing_ws, 10..10);
    assert_eq!(s.delimiters[0].range, 10..11);
}

#[test]
fn colons_inside_rua_do_not_split() {
    let t = "v=TLSRPTv1;rua=mailto:x=y@example.com";
    assert_eq!(parse(t).fields.len(), 2);
}

#[test]
fn splits_uri_lists() {
    let t = "v=TLSRPTv1;rua=mailto:a@example.com , https://r.example/x,,mailto:b@e.example mailto:c@e.example,";
    let s = parse(t);
    let list = s.fields[1].uris.as_ref().unwrap();
    let uris: Vec<_> = list.uris.iter().map(|u| slice(t, u)).collect();
    assert_eq!(
        uris,
        [
            "mailto:a@example.com",
            "https://r.example/x",
            "",
            "mailto:b@e.example",
            "mailto:c@e.example",
            ""
        ]
    );
    let commas: Vec<_> = list.separators.iter().map(|s| s.comma.is_some()).collect();
    assert_eq!(commas, [true, true, true, false, true]);
    assert_eq!(slice(t, &list.separators[0].range), " , ");
    // Whitespace not before a scheme stays in the URI.
    let t = "v=TLSRPTv1;rua=mailto:a b@example.com";
    assert_eq!(parse(t).fields[1].uris.as_ref().unwrap().uris.len(), 1);
}

#[test]
fn only_exact_rua_gets_a_list() {
    let s = parse("v=TLSRPTv1;RUA=mailto:a@example.com;rua=");
    assert!(s.fields[1].uris.is_none());
    assert_eq!(s.fields[2].uris.as_ref().unwrap().uris.len(), 0);
}

#[test]
fn names_are_read_past_foreign_characters() {
    let t = "v=TLSRPTv1;\r\nrua=mailto:a@example.com";
    let s = parse(t);
    assert_eq!(s.fields[1].name_in(t), "rua");
    assert!(s.fields[1].uris.is_some());
}

#[test]
fn empty_and_odd_values() {
    for t in [
        "", ";", " ", "\"", "=", "\\;", "\"\"", "a\\", "v=", ",,", "\\",
    ] {
        let s = parse(t);
        assert!(!s.fields.is_empty(), "{t:?}");
    }
    assert_eq!(parse("").fields[0], parse("").fields[0]);
}

fn check_ranges(t: &str, s: &Syntax) {
    let ok = |range: &Range<u32>| {
        assert!(
            range.start <= range.end && range.end as usize <= t.len(),
            "{range:?} in {t:?}"
        );
        assert!(t.is_char_boundary(range.start as usize) && t.is_char_boundary(range.end as usize));
    };
    ok(&s.prefix);
    ok(&s.suffix);
    for f in &s.fields {
        for range in [&f.leading_ws, &f.name, &f.value, &f.trailing_ws] {
            ok(range);
        }
        f.eq.iter().for_each(ok);
        if let Some(list) = &f.uris {
            list.uris.iter().for_each(ok);
            for sep in &list.separators {
                ok(&sep.range);
                sep.comma.iter().for_each(ok);
            }
        }
    }
    s.delimiters.iter().for_each(|d| ok(&d.range));
    assert!(s.delimiters.len() == s.fields.len() || s.delimiters.len() + 1 == s.fields.len());
}

proptest! {
    #[test]
    fn never_panics_and_ranges_are_in_bounds(t in "\\PC*") {
        check_ranges(&t, &parse(&t));
    }

    #[test]
    fn record_like_values(t in "[ \t\"';,:=\\\\vVrRuUaA@.é\u{0}-]{0,40}(TLSRPTv1|mailto:|https://)?[ ;,=a-z\t]{0,20}") {
        check_ranges(&t, &parse(&t));
    }
}
