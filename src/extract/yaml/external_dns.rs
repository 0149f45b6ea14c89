//! Kubernetes external-dns `DNSEndpoint` manifests (`externaldns.k8s.io/v1alpha1`), in any
//! document of a multi-document file: `spec.endpoints[]` with `dnsName`, `recordType`,
//! `recordTTL` and `targets` (one TXT record per target, written as plain text; an MX
//! target is `10 mx.example.com`, its exchange a full name; TLSA records are kept at
//! `_25._tcp` names). The manifest does not say which zone a name is in: records have none.
//!
//! external-dns's own ownership records (`heritage=external-dns,external-dns/owner=...`)
//! are registry bookkeeping, not policies: they are skipped.

use super::{absolute, Draft, Reader};
use crate::model::{Format, Name, Writing};

pub(super) fn read(reader: &mut Reader<'_>) {
    for document in reader.stream.documents.clone() {
        let stream = &reader.stream;
        let is_endpoint = stream.get_str(document, "kind") == Some("DNSEndpoint")
            && stream
                .get_str(document, "apiVersion")
                .is_some_and(|v| v.starts_with("externaldns.k8s.io/"));
        let endpoints: Vec<usize> = stream
            .get(document, "spec")
            .and_then(|spec| stream.get(spec, "endpoints"))
            .and_then(|e| stream.seq(e))
            .filter(|_| is_endpoint)
            .unwrap_or_default()
            .to_vec();
        for endpoint in endpoints {
            read_endpoint(reader, endpoint);
        }
    }
}

fn read_endpoint(reader: &mut Reader<'_>, endpoint: usize) {
    let stream = &reader.stream;
    let (Some(name_node), Some(rtype)) = (
        stream.get(endpoint, "dnsName"),
        stream.get_str(endpoint, "recordType"),
    ) else {
        return;
    };
    let rtype = rtype.to_ascii_uppercase();
    let Some(name) = stream.scalar(name_node) else {
        return;
    };
    let targets = stream
        .get(endpoint, "targets")
        .and_then(|t| stream.seq(t))
        .unwrap_or_default()
        .to_vec();
    let draft = || Draft {
        format: Format::ExternalDns,
        name: Name {
            text: absolute(name),
            span: reader.span(name_node),
        },
        zone: None,
        rtype: rtype.clone(),
        ttl: reader.ttl(reader.stream.get(endpoint, "recordTTL")),
        span: reader.span(endpoint),
    };
    let drafts: Vec<_> = targets
        .iter()
        .filter_map(|&t| Some((draft(), t, reader.decoded(t)?)))
        .collect();
    for (draft, node, target) in drafts {
        match rtype.as_str() {
            "TXT" if !target.text().starts_with("heritage=external-dns") => {
                reader.push_txt(draft, target, None, Writing::Format)
            }
            "CNAME" => {
                let span = reader.span(node);
                reader.push_cname(draft, absolute(target.text()), span);
            }
            "MX" => reader.push_mx_data(draft, &target),
            "TLSA" => reader.push_tlsa(draft),
            _ => {}
        }
    }
}
