//! TLSRPT106 `empty-field`: `;;`, a field without `=`, or a field without a value.

use super::helpers::{shown, Finding};

use super::context::RecordCtx;
use super::helpers::fields::is_nameless_uri;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::record::clean;
use crate::record::dialect::ParsedValue;

declare_rule! {
    /// ## What it does
    /// Flags fields with nothing in them: two delimiters in a row (`;;`, `; ;`), a
    /// delimiter before the version, a field without `=` (`v=TLSRPTv1; mailto:...`), a
    /// field without a name (`=x`), or a field without a value (`rua=`). A single `;` at
    /// the end, optionally followed by whitespace, is allowed and not flagged.
    ///
    /// ## Why is this bad?
    /// Every field must be `name=value` with a non-empty value: `field-delim` holds exactly
    /// one `;`, the extension value is `1*(...)`, and `rua=` needs at least one URI.
    /// checkdmarc rejects `v=TLSRPTv1;;rua=...` ("Expected tag_value"), and a strict parser
    /// may reject the whole policy.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1;; rua=mailto:tlsrpt@example.com"
    /// _smtp._tls  IN TXT "v=TLSRPTv1; mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Fix safety
    /// Removing an empty field (`;;`, a trailing `; ;`) is safe. Moving a bare URI into `rua=`
    /// is unsafe: it makes a destination of text that was not one.
    ///
    /// ## References
    /// - RFC 8460 §3 (`tlsrpt-record`, `field-delim`, `tlsrpt-rua`, `tlsrpt-ext-value`)
    pub static EMPTY_FIELD = {
        code: "TLSRPT106",
        name: "empty-field",
        severity: Error,
        summary: "`;;`, a field without `=`, or a field without a value",
        security_severity: "5.0",
        fields: findings,
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&EMPTY_FIELD, findings(&value), out);
    }
}

pub(super) fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    let (s, dialect) = (v.syntax, v.dialect);
    let mut out = Vec::new();
    for (i, f) in s.fields.iter().enumerate() {
        if v.is_version(i) || v.is_after_scheme_semicolon(i) {
            continue;
        }
        let name = v.name(f);
        if f.is_empty() {
            // The delimiter that closes the empty field, or the one before it at the end.
            let Some(d) = s
                .delimiters
                .get(i)
                .or_else(|| s.delimiters.get(i.wrapping_sub(1)))
            else {
                continue;
            };
            let message = if i == 0 {
                format!("empty field before the first `{}`", v.str(&d.range))
            } else {
                "empty field between two delimiters".to_string()
            };
            out.push(
                Finding::new(d.range.clone(), message)
                    .label("nothing before this delimiter")
                    .help("remove the extra `;`")
                    .fix_one(
                        "remove the extra delimiter",
                        Applicability::Safe,
                        d.range.clone(),
                        "",
                    ),
            );
        } else if f.eq.is_none() && clean(v.str(&f.content())).trim().is_empty() {
            // Only characters `non-ascii` or `control-character` report.
            continue;
        } else if f.eq.is_none() {
            let finding = Finding::new(f.content(), format!("field `{}` has no `=`", shown(&name)))
                .label("not a `name=value` field");
            out.push(
                if dialect.required_lists_uris
                    && is_nameless_uri(&name)
                    && !v.has_field(dialect.required)
                {
                    let field = format!("{}=", dialect.required);
                    finding
                        .help(format!("a destination belongs in `{field}`"))
                        .fix_one(
                            format!("insert `{field}`"),
                            Applicability::Unsafe,
                            f.name.start..f.name.start,
                            field,
                        )
                } else {
                    finding.help("write `name=value`, or remove the field")
                },
            );
        } else if f.name.is_empty() {
            let eq = f.eq.clone().unwrap_or_default();
            out.push(
                Finding::new(eq.start..f.content().end, "field has no name before `=`")
                    .help("field names start with a letter or digit; remove the field or name it"),
            );
        } else if f.value.is_empty() {
            let eq_end = f.eq.as_ref().map_or(f.name.end, |e| e.end);
            let help = if name == "rua" {
                "give at least one `mailto:` or `https:` destination, or remove the field"
                    .to_string()
            } else {
                format!("give `{}` a value, or remove the field", shown(&name))
            };
            out.push(
                Finding::new(
                    f.name.start..eq_end,
                    format!("field `{}` has no value", shown(&name)),
                )
                .label("nothing after `=`")
                .help(help),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{fixed, messages, policy};

    const CODE: &str = "TLSRPT106";

    #[test]
    fn double_delimiters() {
        let t = "v=TLSRPTv1;;rua=mailto:a@example.com";
        assert_eq!(policy(t), [(CODE, 11..12)]);
        assert_eq!(fixed(CODE, t), "v=TLSRPTv1;rua=mailto:a@example.com");
        let t = "v=TLSRPTv1; rua=mailto:a@example.com; ;";
        assert_eq!(policy(t), [(CODE, 38..39)]);
        assert_eq!(messages(CODE, t), ["empty field between two delimiters"]);
    }

    #[test]
    fn a_leading_delimiter() {
        let t = ";v=TLSRPTv1; rua=mailto:a@example.com";
        assert_eq!(policy(t), [(CODE, 0..1)]);
        assert_eq!(fixed(CODE, t), "v=TLSRPTv1; rua=mailto:a@example.com");
    }

    #[test]
    fn fields_without_equals_name_or_value() {
        assert_eq!(
            policy("v=TLSRPTv1; rua=mailto:a@example.com; foo"),
            [(CODE, 38..41)]
        );
        assert_eq!(
            policy("v=TLSRPTv1; rua=mailto:a@example.com; =x"),
            [(CODE, 38..40)]
        );
        assert_eq!(policy("v=TLSRPTv1; rua="), [(CODE, 12..16)]);
        assert_eq!(
            messages(CODE, "v=TLSRPTv1; rua="),
            ["field `rua` has no value"]
        );
        assert_eq!(
            policy("v=TLSRPTv1; rua=mailto:a@example.com; x="),
            [(CODE, 38..40)]
        );
    }

    #[test]
    fn a_uri_without_rua_gets_a_fix() {
        let t = "v=TLSRPTv1; mailto:a@example.com";
        assert_eq!(fixed(CODE, t), "v=TLSRPTv1; rua=mailto:a@example.com");
    }

    #[test]
    fn a_field_of_foreign_characters_only_is_not_this_rule() {
        assert_eq!(
            policy("v=TLSRPTv1; rua=mailto:a@example.com;\u{a0}"),
            [("TLSRPT112", 37..39)]
        );
    }

    #[test]
    fn one_final_delimiter_is_fine() {
        assert_eq!(policy("v=TLSRPTv1; rua=mailto:a@example.com;"), []);
        assert_eq!(policy("v=TLSRPTv1; rua=mailto:a@example.com; \t"), []);
    }
}
