//! TLSRPT302 `unrelated-txt-at-policy-name`: a TXT record at `_smtp._tls` that is not a
//! TLS-RPT record.

use super::context::{Check, RecordCtx};
use super::helpers::is_tlsrpt_attempt;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Format, RecordKind};

declare_rule! {
    /// ## What it does
    /// Flags a TXT record at a policy name that is no attempt at a TLS-RPT policy: an SPF,
    /// DMARC, MTA-STS or DKIM record pasted there, a site-verification token, an empty
    /// string. A value that looks like a broken policy (`rua=` first, `v=tlsrpt1`) is left
    /// to the 1xx rules instead.
    ///
    /// ## Why is this bad?
    /// Senders discard such records (RFC 8460 §3), so they do no harm to reporting by
    /// themselves; but the record was meant for another name, where it is now missing. An
    /// SPF record at `_smtp._tls` protects nothing, a DMARC record there is never read, and
    /// resolvers that return it for the policy name confuse people reading `dig` output.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// _smtp._tls  IN TXT "v=spf1 include:_spf.example.net -all"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// @           IN TXT "v=spf1 include:_spf.example.net -all"
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §3 (records that do not begin with `v=TLSRPTv1;` are discarded)
    /// - RFC 7208 §3 (SPF at the domain), RFC 7489 §6.1 (DMARC at `_dmarc`), RFC 8461 §3.1
    pub static UNRELATED_TXT_AT_POLICY_NAME = {
        code: "TLSRPT302",
        name: "unrelated-txt-at-policy-name",
        severity: Warning,
        summary: "a TXT record at `_smtp._tls` that is not a TLS-RPT record",
        check: Some(Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    let record = ctx.record;
    let Some(txt) = record.txt() else { return };
    // A value given to `validate` is a policy attempt by the user's word.
    if ctx.kind != RecordKind::Policy || record.format == Format::Value {
        return;
    }
    let text = txt.value.text();
    if is_tlsrpt_attempt(text) {
        return;
    }
    let domain = record
        .name
        .text
        .splitn(3, '.')
        .nth(2)
        .filter(|d| !d.is_empty())
        .unwrap_or("@");
    let lower = text.trim_start().to_ascii_lowercase();
    let (what, help) = if lower.starts_with("v=spf1") {
        (
            "an SPF record",
            format!("SPF is read at the domain itself: move it to `{domain}`"),
        )
    } else if lower.starts_with("v=dmarc1") {
        (
            "a DMARC record",
            format!("DMARC is read at `_dmarc.{domain}`: move it there"),
        )
    } else if lower.starts_with("v=stsv1") {
        (
            "an MTA-STS record",
            format!("MTA-STS is read at `_mta-sts.{domain}`: move it there"),
        )
    } else if lower.starts_with("v=dkim1") {
        (
            "a DKIM key",
            "DKIM keys are read at `<selector>._domainkey`: move it there".to_string(),
        )
    } else {
        (
            "a TXT record that is not a TLS-RPT policy",
            "senders discard it (RFC 8460 §3): remove it or move it to the name it belongs to"
                .to_string(),
        )
    };
    let d = Diagnostic::new(
        &UNRELATED_TXT_AT_POLICY_NAME,
        Location::new(&record.source, record.value_span()),
        format!("{what} at the policy name `{}`", record.name.text),
    )
    .with_record(record.reference())
    .with_help(help);
    out.push(d);
}
