//! TLSRPT111 `duplicate-field`: a field given twice.

use std::collections::HashMap;

use super::helpers::{shown, Finding};

use super::context::RecordCtx;
use crate::diagnostic::Diagnostic;
use crate::record::dialect::ParsedValue;

declare_rule! {
    /// ## What it does
    /// Flags a field name given more than once in one policy: two `rua=` fields, or a
    /// second `v=TLSRPTv1`. Names are compared exactly, as the grammar does (`RUA` beside
    /// `rua` is `suspicious-field`). The finding points at the repeat and labels the first.
    ///
    /// ## Why is this bad?
    /// The grammar does not forbid it, and §3 says the record "supports the ability to
    /// declare more than one rua", without saying whether that means several URIs in one
    /// field or several fields. Senders disagree: checkdmarc and mail-auth merge the lists,
    /// mox keeps both, Internet.nl and mimecast keep only one. One `rua=` with a
    /// comma-separated list means the same to all of them.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:a@example.com; rua=https://r.example.net/tlsrpt"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:a@example.com,https://r.example.net/tlsrpt"
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §3 (the grammar and "more than one rua")
    pub static DUPLICATE_FIELD = {
        code: "TLSRPT111",
        name: "duplicate-field",
        severity: Warning,
        summary: "a field given twice; senders disagree on which wins",
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&DUPLICATE_FIELD, findings(&value), out);
    }
}

fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    let mut first = HashMap::new();
    let mut out = Vec::new();
    for f in v.syntax.fields.iter().filter(|f| f.eq.is_some()) {
        let name = v.name(f);
        if name.is_empty() {
            continue;
        }
        let Some(earlier) = first.get(&name) else {
            first.insert(name, f.name.clone());
            continue;
        };
        let shown = shown(&name);
        let help = match name.as_ref() {
            "rua" => "merge the URIs into one `rua=` list, separated by `,`".to_string(),
            "v" => "remove the second version field".to_string(),
            _ => format!("keep one `{shown}`"),
        };
        out.push(
            Finding::new(
                f.name.clone(),
                format!("field `{shown}` is given more than once"),
            )
            .label("repeated here")
            .related(earlier.clone(), format!("first `{shown}` here"))
            .help(help),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{only, policy};
    use crate::model::RecordKind;

    const CODE: &str = "TLSRPT111";

    #[test]
    fn two_rua_fields() {
        let t = "v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com";
        assert_eq!(policy(t), [(CODE, 38..41)]);
        let d = &only(RecordKind::Policy, CODE, t)[0];
        assert_eq!(
            d.labels[0].location.span.start..d.labels[0].location.span.end,
            12..15
        );
    }

    #[test]
    fn a_second_version() {
        let t = "v=TLSRPTv1; rua=mailto:a@example.com; v=TLSRPTv1";
        assert_eq!(policy(t), [(CODE, 38..39)]);
    }

    #[test]
    fn different_case_is_not_a_duplicate() {
        assert_eq!(
            policy("v=TLSRPTv1; rua=mailto:a@example.com; RUA=mailto:b@example.com"),
            [("TLSRPT110", 38..41)]
        );
    }
}
