//! The JSON `records` inventory end to end.
//!
//! Across formats: the ok fixtures define policies in every format the linter reads, and
//! each record names its format and the zone where its source gives one (a CloudFormation
//! `HostedZoneId` or a Terraform `zone_id` that is not a literal zone resource does not;
//! external-dns manifests never do).
//!
//! dnscontrol's real-world fixture (a mail template in a required helper file, applied to
//! three domains, with a name-building helper) lists one record per domain, with full
//! names.

use std::collections::BTreeMap;
use std::path::PathBuf;

use tlsrpt_lint::render::{self, OutputFormat};
use tlsrpt_lint::{check_paths, Settings};

/// `check --format json` on `path`, parsed.
fn json_of(path: &str) -> serde_json::Value {
    let outcome = check_paths(&[PathBuf::from(path)], &Settings::default()).unwrap();
    let mut json = Vec::new();
    render::render(
        &outcome,
        OutputFormat::Json,
        &render::Options::default(),
        &mut json,
    )
    .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    json
}

#[test]
fn json_records_name_their_format_and_zone() {
    let json = json_of("fixtures/ok");
    // Per format: (policies, records with a zone).
    let mut seen: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for record in json["records"].as_array().unwrap() {
        let entry = seen
            .entry(record["format"].as_str().unwrap().to_string())
            .or_default();
        entry.0 += usize::from(record["kind"] == "policy");
        entry.1 += usize::from(record["zone"].is_string());
    }
    for format in [
        "zone",
        "mta-sts-policy",
        "octodns",
        "cloudformation",
        "external-dns",
        "terraform",
        "dnscontrol",
    ] {
        assert!(
            seen.contains_key(format),
            "no `{format}` record in {seen:?}"
        );
    }
    for format in [
        "octodns",
        "cloudformation",
        "external-dns",
        "terraform",
        "dnscontrol",
    ] {
        assert!(seen[format].0 > 0, "no `{format}` policy in {seen:?}");
    }
    for format in ["octodns", "cloudformation", "terraform", "dnscontrol"] {
        assert!(
            seen[format].1 > 0,
            "no `{format}` record with a zone: {seen:?}"
        );
    }
    assert_eq!(
        seen["external-dns"].1, 0,
        "external-dns names no zone: {seen:?}"
    );
}

#[test]
fn json_records_list_each_template_record_once_per_domain() {
    let json = json_of("fixtures/ok/dnscontrol/template");
    let mut records: Vec<String> = json["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            assert_eq!(r["format"], "dnscontrol");
            assert_eq!(r["path"], "fixtures/ok/dnscontrol/template/lib/mail.js");
            format!("{} {} {}", r["zone"], r["name"], r["value"])
        })
        .collect();
    records.sort();
    let want = [
        r#""example.co.uk." "_mta-sts.example.co.uk." "v=STSv1; id=20240101""#,
        r#""example.co.uk." "_smtp._tls.example.co.uk." "v=TLSRPTv1; rua=mailto:tlsrpt@example.co.uk""#,
        r#""example.net." "_mta-sts.example.net." "v=STSv1; id=20240101""#,
        r#""example.net." "_smtp._tls.example.net." "v=TLSRPTv1; rua=mailto:tlsrpt@example.net""#,
        r#""example.org." "_mta-sts.example.org." "v=STSv1; id=20240101""#,
        r#""example.org." "_smtp._tls.example.org." "v=TLSRPTv1; rua=mailto:tlsrpt@example.org""#,
    ];
    assert_eq!(records, want);
}
