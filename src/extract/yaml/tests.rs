//! The YAML readers end to end: text in, records and diagnostics out.

use std::sync::Arc;

use super::*;

struct NoFiles;

impl Loader for NoFiles {
    fn load(&self, _from: &Source, path: &str) -> Result<Arc<Source>, String> {
        Err(format!("`{path}`: not found"))
    }
}

fn read(path: &str, text: &str) -> Extracted {
    extract(&Arc::new(Source::new(path, text)), &NoFiles, None)
}

/// Each record as `name zone value`, each diagnostic as `code source-text`.
pub(super) fn summary(out: &Extracted) -> (Vec<String>, Vec<String>) {
    let records = out
        .records
        .iter()
        .map(|r| {
            let value = match &r.data {
                RData::Txt(t) => t.value.text().to_string(),
                RData::Mx { exchange, .. } => format!("MX {exchange}"),
                RData::Other => r.rtype.clone(),
                _ => String::new(),
            };
            format!(
                "{} {} {value}",
                r.name.text,
                r.zone.as_deref().unwrap_or("-")
            )
        })
        .collect();
    let diagnostics = out
        .diagnostics
        .iter()
        .map(|d| {
            let text = &d.location.source.text[d.location.span.range()];
            format!("{} {text}", d.rule.code)
        })
        .collect();
    (records, diagnostics)
}

#[test]
fn non_dns_yaml_is_not_parsed() {
    let out = read("ci.yaml", "on: [push]\njobs: {a: [\n");
    assert!(out.records.is_empty() && out.diagnostics.is_empty());
}

#[test]
fn octodns_values_lists_and_escapes() {
    let text = "'':\n  - type: MX\n    value: {exchange: mx., preference: 10}\n_smtp._tls:\n  type: TXT\n  values:\n    - v=TLSRPTv1\\; rua=mailto:a@example.com\n    - \"v=TLSRPTv1; rua=mailto:b@example.com\"\nx:\n  octodns: {ignored: true}\n  type: TXT\n  value: v=TLSRPTv1; rua=mailto:c@example.com\n";
    let (records, diagnostics) = summary(&read("zones/example.com.yaml", text));
    assert_eq!(
        records,
        [
            "example.com. example.com. MX mx.",
            "_smtp._tls.example.com. example.com. v=TLSRPTv1; rua=mailto:a@example.com",
            "_smtp._tls.example.com. example.com. v=TLSRPTv1; rua=mailto:b@example.com",
        ]
    );
    assert_eq!(diagnostics, ["TLSRPT601 ;"]);
}

#[test]
fn invalid_yaml_is_a_syntax_error_at_the_escape() {
    let text = "_smtp._tls:\n  type: TXT\n  value: \"v=TLSRPTv1\\; rua=mailto:a@example.com\"\n";
    let (_, diagnostics) = summary(&read("example.com.yaml", text));
    assert_eq!(diagnostics, ["TLSRPT001 \\;"]);
}

#[test]
fn cloudformation_folds_literals_and_points_at_parameters() {
    let text = "Resources:\n  R:\n    Type: AWS::Route53::RecordSet\n    Properties:\n      Name: !Sub '_smtp._tls.${Domain}'\n      Type: TXT\n      ResourceRecords:\n        - !Join ['', ['\"v=TLSRPTv1; ', 'rua=mailto:a@example.com\"']]\n";
    let (records, diagnostics) = summary(&read("stack.yaml", text));
    assert_eq!(
        records,
        ["_smtp._tls.${Domain} - v=TLSRPTv1; rua=mailto:a@example.com"]
    );
    assert_eq!(diagnostics, ["TLSRPT002 ${Domain}"]);
}

#[test]
fn cloudformation_parameters_elsewhere_are_not_reported() {
    let text = "Resources:\n  R:\n    Type: AWS::Route53::RecordSet\n    Properties:\n      Name: !Sub 'www.${Domain}'\n      Type: CNAME\n      ResourceRecords: [!Ref Target]\n";
    let out = read("stack.yaml", text);
    assert!(out.records.is_empty() && out.diagnostics.is_empty());
}

#[test]
fn cloudformation_json_long_form() {
    let text = r#"{"Resources": {"R": {"Type": "AWS::Route53::RecordSet", "Properties": {
  "Name": {"Fn::Join": [".", ["_smtp._tls", "example", "com"]]}, "Type": "TXT",
  "ResourceRecords": ["\"v=TLSRPTv1; rua=mailto:a@example.com\""]}}}}"#;
    let (records, diagnostics) = summary(&read("stack.json", text));
    assert_eq!(
        records,
        ["_smtp._tls.example.com. - v=TLSRPTv1; rua=mailto:a@example.com"]
    );
    assert!(diagnostics.is_empty());
}

#[test]
fn external_dns_skips_its_ownership_records() {
    let text = "apiVersion: externaldns.k8s.io/v1alpha1\nkind: DNSEndpoint\nspec:\n  endpoints:\n    - dnsName: _smtp._tls.example.com\n      recordType: TXT\n      targets: [\"heritage=external-dns,external-dns/owner=x\", \"v=TLSRPTv1; rua=mailto:a@example.com\"]\n";
    let (records, _) = summary(&read("ep.yaml", text));
    assert_eq!(
        records,
        ["_smtp._tls.example.com. - v=TLSRPTv1; rua=mailto:a@example.com"]
    );
}

#[test]
fn templates_that_do_not_parse_are_skipped() {
    let text = "apiVersion: externaldns.k8s.io/v1alpha1\nkind: DNSEndpoint\nspec:\n  endpoints: {{ .Values.endpoints }}\n";
    let out = read("templates/endpoint.yaml", text);
    assert!(out.records.is_empty() && out.diagnostics.is_empty());
}

#[test]
fn a_zone_split_by_record_takes_its_zone_from_the_directory() {
    let text = "_smtp._tls:\n  type: TXT\n  value: v=TLSRPTv1\\; rua=mailto:a@example.net\n";
    let (records, diagnostics) = summary(&read("zones/example.net./_smtp._tls.yaml", text));
    assert_eq!(
        records,
        ["_smtp._tls.example.net. example.net. v=TLSRPTv1; rua=mailto:a@example.net"]
    );
    assert!(diagnostics.is_empty());
}

/// Every scalar of every YAML and JSON fixture decodes by the re-scan to exactly the
/// parser's value, each verbatim piece equal to its source bytes.
#[test]
fn every_fixture_scalar_maps_back_to_its_source() {
    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else if path
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
            {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    files(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &mut paths,
    );
    let mut scalars = 0;
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        let Ok(stream) = document::parse(&text) else {
            continue;
        };
        for node in &stream.nodes {
            let document::Kind::Scalar { value, style } = &node.kind else {
                continue;
            };
            let decoded = scalar::rescan(&text, node.span, *style, value);
            let decoded = decoded.unwrap_or_else(|| panic!("{}: {value:?}", path.display()));
            scalar::assert_maps_back(&text, value, &decoded);
            scalars += 1;
        }
    }
    assert!(
        scalars > 500,
        "only {scalars} scalars in {} files",
        paths.len()
    );
}
#[test]
fn quoted_scalars_in_flow_collections_end_at_their_quote() {
    let text = "{\"r\": [{ \"value\": \"x\\u0040y\" }]}\n";
    let stream = document::parse(text).unwrap();
    let node = stream
        .nodes
        .iter()
        .find(|n| matches!(&n.kind, document::Kind::Scalar { value, .. } if value == "x@y"))
        .unwrap();
    assert_eq!(&text[node.span.range()], "\"x\\u0040y\"");
    let document::Kind::Scalar { value, style } = &node.kind else {
        unreachable!()
    };
    assert!(scalar::rescan(text, node.span, *style, value).is_some());
}

#[test]
fn octodns_keeps_mx_and_tlsa() {
    let text = "'':\n  type: MX\n  values:\n    - {exchange: mx1.example.net., preference: 10}\n    - {value: mx2, priority: 20}\n_25._tcp.mx1:\n  type: TLSA\n  value: {certificate_usage: 3, selector: 1, matching_type: 1, certificate_association_data: ab}\n_443._tcp.www:\n  type: TLSA\n  value: {certificate_usage: 3, selector: 1, matching_type: 1, certificate_association_data: ab}\n";
    let out = read("zones/example.com.yaml", text);
    let (records, diagnostics) = summary(&out);
    assert_eq!(
        records,
        [
            "example.com. example.com. MX mx1.example.net.",
            "example.com. example.com. MX mx2.example.com.",
            "_25._tcp.mx1.example.com. example.com. TLSA",
            // Kept wherever it is: a `_25._tcp` CNAME may point at it.
            "_443._tcp.www.example.com. example.com. TLSA",
        ]
    );
    assert!(diagnostics.is_empty());
    let RData::Mx { span, .. } = &out.records[1].data else {
        panic!("not an MX");
    };
    assert_eq!(&text[span.range()], "mx2");
}

#[test]
fn cloudformation_and_external_dns_keep_mx_and_tlsa() {
    let cfn = "Resources:\n  M:\n    Type: AWS::Route53::RecordSet\n    Properties:\n      HostedZoneName: example.com\n      Name: example.com\n      Type: MX\n      ResourceRecords: ['10 mx.example.com', 'bad data here']\n  T:\n    Type: AWS::Route53::RecordSet\n    Properties:\n      Name: _25._tcp.mx.example.com.\n      Type: TLSA\n      ResourceRecords: ['3 1 1 ab']\n";
    let out = read("dns.yaml", cfn);
    assert_eq!(
        summary(&out).0,
        [
            "example.com. example.com. MX mx.example.com.",
            "_25._tcp.mx.example.com. - TLSA",
        ]
    );
    let RData::Mx { span, .. } = &out.records[0].data else {
        panic!("not an MX");
    };
    assert_eq!(&cfn[span.range()], "mx.example.com");
    let k8s = "apiVersion: externaldns.k8s.io/v1alpha1\nkind: DNSEndpoint\nspec:\n  endpoints:\n    - {dnsName: example.org, recordType: MX, targets: ['10 mx.example.org.']}\n    - {dnsName: _25._tcp.mx.example.org, recordType: TLSA, targets: ['3 1 1 ab']}\n    - {dnsName: _443._tcp.mx.example.org, recordType: TLSA, targets: ['3 1 1 ab']}\n";
    assert_eq!(
        summary(&read("endpoints.yaml", k8s)).0,
        [
            "example.org. - MX mx.example.org.",
            "_25._tcp.mx.example.org. - TLSA",
            "_443._tcp.mx.example.org. - TLSA",
        ]
    );
}
