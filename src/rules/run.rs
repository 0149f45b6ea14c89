//! Running the selected checks: over records (independent of each other, so ranges of
//! them may run on different threads) and over record sets.

use std::ops::Range;

use super::context::{Check, RecordCtx, SetCtx};
use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::inventory::TlsrptPolicy;
use crate::model::{Model, Record, RecordKind};
use crate::rule::Rule;

/// The checks of the selected rules, split by shape, in selection order.
#[derive(Clone, Debug, Default)]
pub struct Checks {
    record: Vec<fn(&RecordCtx<'_>, &mut Vec<Diagnostic>)>,
    set: Vec<fn(&SetCtx<'_>, &mut Vec<Diagnostic>)>,
}

impl Checks {
    pub fn of(selected: &[&'static Rule]) -> Checks {
        let mut checks = Checks::default();
        for rule in selected {
            match super::check_of(rule) {
                Some(Check::Record(check)) => checks.record.push(check),
                Some(Check::Set(check)) => checks.set.push(check),
                None => {}
            }
        }
        checks
    }
}

/// Runs `checks`' record checks on one record, judged as `kind`.
pub fn check_record(record: &Record, kind: RecordKind, checks: &Checks, out: &mut Vec<Diagnostic>) {
    let ctx = RecordCtx::new(record, kind, super::FIELDS);
    for check in &checks.record {
        check(&ctx, out);
    }
}

/// Runs every selected record check on the model's records in `range`, each judged as its
/// set's kind. Returns their diagnostics and, per record of `range`, whether it has any.
/// Records are independent of each other, so ranges may be checked on different threads.
pub fn check_records(
    model: &Model<'_>,
    checks: &Checks,
    range: Range<usize>,
) -> (Vec<Diagnostic>, Vec<bool>) {
    let mut out = Vec::new();
    let mut flagged = Vec::with_capacity(range.len());
    for i in range {
        let before = out.len();
        check_record(&model.records[i], model.set_of(i).kind, checks, &mut out);
        super::helpers::fix_safety::guard(model, i, &mut out[before..]);
        flagged.push(out.len() > before);
    }
    (out, flagged)
}

/// Runs every selected set check on each record set of the model. Sets `flagged[i]` (one
/// entry per record) for each record a diagnostic starts inside.
pub fn check_sets(
    model: &Model<'_>,
    settings: &Settings,
    inventory: &[TlsrptPolicy],
    checks: &Checks,
    out: &mut Vec<Diagnostic>,
    flagged: &mut [bool],
) {
    for (index, set) in model.sets.iter().enumerate() {
        let ctx = SetCtx {
            model,
            set,
            index,
            short_ttl: settings.short_ttl,
            inventory,
        };
        let before = out.len();
        for check in &checks.set {
            check(&ctx, out);
        }
        // A set's records are in (path, offset) order: the record a diagnostic starts in
        // is the last one starting before it, found by binary search.
        for d in &out[before..] {
            let at = (d.location.source.path.as_str(), d.location.span.start);
            let key = |i: usize| {
                let r = &model.records[i];
                (r.source.path.as_str(), r.span.start)
            };
            let after = set.records.partition_point(|&i| key(i) <= at);
            let inside = after
                .checked_sub(1)
                .map(|k| set.records[k])
                .filter(|&i| key(i).0 == at.0 && at.1 <= model.records[i].span.end);
            if let Some(i) = inside {
                flagged[i] = true;
            }
        }
    }
}
