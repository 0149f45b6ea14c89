//! TLSRPT502 `multiple-mta-sts-records`: two or more `v=STSv1` records at one `_mta-sts`
//! name.

use super::context::{Check, SetCtx};
use super::helpers::sets::repeats;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::RecordKind;

declare_rule! {
    /// ## What it does
    /// Flags every record after the first that begins with `v=STSv1` at one `_mta-sts`
    /// name, whichever files define them, with a label at the first. Two records with the
    /// same strings are one DNS record, so they are not flagged.
    ///
    /// ## Why is this bad?
    /// RFC 8461 §3.1: "If multiple TXT records for `_mta-sts` are returned by the resolver,
    /// records that do not begin with `v=STSv1;` are discarded. If the number of resulting
    /// records is not one, or if the resulting record is syntactically invalid, senders MUST
    /// assume the recipient domain does not have an available MTA-STS Policy." A second
    /// record, typically the old `id` left behind when the policy changed, switches MTA-STS
    /// off for the domain, and with it the failures TLS-RPT would report.
    ///
    /// ## Example
    /// ```zone
    /// _mta-sts  IN TXT "v=STSv1; id=20240101"
    /// _mta-sts  IN TXT "v=STSv1; id=20250601"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _mta-sts  IN TXT "v=STSv1; id=20250601"
    /// ```
    ///
    /// ## References
    /// - RFC 8461 §3.1 (multiple TXT records at `_mta-sts`)
    pub static MULTIPLE_MTA_STS_RECORDS = {
        code: "TLSRPT502",
        name: "multiple-mta-sts-records",
        severity: Error,
        summary: "more than one `v=STSv1` record at one `_mta-sts` name",
        check: Some(Check::Set(check)),
    }
}

fn check(ctx: &SetCtx<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.set.kind != RecordKind::MtaSts {
        return;
    }
    for (first, record) in repeats(ctx, "v=STSv1") {
        let d = ctx
            .diagnostic(
                &MULTIPLE_MTA_STS_RECORDS,
                record,
                record.value_span(),
                format!("more than one MTA-STS record at `{}`", record.name.text),
            )
            .with_primary_label("a second record")
            .with_label(
                Location::new(&first.source, first.value_span()),
                "first record here",
            )
            .with_help(
                "senders that find two `v=STSv1` records apply no MTA-STS policy (RFC 8461 §3.1): keep the one with the current `id`",
            );
        out.push(d);
    }
}
