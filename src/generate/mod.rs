//! `tlsrpt-lint generate`: a TLS-RPT policy, and on request its MTA-STS record and policy
//! file, written in the repository's own source format, with the authorization record each
//! external collector would publish.
//!
//! A command beside the pipeline (DESIGN.md, "Beyond check"): what the records are is
//! decided here, how each format writes them by the writers beside the readers
//! ([`crate::extract::writing`]). Nothing is judged here either: the records are written as
//! a zone file and linted by the rules themselves, so bad input (`--rua` without a scheme,
//! an `--mx` that is no host name) is refused with the finding `check` would report, and
//! which `rua` hosts are external is decided by the same inventory that `check` uses.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::config::Settings;
use crate::extract::writing::{TxtRecord, ZoneRecords};
use crate::extract::FileClass;
use crate::extract::NoIncludes;
use crate::inventory::Status;
use crate::pipeline::{check_source, Outcome};
use crate::rules;
use crate::text::Source;

mod clock;
mod formats;
mod repository;

pub use clock::utc_id;
pub use formats::Writer;
pub use repository::repository_writer;

/// The MTA-STS mode asked for (`none` is not: it publishes nothing to report on).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Testing,
    Enforce,
}

impl Mode {
    fn as_str(self) -> &'static str {
        match self {
            Mode::Testing => "testing",
            Mode::Enforce => "enforce",
        }
    }
}

/// MTA-STS: the mode, the MX patterns, `max_age` and the record's `id`.
#[derive(Clone, Debug)]
pub struct MtaSts {
    pub mode: Mode,
    pub mx: Vec<String>,
    pub max_age: u32,
    pub id: String,
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct Request {
    pub domain: String,
    pub rua: Vec<String>,
    pub mta_sts: Option<MtaSts>,
}

/// One file of the output: where it goes and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The file name its reader finds it by (`example.com.zone`, `.well-known/mta-sts.txt`).
    pub file: String,
    /// Where it is published, for the reader of the output.
    pub title: String,
    pub text: String,
}

/// Why the request cannot be generated: a rule's finding on the generated records (or a
/// domain that is no host name), as the linter words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub help: Option<String>,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\nhelp: {help}")?;
        }
        Ok(())
    }
}

/// TTLs: a day for the policy and the authorizations (RFC 8460 §7 advises a large one), an
/// hour for `_mta-sts`, whose `id` changes with each new policy file.
const POLICY_TTL: u32 = 86400;
const MTA_STS_TTL: u32 = 3600;

/// The files of `request` in `writer`'s format: the domain's zone, the policy file, then one
/// zone per external collector.
pub fn generate(request: &Request, writer: Writer) -> Result<Vec<Section>, Problem> {
    let domain = request.domain.trim_end_matches('.').to_ascii_lowercase();
    domain_problem(&domain)?;
    let own = own_zone(request, &domain);
    // The policy alone first: the inventory says which destinations are external.
    let outcome = lint_zones(std::slice::from_ref(&own));
    let collectors = collectors(&outcome, &domain);
    let mut zones = vec![own];
    zones.extend(collectors);
    let outcome = lint_zones(&zones);
    if let Some(d) = outcome
        .diagnostics
        .iter()
        .find(|d| d.rule != &rules::tlsrpt_without_mta_sts::TLSRPT_WITHOUT_MTA_STS)
    {
        return Err(Problem {
            message: format!("{} [{} {}]", d.message, d.rule.code, d.rule.name),
            help: d.help.clone(),
        });
    }
    let mut sections = Vec::new();
    let mut zones = zones.into_iter();
    if let Some(own) = zones.next() {
        sections.push(section(writer, &own, format!("the zone of {domain}")));
    }
    if let Some(sts) = &request.mta_sts {
        let text = policy_file(sts);
        lint_policy_file(&text)?;
        sections.push(Section {
            file: ".well-known/mta-sts.txt".to_string(),
            title: format!("served at https://mta-sts.{domain}/.well-known/mta-sts.txt"),
            text,
        });
    }
    for zone in zones {
        let title = format!("published by the collector, in the zone of {}", zone.zone);
        sections.push(section(writer, &zone, title));
    }
    Ok(sections)
}

fn section(writer: Writer, zone: &ZoneRecords, title: String) -> Section {
    Section {
        file: writer.file_name(&zone.zone),
        title,
        text: writer.write(zone),
    }
}

/// The domain's records: the policy, and the `_mta-sts` record when asked for.
fn own_zone(request: &Request, domain: &str) -> ZoneRecords {
    let mut records = vec![TxtRecord {
        name: crate::names::policy_name_of(domain),
        value: format!("v=TLSRPTv1; rua={}", request.rua.join(",")),
        ttl: POLICY_TTL,
    }];
    let mut note = vec![format!(
        "SMTP TLS Reporting policy of {domain} (RFC 8460 §3): where senders report TLS failures."
    )];
    if let Some(sts) = &request.mta_sts {
        records.push(TxtRecord {
            name: crate::names::mta_sts_name(domain),
            value: format!("v=STSv1; id={}", sts.id),
            ttl: MTA_STS_TTL,
        });
        note.push(
            "MTA-STS record (RFC 8461 §3.1): change its `id` whenever the policy file changes."
                .to_string(),
        );
    }
    ZoneRecords {
        zone: domain.to_string(),
        note,
        records,
    }
}

/// One zone per organizational domain of the external `rua` hosts, with the authorization
/// record each host publishes for `domain`.
fn collectors(outcome: &Outcome, domain: &str) -> Vec<ZoneRecords> {
    let mut by_zone: BTreeMap<String, Vec<TxtRecord>> = BTreeMap::new();
    let destinations = outcome.policies.iter().flat_map(|p| &p.destinations);
    for d in destinations.filter(|d| matches!(d.status, Status::External | Status::Missing)) {
        let Some(host) = &d.host else { continue };
        let zone = crate::psl::organizational_domain(host).unwrap_or_else(|| host.clone());
        let name = format!("{domain}._report._tls.{host}");
        let records = by_zone.entry(zone).or_default();
        if !records.iter().any(|r| r.name == name) {
            records.push(TxtRecord {
                name,
                value: "v=TLSRPTv1;".to_string(),
                ttl: POLICY_TTL,
            });
        }
    }
    by_zone
        .into_iter()
        .map(|(zone, records)| ZoneRecords {
            note: vec![
                format!("Published by the collector at {zone}, not by {domain}: it says that"),
                format!("{zone} accepts TLS reports about {domain}. A convention borrowed from"),
                "DMARC (RFC 7489 §7.1), not part of RFC 8460; some collectors ask for it."
                    .to_string(),
            ],
            zone,
            records,
        })
        .collect()
}

/// The RFC 8461 §3.2 policy file, lines ending in CRLF as the RFC writes them.
fn policy_file(sts: &MtaSts) -> String {
    let mut text = format!("version: STSv1\r\nmode: {}\r\n", sts.mode.as_str());
    for mx in &sts.mx {
        text.push_str(&format!("mx: {mx}\r\n"));
    }
    text.push_str(&format!("max_age: {}\r\n", sts.max_age));
    text
}

/// Generated text includes no files.
const NO_FILES: NoIncludes = NoIncludes("generated text includes no files");

/// The zones as one zone file, linted with the default rules.
fn lint_zones(zones: &[ZoneRecords]) -> Outcome {
    let text: String = zones.iter().map(|z| Writer::Zone.write(z)).collect();
    let source = Arc::new(Source::new("<generated>", text));
    check_source(&source, FileClass::Zone, &NO_FILES, &Settings::default())
}

fn lint_policy_file(text: &str) -> Result<(), Problem> {
    let source = Arc::new(Source::new(".well-known/mta-sts.txt", text));
    let outcome = check_source(
        &source,
        FileClass::MtaStsPolicy,
        &NO_FILES,
        &Settings::default(),
    );
    match outcome.diagnostics.first() {
        Some(d) => Err(Problem {
            message: format!("{} [{} {}]", d.message, d.rule.code, d.rule.name),
            help: d.help.clone(),
        }),
        None => Ok(()),
    }
}

/// A domain must be a host name: the check `rua` hosts get.
fn domain_problem(domain: &str) -> Result<(), Problem> {
    let chars: Vec<(u32, char)> = domain.char_indices().map(|(i, c)| (i as u32, c)).collect();
    match crate::uri::host_name::host_problem(&chars, "domain", false) {
        Some(_) if domain.is_empty() => Err(Problem {
            message: "the domain is empty".to_string(),
            help: None,
        }),
        Some((_, message)) => Err(Problem {
            message: format!("{message}: `{domain}` is not a host name"),
            help: Some("give the mail domain as letters, digits and `-` in labels separated by `.` (`example.com`)".to_string()),
        }),
        None if domain.is_empty() || !domain.contains('.') => Err(Problem {
            message: format!("`{domain}` is not a domain name"),
            help: Some("give the mail domain in full (`example.com`)".to_string()),
        }),
        None => Ok(()),
    }
}
