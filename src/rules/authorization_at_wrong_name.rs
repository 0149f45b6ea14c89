//! TLSRPT404 `authorization-at-wrong-name`: a TLS-RPT authorization record under
//! `_report._tlsrpt`, `_report._smtp._tls` or `_report._dmarc` instead of `_report._tls`.

use super::context::{Check, SetCtx};
use crate::diagnostic::Diagnostic;
use crate::model::{Format, RecordKind};
use crate::names::is_tlsrpt_value;

declare_rule! {
    /// ## What it does
    /// Flags a TXT record beginning with `v=TLSRPT` (any case) at a name where the labels
    /// after `_report` are `_tlsrpt`, `_smtp._tls` or `_dmarc` rather than `_tls`, and names
    /// the name it belongs at.
    ///
    /// ## Why is this bad?
    /// Authorization records are **a convention borrowed from DMARC (RFC 7489 §7.1), not
    /// part of RFC 8460**, whose §7 chose not to define verification. Collectors that follow
    /// it look for `<policy-domain>._report._tls.<their domain>` only. The near misses come
    /// from mixing the names up: DMARC's `_report._dmarc`, the policy's own `_smtp._tls`, or
    /// the protocol's name. A record there authorizes nothing.
    ///
    /// ## Example
    /// ```zone
    /// example.com._report._tlsrpt.collector.example.  IN TXT "v=TLSRPTv1;"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// example.com._report._tls.collector.example.  IN TXT "v=TLSRPTv1;"
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §7 (external destinations; no verification is defined)
    /// - RFC 7489 §7.1 (`_report._dmarc`, the model for this convention)
    pub static AUTHORIZATION_AT_WRONG_NAME = {
        code: "TLSRPT404",
        name: "authorization-at-wrong-name",
        severity: Warning,
        summary: "authorization published at `_report._tlsrpt`, `_report._smtp._tls`, or a `_report._dmarc` name holding a TLS-RPT value",
        check: Some(Check::Set(check)),
    }
}

/// The labels written after `_report` instead of `_tls`.
const WRONG: &[&[&str]] = &[&["_tlsrpt"], &["_smtp", "_tls"], &["_dmarc"]];

fn check(ctx: &SetCtx<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.set.kind != RecordKind::Other {
        return;
    }
    for record in ctx.records() {
        let is_value = record.format != Format::Value
            && record
                .txt()
                .is_some_and(|t| is_tlsrpt_value(t.value.text()));
        let Some(meant) = is_value.then(|| meant_name(&record.name.text)).flatten() else {
            continue;
        };
        let span = if record.name.span.is_empty() {
            record.value_span()
        } else {
            record.name.span
        };
        let d = ctx
            .diagnostic(
                &AUTHORIZATION_AT_WRONG_NAME,
                record,
                span,
                format!(
                    "TLS-RPT authorization at `{}`, a name collectors do not query",
                    record.name.text
                ),
            )
            .with_primary_label(format!("collectors query `{meant}`"))
            .with_help(format!("publish the authorization at `{meant}`"));
        out.push(d);
    }
}

/// The `_report._tls` name meant by a name with a wrong label run after `_report`.
fn meant_name(name: &str) -> Option<String> {
    let labels: Vec<&str> = name.split('.').collect();
    let report = labels
        .iter()
        .position(|l| l.eq_ignore_ascii_case("_report"))
        .filter(|&i| i > 0)?;
    let after = &labels[report + 1..];
    let wrong = WRONG.iter().find(|w| {
        after.len() >= w.len() && w.iter().zip(after).all(|(a, b)| a.eq_ignore_ascii_case(b))
    })?;
    let mut meant: Vec<&str> = labels[..=report].to_vec();
    meant.push("_tls");
    meant.extend(&after[wrong.len()..]);
    Some(meant.join("."))
}

#[cfg(test)]
mod tests {
    use super::meant_name;

    #[test]
    fn meant_names() {
        for (name, meant) in [
            (
                "example.com._report._tlsrpt.c.example.",
                Some("example.com._report._tls.c.example."),
            ),
            (
                "example.com._REPORT._smtp._TLS.c.example.",
                Some("example.com._REPORT._tls.c.example."),
            ),
            (
                "example.com._report._dmarc.c.example.",
                Some("example.com._report._tls.c.example."),
            ),
            ("example.com._report._tls.c.example.", None),
            ("_report._tlsrpt.c.example.", None),
            ("_smtp._tls.example.com.", None),
        ] {
            assert_eq!(meant_name(name).as_deref(), meant, "{name}");
        }
    }
}
