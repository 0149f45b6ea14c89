//! TLSRPT306 `legacy-policy-name`: a policy at the draft-era names `_smtp-tlsrpt` or
//! `_smtp_tlsrpt`.

use super::context::{Check, SetCtx};
use super::helpers::names::at_wrong_name;
use crate::diagnostic::Diagnostic;
use crate::model::{Format, RData};
use crate::names::{first_label, LEGACY};

declare_rule! {
    /// ## What it does
    /// Flags TXT and CNAME records at a name whose first label is `_smtp-tlsrpt` or
    /// `_smtp_tlsrpt`, and offers to rename them to `_smtp._tls` (unless that name already
    /// has records). As with `policy-at-wrong-name`, the value is judged once it is at the
    /// policy name.
    ///
    /// ## Why is this bad?
    /// The TLS-RPT drafts used `_smtp_tlsrpt` (draft -00, 2016) and then `_smtp-tlsrpt`
    /// before RFC 8460 settled on `_smtp._tls` in 2018. Senders query only the RFC name, so a
    /// policy at a draft name is never read; old how-tos and some tools' test data still
    /// publish them.
    ///
    /// ## Example
    /// ```zone
    /// _smtp-tlsrpt  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames the record to `_smtp._tls`; it is unsafe: it moves the policy to the
    /// name senders query, and is not offered when that name already has records.
    ///
    /// ## References
    /// - RFC 8460 §3 (the policy name `_smtp._tls`)
    /// - draft-ietf-uta-smtp-tlsrpt-00 and -01 (the draft names)
    pub static LEGACY_POLICY_NAME = {
        code: "TLSRPT306",
        name: "legacy-policy-name",
        severity: Warning,
        summary: "a policy at the draft-era name `_smtp-tlsrpt` or `_smtp_tlsrpt`",
        check: Some(Check::Set(check)),
    }
}

fn check(ctx: &SetCtx<'_>, out: &mut Vec<Diagnostic>) {
    for record in ctx.records() {
        let name = &record.name.text;
        let label = first_label(name);
        let legacy = record.format != Format::Value
            && LEGACY.contains(&label.as_str())
            && matches!(record.data, RData::Txt(_) | RData::Cname { .. });
        if !legacy {
            continue;
        }
        let message = format!("draft-era policy name `{label}`");
        out.push(at_wrong_name(ctx, &LEGACY_POLICY_NAME, record, 1, message));
    }
}
