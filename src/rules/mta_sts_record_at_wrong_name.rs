//! TLSRPT506 `mta-sts-record-at-wrong-name`: an MTA-STS record at a name senders never
//! query.

use super::context::{Check, SetCtx};
use crate::diagnostic::Diagnostic;
use crate::model::{Format, RecordKind};
use crate::names::is_sts_value;

declare_rule! {
    /// ## What it does
    /// Flags a TXT record whose value begins with `v=STSv1` (in any case) at a name other
    /// than `_mta-sts.<domain>`: the domain itself, `mta-sts` (no underscore: that is the
    /// name of the host serving the policy file), `_mta_sts`, `_mta-sts._tls`, or any other
    /// name. Such a value at `_smtp._tls` is `unrelated-txt-at-policy-name`'s, at a
    /// `_report._tls` name `invalid-authorization-record`'s.
    ///
    /// ## Why is this bad?
    /// Senders look up exactly `_mta-sts.<domain>` (RFC 8461 §3.1) and fetch the policy
    /// only when that record exists. A record anywhere else is never read: the domain has
    /// no MTA-STS, its mail can be downgraded to plain text, while the zone looks
    /// configured. At the apex it also joins SPF and verification tokens in one TXT set.
    ///
    /// ## Example
    /// ```zone
    /// $ORIGIN example.com.
    /// @        IN TXT "v=STSv1; id=20250601"
    /// mta-sts  IN TXT "v=STSv1; id=20250601"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// $ORIGIN example.com.
    /// _mta-sts  IN TXT "v=STSv1; id=20250601"
    /// mta-sts   IN A   192.0.2.10   ; the policy host
    /// ```
    ///
    /// ## References
    /// - RFC 8461 §3.1 (the TXT record at `_mta-sts.<Policy Domain>`)
    pub static MTA_STS_RECORD_AT_WRONG_NAME = {
        code: "TLSRPT506",
        name: "mta-sts-record-at-wrong-name",
        severity: Error,
        summary: "an MTA-STS (`v=STSv1`) record at a name other than `_mta-sts.<domain>`",
        check: Some(Check::Set(check)),
    }
}

/// Leading labels written where `_mta-sts` belongs (compared in lowercase).
const MISPLACED: &[&str] = &[
    "mta-sts", "_mta_sts", "mta_sts", "_mtasts", "_mta-sts", "_sts",
];

fn check(ctx: &SetCtx<'_>, out: &mut Vec<Diagnostic>) {
    // `_mta-sts._tls.example.com.` is of the kind `Other` ([`RecordKind::of_name`]).
    if ctx.set.kind != RecordKind::Other {
        return;
    }
    for record in ctx.records() {
        let sts = record.format != Format::Value
            && record.txt().is_some_and(|t| is_sts_value(t.value.text()));
        if !sts {
            continue;
        }
        let name = &record.name.text;
        let meant = meant_name(name);
        let span = if record.name.span.is_empty() {
            record.value_span()
        } else {
            record.name.span
        };
        let shown = if name.is_empty() { "@" } else { name.as_str() };
        out.push(
            ctx.diagnostic(
                &MTA_STS_RECORD_AT_WRONG_NAME,
                record,
                span,
                format!("MTA-STS record at `{shown}`, a name no sender queries"),
            )
            .with_primary_label(format!("senders query `{meant}`"))
            .with_help(format!("publish the record at `{meant}`")),
        );
    }
}

/// The `_mta-sts` name meant: the leading labels that stand for it (and a `_tls` after
/// them) replaced, or `_mta-sts` put before the domain.
fn meant_name(name: &str) -> String {
    let mut labels = name.split('.').peekable();
    if labels
        .peek()
        .is_some_and(|l| MISPLACED.contains(&l.to_ascii_lowercase().as_str()))
    {
        labels.next();
        if labels
            .peek()
            .is_some_and(|l| l.eq_ignore_ascii_case("_tls"))
        {
            labels.next();
        }
    }
    let rest: Vec<&str> = labels.collect();
    crate::names::mta_sts_name(&rest.join("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meant_names() {
        for (name, meant) in [
            ("example.com.", "_mta-sts.example.com."),
            ("mta-sts.example.com.", "_mta-sts.example.com."),
            ("_MTA_STS.example.com.", "_mta-sts.example.com."),
            ("_mta-sts._tls.example.com.", "_mta-sts.example.com."),
            ("mta-sts", "_mta-sts"),
        ] {
            assert_eq!(meant_name(name), meant, "{name}");
        }
        assert!(is_sts_value("\"V=stsv1; id=1"));
        assert!(!is_sts_value("v=STS; id=1"));
    }
}
