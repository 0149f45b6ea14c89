//! `tlsrpt-lint report`: the second input pipeline, beside `check` (DESIGN.md, "Beyond
//! check"). It reads the reports a TLS-RPT policy asks for (RFC 8460 §4) and judges them
//! with the 7xx rules, through the same diagnostics and renderers as `check`:
//!
//! ```text
//! paths ─► input ─► mbox / message ─► payload ─► document ─► model ─► checks ─► views
//!         (walk,    (split mailboxes, (gunzip,   (JSON with   (Report) (rate)   (human, json,
//!          classify) MIME parts)       UTF-8)     spans, §4.4)                    csv, html)
//! ```
//!
//! - [`input`] finds the files and classifies each by its first bytes;
//! - [`mbox`] splits a mailbox into messages in bounded memory, [`message`] finds the
//!   report parts of a message with mail-parser;
//! - [`payload`] inflates (bounded) and checks the text, [`document`] decodes the JSON into
//!   the [`model`] and reports where it breaks RFC 8460 §4.4 ([`datetime`] reads its
//!   date-times);
//! - [`summary`] sums sessions per policy domain and day for the [`view`]s.
//! - with `--repo`, [`repo`] holds what the repository defines per policy domain and
//!   [`compare`] compares each report's policy entry with it: the MTA-STS policy
//!   ([`drift`]), the MX hosts ([`mx`]), the TLSA records ([`tlsa`]), the address the report
//!   was mailed to ([`destination`]), and a note for a domain it does not define.
//!
//! Everything is bounded: file and message sizes, decompressed size, JSON depth, MIME
//! parts. Input problems are diagnostics; only a named path that does not exist is an
//! error.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::config::Settings;
use crate::diagnostic::{self, Diagnostic};
use crate::error::Error;
use crate::parallel;
use crate::pipeline::Outcome;
use crate::rules;

mod compare;
mod datetime;
mod destination;
pub mod document;
mod drift;
mod entry;
pub mod input;
pub mod mbox;
pub mod message;
pub mod model;
mod mx;
pub mod payload;
pub mod repo;
pub mod summary;
mod tlsa;
pub mod view;

use input::Kind;
use model::Report;

/// What `report` does beyond the rule settings.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Flag policies whose failed sessions are above this fraction (`failure-rate-exceeded`).
    pub max_failure_rate: Option<f64>,
    /// The repository the reports' policies come from (`--repo`), compared with each
    /// report (`report-policy-drift` and the rules after it).
    pub repo: Option<std::sync::Arc<repo::Repo>>,
}

/// Everything a run read and found.
#[derive(Debug, Default)]
pub struct Run {
    /// Every report read, in input order.
    pub reports: Vec<Report>,
    /// The findings, for the renderers `check` uses; `files_scanned` counts input files.
    pub outcome: Outcome,
}

/// Reads every report under `paths` and judges it.
pub fn run(paths: &[PathBuf], settings: &Settings, options: &Options) -> Result<Run, Error> {
    let files = input::files(paths)?;
    let mut run = Run::default();
    let mut diagnostics = Vec::new();
    let mut notes = HashSet::new();
    // Each file's results are taken in input order as they come, so the run's notes are
    // thinned as it goes (the first per domain kept), not after every file is read.
    let spread = parallel::Spread::threads(settings.threads, files.len());
    let read: Result<(), std::convert::Infallible> = parallel::ordered(
        files.len(),
        spread,
        &|i| read_file(&files[i], options),
        || (),
        &mut |_, (mut reports, found)| {
            run.reports.append(&mut reports);
            let from = diagnostics.len();
            diagnostics.extend(found);
            first_notes(&mut diagnostics, from, &mut notes);
            Ok(())
        },
    );
    let Ok(()) = read;
    diagnostics.retain_mut(|d| settings.apply_severity(d));
    diagnostic::sort(&mut diagnostics);
    run.outcome = Outcome {
        diagnostics,
        files_scanned: files.len(),
        files_with_records: 0,
        ..Outcome::default()
    };
    Ok(run)
}

/// The reports in one file and the findings about it.
fn read_file(path: &Path, options: &Options) -> (Vec<Report>, Vec<Diagnostic>) {
    let mut reports = Vec::new();
    let mut out = Vec::new();
    let display = crate::files::display_path(path);
    if let Err(e) = read_into(path, options, &mut reports, &mut out) {
        let message = format!("cannot read: {e}");
        out.push(payload::at_start(
            &display,
            &rules::unreadable_report::UNREADABLE_REPORT,
            message,
        ));
    }
    (reports, out)
}

/// Keeps, of the `report-domain-not-in-repo` notes in `out[from..]`, those whose domain is
/// not in `seen` yet (the note's message names its domain and nothing else): the note is
/// said once per domain and run, at the first report in input order. A mailbox is thinned
/// message by message, so notes (and the report texts they hold) never pile up.
fn first_notes(out: &mut Vec<Diagnostic>, from: usize, seen: &mut HashSet<String>) {
    let tail = out.split_off(from.min(out.len()));
    out.extend(
        tail.into_iter()
            .filter(|d| !compare::is_domain_note(d.rule) || seen.insert(d.message.clone())),
    );
}

fn read_into(
    path: &Path,
    options: &Options,
    reports: &mut Vec<Report>,
    out: &mut Vec<Diagnostic>,
) -> std::io::Result<()> {
    let mut file = input::Opened::open(path)?;
    let kind = input::classify(file.head()?);
    let display = file.display.clone();
    let too_large = |what: &str| {
        let message = format!(
            "{what} larger than {} MiB; not read",
            mbox::MAX_MESSAGE >> 20
        );
        payload::at_start(
            &display,
            &rules::unreadable_report::UNREADABLE_REPORT,
            message,
        )
    };
    match kind {
        Kind::Report => match file.read_all(mbox::MAX_MESSAGE)? {
            Some(bytes) => reports.extend(payload::read(&display, &bytes, options, &[], out)),
            None => out.push(too_large("a report file")),
        },
        Kind::Message => match file.read_all(mbox::MAX_MESSAGE)? {
            Some(bytes) => message::read(&display, &bytes, options, reports, out),
            None => out.push(too_large("a message")),
        },
        Kind::Mbox => {
            let mut notes = HashSet::new();
            mbox::split(file.reader, |m| {
                let shown = format!("{display}#{}", m.number);
                let before = out.len();
                match m.bytes {
                    Some(bytes) => {
                        message::read(&shown, &bytes, options, reports, out);
                        first_notes(out, before, &mut notes);
                    }
                    None => out.push(too_large(&format!(
                        "message {} (line {})",
                        m.number, m.line
                    ))),
                }
            })?
        }
        Kind::Zip | Kind::Other => {
            let what = if kind == Kind::Zip {
                "a zip archive (DMARC reports come zipped), not a TLS report; skipped"
            } else {
                "not a TLS report, a mail message or a mailbox; skipped"
            };
            out.push(payload::at_start(
                &display,
                &rules::not_a_tlsrpt_report::NOT_A_TLSRPT_REPORT,
                what.to_string(),
            ));
        }
    }
    Ok(())
}
