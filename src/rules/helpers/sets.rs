//! Record-set helpers: repeated records of one kind at a name (`multiple-policy-records`,
//! `multiple-mta-sts-records`).

use std::collections::HashSet;

use crate::model::{Record, Txt};
use crate::record;
use crate::rules::context::SetCtx;

/// Each TXT record at this name after the first whose value begins with `version`, paired
/// with the first. Two records with the same strings are one DNS record and count once, and
/// so do the alternatives of one choice ([`Record::excludes`]): only one is published.
pub fn repeats<'a>(ctx: &SetCtx<'a>, version: &str) -> Vec<(&'a Record, &'a Record)> {
    let mut first: Option<&Record> = None;
    let mut out = Vec::new();
    // Distinct values by their strings, hashed: a name may hold very many records.
    let mut seen: HashSet<Vec<&str>> = HashSet::new();
    let mut counted: Vec<&Record> = Vec::new();
    for record in ctx.records() {
        let Some(txt) = record.txt() else { continue };
        if !txt.value.text().starts_with(version)
            || counted.iter().any(|c| c.excludes(record))
            || !seen.insert(strings(txt))
        {
            continue;
        }
        if record.via.is_some() {
            counted.push(record);
        }
        match first {
            None => first = Some(record),
            Some(first) => out.push((first, record)),
        }
    }
    out
}

/// The character-strings of a TXT record: two records with the same strings are one DNS
/// record.
fn strings(txt: &Txt) -> Vec<&str> {
    txt.strings
        .iter()
        .map(|s| record::slice(txt.value.text(), &s.range))
        .collect()
}
