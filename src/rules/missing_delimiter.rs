//! TLSRPT103 `missing-delimiter`: fields not separated by `;`.

use super::helpers::{shown, Finding};

use super::context::RecordCtx;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::record::dialect::ParsedValue;
use crate::record::DelimiterKind;

declare_rule! {
    /// ## What it does
    /// Flags two fields run together without a `;` between them: separated by a space
    /// (`v=TLSRPTv1 rua=...`), a comma (`v=TLSRPTv1, rua=...`), a colon, nothing at all, or
    /// a literal `\;` that the source format did not unescape (OctoDNS escapes `;` as `\;`;
    /// written where no unescaping happens, the backslash is published). The linter reads
    /// the value as if the `;` were there, so the fields after it are still checked.
    ///
    /// ## Why is this bad?
    /// Fields are separated by `field-delim = *WSP ";" *WSP` and nothing else. Without the
    /// `;`, `rua=...` becomes part of the version's value: the version no longer matches
    /// `v=TLSRPTv1`, the policy has no `rua`, and senders ignore it.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1 rua=mailto:tlsrpt@example.com"
    /// _smtp._tls  IN TXT "v=TLSRPTv1\\; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes the `;` (in place of a space, `,` or `:`, or where none is); it is safe:
    /// the fields and URIs stay as written, only their separation is mended.
    ///
    /// ## References
    /// - RFC 8460 §3 (`field-delim`)
    pub static MISSING_DELIMITER = {
        code: "TLSRPT103",
        name: "missing-delimiter",
        severity: Error,
        summary: "fields not separated by `;`",
        security_severity: "5.0",
        fields: findings,
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&MISSING_DELIMITER, findings(&value), out);
    }
}

/// One finding per delimiter that is not a `;`.
pub(super) fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    let s = v.syntax;
    s.delimiters
        .iter()
        .enumerate()
        .filter(|(_, d)| !d.kind.is_semicolon())
        .map(|(i, d)| {
            let before = match s.fields.get(i + 1) {
                Some(next) => format!("before `{}=`", shown(&v.name(next))),
                None => "at the end".to_string(),
            };
            let written = v.str(&d.range);
            let (message, label, edit) = match d.kind {
                DelimiterKind::Whitespace => (
                    format!("expected `;` {before}"),
                    "only whitespace separates these fields",
                    d.range.start..d.range.start,
                ),
                DelimiterKind::Nothing => (format!("expected `;` {before}"), "no `;` here", d.range.clone()),
                _ => (format!("expected `;` {before}, found `{written}`"), "not a delimiter", d.range.clone()),
            };
            let help = match d.kind {
                DelimiterKind::EscapedSemicolon => {
                    "the source format did not unescape `\\;`, so the published value keeps the backslash; write a plain `;`"
                }
                DelimiterKind::Comma => "fields are separated by `;`; `,` only separates URIs inside `rua=`",
                _ => "fields are separated by `;`",
            };
            Finding::new(d.range.clone(), message)
                .label(label)
                .help(help)
                .fix_one("write `;`", Applicability::Safe, edit, ";")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{fixed, messages, policy};

    const CODE: &str = "TLSRPT103";

    #[test]
    fn each_stand_in_is_found_and_fixed() {
        for (t, range, message) in [
            (
                "v=TLSRPTv1 rua=mailto:a@example.com",
                10..11,
                "expected `;` before `rua=`",
            ),
            (
                "v=TLSRPTv1, rua=mailto:a@example.com",
                10..11,
                "expected `;` before `rua=`, found `,`",
            ),
            (
                "v=TLSRPTv1:rua=mailto:a@example.com",
                10..11,
                "expected `;` before `rua=`, found `:`",
            ),
            (
                "v=TLSRPTv1\\; rua=mailto:a@example.com",
                10..12,
                "expected `;` before `rua=`, found `\\;`",
            ),
            (
                "v=TLSRPTv1rua=mailto:a@example.com",
                10..10,
                "expected `;` before `rua=`",
            ),
        ] {
            assert_eq!(policy(t), [(CODE, range)], "{t}");
            assert_eq!(messages(CODE, t), [message]);
            let fixed = fixed(CODE, t);
            assert!(
                fixed.starts_with("v=TLSRPTv1;") && !fixed.contains('\\'),
                "{fixed}"
            );
        }
    }

    #[test]
    fn a_later_field_run_into_a_uri_list() {
        let t = "v=TLSRPTv1; rua=mailto:a@example.com, ext=1";
        assert_eq!(policy(t), [(CODE, 36..37), ("TLSRPT109", 38..43)]);
    }

    #[test]
    fn commas_between_uris_are_not_delimiters() {
        assert_eq!(
            policy("v=TLSRPTv1; rua=mailto:a@example.com, mailto:b@example.com"),
            []
        );
    }
}
