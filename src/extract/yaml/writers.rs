//! Writers for the YAML dialects: OctoDNS zone files, CloudFormation templates and
//! external-dns `DNSEndpoint` manifests. Every value is a single-quoted scalar (no escapes
//! but `''`, so nothing in a TLS-RPT value can end it or start a comment), written the way
//! each tool wants its TXT values:
//!
//! - OctoDNS: `;` escaped as `\;` (the `escaped_semicolons: true` default of 1.x), keys in
//!   the sorted order `octodns-validate` enforces; OctoDNS splits long values itself;
//! - CloudFormation: Route 53 wants each record as quoted character-strings of at most 255
//!   octets, `"a" "b"`, with `"` and `\` escaped inside;
//! - external-dns: the plain value, which its providers split.

use crate::extract::writing::{comments, label, relative, strings, ZoneRecords};

/// An OctoDNS YamlProvider zone file (`<zone>.yaml`).
pub fn octodns(zone: &ZoneRecords) -> String {
    let mut out = comments("#", &zone.note);
    out.push_str("---\n");
    let mut records: Vec<_> = zone.records.iter().collect();
    records.sort_by_key(|r| relative(&r.name, &zone.zone));
    for record in records {
        let name = relative(&record.name, &zone.zone);
        let name = if name == "@" { String::new() } else { name };
        out.push_str(&format!(
            "{}:\n  ttl: {}\n  type: TXT\n  value: {}\n",
            quoted(&name),
            record.ttl,
            quoted(&record.value.replace(';', "\\;"))
        ));
    }
    out
}

/// A CloudFormation template of `AWS::Route53::RecordSet` resources.
pub fn cloudformation(zone: &ZoneRecords) -> String {
    let mut out = comments("#", &zone.note);
    out.push_str("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n");
    for record in &zone.records {
        let strings: Vec<String> = strings(&record.value)
            .into_iter()
            .map(|s| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")))
            .collect();
        out.push_str(&format!(
            "  {}:\n    Type: AWS::Route53::RecordSet\n    Properties:\n      \
             HostedZoneName: {}\n      Name: {}\n      Type: TXT\n      TTL: '{}'\n      \
             ResourceRecords:\n        - {}\n",
            logical_id(&record.name),
            quoted(&format!("{}.", zone.zone)),
            quoted(&format!("{}.", record.name)),
            record.ttl,
            quoted(&strings.join(" "))
        ));
    }
    out
}

/// An external-dns `DNSEndpoint` manifest.
pub fn external_dns(zone: &ZoneRecords) -> String {
    let mut out = comments("#", &zone.note);
    out.push_str(&format!(
        "apiVersion: externaldns.k8s.io/v1alpha1\nkind: DNSEndpoint\nmetadata:\n  name: {}\n\
         spec:\n  endpoints:\n",
        label(&zone.zone).replace('_', "-")
    ));
    for record in &zone.records {
        out.push_str(&format!(
            "    - dnsName: {}\n      recordTTL: {}\n      recordType: TXT\n      targets:\n        - {}\n",
            quoted(&record.name),
            record.ttl,
            quoted(&record.value)
        ));
    }
    out
}

/// A YAML single-quoted scalar.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// A CloudFormation logical id (letters and digits) for the record at `name`.
fn logical_id(name: &str) -> String {
    label(name)
        .split('_')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or(String::new(), |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logical_ids_are_alphanumeric() {
        assert_eq!(logical_id("_smtp._tls.example.com"), "SmtpTlsExampleCom");
        assert_eq!(quoted("it's"), "'it''s'");
    }
}
