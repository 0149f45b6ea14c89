//! The dnscontrol reader end to end: the JSON `records` of the real-world fixture (a mail
//! template in a required helper file, applied to three domains, with a name-building
//! helper) list one record per domain, with full names.

use std::path::PathBuf;

use tlsrpt_lint::render::{self, OutputFormat};
use tlsrpt_lint::{check_paths, Settings};

#[test]
fn json_records_list_each_template_record_once_per_domain() {
    let dir = PathBuf::from("fixtures/ok/dnscontrol/template");
    let outcome = check_paths(&[dir], &Settings::default()).unwrap();
    let mut json = Vec::new();
    render::render(
        &outcome,
        OutputFormat::Json,
        &render::Options::default(),
        &mut json,
    )
    .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
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
