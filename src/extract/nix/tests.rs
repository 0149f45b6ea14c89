use std::sync::Arc;

use super::*;
use crate::model::{RData, Record};
use crate::text::Source;

fn read(path: &str, text: &str) -> Extracted {
    extract(&Arc::new(Source::new(path, text)), None)
}

fn txt(record: &Record) -> &crate::text::Decoded {
    match &record.data {
        RData::Txt(t) => &t.value,
        other => panic!("not a TXT: {other:?}"),
    }
}

/// Every verbatim piece of every TXT value is the source's bytes.
fn assert_verbatim_pieces(text: &str, records: &[Record]) {
    for r in records {
        let Some(t) = r.txt() else { continue };
        for (range, span, verbatim) in t.value.pieces() {
            if verbatim {
                assert_eq!(
                    &text[span.range()],
                    &t.value.text()[range.start as usize..range.end as usize]
                );
            }
        }
    }
}

#[test]
fn values_keep_their_bytes_through_escapes_and_interpolation() {
    let text = "let rua = \"mailto:r@example.com\"; in {\n  subdomains.\"_smtp._tls\".TXT = [ \"v=TLSRPTv1\\; rua=${rua}\" ];\n}\n";
    let out = read("example.com.nix", text);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let [r] = out.records.as_slice() else {
        panic!("{:?}", out.records)
    };
    assert_eq!(r.name.text, "_smtp._tls.example.com.");
    assert_eq!(&text[r.name.span.range()], "_smtp._tls");
    let value = txt(r);
    assert_eq!(value.text(), "v=TLSRPTv1; rua=mailto:r@example.com");
    // `\;` is one piece over its two bytes; the interpolation one piece over `${rua}`.
    assert_eq!(&text[value.source_span(10..11).range()], "\\;");
    assert_eq!(&text[value.source_span(16..20).range()], "${rua}");
    assert_eq!(&text[value.source_span(0..10).range()], "v=TLSRPTv1");
    assert_verbatim_pieces(text, &out.records);
}

#[test]
fn indented_strings_map_each_line_to_its_bytes() {
    let text = "{ subdomains._mta-sts.TXT = [ ''\n    v=STSv1;\n      id=1\n  '' ]; }\n";
    let out = read("example.org.nix", text);
    let [r] = out.records.as_slice() else {
        panic!("{:?}", out.records)
    };
    // The closing line's spaces are no indentation: 4 are removed.
    assert_eq!(txt(r).text(), "v=STSv1;\n  id=1\n");
    assert_eq!(&text[txt(r).source_span(0..8).range()], "v=STSv1;");
    assert_eq!(&text[txt(r).source_span(9..15).range()], "  id=1");
    assert_verbatim_pieces(text, &out.records);
    // A fix would change the indentation removed: none is offered.
    assert_eq!(r.txt().unwrap().writing, crate::model::Writing::Never);
}

#[test]
fn the_zone_comes_from_the_attribute_path_the_call_or_the_file_name() {
    let by_path = "{ zones.\"example.net\".subdomains._mta-sts.TXT = [ \"v=STSv1; id=1\" ]; }";
    let by_call = "{ dns }: dns.lib.toString \"example.org\" { subdomains._mta-sts.TXT = [ \"v=STSv1; id=1\" ]; }";
    let by_name = "{ subdomains._mta-sts.TXT = [ \"v=STSv1; id=1\" ]; }";
    let name = |path: &str, text: &str| read(path, text).records[0].name.text.clone();
    assert_eq!(name("zones.nix", by_path), "_mta-sts.example.net.");
    assert_eq!(name("zones.nix", by_call), "_mta-sts.example.org.");
    assert_eq!(name("example.com.nix", by_name), "_mta-sts.example.com.");
    assert_eq!(name("default.nix", by_name), "_mta-sts");
}

#[test]
fn nested_subdomains_name_labels_from_right_to_left() {
    let text = "{ subdomains._tls.subdomains._smtp.TXT = [ \"v=TLSRPTv1; rua=mailto:a@example.com\" ];\n  subdomains._smtp.subdomains._tls.TXT = [ \"v=TLSRPTv1; rua=mailto:a@example.com\" ]; }";
    let out = read("example.com.nix", text);
    let names: Vec<&str> = out.records.iter().map(|r| r.name.text.as_str()).collect();
    assert_eq!(
        names,
        ["_smtp._tls.example.com.", "_tls._smtp.example.com."]
    );
}

#[test]
fn record_sets_of_modules_are_read_with_their_zone() {
    let text = "{ lib, ... }: let mk = name: value: { inherit name value; type = \"TXT\"; }; in {\n  zone = \"example.com\";\n  records = lib.mkMerge [ [ (mk \"_smtp._tls\" \"v=TLSRPTv1;\") ] ];\n}";
    let out = read("dns.nix", text);
    let [r] = out.records.as_slice() else {
        panic!("{:?}", out.records)
    };
    assert_eq!(r.name.text, "_smtp._tls.example.com.");
    assert_eq!(r.rtype, "TXT");
}

#[test]
fn computed_names_keep_their_written_labels_and_are_reported() {
    let text = "{ config, ... }: { records = [ { name = \"_smtp.tls.${config.domain}\"; type = \"TXT\"; value = \"v=TLSRPTv1; rua=mailto:a@example.com\"; } ]; }";
    let out = read("mail.nix", text);
    assert_eq!(out.records.len(), 1);
    assert_eq!(out.records[0].name.text, "_smtp.tls");
    assert_eq!(out.diagnostics.len(), 1);
    let d = &out.diagnostics[0];
    assert_eq!(d.rule.code, "TLSRPT002");
    assert_eq!(&text[d.location.span.range()], "config.domain");
}

#[test]
fn unrelated_records_and_unknown_values_elsewhere_stay_quiet() {
    // An SPF record and a TXT computed from an option at an unrelated name.
    let text = "{ config, ... }: { TXT = [ \"v=spf1 -all\" config.verification ]; subdomains._tls.TXT = [ ]; }";
    let out = read("example.com.nix", text);
    assert!(out.records.is_empty());
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}

#[test]
fn cycles_and_endless_recursion_end_as_unknown() {
    let text = "let f = x: f [ x x ]; r = rec { a = b; b = a; }; in { subdomains.\"_smtp._tls\".TXT = [ (f 1) r.a ]; }";
    let out = read("example.com.nix", text);
    assert!(out.records.is_empty());
    assert_eq!(out.diagnostics.len(), 2, "{:?}", out.diagnostics);
}

#[test]
fn syntax_errors_are_reported_where_the_parser_stopped() {
    let text = "{ subdomains.\"_smtp._tls\".TXT = [ \"v=TLSRPTv1\" ] }";
    let out = read("example.com.nix", text);
    assert_eq!(out.diagnostics.len(), 1);
    assert_eq!(out.diagnostics[0].rule.code, "TLSRPT001");
    assert!(out.diagnostics[0].message.starts_with("invalid Nix: "));
}

#[test]
fn files_without_a_marker_are_not_parsed() {
    assert!(!worth_parsing("{ services.nginx.enable = true; }"));
    assert!(read("a.nix", "{ this is not nix").diagnostics.is_empty());
    assert!(worth_parsing("{ x = \"V=TLSRPTV1\"; }"));
}

#[test]
fn long_chains_and_deep_nesting_are_refused_before_parsing() {
    // Run on a test thread's small stack: neither the parser nor freeing the tree may
    // recurse per term.
    for text in [
        format!("{{ x = \"_smtp._tls\"; y = {}1; }}", "1 + ".repeat(100_000)),
        format!("{{ x = \"_smtp._tls\"; y = f {}; }}", "a ".repeat(100_000)),
        format!("# _smtp\n{}1{}", "[(".repeat(10_000), ")]".repeat(10_000)),
    ] {
        let out = read("deep.nix", &text);
        assert_eq!(out.diagnostics.len(), 1, "{:?}", out.diagnostics);
        assert_eq!(out.diagnostics[0].rule.code, "TLSRPT001");
    }
    // A long flat list is not deep: every item is read.
    let flat = format!(
        "{{ subdomains._mta-sts.TXT = [ {}\"v=STSv1; id=1\" ]; }}",
        "\"a\" ".repeat(20_000)
    );
    let out = read("example.com.nix", &flat);
    assert!(out.diagnostics.is_empty());
    assert_eq!(out.records.len(), 20_001);
}

#[test]
fn comments_are_the_hash_comments() {
    let text = "# one\n{ a = 1; /* two */ } # three\n";
    let spans: Vec<&str> = comments(text).iter().map(|s| &text[s.range()]).collect();
    assert_eq!(spans, ["# one", "# three"]);
}
