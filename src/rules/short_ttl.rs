//! TLSRPT310 `short-ttl`: a policy TTL under the configured floor.

use super::context::{Check, SetCtx};
use super::helpers::is_tlsrpt_attempt;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::model::RecordKind;

/// The floor when the configuration sets none: an hour.
const DEFAULT_FLOOR: u32 = 3600;

declare_rule! {
    /// ## What it does
    /// Flags a TLS-RPT policy whose TTL is under the floor, 3600 seconds unless `short-ttl`
    /// in `tlsrpt-lint.toml` sets another. An explicit TTL is pointed at and can be raised
    /// by the fix; an inherited one (`$TTL`, or the previous record's) is reported at the
    /// record. A CNAME-delegated policy is judged at its target.
    ///
    /// ## Why is this bad?
    /// RFC 8460 §7 advises publishing the policy "with a large TTL" (or signing the zone
    /// with DNSSEC): a sender that caches the policy longer is harder to trick with a forged
    /// or suppressed answer, and reporting survives a short DNS outage. A short TTL is often
    /// left over from testing. This is advice, so it reports at info.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  300 IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  86400 IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Fix safety
    /// The fix sets the TTL to the floor; it is unsafe: the TTL may have been lowered on
    /// purpose, before a change.
    ///
    /// ## References
    /// - RFC 8460 §7 (security considerations: a large TTL or DNSSEC)
    /// - RFC 2308 §4 (`$TTL`)
    pub static SHORT_TTL = {
        code: "TLSRPT310",
        name: "short-ttl",
        severity: Info,
        summary: "a policy TTL under the configured floor (default 3600 seconds)",
        check: Some(Check::Set(check)),
    }
}

fn check(ctx: &SetCtx<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.set.kind != RecordKind::Policy {
        return;
    }
    let floor = ctx.short_ttl.unwrap_or(DEFAULT_FLOOR);
    for record in ctx.records() {
        let policy = record
            .txt()
            .is_some_and(|t| is_tlsrpt_attempt(t.value.text()));
        let Some(ttl) = record.ttl.filter(|&ttl| policy && ttl < floor) else {
            continue;
        };
        let message = format!("policy TTL `{ttl}` is under `{floor}` seconds");
        let help = "RFC 8460 §7 advises a large TTL: raise it, or sign the zone with DNSSEC";
        let d = if record.ttl_span.is_empty() {
            ctx.diagnostic(&SHORT_TTL, record, record.value_span(), message)
                .with_primary_label("TTL inherited from `$TTL` or an earlier record")
                .with_help(help)
        } else {
            ctx.diagnostic(&SHORT_TTL, record, record.ttl_span, message)
                .with_help(help)
                .with_fix(Fix {
                    message: format!("set the TTL to `{floor}`"),
                    applicability: Applicability::Unsafe,
                    edits: vec![Edit {
                        span: record.ttl_span,
                        replacement: floor.to_string(),
                    }],
                })
        };
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::zone;
    use crate::config::Settings;

    #[test]
    fn the_floor_comes_from_the_settings() {
        let text = "_smtp._tls 600 TXT \"v=TLSRPTv1; rua=mailto:a@example.com\"\n";
        let settings = Settings {
            short_ttl: Some(300),
            ..Settings::default()
        };
        assert_eq!(zone("example.com.zone", text, &settings), []);
        let found = zone("example.com.zone", text, &Settings::default());
        assert_eq!(
            found,
            [(
                "TLSRPT310",
                "policy TTL `600` is under `3600` seconds".to_string()
            )]
        );
    }
}
