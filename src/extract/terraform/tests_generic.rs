//! Resources of providers the table does not list, read by their shape.

use super::tests::{read, value};

#[test]
fn an_unlisted_resource_that_looks_like_a_record_is_read_with_a_note() {
    let tf = r#"
resource "acme_dns_entry" "tlsrpt" {
  zone = "example.com"
  host = "_smtp._tls"
  kind = "TXT"
  text = "\"v=TLSRPTv1; rua=mailto:a@example.com\""
}
"#;
    let out = read(&[("dns.tf", tf)]);
    let [record] = &out.records[..] else {
        panic!("{:?}", out.records)
    };
    assert_eq!(record.name.text, "_smtp._tls.example.com.");
    assert_eq!(value(record), "v=TLSRPTv1; rua=mailto:a@example.com");
    let via = record.via.as_ref().unwrap();
    assert_eq!(&tf[via.span.range()], r#"resource "acme_dns_entry""#);
    assert!(via.label.contains("quotes TXT values is not known"));
    // The quoting is not known: no `provider-txt-quoting` either way.
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}

#[test]
fn an_unlisted_json_resource_is_read_by_shape_at_its_block() {
    // The type is a key before the body (the fuzz harness found the header inverted here).
    let json = r#"{"resource": {"acme_dns_entry": {"tlsrpt": {
  "zone": "example.com", "host": "_smtp._tls", "kind": "TXT",
  "text": "\"v=TLSRPTv1; rua=mailto:a@example.com\""}}}}"#;
    let out = read(&[("dns.tf.json", json)]);
    let [record] = &out.records[..] else {
        panic!("{:?}", out.records)
    };
    assert_eq!(record.name.text, "_smtp._tls.example.com.");
    let via = record.via.as_ref().unwrap();
    assert!(via.span.start <= via.span.end && via.span.end as usize <= json.len());
}

#[test]
fn nested_blocks_and_lists_of_objects_are_read_by_shape() {
    let tf = r#"
resource "acme_zone" "z" {
  domain = "example.net"
  entry {
    label = "_mta-sts"
    text  = "v=STSv1; id=1"
  }
}
resource "other_rrset" "r" {
  zone    = "example.org"
  name    = "_smtp._tls"
  type    = "TXT"
  records = [{ value = "v=TLSRPTv1; rua=mailto:a@example.org" }]
}
"#;
    let out = read(&[("dns.tf", tf)]);
    let names: Vec<&str> = out.records.iter().map(|r| r.name.text.as_str()).collect();
    assert_eq!(names, ["_mta-sts.example.net.", "_smtp._tls.example.org."]);
}

#[test]
fn resources_that_are_not_records_stay_unread() {
    let tf = r#"
resource "aws_ssm_parameter" "p" {
  name  = "_smtp._tls"
  type  = "String"
  value = "v=TLSRPTv1; rua=mailto:a@example.com"
}
resource "acme_thing" "t" {
  name  = "thing"
  value = "v=spf1 -all"
}
resource "acme_note" "n" {
  name  = "_smtp._tls"
  value = "see the wiki"
}
"#;
    let out = read(&[("dns.tf", tf)]);
    assert!(out.records.is_empty(), "{:?}", out.records);
}
