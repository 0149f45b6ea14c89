//! TLSRPT501 `invalid-mta-sts-record`: an `_mta-sts` record that breaks RFC 8461 §3.1.
//!
//! The field grammar is RFC 8460's with another version and required field, so this rule
//! runs the policy rules' checks in the MTA-STS dialect and adds the `id` check; every
//! finding is reported under this one code.

use super::helpers::{shown, FieldCheck, Finding};
use crate::uri;

use super::context::RecordCtx;
use crate::diagnostic::Diagnostic;
use crate::record::dialect::ParsedValue;
use crate::record::is_foreign;

declare_rule! {
    /// ## What it does
    /// Checks a TXT record at an `_mta-sts` name that tries to be an MTA-STS record (it
    /// mentions `sts` or `id=`, or starts with `v=`) against RFC 8461 §3.1: it must begin
    /// with `v=STSv1`, have an `id=` of 1 to 32 letters or digits, separate fields with
    /// `;`, and follow the same field grammar as TLS-RPT (no empty fields, no stray
    /// whitespace, valid extensions, ASCII only). One rule with several messages.
    ///
    /// Whitespace before the first `;` (`v=STSv1 ;`) is grammatical and not flagged,
    /// although it fails the "begin with `v=STSv1;`" discard test literally (RFC 8461
    /// erratum 6285); see `whitespace-before-delimiter` for the TLS-RPT case.
    ///
    /// ## Why is this bad?
    /// Senders discard `_mta-sts` records that do not begin with `v=STSv1;`, and unlike
    /// RFC 8460, RFC 8461 says a syntactically invalid record means no policy at all. The
    /// `id` is how senders notice a policy change: ids such as `2024-01-01` or
    /// `20240101T00:00` are invalid (checkdmarc: "The id value must be 1-32 letters or
    /// digits"), and MTA-STS stays off for the domain.
    ///
    /// ## Example
    /// ```zone
    /// _mta-sts  IN TXT "v=STSv1; id=2024-01-01"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _mta-sts  IN TXT "v=STSv1; id=20240101T000000"
    /// ```
    ///
    /// ## Fix safety
    /// The fixes are those of the same problem in a policy (`missing-delimiter`,
    /// `version-mismatch`, `stray-whitespace`...), with the same safety.
    ///
    /// ## References
    /// - RFC 8461 §3.1 (`sts-text-record`, `sts-id`, the discard rule)
    /// - RFC 8461 erratum 6285 (whitespace before the first `;`)
    pub static INVALID_MTA_STS_RECORD = {
        code: "TLSRPT501",
        name: "invalid-mta-sts-record",
        severity: Error,
        summary: "an `_mta-sts` record that breaks RFC 8461 §3.1 (`v=STSv1` first, `id` of 1-32 letters or digits)",
        security_severity: "5.0",
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(v) = ctx.mta_sts() else {
        return;
    };
    // A placeholder a deploy step fills (`id={{ serial }}`) is `unevaluated-value`'s.
    let filled = uri::deploy_placeholders(v.text);
    let findings = ctx
        .field_checks()
        .chain([id_findings as FieldCheck])
        .flat_map(|check| check(&v))
        .filter(|f| {
            !filled.iter().any(|p| {
                (p.start as u32) < f.range.end.max(f.range.start + 1)
                    && f.range.start < p.end as u32
            })
        })
        .collect();
    ctx.emit(&INVALID_MTA_STS_RECORD, findings, out);
}

/// The first `id` value is 1 to 32 letters or digits (`sts-id`).
fn id_findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    let Some(f) = v
        .syntax
        .fields
        .iter()
        .find(|f| f.eq.is_some() && v.name(f) == "id")
    else {
        return Vec::new();
    };
    // Spaces, control and non-ASCII characters have their own messages.
    let chars: Vec<(u32, char)> = v
        .str(&f.value)
        .char_indices()
        .map(|(i, c)| (f.value.start + i as u32, c))
        .filter(|&(_, c)| !is_foreign(c) && c != ' ')
        .collect();
    let id = shown(v.str(&f.value));
    let help = "an `id` is 1 to 32 letters or digits, such as a timestamp `20240101T000000`";
    if let Some(&(at, c)) = chars.iter().find(|(_, c)| !c.is_ascii_alphanumeric()) {
        return vec![
            Finding::new(at..at + 1, format!("`id` value `{id}` contains `{c}`")).help(help),
        ];
    }
    match chars.get(32) {
        Some(&(at, _)) => vec![Finding::new(
            at..f.value.end,
            format!("`id` value `{id}` is longer than 32 characters"),
        )
        .help(help)],
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{all, in_zone, only};
    use crate::model::RecordKind;

    const CODE: &str = "TLSRPT501";

    fn sts(value: &str) -> super::super::helpers::testing::Found {
        all(RecordKind::MtaSts, value)
    }

    fn messages(value: &str) -> Vec<String> {
        only(RecordKind::MtaSts, CODE, value)
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn valid_records() {
        for t in [
            "v=STSv1; id=20240101T000000;",
            "v=STSv1;id=1",
            "v=STSv1; id=abc; ext=x",
            "v=STSv1 ; id=a",
        ] {
            assert_eq!(sts(t), [], "{t}");
        }
    }

    #[test]
    fn invalid_ids() {
        assert_eq!(sts("v=STSv1; id=2024-01-01"), [(CODE, 16..17)]);
        assert_eq!(
            messages("v=STSv1; id=2024-01-01"),
            ["`id` value `2024-01-01` contains `-`"]
        );
        let long = format!("v=STSv1; id={}", "a".repeat(34));
        assert_eq!(sts(&long), [(CODE, 44..46)]);
    }

    #[test]
    fn grammar_problems_in_the_sts_dialect() {
        for (t, message) in [
            ("v=STSv1;", "`_mta-sts` record has no `id=` field"),
            (
                "id=1; v=STSv1",
                "`_mta-sts` record begins with `id=` instead of `v=STSv1`",
            ),
            ("v=stsv1; id=1", "version `stsv1` has the wrong case"),
            ("v=STSv1 id=1", "expected `;` before `id=`"),
            ("v=STSv1;; id=1", "empty field between two delimiters"),
            ("v=STSv1; id = 1", "whitespace before `=` in `id`"),
            (
                "v=STSv1; id=1; _x=1",
                "field name `_x` must begin with a letter or digit",
            ),
            (
                " v=STSv1; id=1",
                "`_mta-sts` record begins with whitespace instead of `v=STSv1`",
            ),
        ] {
            assert_eq!(
                messages(t).first().map(String::as_str),
                Some(message),
                "{t}"
            );
        }
    }

    #[test]
    fn not_an_attempt() {
        let text = "google-site-verification=abc";
        assert_eq!(in_zone(RecordKind::MtaSts, text), []);
    }
}
