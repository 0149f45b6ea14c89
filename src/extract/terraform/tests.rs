//! Reader tests on strings: spans inside literals, folding, expansion, quoting.

use std::sync::Arc;

use super::instance::MAX_CALLS;
use super::*;
use crate::model::{RData, Record};

/// Files by path, for sibling and module lookups.
struct Files(Vec<(&'static str, &'static str)>);

impl Loader for Files {
    fn load(&self, from: &Source, path: &str) -> Result<Arc<Source>, String> {
        let dir = from.path.rsplit_once('/').map_or("", |(d, _)| d);
        let joined = if dir.is_empty() {
            path.to_string()
        } else {
            format!("{dir}/{path}")
        };
        let joined = joined
            .replace("/./", "/")
            .trim_start_matches("./")
            .to_string();
        self.0
            .iter()
            .find(|(p, _)| *p == joined)
            .map(|(p, t)| Arc::new(Source::new(*p, *t)))
            .ok_or_else(|| "file not found".to_string())
    }

    fn list(&self, from: &Source, dir: &str) -> Vec<String> {
        let base = from.path.rsplit_once('/').map_or("", |(d, _)| d);
        let dir = dir.trim_start_matches("./").trim_end_matches('/');
        let dir = match (base, dir) {
            (base, "." | "") => base.to_string(),
            ("", dir) => dir.to_string(),
            (base, dir) => format!("{base}/{dir}"),
        };
        self.0
            .iter()
            .filter_map(|(p, _)| {
                let (d, name) = p.rsplit_once('/').unwrap_or(("", p));
                (d == dir && *p != from.path).then(|| name.to_string())
            })
            .collect()
    }
}

pub(super) fn read(files: &[(&'static str, &'static str)]) -> Extracted {
    let (path, text) = files[0];
    let source = Arc::new(Source::new(path, text));
    extract(&source, &Files(files.to_vec()), None)
}

pub(super) fn value(r: &Record) -> &str {
    match &r.data {
        RData::Txt(t) => t.value.text(),
        _ => "",
    }
}

/// The source text a decoded range of a record's value comes from.
fn at(r: &Record, range: std::ops::Range<u32>) -> &str {
    let RData::Txt(t) = &r.data else { return "" };
    &r.source.text[t.value.source_span(range).range()]
}

#[test]
fn route53_records_with_escapes_and_a_zone() {
    let tf = r#"
resource "aws_route53_zone" "main" {
  name = "example.com"
}
resource "aws_route53_record" "tlsrpt" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "_smtp._tls"
  type    = "TXT"
  ttl     = 300
  records = ["v=TLSRPTv1; rua=mailto:a\u0040example.com\"\"x"]
}
"#;
    let out = read(&[("main.tf", tf)]);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let r = &out.records[0];
    assert_eq!(r.name.text, "_smtp._tls.example.com.");
    assert_eq!(r.zone.as_deref(), Some("example.com."));
    assert_eq!(r.ttl, Some(300));
    assert_eq!(value(r), "v=TLSRPTv1; rua=mailto:a@example.comx");
    assert_eq!(at(r, 24..25), "\\u0040");
    let RData::Txt(t) = &r.data else { panic!() };
    assert_eq!(t.strings.len(), 2);
}

#[test]
fn heredocs_templates_locals_and_variables_fold() {
    let tf = r#"
locals {
  domain = "example.com"
}
variable "addr" {
  default = "tlsrpt"
}
resource "cloudflare_record" "tlsrpt" {
  zone_id = "abc"
  name    = "_smtp._tls.${local.domain}"
  type    = "TXT"
  content = <<-EOT
    v=TLSRPTv1; rua=mailto:${var.addr}@${local.domain}
  EOT
}
"#;
    let out = read(&[("main.tf", tf)]);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let r = &out.records[0];
    assert_eq!(r.name.text, "_smtp._tls.example.com");
    assert_eq!(value(r), "v=TLSRPTv1; rua=mailto:tlsrpt@example.com\n");
    assert_eq!(at(r, 0..10), "v=TLSRPTv1");
    assert_eq!(at(r, 23..29), "${var.addr}");
}

#[test]
fn for_each_expands_and_unknowns_are_reported() {
    let tf = r#"
resource "google_dns_record_set" "txt" {
  for_each     = { "_smtp._tls.example.com." = "\"v=TLSRPTv1; rua=mailto:a@example.com\"", "x.example.com." = "b" }
  managed_zone = "zone"
  name         = each.key
  type         = "TXT"
  rrdatas      = [each.value]
}
resource "aws_route53_record" "other" {
  name    = "_smtp._tls"
  type    = "TXT"
  records = [data.x.y.value]
}
"#;
    let out = read(&[("main.tf", tf)]);
    assert_eq!(out.records.len(), 2);
    assert_eq!(out.records[0].name.text, "_smtp._tls.example.com.");
    assert_eq!(
        value(&out.records[0]),
        "v=TLSRPTv1; rua=mailto:a@example.com"
    );
    assert_eq!(out.diagnostics.len(), 1);
    let d = &out.diagnostics[0];
    assert_eq!(d.rule.code, "TLSRPT002");
    assert_eq!(&tf[d.location.span.range()], "data.x.y.value");
}

#[test]
fn sibling_locals_and_module_data_are_read() {
    let records = r#"
module "dns" {
  source    = "./modules/dns"
  zone_name = "example.gov.uk"
  records = [
    { name = "_smtp._tls.example.gov.uk.", type = "TXT", ttl = 300, records = ["v=TLSRPTv1; rua=mailto:t@example.gov.uk"] },
  ]
}
"#;
    let module = r#"
resource "aws_route53_record" "r" {
  for_each = { for r in var.records : r.name => r }
  name     = each.value.name
  type     = each.value.type
  records  = each.value.records
  zone_id  = var.zone_id
}
"#;
    let out = read(&[("dns.tf", records), ("modules/dns/main.tf", module)]);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert_eq!(out.records.len(), 1);
    assert_eq!(out.records[0].name.text, "_smtp._tls.example.gov.uk.");
}

#[test]
fn each_call_of_a_local_module_is_instantiated_up_to_a_bound() {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let calls: String = (0..MAX_CALLS + 2)
        .map(|i| {
            format!("module \"m{i}\" {{\n  source = \"./m\"\n  domain = \"d{i}.example\"\n}}\n")
        })
        .collect();
    let module = r#"
variable "domain" {}
resource "aws_route53_record" "tlsrpt" {
  name    = "_smtp._tls.${var.domain}."
  type    = "TXT"
  records = ["v=TLSRPTv1; rua=mailto:t@example.com"]
}
"#;
    let out = read(&[("main.tf", leak(calls)), ("m/main.tf", module)]);
    let names: Vec<&str> = out.records.iter().map(|r| r.name.text.as_str()).collect();
    assert_eq!(names.len(), MAX_CALLS);
    assert_eq!(names[0], "_smtp._tls.d0.example.");
    assert_eq!(out.records[0].source.path, "m/main.tf");
    // The calls past the bound are said not to be read, at their `source`.
    let skipped: Vec<_> = out
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.code,
                &d.location.source.text[d.location.span.range()],
            )
        })
        .collect();
    assert_eq!(skipped, vec![(UNEVALUATED_VALUE.code, "\"./m\""); 2]);
}

/// A module of `n` files: `main.tf` declares a local that a resource in the last file
/// uses, past where the reader once stopped reading siblings (64).
fn big_module(n: usize) -> Vec<(&'static str, &'static str)> {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let main = "locals {\n  policy = \"v=TLSRPTv1; rua=mailto:t@example.com\"\n}\n";
    let mut files = vec![("m/main.tf", main)];
    for i in 0..n {
        let text = if i == n - 1 {
            r#"
resource "aws_route53_record" "tlsrpt" {
  name    = "_smtp._tls.example.com."
  type    = "TXT"
  records = [local.policy]
}
"#
            .to_string()
        } else {
            format!("locals {{\n  other_{i} = \"x\"\n}}\n")
        };
        files.push((leak(format!("m/f{i:03}.tf")), leak(text)));
    }
    files
}

#[test]
fn a_resource_in_any_file_of_a_large_module_is_seen() {
    let out = read(&big_module(100));
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert_eq!(out.records.len(), 1);
    // The record belongs to the file that writes the value.
    assert_eq!(out.records[0].source.path, "m/main.tf");
}

/// Counts the files it loads, and keeps a memo as a run does.
struct Counting(Files, crate::extract::Memo, std::sync::atomic::AtomicUsize);

impl Loader for Counting {
    fn load(&self, from: &Source, path: &str) -> Result<Arc<Source>, String> {
        self.2.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.0.load(from, path)
    }

    fn list(&self, from: &Source, dir: &str) -> Vec<String> {
        self.0.list(from, dir)
    }

    fn memo(&self) -> Option<&crate::extract::Memo> {
        Some(&self.1)
    }
}

#[test]
fn each_file_of_a_module_is_read_once_per_run() {
    let files = big_module(100);
    let loader = Counting(Files(files.clone()), Default::default(), Default::default());
    let mut records = 0;
    for (path, text) in &files {
        let source = Arc::new(Source::new(*path, *text));
        records += extract(&source, &loader, None).records.len();
    }
    assert_eq!(records, 1);
    // The first linted file is in memory; the module reads each other file once.
    let loads = loader.2.load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(loads, files.len() - 1);
}

#[test]
fn syntax_errors_and_deep_nesting_are_reported() {
    let deep = format!("x = {}TXT{}", "[".repeat(10_000), "]".repeat(10_000));
    let out = read(&[("deep.tf", Box::leak(deep.into_boxed_str()))]);
    assert_eq!(out.diagnostics[0].rule.code, "TLSRPT001");
}

#[test]
fn comments_skip_strings_and_heredocs() {
    let text = "a = \"#no\" # yes\nb = <<EOT\n# no\nEOT\n// yes\n/* yes */";
    let found: Vec<&str> = comments(text).iter().map(|s| &text[s.range()]).collect();
    assert_eq!(found, ["# yes", "// yes", "/* yes */"]);
}

#[test]
fn json_syntax_reads_like_native_syntax() {
    let json = r#"{
  "// note": "records in JSON syntax",
  "locals": { "domain": "example.com" },
  "resource": {
    "aws_route53_record": {
      "tlsrpt": {
        "name": "_smtp._tls.${local.domain}",
        "type": "TXT",
        "zone_id": "Z123",
        "records": ["v=TLSRPTv1; rua=mailto:a\u0040example.com"]
      }
    },
    "azurerm_dns_txt_record": {
      "sts": { "name": "_mta-sts", "zone_name": "example.com", "record": [{ "value": "v=STSv1; id=1" }] }
    }
  }
}"#;
    let out = read(&[("main.tf.json", json)]);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert_eq!(out.records.len(), 2);
    let r = &out.records[0];
    assert_eq!(r.name.text, "_smtp._tls.example.com");
    assert_eq!(at(r, 24..25), "\\u0040");
    assert_eq!(out.records[1].name.text, "_mta-sts.example.com.");
    let bad = read(&[("bad.tf.json", "{\"resource\": [TXT")]);
    assert_eq!(bad.diagnostics[0].rule.code, "TLSRPT001");
}

#[test]
fn a_zone_data_source_gives_the_zone() {
    let tf = r#"
data "aws_route53_zone" "this" {
  name = "example.org."
}
resource "aws_route53_record" "tlsrpt" {
  zone_id = data.aws_route53_zone.this.zone_id
  name    = "_smtp._tls"
  type    = "TXT"
  records = ["v=TLSRPTv1; rua=mailto:tlsrpt@example.org"]
}
"#;
    let out = read(&[("main.tf", tf)]);
    assert_eq!(out.records[0].name.text, "_smtp._tls.example.org.");
    assert_eq!(out.records[0].zone.as_deref(), Some("example.org."));
}

#[test]
fn auto_tfvars_win_over_defaults() {
    let tf = r#"
variable "rua" {
  default = "mailto:old@example.com"
}
resource "cloudflare_record" "tlsrpt" {
  zone_id = "z"
  name    = "_smtp._tls.example.com."
  type    = "TXT"
  content = "v=TLSRPTv1; rua=${var.rua}"
}
"#;
    let vars = "rua = \"mailto:new@example.com\"\n";
    let out = read(&[("main.tf", tf), ("terraform.tfvars", vars)]);
    assert_eq!(
        value(&out.records[0]),
        "v=TLSRPTv1; rua=mailto:new@example.com"
    );
}

/// Each record as `rtype name data` (the MX exchange and where it is written).
fn companions(out: &Extracted) -> Vec<String> {
    out.records
        .iter()
        .map(|r| match &r.data {
            RData::Mx { exchange, span } => format!(
                "MX {} {exchange} `{}`",
                r.name.text,
                &r.source.text[span.range()]
            ),
            _ => format!("{} {}", r.rtype, r.name.text),
        })
        .collect()
}

#[test]
fn mx_and_dane_tlsa_records_are_kept() {
    let text = r#"
resource "aws_route53_zone" "z" {
  name = "example.com"
}
resource "aws_route53_record" "mx" {
  zone_id = aws_route53_zone.z.zone_id
  name    = ""
  type    = "MX"
  records = ["10 mx1.example.com", "20 mx2.example.net.", "not an mx record"]
}
resource "aws_route53_record" "tlsa" {
  zone_id = aws_route53_zone.z.zone_id
  name    = "_25._tcp.mx1"
  type    = "TLSA"
  records = ["3 1 1 ab", "3 1 1 cd"]
}
resource "cloudflare_record" "mx" {
  zone_id  = aws_route53_zone.z.zone_id
  name     = "sub"
  type     = "MX"
  content  = "mx.example.org"
  priority = 10
}
resource "cloudflare_record" "tlsa" {
  zone_id = aws_route53_zone.z.zone_id
  name    = "_25._tcp.mx"
  type    = "TLSA"
  data {
    usage = 3
  }
}
resource "cloudflare_record" "web" {
  zone_id = aws_route53_zone.z.zone_id
  name    = "_443._tcp.www"
  type    = "TLSA"
  data {
    usage = 3
  }
}
locals {
  records = [{ name = "other", type = "MX", records = ["5 mx.example.com."] }]
}
"#;
    let out = read(&[("dns.tf", text)]);
    assert_eq!(
        companions(&out),
        [
            "MX example.com. mx1.example.com. `mx1.example.com`",
            "MX example.com. mx2.example.net. `mx2.example.net.`",
            "TLSA _25._tcp.mx1.example.com.",
            "MX sub.example.com. mx.example.org. `mx.example.org`",
            "TLSA _25._tcp.mx.example.com.",
            "MX other mx.example.com. `mx.example.com.`",
        ]
    );
    assert!(out.diagnostics.is_empty());
}

#[test]
fn files_with_only_mx_or_tlsa_records_are_parsed() {
    assert!(worth_parsing(r#"type = "MX""#));
    assert!(worth_parsing(r#""type": "TLSA""#));
}

#[test]
fn conditionals_and_for_filters_fold_when_their_conditions_are_known() {
    let tf = r#"
variable "strict" {
  default = true
}
variable "rua" {}
locals {
  records = [
    { name = "_smtp._tls", value = "v=TLSRPTv1; rua=mailto:a@example.com", on = true },
    { name = "_smtp._tls.off", value = "v=TLSRPTv1; rua=mailto:b@example.com", on = false },
  ]
}
resource "aws_route53_record" "picked" {
  for_each = { for r in local.records : r.name => r if r.on && !(r.name == "x") }
  name     = each.key
  type     = "TXT"
  records  = [var.strict ? each.value.value : "v=TLSRPTv1; rua=mailto:loose@example.com"]
}
resource "aws_route53_record" "unknown" {
  name    = "_smtp._tls.u"
  type    = "TXT"
  records = [var.rua != "" ? "v=TLSRPTv1; rua=${var.rua}" : "v=TLSRPTv1"]
}
"#;
    let out = read(&[("main.tf", tf)]);
    let values: Vec<&str> = out.records.iter().map(value).collect();
    // A condition that cannot be known: each branch is read, as an alternative.
    assert_eq!(
        values,
        [
            "v=TLSRPTv1; rua=mailto:a@example.com",
            "v=TLSRPTv1; rua=${var.rua}",
            "v=TLSRPTv1"
        ]
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}

#[test]
fn a_zone_list_data_source_gives_the_zone_it_looks_up() {
    let tf = r#"
data "cloudflare_zones" "main" {
  filter {
    name = "example.io"
  }
}
resource "cloudflare_dns_record" "tlsrpt" {
  zone_id = data.cloudflare_zones.main.zones[0].id
  name    = "_smtp._tls"
  type    = "TXT"
  content = "v=TLSRPTv1; rua=mailto:t@example.io"
}
"#;
    let out = read(&[("main.tf", tf)]);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert_eq!(out.records[0].name.text, "_smtp._tls.example.io.");
}
