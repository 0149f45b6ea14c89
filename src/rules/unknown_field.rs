//! TLSRPT109 `unknown-field`: a grammatical extension field that senders ignore.

use super::helpers::{shown, Finding};

use super::context::RecordCtx;
use super::helpers::fields::suspicion;
use crate::diagnostic::Diagnostic;
use crate::record::dialect::ParsedValue;
use crate::record::{is_ext_name, is_ext_value};

declare_rule! {
    /// ## What it does
    /// Notes a field other than `v` and `rua` that is a valid extension and does not look
    /// like a mistake (those are `suspicious-field`).
    ///
    /// ## Why is this bad?
    /// It is not: RFC 8460 §3 lets records carry extensions, and senders "SHALL" ignore
    /// fields they do not know. But no extension is registered, so the field does nothing
    /// today; it is worth knowing why it is there. checkdmarc reports the same as a warning
    /// ("Unknown tag ext was ignored").
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com; owner=postmaster"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §3 (`tlsrpt-extension`; unknown fields "SHALL be ignored")
    pub static UNKNOWN_FIELD = {
        code: "TLSRPT109",
        name: "unknown-field",
        severity: Info,
        summary: "a grammatical extension field that senders ignore",
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&UNKNOWN_FIELD, findings(&value), out);
    }
}

fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    v.syntax
        .fields
        .iter()
        .enumerate()
        .filter(|&(i, f)| {
            let name = v.str(&f.name);
            !v.is_version(i)
                && f.eq.is_some()
                && !["v", "rua"].contains(&name)
                && f.ws_before_eq().is_empty()
                && f.ws_after_eq().is_empty()
                && is_ext_name(name)
                && is_ext_value(v.str(&f.value))
                && suspicion(name).is_none()
        })
        .map(|(_, f)| {
            Finding::new(f.content(), format!("unknown field `{}` is ignored by senders", shown(v.str(&f.name))))
                .help("no TLS-RPT extension is registered; remove it unless a report processor asked for it")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::policy;

    const CODE: &str = "TLSRPT109";

    #[test]
    fn grammatical_extensions() {
        assert_eq!(
            policy("v=TLSRPTv1; rua=mailto:a@example.com; ext=ok-1"),
            [(CODE, 38..46)]
        );
        assert_eq!(
            policy("v=TLSRPTv1; x.y_z-1=!\"#$%&'()*+,-./:<>?@[]^_`{|}~; rua=mailto:a@example.com"),
            [(CODE, 12..49)]
        );
    }

    #[test]
    fn not_for_suspicious_invalid_or_known_fields() {
        assert_eq!(
            policy("v=TLSRPTv1; rua=mailto:a@example.com; ruf=mailto:a@example.com"),
            [("TLSRPT110", 38..41)]
        );
        assert_eq!(
            policy("v=TLSRPTv1; rua=mailto:a@example.com; _x=1"),
            [("TLSRPT108", 38..39)]
        );
        assert_eq!(
            policy("v=TLSRPTv1; rua=mailto:a@example.com; v=TLSRPTv1"),
            [("TLSRPT111", 38..39)]
        );
    }
}
