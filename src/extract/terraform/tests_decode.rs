//! `yamldecode(file(...))` and `jsondecode(file(...))`: records read through the
//! expression, located in the decoded file.

use super::tests::{read, value};

const MAIN: &str = r#"
resource "aws_route53_record" "r" {
  for_each = { for r in yamldecode(file("${path.module}/records.yaml")) : r.name => r }
  zone_id  = "example.com"
  name     = "_smtp._tls"
  type     = "TXT"
  records  = each.value.records
}
"#;

const RECORDS: &str =
    "- name: _smtp._tls\n  records:\n    - 'v=TLSRPTv1; rua=mailto:a@example.com'\n";

#[test]
fn decoded_records_are_located_in_the_decoded_file_and_belong_to_the_caller() {
    let out = read(&[("dns/main.tf", MAIN), ("dns/records.yaml", RECORDS)]);
    let [record] = &out.records[..] else {
        panic!("{:?}", out.records)
    };
    assert_eq!(record.source.path, "dns/records.yaml");
    assert_eq!(record.name.text, "_smtp._tls.example.com.");
    assert_eq!(value(record), "v=TLSRPTv1; rua=mailto:a@example.com");
    let txt = record.txt().unwrap();
    let span = txt.value.source_span(0..txt.value.len());
    assert_eq!(
        &RECORDS[span.range()],
        "v=TLSRPTv1; rua=mailto:a@example.com"
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}

#[test]
fn a_missing_or_unknown_file_is_unevaluated() {
    // Reported as any unknown is: the resource mentions TLS reporting.
    let out = read(&[("dns/main.tf", MAIN)]);
    assert!(out.records.is_empty());
    let messages: Vec<&str> = out.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].contains("cannot be read"), "{}", messages[0]);
    let span = out.diagnostics[0].location.span;
    assert!(MAIN[span.range()].starts_with("yamldecode(file("));

    let by_variable = MAIN.replace("${path.module}/records.yaml", "${var.dir}/records.yaml");
    let by_variable: &'static str = Box::leak(by_variable.into_boxed_str());
    let out = read(&[("dns/main.tf", by_variable), ("dns/records.yaml", RECORDS)]);
    assert!(out.records.is_empty());
    assert!(
        out.diagnostics[0].message.contains("path is not a literal"),
        "{:?}",
        out.diagnostics
    );
}

#[test]
fn a_file_that_does_not_parse_is_unevaluated() {
    let out = read(&[("dns/main.tf", MAIN), ("dns/records.yaml", "- [unclosed\n")]);
    assert!(out.records.is_empty());
    assert!(
        out.diagnostics[0].message.contains("does not parse"),
        "{:?}",
        out.diagnostics
    );
}
