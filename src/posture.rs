//! The posture of every mail domain (`tlsrpt-lint records --posture`): per domain that
//! receives mail ([`crate::mail`]), what it publishes for SMTP TLS (the TLS-RPT policy, its
//! destinations, MTA-STS, DANE) and a grade out of 100 with the points lost per problem.
//!
//! A view beside the pipeline: it reads a finished [`Outcome`] (the inventory, the kept
//! records and the findings), so a policy is "broken" exactly when `check` reports an error
//! on it. The scoring is documented in `docs/posture.md`, with the RFC section behind each
//! cost; it depends only on the repository, so the same repository always gets the same
//! grades.

use crate::inventory::Status;
use crate::model::{Format, RData, Record, RecordKind};
use crate::pipeline::Outcome;
use crate::record::sts_policy::mx_matches;
use crate::rule::Severity;

/// The state of a record the posture looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Valid,
    /// `check` reports an error on it.
    Broken,
    Missing,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Valid => "valid",
            State::Broken => "broken",
            State::Missing => "missing",
        }
    }
}

/// Points lost for one problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loss {
    pub points: u32,
    pub problem: String,
    /// The RFC section the cost rests on.
    pub reference: &'static str,
}

/// One mail domain's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Without the final dot.
    pub domain: String,
    /// The file of its MX records.
    pub path: String,
    pub mx: Vec<String>,
    pub mx_ttl: Option<u32>,
    pub tlsrpt: State,
    pub tlsrpt_ttl: Option<u32>,
    /// The policy's `rua` URIs with their authorization.
    pub destinations: Vec<(String, Status)>,
    pub mta_sts: State,
    pub mta_sts_ttl: Option<u32>,
    /// The `mode` of the domain's policy file, when the repository holds it.
    pub mode: Option<String>,
    /// MX hosts with a `_25._tcp` TLSA record.
    pub dane: usize,
    pub score: u32,
    pub grade: char,
    pub losses: Vec<Loss>,
}

/// Below this TTL the policy loses points, as `short-ttl` flags it by default.
const SHORT_TTL: u32 = 3600;

/// One row per mail domain, by domain name.
pub fn rows(outcome: &Outcome) -> Vec<Row> {
    let mut rows: Vec<Row> = outcome
        .mail_domains
        .iter()
        .map(|mail| {
            let domain = mail.domain.trim_end_matches('.').to_ascii_lowercase();
            let mut row = Row {
                path: mail.path.clone(),
                mx: mail.mx.clone(),
                mx_ttl: mail.mx_ttl,
                tlsrpt: State::Missing,
                tlsrpt_ttl: None,
                destinations: Vec::new(),
                mta_sts: State::Missing,
                mta_sts_ttl: None,
                mode: None,
                dane: mail.dane,
                score: 0,
                grade: 'F',
                losses: Vec::new(),
                domain,
            };
            read(outcome, &mut row);
            grade(&mut row, outcome);
            row
        })
        .collect();
    rows.sort_by(|a, b| (&a.domain, &a.path).cmp(&(&b.domain, &b.path)));
    rows.dedup_by(|a, b| a.domain == b.domain);
    rows
}

/// Whether `name` (absolute or not) is `prefix` + `domain`.
fn named(name: &str, prefix: &str, domain: &str) -> bool {
    let name = name.trim_end_matches('.');
    name.len() == prefix.len() + domain.len()
        && name[..prefix.len()].eq_ignore_ascii_case(prefix)
        && name[prefix.len()..].eq_ignore_ascii_case(domain)
}

/// Findings that cost points of their own (an unauthorized destination, a short TTL), so
/// they do not count again as the policy's warnings.
const COSTED: [&str; 3] = ["TLSRPT310", "TLSRPT401", "TLSRPT402"];

/// The worst finding on `record`, of the rules without a cost of their own.
fn worst(outcome: &Outcome, record: &Record) -> Option<Severity> {
    let reference = record.reference();
    outcome
        .diagnostics
        .iter()
        .filter(|d| !COSTED.contains(&d.rule.code))
        .filter(|d| {
            let span = d.location.span;
            let inside = record.span.start <= span.start && span.end <= record.span.end;
            d.location.source.path == record.source.path
                && (d.record.as_ref() == Some(&reference) || inside)
        })
        .map(|d| d.severity)
        .max()
}

fn state(outcome: &Outcome, record: &Record) -> State {
    if worst(outcome, record) == Some(Severity::Error) {
        State::Broken
    } else {
        State::Valid
    }
}

/// Fills in what the repository publishes for the row's domain.
fn read(outcome: &Outcome, row: &mut Row) {
    if let Some(policy) = outcome
        .policies
        .iter()
        .find(|p| named(&p.domain, "", &row.domain))
    {
        let record = &outcome.records[policy.record];
        row.tlsrpt = state(outcome, record);
        row.tlsrpt_ttl = record.ttl;
        row.destinations = policy
            .destinations
            .iter()
            .map(|d| (d.uri.clone(), d.status))
            .collect();
    }
    let sts = outcome.records.iter().find(|r| {
        r.kind() == RecordKind::MtaSts
            && matches!(r.data, RData::Txt(_))
            && named(&r.name.text, "_mta-sts.", &row.domain)
    });
    if let Some(record) = sts {
        row.mta_sts = state(outcome, record);
        row.mta_sts_ttl = record.ttl;
    }
    let file = outcome
        .records
        .iter()
        .find(|r| r.format == Format::MtaStsPolicy && named(&r.name.text, "mta-sts.", &row.domain));
    if let Some((record, policy)) = file.and_then(|r| Some((r, r.sts_policy()?))) {
        row.mode = policy
            .lines
            .iter()
            .find(|l| &record.source.text[l.key.start as usize..l.key.end as usize] == "mode")
            .map(|l| record.source.text[l.value.start as usize..l.value.end as usize].to_string());
    }
}

/// The MX patterns of the domain's policy file (RFC 8461 §4.1).
fn mx_patterns<'o>(outcome: &'o Outcome, domain: &str) -> Vec<&'o str> {
    let file = outcome
        .records
        .iter()
        .find(|r| r.format == Format::MtaStsPolicy && named(&r.name.text, "mta-sts.", domain));
    let Some((record, policy)) = file.and_then(|r| Some((r, r.sts_policy()?))) else {
        return Vec::new();
    };
    let text = &record.source.text;
    policy
        .lines
        .iter()
        .filter(|l| &text[l.key.start as usize..l.key.end as usize] == "mx")
        .map(|l| &text[l.value.start as usize..l.value.end as usize])
        .collect()
}

/// Scores the row: 100 less the points of each problem, then the grade.
fn grade(row: &mut Row, outcome: &Outcome) {
    let mut lose = |points, problem: String, reference| {
        row.losses.push(Loss {
            points,
            problem,
            reference,
        });
    };
    match row.tlsrpt {
        State::Missing => lose(
            40,
            "no TLS-RPT policy: TLS failures of mail to the domain go unreported".to_string(),
            "RFC 8460 §1, §3",
        ),
        State::Broken => lose(
            40,
            "the TLS-RPT policy has errors: senders ignore a policy they cannot read".to_string(),
            "RFC 8460 §3",
        ),
        State::Valid => {}
    }
    let policy = outcome
        .policies
        .iter()
        .find(|p| named(&p.domain, "", &row.domain))
        .map(|p| &outcome.records[p.record]);
    if row.tlsrpt == State::Valid
        && policy.is_some_and(|r| worst(outcome, r) == Some(Severity::Warning))
    {
        lose(
            5,
            "the TLS-RPT policy has warnings".to_string(),
            "RFC 8460 §3",
        );
    }
    let statuses: Vec<Status> = row.destinations.iter().map(|(_, s)| *s).collect();
    if statuses.contains(&Status::Missing) {
        lose(
            10,
            "a destination's zone is in the repository without the authorization record"
                .to_string(),
            "RFC 7489 §7.1, a convention RFC 8460 §7 leaves open",
        );
    } else if statuses.contains(&Status::External) {
        lose(
            5,
            "an external destination's authorization is not in the repository".to_string(),
            "RFC 7489 §7.1, a convention RFC 8460 §7 leaves open",
        );
    }
    if row.tlsrpt_ttl.is_some_and(|ttl| ttl < SHORT_TTL) {
        lose(
            5,
            format!("the TLS-RPT policy's TTL is under {SHORT_TTL} s"),
            "RFC 8460 §7",
        );
    }
    let all_dane = row.dane == row.mx.len();
    if !all_dane {
        match (row.mta_sts, row.mode.as_deref()) {
            (State::Missing, _) if row.dane > 0 => lose(
                15,
                format!(
                    "DANE covers {} of {} MX hosts, and there is no MTA-STS",
                    row.dane,
                    row.mx.len()
                ),
                "RFC 7672 §2.2",
            ),
            (State::Missing, _) => lose(
                30,
                "neither MTA-STS nor DANE: reports can only say that TLS was opportunistic"
                    .to_string(),
                "RFC 8460 §4.3.1, RFC 8461 §1",
            ),
            (State::Broken, _) => lose(
                30,
                "the MTA-STS record has errors: senders do not fetch the policy".to_string(),
                "RFC 8461 §3.1",
            ),
            (State::Valid, None) => lose(
                5,
                "the MTA-STS policy file is not in the repository: its mode cannot be checked"
                    .to_string(),
                "RFC 8461 §3.2",
            ),
            (State::Valid, Some("enforce")) => {}
            (State::Valid, Some("testing")) => lose(
                10,
                "MTA-STS is in `testing` mode: failures are reported, not prevented".to_string(),
                "RFC 8461 §5",
            ),
            (State::Valid, Some(mode)) => lose(
                30,
                format!("MTA-STS is in `{mode}` mode: it protects nothing"),
                "RFC 8461 §5",
            ),
        }
        let patterns = mx_patterns(outcome, &row.domain);
        let uncovered = row
            .mx
            .iter()
            .filter(|mx| !patterns.iter().any(|p| mx_matches(p, mx)))
            .count();
        if row.mode.is_some() && uncovered > 0 {
            lose(
                15,
                format!(
                    "{uncovered} of {} MX hosts match no `mx` line of the policy file",
                    row.mx.len()
                ),
                "RFC 8461 §4.1",
            );
        }
    }
    let lost: u32 = row.losses.iter().map(|l| l.points).sum();
    row.score = 100u32.saturating_sub(lost);
    row.grade = match row.score {
        90.. => 'A',
        75..=89 => 'B',
        60..=74 => 'C',
        40..=59 => 'D',
        _ => 'F',
    };
}
