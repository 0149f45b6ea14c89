//! The format `generate` writes by default: the most common source kind among the records
//! of the repository, so that its output fits beside them.
//!
//! Terraform records do not say their resource type, so the provider is the one whose
//! type is named last before the record's span ends (its block starts with
//! `resource "aws_route53_record"`, or the JSON syntax's `"aws_route53_record": {`).

use super::Writer;
use crate::model::{Format, Record};
use crate::pipeline::Outcome;

/// The writer for the kind most of the repository's records are in (the first in
/// `--help` order on a tie); none when no record is in a format `generate` writes.
pub fn repository_writer(outcome: &Outcome) -> Option<Writer> {
    let all = Writer::all();
    let mut counts = vec![0usize; all.len()];
    for record in &outcome.records {
        if let Some(writer) = writer_of(record, &all) {
            if let Some(i) = all.iter().position(|w| *w == writer) {
                counts[i] += 1;
            }
        }
    }
    let best = counts.iter().copied().max().filter(|&n| n > 0)?;
    let i = counts.iter().position(|&n| n == best)?;
    Some(all[i])
}

fn writer_of(record: &Record, all: &[Writer]) -> Option<Writer> {
    if record.format != Format::Terraform {
        return all.iter().copied().find(|w| w.format() == record.format);
    }
    let before = &record.source.text[..record.span.end as usize];
    all.iter()
        .copied()
        .filter_map(|w| match w {
            Writer::Terraform(rtype) => {
                let provider = crate::extract::terraform::provider_of(rtype);
                before.rfind(&format!("\"{provider}_")).map(|at| (at, w))
            }
            _ => None,
        })
        .max_by_key(|(at, _)| *at)
        .map(|(_, w)| w)
}
