//! TLSRPT105 `missing-rua`: the policy has no `rua=` field.

use super::helpers::{shown, Finding};

use super::context::RecordCtx;
use super::helpers::fields::is_nameless_uri;
use super::helpers::fields::{suspicion, Suspicion};
use crate::diagnostic::Diagnostic;
use crate::record::dialect::ParsedValue;

declare_rule! {
    /// ## What it does
    /// Flags a policy without a field named exactly `rua`: only the version, a DMARC-style
    /// `ruf=`, an upper-case `RUA=`, or a misspelt `rue=`. When a near miss is present, the
    /// finding points at it too.
    ///
    /// ## Why is this bad?
    /// `rua` is required: it is the only place senders send reports. Field names are
    /// case-sensitive (`%s"rua="`), so `RUA=` is an unknown extension that senders ignore,
    /// and the policy reports nowhere. checkdmarc treats a missing `rua` as an error too.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; ruf=mailto:tlsrpt@example.com"
    /// _smtp._tls  IN TXT "v=TLSRPTv1;"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §3 (`tlsrpt-rua`: "the tlsrpt-rua record is required")
    pub static MISSING_RUA = {
        code: "TLSRPT105",
        name: "missing-rua",
        severity: Error,
        summary: "the policy has no `rua=` field",
        security_severity: "5.0",
        fields: findings,
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&MISSING_RUA, findings(&value), out);
    }
}

/// The required field (`rua`, or `id` for MTA-STS) is missing.
pub(super) fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    let s = v.syntax;
    let d = v.dialect;
    let required = d.required;
    if v.has_field(required) {
        return Vec::new();
    }
    let nameless = s
        .fields
        .iter()
        .any(|f| f.eq.is_none() && is_nameless_uri(&v.name(f)));
    if d.required_lists_uris && nameless {
        return Vec::new();
    }
    let at = match v.version() {
        Some((_, f)) => f.content(),
        None => s.body().end..s.body().end,
    };
    let finding = Finding::new(at, format!("{} has no `{required}=` field", d.record))
        .label(format!("no `{required}=` in this {}", d.record));
    let near = s.fields.iter().enumerate().find_map(|(i, f)| {
        let name = v.name(f);
        let hit = if d.required_lists_uris {
            suspicion(&name).filter(|s| *s != Suspicion::CaseOfV && !v.is_version(i))
        } else {
            name.eq_ignore_ascii_case(required)
                .then_some(Suspicion::CaseOfRua)
        };
        hit.map(|s| (f, name, s))
    });
    vec![match near {
        Some((f, name, Suspicion::Dmarc)) => finding
            .related(f.name.clone(), format!("`{}` is a DMARC tag", shown(&name)))
            .help(format!(
                "TLS-RPT sends reports only to `rua=`: rename `{}` to `rua`",
                shown(&name)
            )),
        Some((f, name, _)) => finding
            .related(
                f.name.clone(),
                format!("`{}` is not `{required}`", shown(&name)),
            )
            .help(format!(
                "field names are case-sensitive: rename `{}` to `{required}`",
                shown(&name)
            )),
        None => finding.help(d.missing_help),
    }]
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{only, policy};
    use crate::model::RecordKind;

    const CODE: &str = "TLSRPT105";

    #[test]
    fn version_alone() {
        assert_eq!(policy("v=TLSRPTv1"), [(CODE, 0..10)]);
        assert_eq!(policy("v=TLSRPTv1;"), [(CODE, 0..10)]);
    }

    #[test]
    fn near_misses_are_named_in_the_help() {
        for (t, help) in [
            (
                "v=TLSRPTv1; ruf=mailto:a@example.com",
                "TLS-RPT sends reports only to `rua=`: rename `ruf` to `rua`",
            ),
            (
                "v=TLSRPTv1; RUA=mailto:a@example.com",
                "field names are case-sensitive: rename `RUA` to `rua`",
            ),
            (
                "v=TLSRPTv1; rue=mailto:a@example.com",
                "field names are case-sensitive: rename `rue` to `rua`",
            ),
        ] {
            let d = only(RecordKind::Policy, CODE, t);
            assert_eq!(d.len(), 1, "{t}");
            assert_eq!(d[0].help.as_deref(), Some(help));
            assert_eq!(d[0].labels.len(), 1);
        }
    }

    #[test]
    fn no_version_points_at_the_end() {
        let t = "ext=1; tlsrpt=yes";
        assert!(policy(t).contains(&(CODE, 17..17)));
    }

    #[test]
    fn a_uri_without_rua_is_empty_field_only() {
        let t = "v=TLSRPTv1; mailto:a@example.com";
        assert_eq!(policy(t), [("TLSRPT106", 12..32)]);
    }
}
