//! The repository as `report --repo` compares received reports with it: per policy domain,
//! what `check` read there (its [`Outcome`]): the `.well-known/mta-sts.txt` policy file (a
//! file is a domain's when a `[zones]` entry names it, as for `records --posture`), the MX
//! records and their exchanges' TLSA records (the outcome's mail domains), and the `rua`
//! of the TLS-RPT policies.
//!
//! Built once per run from the outcome of the same pipeline `check` runs, so a report is
//! judged against exactly what `check` and `records` see. Each value keeps where it is
//! written (`path:line`), for the findings' messages: they point into the report and name
//! the repository's side.

use std::collections::HashMap;

use crate::mail::MailDomain;
use crate::model::{RData, Record, StsPolicyLine};
use crate::pipeline::Outcome;
use crate::record::sts_policy::StsPolicyView;
use crate::uri;

/// What the repository defines, by policy domain (lowercase, without a final dot).
#[derive(Clone, Debug, Default)]
pub struct Repo {
    /// The repository directory, as given.
    pub path: String,
    domains: HashMap<String, Domain>,
}

/// What the repository holds for one domain; a domain it defines none of these for has no
/// entry.
#[derive(Clone, Debug, Default)]
pub struct Domain {
    pub policy_file: Option<PolicyFile>,
    /// The MX records at the domain, with each exchange's TLSA records.
    pub mail: Option<MailDomain>,
    /// The TLS-RPT policies for the domain (more than one is another rule's finding).
    pub policies: Vec<Rua>,
}

/// The `rua` of one TLS-RPT policy.
#[derive(Clone, Debug)]
pub struct Rua {
    /// `path:line` of the policy record.
    pub at: String,
    /// The URIs as written.
    pub uris: Vec<String>,
    /// The addresses of its `mailto:` URIs ([`uri::mailto_address`]: lowercase).
    pub addresses: Vec<String>,
}

/// A value of the repository and where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub value: String,
    /// `path:line`.
    pub at: String,
}

/// The fields of a policy file that a received report's `policy-string` repeats.
#[derive(Clone, Debug)]
pub struct PolicyFile {
    /// `path:1`: where a field the file lacks would be.
    pub at: String,
    pub mode: Option<Located>,
    pub max_age: Option<Located>,
    pub mx: Vec<Located>,
}

impl Repo {
    /// The repository `check` read into `outcome`, found at `path`.
    pub fn new(path: &str, outcome: &Outcome) -> Repo {
        let mut repo = Repo {
            path: path.to_string(),
            domains: HashMap::new(),
        };
        for record in &outcome.records {
            let name = &record.name.text;
            if !name.ends_with('.') {
                continue;
            }
            if let RData::StsPolicy(policy) = &record.data {
                let Some(domain) = strip_label(name, "mta-sts.") else {
                    continue;
                };
                let view = StsPolicyView {
                    text: &record.source.text,
                    policy,
                };
                let file = policy_file(record, &view);
                repo.entry(domain).policy_file.get_or_insert(file);
            }
        }
        for mail in &outcome.mail_domains {
            repo.entry(&mail.domain)
                .mail
                .get_or_insert_with(|| mail.clone());
        }
        for policy in &outcome.policies {
            let Some(record) = outcome.records.get(policy.record) else {
                continue;
            };
            let uris: Vec<String> = policy.destinations.iter().map(|d| d.uri.clone()).collect();
            let rua = Rua {
                at: at(record, record.span.start),
                addresses: uris.iter().filter_map(|u| uri::mailto_address(u)).collect(),
                uris,
            };
            repo.entry(&policy.domain).policies.push(rua);
        }
        repo
    }

    /// What the repository defines for `domain` (lowercase, without a final dot), if
    /// anything.
    pub fn domain(&self, domain: &str) -> Option<&Domain> {
        self.domains.get(domain)
    }

    fn entry(&mut self, domain: &str) -> &mut Domain {
        self.domains.entry(key(domain)).or_default()
    }
}

/// A domain as the report model keys it: lowercase, without a final dot.
fn key(domain: &str) -> String {
    domain.trim_end_matches('.').to_ascii_lowercase()
}

/// `name` less the leading `label` (case-insensitive), when it has it.
fn strip_label<'n>(name: &'n str, label: &str) -> Option<&'n str> {
    let head = name.get(..label.len())?;
    head.eq_ignore_ascii_case(label)
        .then(|| &name[label.len()..])
        .filter(|rest| !rest.trim_end_matches('.').is_empty())
}

/// `path:line` of `offset` in a record's source.
fn at(record: &Record, offset: u32) -> String {
    let line = record.source.position(offset).line;
    format!("{}:{line}", record.source.path)
}

/// The `mode`, `max_age` and `mx` lines senders apply (the first of each single field).
fn policy_file(record: &Record, view: &StsPolicyView<'_>) -> PolicyFile {
    let located = |line: &StsPolicyLine| Located {
        value: view.str(&line.value).to_string(),
        at: at(record, line.range.start),
    };
    PolicyFile {
        at: at(record, 0),
        mode: view.first("mode").map(|(_, l)| located(l)),
        max_age: view.first("max_age").map(|(_, l)| located(l)),
        mx: view
            .fields()
            .filter(|(_, l)| l.colon.is_some() && view.str(&l.key) == "mx")
            .map(|(_, l)| located(l))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::extract::{FileClass, NoIncludes};
    use crate::text::Source;
    use crate::Settings;

    #[test]
    fn a_zone_gives_the_mx_hosts_their_tlsa_records_and_the_rua() {
        let zone = "$ORIGIN Example.NET.\n@ MX 10 mx1\n@ MX 20 mx2\n\
                    _25._tcp.mx1 TLSA 3 1 1 0C72AC70\n\
                    _smtp._tls TXT \"v=TLSRPTv1; rua=mailto:TLSRPT@example.net,https://r.example\"\n";
        let source = Arc::new(Source::new("example.net.zone", zone));
        let outcome = crate::pipeline::check_source(
            &source,
            FileClass::Zone,
            &NoIncludes("no includes"),
            &Settings::default(),
        );
        let repo = Repo::new("repo", &outcome);
        let domain = repo.domain("example.net").unwrap();
        let mail = domain.mail.as_ref().unwrap();
        assert_eq!(mail.mx.len(), 2);
        assert_eq!(mail.tlsa[0][0].data.as_deref(), Some("3 1 1 0c72ac70"));
        assert!(mail.tlsa[1].is_empty());
        assert_eq!(domain.policies.len(), 1);
        assert_eq!(domain.policies[0].at, "example.net.zone:5");
        assert_eq!(domain.policies[0].addresses, ["tlsrpt@example.net"]);
        assert_eq!(domain.policies[0].uris.len(), 2);
        assert!(domain.policy_file.is_none());
        assert!(repo.domain("example.org").is_none());
    }

    #[test]
    fn labels_are_stripped_only_where_they_lead() {
        assert_eq!(
            strip_label("MTA-STS.example.com.", "mta-sts."),
            Some("example.com.")
        );
        assert_eq!(strip_label("mta-sts.", "mta-sts."), None);
        assert_eq!(strip_label("www.example.com.", "mta-sts."), None);
        assert_eq!(key("Example.COM."), "example.com");
    }
}
