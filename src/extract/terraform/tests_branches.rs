//! Conditionals whose condition is unknown, read branch by branch.

use super::tests::{read, value};
use crate::config::Settings;

const ONE_BROKEN: &str = r#"
resource "aws_route53_record" "tlsrpt" {
  zone_id = "example.com"
  name    = "_smtp._tls"
  type    = "TXT"
  records = [var.x != "" ? "v=TLSRPTv1; rua=${var.x}" : "v=TLSRPTv1; rua=tls@example.com", "v=spf1 -all"]
}
"#;

#[test]
fn each_branch_is_an_alternative_and_shared_values_are_one_record() {
    let out = read(&[("main.tf", ONE_BROKEN)]);
    let values: Vec<&str> = out.records.iter().map(value).collect();
    assert_eq!(
        values,
        [
            "v=TLSRPTv1; rua=${var.x}",
            "v=spf1 -all",
            "v=TLSRPTv1; rua=tls@example.com",
        ]
    );
    let [when_true, spf, when_false] = &out.records[..] else {
        panic!("three records")
    };
    assert!(when_true.excludes(when_false) && when_false.excludes(when_true));
    assert!(!spf.excludes(when_true) && spf.via.is_none());
    let via = when_false.via.as_ref().unwrap();
    assert_eq!(&ONE_BROKEN[via.span.range()], r#"var.x != """#);
    assert!(via.label.ends_with("false"), "{}", via.label);
    // The branches' own spans, so each finding is labelled with its branch.
    assert_eq!(
        &ONE_BROKEN[when_false.span.range()],
        r#""v=TLSRPTv1; rua=tls@example.com""#
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}

#[test]
fn only_the_broken_branch_has_a_finding_and_alternatives_are_not_two_policies() {
    let out = read(&[("main.tf", ONE_BROKEN)]);
    let mut settings = Settings::default();
    settings.retain_rules(|r| !["TLSRPT401", "TLSRPT503", "TLSRPT504"].contains(&r.code));
    let outcome = crate::pipeline::finish(out.records, out.diagnostics, &[], &settings);
    let found: Vec<(&str, String, Vec<String>)> = outcome
        .diagnostics
        .iter()
        .map(|d| {
            let labels = d.labels.iter().map(|l| l.message.clone()).collect();
            (d.rule.code, d.message.clone(), labels)
        })
        .collect();
    let label = "this alternative is published when this condition is false";
    assert_eq!(
        found,
        [
            (
                "TLSRPT201",
                "`rua` URI `tls@example.com` has no scheme".to_string(),
                vec![label.to_string()]
            ),
            (
                "TLSRPT302",
                "an SPF record at the policy name `_smtp._tls.example.com.`".to_string(),
                vec![]
            )
        ]
    );
}

#[test]
fn a_condition_that_decides_nothing_in_the_value_gives_one_reading() {
    // `var.x` feeds the TTL's condition and the value alike: no branch settles the value.
    let text = r#"
locals {
  tls = var.x
}
resource "aws_route53_record" "tlsrpt" {
  zone_id = "example.com"
  name    = "_smtp._tls"
  type    = "TXT"
  ttl     = local.tls == "" ? 300 : 600
  records = [local.tls]
}
"#;
    let out = read(&[("main.tf", text)]);
    assert!(out.records.is_empty(), "{:?}", out.records);
    let messages: Vec<&str> = out.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
}

#[test]
fn nested_unknown_conditions_give_at_most_eight_alternatives() {
    let mut value = String::from("\"v=TLSRPTv1; rua=mailto:a@example.com\"");
    for i in 0..6 {
        value = format!("var.c{i} ? {value} : \"v=TLSRPTv1; rua=mailto:b{i}@example.com\"");
    }
    let text = format!(
        "resource \"aws_route53_record\" \"t\" {{\n  zone_id = \"example.com\"\n  name = \"_smtp._tls\"\n  type = \"TXT\"\n  records = [{value}]\n}}\n"
    );
    let text: &'static str = Box::leak(text.into_boxed_str());
    let out = read(&[("main.tf", text)]);
    assert!(out.records.len() <= 8, "{}", out.records.len());
    assert!(!out.records.is_empty());
}
