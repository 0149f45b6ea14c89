//! A fix is safe only if applying it keeps the record set valid. RFC 8460 §3 has senders
//! discard the records that do not begin with `v=TLSRPTv1;` and use the policy only if one
//! is left: a record beside a policy that is broken only in its version or first delimiter
//! (`v=TLSRPTv1 rua=...`) is discarded today, and a fix that repairs it makes it a second
//! policy, after which senders use neither. Such a fix is marked unsafe, and its help says
//! why; whichever rule proposed it.

use crate::diagnostic::{Applicability, Diagnostic, Label, Location};
use crate::model::{Model, RecordKind};

/// What §3 keeps: the records that begin with this.
pub const POLICY_PREFIX: &str = "v=TLSRPTv1;";

/// Marks unsafe the safe fixes in `found`, the diagnostics of record `index`, where the
/// record is not a policy that senders keep and another record at its name is; each such
/// diagnostic gets a label at that policy and help that says why.
pub fn guard(model: &Model<'_>, index: usize, found: &mut [Diagnostic]) {
    let is_safe = |d: &Diagnostic| {
        d.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe)
    };
    if !found.iter().any(is_safe) {
        return;
    }
    let set = model.set_of(index);
    let kept = |i: usize| {
        model.records[i]
            .txt()
            .is_some_and(|t| t.value.text().starts_with(POLICY_PREFIX))
    };
    if set.kind != RecordKind::Policy || kept(index) {
        return;
    }
    let Some(policy) = set.records.iter().copied().find(|&i| i != index && kept(i)) else {
        return;
    };
    let policy = &model.records[policy];
    let why = "the fix is unsafe: it would make this record a second policy beside the one senders keep, and senders that find two use neither (RFC 8460 §3); remove one of the records instead";
    for d in found.iter_mut().filter(|d| is_safe(d)) {
        if let Some(fix) = &mut d.fix {
            fix.applicability = Applicability::Unsafe;
        }
        d.help = Some(match d.help.take() {
            Some(help) => format!("{help}; {why}"),
            None => why.to_string(),
        });
        d.labels.push(Label {
            location: Location::new(&policy.source, policy.value_span()),
            message: "the policy senders keep".to_string(),
        });
    }
}
