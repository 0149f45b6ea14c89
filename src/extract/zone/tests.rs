//! The master-file reader end to end: strings in, records and diagnostics out.

use std::sync::Arc;

use proptest::prelude::*;

use super::*;
use crate::model::{RData, Record};
use crate::text::Span;

/// Files by path; an `$INCLUDE` resolves relative to the including file's directory.
pub(crate) struct Files(pub(crate) Vec<(&'static str, &'static str)>);

impl Loader for Files {
    fn load(&self, from: &Source, path: &str) -> Result<Arc<Source>, String> {
        let full = match from.path.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/{path}"),
            None => path.to_string(),
        };
        let (path, text) = self
            .0
            .iter()
            .find(|(p, _)| *p == full)
            .ok_or_else(|| "file not found".to_string())?;
        Ok(Arc::new(Source::new(*path, *text)))
    }
}

fn read_with(path: &str, text: &str, files: &Files, all_records: bool) -> Extracted {
    let source = Arc::new(Source::new(path, text));
    extract_with(&source, files, Options { all_records })
}

fn read(text: &str) -> Extracted {
    read_with("test.zone", text, &Files(Vec::new()), true)
}

/// Each record as `name ttl type value-strings`.
fn summary(extracted: &Extracted) -> Vec<String> {
    extracted.records.iter().map(describe).collect()
}

fn describe(record: &Record) -> String {
    let data = match &record.data {
        RData::Txt(txt) => txt
            .strings
            .iter()
            .map(|s| {
                format!(
                    "{:?}",
                    &txt.value.text()[s.range.start as usize..s.range.end as usize]
                )
            })
            .collect::<Vec<_>>()
            .join(" "),
        RData::Cname { target, .. }
        | RData::Mx {
            exchange: target, ..
        } => target.clone(),
        RData::Tlsa { data } => data.clone(),
        RData::Other | RData::StsPolicy(_) => String::new(),
    };
    let ttl = record.ttl.map_or("-".to_string(), |t| t.to_string());
    format!("{} {ttl} {} {data}", record.name.text, record.rtype)
}

fn errors(extracted: &Extracted) -> Vec<(String, u32)> {
    extracted
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.message.clone(),
                d.location.source.position(d.location.span.start).line,
            )
        })
        .collect()
}

fn codes(extracted: &Extracted) -> Vec<&'static str> {
    extracted.diagnostics.iter().map(|d| d.rule.code).collect()
}

const POLICY: &str = "v=TLSRPTv1; rua=mailto:tlsrpt@example.com";

#[test]
fn owners_are_inherited_and_resolved() {
    let zone = "$ORIGIN example.com.\n$TTL 300\n_smtp._tls 60 IN TXT \"a\"\n\tTXT \"b\"\n\n   ; note\n  IN 1h TXT c\n@ TXT d\nAbs.Example.NET. TXT e\n";
    let e = read(zone);
    assert!(e.diagnostics.is_empty(), "{:?}", errors(&e));
    assert_eq!(
        summary(&e),
        [
            "_smtp._tls.example.com. 60 TXT \"a\"",
            "_smtp._tls.example.com. 300 TXT \"b\"",
            "_smtp._tls.example.com. 3600 TXT \"c\"",
            "example.com. 300 TXT \"d\"",
            "Abs.Example.NET. 300 TXT \"e\"",
        ]
    );
    let inherited = &e.records[1];
    assert_eq!(
        inherited.name.span,
        Span::at(zone.find("TXT \"b\"").unwrap() as u32)
    );
    assert_eq!(inherited.zone.as_deref(), Some("example.com."));
}

#[test]
fn without_ttl_directive_the_last_explicit_ttl_carries_on() {
    let e = read("$ORIGIN example.com.\na TXT x\nb 60 TXT y\nc TXT z\n");
    assert_eq!(
        summary(&e),
        [
            "a.example.com. - TXT \"x\"",
            "b.example.com. 60 TXT \"y\"",
            "c.example.com. 60 TXT \"z\""
        ]
    );
}

#[test]
fn origin_changes_mid_file() {
    let e = read(
        "$ORIGIN example.com.\n$ORIGIN _tls\n_smtp TXT \"x\"\nexample.net._report TXT \"y\"\n",
    );
    assert_eq!(
        summary(&e),
        [
            "_smtp._tls.example.com. - TXT \"x\"",
            "example.net._report._tls.example.com. - TXT \"y\"",
        ]
    );
    assert_eq!(e.records[0].zone.as_deref(), Some("example.com."));
}

#[test]
fn origin_from_file_names() {
    let e = read_with("db.example.org", "_smtp._tls TXT x\n", &Files(vec![]), true);
    assert_eq!(summary(&e), ["_smtp._tls.example.org. - TXT \"x\""]);
    assert_eq!(e.records[0].zone.as_deref(), Some("example.org."));
}

#[test]
fn without_origin_names_stay_relative() {
    let e = read_with(
        "primary.zone",
        "_smtp._tls TXT x\n@ TXT y\n",
        &Files(vec![]),
        true,
    );
    assert_eq!(summary(&e), ["_smtp._tls - TXT \"x\"", "@ - TXT \"y\""]);
    assert_eq!(e.records[0].zone, None);
}

#[test]
fn parentheses_and_comments_join_strings() {
    let zone = "$ORIGIN example.com.\n_smtp._tls IN TXT ( \"v=TLSRPTv1;\" ; first\n  ; a whole comment line\n  \"rua=mailto:a@example.com\" ) ; end\nnext TXT z\n";
    let e = read(zone);
    assert!(e.diagnostics.is_empty(), "{:?}", errors(&e));
    assert_eq!(
        summary(&e),
        [
            "_smtp._tls.example.com. - TXT \"v=TLSRPTv1;\" \"rua=mailto:a@example.com\"",
            "next.example.com. - TXT \"z\"",
        ]
    );
    let record = &e.records[0];
    let end = zone.find(") ; end").unwrap() as u32 + 1;
    assert_eq!(
        record.span,
        Span::new(zone.find("_smtp").unwrap() as u32, end)
    );
    let txt = record.txt().unwrap();
    assert_eq!(txt.value.text(), "v=TLSRPTv1;rua=mailto:a@example.com");
    assert!(txt.strings.iter().all(|s| s.quoted));
    assert_eq!(txt.cut_by_comment, None);
}

#[test]
fn escapes_map_to_exact_spans() {
    let zone = "x TXT \"v=TLSRPTv1\\059 rua=\\\"q\\\"\"\n";
    let e = read(zone);
    let txt = e.records[0].txt().unwrap();
    assert_eq!(txt.value.text(), "v=TLSRPTv1; rua=\"q\"");
    let semi = txt.value.text().find(';').unwrap() as u32;
    let span = txt.value.source_span(semi..semi + 1);
    assert_eq!(&zone[span.range()], "\\059");
    let v = txt.value.source_span(0..10);
    assert_eq!(&zone[v.range()], "v=TLSRPTv1");
    let q = txt.value.source_span(16..19);
    assert_eq!(&zone[q.range()], "\\\"q\\\"");
}

#[test]
fn owner_escapes_are_decoded() {
    let e = read("$ORIGIN example.com.\na\\046b TXT x\nc\\.d. TXT y\ne\\. TXT z\n");
    assert_eq!(
        summary(&e),
        [
            "a.b.example.com. - TXT \"x\"",
            "c.d. - TXT \"y\"",
            "e..example.com. - TXT \"z\""
        ]
    );
}

#[test]
fn unquoted_strings_split_at_spaces_and_stop_at_comments() {
    let zone = "$ORIGIN example.com.\n_smtp._tls IN TXT v=TLSRPTv1;rua=mailto:a@example.com\nx TXT a\\;b\\032c d ; plain comment\n";
    let e = read(zone);
    assert_eq!(
        summary(&e),
        [
            "_smtp._tls.example.com. - TXT \"v=TLSRPTv1\"",
            "x.example.com. - TXT \"a;b c\" \"d\""
        ]
    );
    let cut = e.records[0].txt().unwrap().cut_by_comment.unwrap();
    assert_eq!(&zone[cut.range()], ";rua=mailto:a@example.com");
    assert!(!e.records[0].txt().unwrap().strings[0].quoted);
    assert_eq!(e.records[1].txt().unwrap().cut_by_comment, None);
}

#[test]
fn generic_rdata_maps_bytes_to_hex() {
    // "\x02hi\x03v=x" as generic TXT, the hex split across words.
    let zone = "$ORIGIN example.com.\ng CLASS1 TYPE16 \\# 7 02 6869 03763d 78\n";
    let e = read(zone);
    assert!(e.diagnostics.is_empty(), "{:?}", errors(&e));
    assert_eq!(summary(&e), ["g.example.com. - TXT \"hi\" \"v=x\""]);
    let txt = e.records[0].txt().unwrap();
    let span = txt.value.source_span(1..2);
    assert_eq!(&zone[span.range()], "69");
    assert!(txt.strings.iter().all(|s| s.quoted));
}

#[test]
fn generic_rdata_errors() {
    let e =
        read("a TXT \\# 3 0261\nb TXT \\# 2 0561\nc TXT \\# 0\nd TXT \\# 1 0g\ne TXT \\# 1 0\n");
    let lines: Vec<u32> = errors(&e).iter().map(|(_, l)| *l).collect();
    assert_eq!(lines, [1, 2, 3, 4, 5], "{:?}", errors(&e));
    assert!(e.records.is_empty());
}

#[test]
fn cname_targets_are_absolute() {
    let e = read("$ORIGIN example.com.\n_smtp._tls CNAME _smtp._tls.example.net.\n_mta-sts CNAME policy\nwww CNAME @\n");
    assert_eq!(
        summary(&e),
        [
            "_smtp._tls.example.com. - CNAME _smtp._tls.example.net.",
            "_mta-sts.example.com. - CNAME policy.example.com.",
            "www.example.com. - CNAME example.com.",
        ]
    );
    assert!(matches!(&e.records[1].data, RData::Cname { span, .. } if span.len() == 6));
}

#[test]
fn only_relevant_records_are_kept_by_default() {
    let long = "a".repeat(256);
    let zone = format!(
        "$ORIGIN example.com.\n@ TXT \"v=spf1 -all\"\n_smtp._tls TXT \"anything\"\nx._report._tls.example.net. TXT \"v=TLSRPTv1\"\n_mta-sts TXT \"v=STSv1; id=1\"\nwrong TXT \" \\\"V=tlsrptv1;\"\nlong TXT \"{long}\"\ncut TXT a;b\nwww CNAME @\n_smtp._tls.sub CNAME elsewhere.\n@ MX 10 mail\nmail MX 10 mail\nmail A 192.0.2.1\n_25._tcp.mail TLSA 3 1 1 00\n_443._tcp.www TLSA 3 1 1 00\n"
    );
    let e = read_with("t.zone", &zone, &Files(vec![]), false);
    let names: Vec<&str> = e.records.iter().map(|r| r.name.text.as_str()).collect();
    assert_eq!(
        names,
        [
            "_smtp._tls.example.com.",
            "x._report._tls.example.net.",
            "_mta-sts.example.com.",
            "wrong.example.com.",
            "_smtp._tls.sub.example.com.",
            // Every TLSA (a `_25._tcp` CNAME may point at any), and MX where the zone has
            // a policy for the owner (last: held back until the zone is read): DANE stands
            // in for MTA-STS.
            "_25._tcp.mail.example.com.",
            "_443._tcp.www.example.com.",
            "example.com.",
        ]
    );
    // The long string of a record no rule reads is one finding for the zone, which BIND
    // refuses; the record itself is dropped like the rest.
    assert_eq!(codes(&e), ["TLSRPT308"]);
}

#[test]
fn crlf_lone_cr_and_bom() {
    let zone =
        "\u{feff}$ORIGIN example.com.\r\n_smtp._tls TXT ( \"a\"\r\n \"b\" )\r\nx TXT c\rY TXT d";
    let e = read(zone);
    assert!(e.diagnostics.is_empty(), "{:?}", errors(&e));
    assert_eq!(
        summary(&e),
        [
            "_smtp._tls.example.com. - TXT \"a\" \"b\"",
            "x.example.com. - TXT \"c\"",
            "Y.example.com. - TXT \"d\"",
        ]
    );
}

#[test]
fn syntax_errors_are_located_and_reading_goes_on() {
    let zone = "$ORIGIN example.com.\n\
        a TXT \"unterminated\n\
        b 1x TXT c\n\
        $FOO bar\n\
        c TXT \"\\256\"\n\
        d TXT\n\
        e TXTT x\n\
        f TXT ( \"x\" \n\
        \"y\" ) )\n\
        \tTXT \"inherits f\"\n\
        g \"v=TLSRPTv1\"\n\
        $TTL soon\n\
        $ORIGIN a b\n\
        ok TXT \"fine\"\n\
        h TXT a\\1b\n\
        (";
    let e = read(zone);
    let expected = [
        ("unterminated quoted string: expected a closing `\"`", 2),
        ("expected a TTL such as `3600` or `1h30m`, found `1x`", 3),
        (
            "unknown directive `$FOO`: expected `$ORIGIN`, `$TTL`, `$INCLUDE` or `$GENERATE`",
            4,
        ),
        ("escape `\\256` is over 255: expected `\\000` to `\\255`", 5),
        ("expected TXT data, found end of line", 6),
        ("unbalanced `)`: expected a `(` before it", 9),
        ("expected a record type, found `\"v=TLSRPTv1\"`", 11),
        (
            "expected a TTL such as `3600` or `1h30m` after `$TTL`, found `soon`",
            12,
        ),
        (
            "expected end of line after the `$ORIGIN` name, found `b`",
            13,
        ),
        ("expected three decimal digits after `\\`, found `\\1`", 15),
        (
            "unclosed `(`: expected a `)` before the end of the file",
            16,
        ),
    ];
    let got = errors(&e);
    let want: Vec<(String, u32)> = expected.iter().map(|(m, l)| (m.to_string(), *l)).collect();
    assert_eq!(got, want);
    assert!(codes(&e).iter().all(|c| *c == "TLSRPT001"));
    assert_eq!(
        summary(&e),
        // `f` is dropped for its stray `)`, but its owner is still inherited.
        [
            "f.example.com. - TXT \"inherits f\"",
            "ok.example.com. - TXT \"fine\""
        ]
    );
    // The error at `\256` points at the escape.
    let bad = &e.diagnostics[3].location.span;
    assert_eq!(&zone[bad.range()], "\\256");
}

#[test]
fn a_blank_owner_needs_an_earlier_owner() {
    let e = read("  TXT x\n");
    assert_eq!(
        errors(&e),
        [(
            "expected an owner name at the start of the line: no earlier record to inherit it from"
                .to_string(),
            1
        )]
    );
}

#[test]
fn includes_are_read_relative_to_the_including_file() {
    let files = Files(vec![
        ("zones/sub/policy.inc", "_smtp._tls TXT \"v=TLSRPTv1; rua=mailto:a@example.com\"\n  TXT second\n$ORIGIN elsewhere.\n"),
        ("zones/sub/other.inc", "_mta-sts TXT \"v=STSv1; id=1\"\n"),
    ]);
    let zone = "$ORIGIN example.com.\n$INCLUDE sub/policy.inc\n$INCLUDE \"sub/other.inc\" mail\nafter TXT x\n";
    let e = read_with("zones/db.example.com", zone, &files, true);
    assert!(e.diagnostics.is_empty(), "{:?}", errors(&e));
    assert_eq!(
        summary(&e),
        [
            "_smtp._tls.example.com. - TXT \"v=TLSRPTv1; rua=mailto:a@example.com\"",
            "_smtp._tls.example.com. - TXT \"second\"",
            "_mta-sts.mail.example.com. - TXT \"v=STSv1; id=1\"",
            "after.example.com. - TXT \"x\"",
        ]
    );
    assert_eq!(e.records[0].source.path, "zones/sub/policy.inc");
    assert_eq!(e.records[2].zone.as_deref(), Some("example.com."));
}

#[test]
fn missing_and_looping_includes_are_unreadable() {
    let files = Files(vec![
        ("a.zone", "$INCLUDE b.inc\n"),
        ("b.inc", "$INCLUDE a.zone\nx TXT y\n"),
    ]);
    let zone = "$INCLUDE missing.inc\n$INCLUDE b.inc\n$INCLUDE self.zone\n";
    let files = Files([files.0, vec![("self.zone", zone)]].concat());
    let e = read_with("self.zone", zone, &files, true);
    assert_eq!(
        errors(&e),
        [
            (
                "cannot read `$INCLUDE` file `missing.inc`: file not found".to_string(),
                1
            ),
            (
                "`$INCLUDE` loop: `b.inc` is already being read".to_string(),
                1
            ),
            (
                "`$INCLUDE` loop: `self.zone` is already being read".to_string(),
                3
            ),
        ]
    );
    assert_eq!(codes(&e), ["TLSRPT003"; 3]);
    assert_eq!(e.diagnostics[1].location.source.path, "a.zone");
    let span = e.diagnostics[0].location.span;
    assert_eq!(&zone[span.range()], "missing.inc");
    let e = read_with("a.zone", "$INCLUDE b.inc\n", &files, true);
    assert_eq!(
        errors(&e),
        [(
            "`$INCLUDE` loop: `a.zone` is already being read".to_string(),
            1
        )]
    );
    assert_eq!(e.diagnostics[0].location.source.path, "b.inc");
    assert_eq!(e.records.len(), 1);
}

#[test]
fn generate_is_reported_only_when_it_may_make_a_policy() {
    let zone = "$ORIGIN example.com.\n$GENERATE 1-2 _smtp._tls.host$ TXT \"v=TLSRPTv1; rua=mailto:a@example.com\"\n$GENERATE 1-9 host$ A 10.0.0.$\n$GENERATE 1-2 h$ 300 IN TXT \"v=tlsrptv1\"\n$GENERATE 1-2\n";
    let e = read(zone);
    assert_eq!(codes(&e), ["TLSRPT002", "TLSRPT002", "TLSRPT001"]);
    assert_eq!(
        e.diagnostics[0].location.span.start,
        zone.find("$GENERATE").unwrap() as u32
    );
    assert!(e.records.is_empty());
}

#[test]
fn other_types_are_skipped_but_lexing_errors_reported() {
    let e = read("a A 192.0.2.1\nb MX 10 ( mail\n  example.com. )\nc TXT \"v=spf1 -all\nd TYPE65534 \\# 1 00\n");
    assert_eq!(
        errors(&e),
        [(
            "unterminated quoted string: expected a closing `\"`".to_string(),
            4
        )]
    );
    let e = read("a NS \"ns1\n");
    assert_eq!(errors(&e).len(), 1);
}

#[test]
fn long_strings_count_octets_after_unescaping() {
    let exact = "\\065".repeat(255);
    let e = read_with(
        "t.zone",
        &format!("_smtp._tls TXT \"{exact}\" \"{exact}A\"\n"),
        &Files(vec![]),
        false,
    );
    let txt = e.records[0].txt().unwrap();
    let lengths: Vec<u32> = txt
        .strings
        .iter()
        .map(|s| s.range.end - s.range.start)
        .collect();
    assert_eq!(lengths, [255, 256]);
}

fn valid_zone() -> String {
    format!(
        "\u{feff}$ORIGIN example.com.\r\n$TTL 1h\n_smtp._tls 300 IN TXT ( \"v=TLSRPTv1;\" ; c\n \"rua=mailto:a@example.com\" )\n\tTXT {POLICY}\nx TXT \"\\059\\195\\169é\" a\\ b\\\"\ng TYPE16 \\# 4 03616263\n$INCLUDE inc.zone\nc CNAME _smtp._tls\n$GENERATE 1-2 _smtp$ TXT x\n"
    )
}

/// Every span lies within its source, on character boundaries; verbatim pieces are copies.
fn check_spans(e: &Extracted) -> Result<(), TestCaseError> {
    fn fits(text: &str, span: Span) -> bool {
        span.start <= span.end
            && (span.end as usize) <= text.len()
            && text.is_char_boundary(span.start as usize)
            && text.is_char_boundary(span.end as usize)
    }
    for d in &e.diagnostics {
        let span = d.location.span;
        prop_assert!(
            fits(&d.location.source.text, span),
            "{:?} {}",
            span,
            d.message
        );
    }
    for r in &e.records {
        let text = r.source.text.as_str();
        let fits = |span| fits(text, span);
        prop_assert!(fits(r.span) && fits(r.name.span));
        if let Some(txt) = r.txt() {
            for (decoded, source, verbatim) in txt.value.pieces() {
                prop_assert!(fits(source));
                if verbatim {
                    let d =
                        &txt.value.text().as_bytes()[decoded.start as usize..decoded.end as usize];
                    prop_assert_eq!(d, &text.as_bytes()[source.range()]);
                }
            }
            if let Some(cut) = txt.cut_by_comment {
                prop_assert!(fits(cut));
            }
        }
    }
    Ok(())
}

fn fuzz(text: &str) -> Result<(), TestCaseError> {
    let files = Files(vec![("inc.zone", "y TXT \"v=TLSRPTv1\"\n")]);
    for all_records in [false, true] {
        let e = read_with("fuzz.zone", text, &files, all_records);
        check_spans(&e)?;
    }
    Ok(())
}

proptest! {
    #[test]
    fn random_text_never_panics(text in "(?s).{0,200}") {
        fuzz(&text)?;
    }

    #[test]
    fn random_zone_like_text_never_panics(
        parts in prop::collection::vec(
            prop::sample::select(vec![
                "x", "_smtp._tls", " ", "\t", "\n", "\r", "\r\n", "(", ")", ";", "\"", "\\", "\\059",
                "\\256", "\\1", "TXT", "IN", "300", "1h", "$ORIGIN", "$TTL", "$INCLUDE", "inc.zone",
                "$GENERATE", "@", "TYPE16", "\\#", "03", "616263", "CNAME", "é", "\u{feff}", ".",
                "v=TLSRPTv1", "\\195\\169", "\\é",
            ]),
            0..60,
        )
    ) {
        fuzz(&parts.concat())?;
    }

    #[test]
    fn mutated_valid_zone_never_panics(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<char>(), 0..3u8), 1..8)
    ) {
        let mut text = valid_zone();
        for (index, c, op) in edits {
            let mut at = index.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            match op {
                0 => text.insert(at, c),
                1 if at < text.len() => {
                    text.remove(at);
                }
                _ => text.insert_str(at, ["\"", "(", ")", ";", "\\", "\n"][c as usize % 6]),
            }
        }
        fuzz(&text)?;
    }
}

#[test]
fn the_valid_zone_reads_cleanly() {
    let files = Files(vec![("inc.zone", "y TXT \"v=TLSRPTv1\"\n")]);
    let e = read_with("fuzz.zone", &valid_zone(), &files, false);
    assert_eq!(codes(&e), ["TLSRPT002"]);
    assert_eq!(
        summary(&e),
        [
            "_smtp._tls.example.com. 300 TXT \"v=TLSRPTv1;\" \"rua=mailto:a@example.com\"",
            "_smtp._tls.example.com. 3600 TXT \"v=TLSRPTv1\"",
            "y.example.com. 3600 TXT \"v=TLSRPTv1\"",
        ]
    );
}

#[test]
fn a_lua_record_anywhere_makes_the_zone_powerdns_which_splits_long_strings() {
    let long = "a".repeat(300);
    let zone = format!(
        "$ORIGIN example.com.\n_smtp._tls TXT \"v=TLSRPTv1; rua=mailto:{long}@example.com\"\n\
         k._domainkey TXT \"{long}\"\nwww LUA A \"ifportup(443, {{'192.0.2.1'}})\"\n"
    );
    let e = read_with("t.zone", &zone, &Files(vec![]), false);
    assert!(e.diagnostics.is_empty(), "{:?}", errors(&e));
    let txt = e.records[0].txt().unwrap();
    let lengths: Vec<usize> = txt.strings.iter().map(|s| s.range.len()).collect();
    assert_eq!(lengths, [255, 80]);
    // A configured dialect stands: in BIND, `LUA` is unknown (skipped at a name no rule
    // reads) and the DKIM string stops the zone loading.
    let source = Arc::new(Source::new("t.zone", zone.as_str()));
    let e = extract(&source, &Files(vec![]), None, Some(Dialect::Bind));
    assert_eq!(codes(&e), ["TLSRPT308"]);
    assert_eq!(e.records[0].txt().unwrap().strings.len(), 1);
}
