//! The JSON `records` inventory across formats: the ok fixtures define policies in every
//! format the linter reads, and each record names its format and the zone where its source
//! gives one (a CloudFormation `HostedZoneId` or a Terraform `zone_id` that is not a
//! literal zone resource does not; external-dns manifests never do).

use std::collections::BTreeMap;
use std::path::PathBuf;

use tlsrpt_lint::render::{self, OutputFormat};
use tlsrpt_lint::{check_paths, Settings};

#[test]
fn json_records_name_their_format_and_zone() {
    let outcome = check_paths(&[PathBuf::from("fixtures/ok")], &Settings::default()).unwrap();
    let mut json = Vec::new();
    render::render(
        &outcome,
        OutputFormat::Json,
        &render::Options::default(),
        &mut json,
    )
    .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
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
