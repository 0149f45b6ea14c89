//! TLSRPT107 `stray-whitespace`: whitespace where the grammar allows none.

use super::helpers::{shown, space_runs, Finding};

use super::context::RecordCtx;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::record::dialect::ParsedValue;
use crate::uri;

declare_rule! {
    /// ## What it does
    /// Flags whitespace where the grammar allows none: around `=` in a field other than the
    /// version (`rua = mailto:...`), inside a field name or value, between two `rua` URIs
    /// that have no comma, and at the end of a value that does not end with `;`.
    ///
    /// Whitespace allowed by the grammar is not flagged: around `;` and around the commas
    /// of a `rua` list. Whitespace before the version is `version-not-first`, whitespace in
    /// the version field is `version-mismatch`, a space standing in for `;` is
    /// `missing-delimiter`, and a tab inside a value is `control-character`.
    ///
    /// ## Why is this bad?
    /// `tlsrpt-rua` is `%s"rua="` with no space, extension values exclude SP, and trailing
    /// whitespace is only allowed as part of a final `field-delim`. A space inside a URI is
    /// not RFC 3986. checkdmarc rejects `rua = mailto:...`, and other parsers split the
    /// value at the space, so the destination is lost.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua = mailto:tlsrpt@example.com"
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:a@example.com mailto:b@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:a@example.com, mailto:b@example.com"
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the whitespace, or writes the missing comma between two URIs; it is
    /// safe: the URIs stay those written.
    ///
    /// ## References
    /// - RFC 8460 §3 (`field-delim`, `tlsrpt-rua`, `tlsrpt-ext-value`)
    /// - RFC 3986 §2 (characters allowed in a URI)
    pub static STRAY_WHITESPACE = {
        code: "TLSRPT107",
        name: "stray-whitespace",
        severity: Error,
        summary: "whitespace around `=`, inside a value, or at the end without a final `;`",
        security_severity: "5.0",
        fields: findings,
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&STRAY_WHITESPACE, findings(&value), out);
    }
}

pub(super) fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    let s = v.syntax;
    let mut out = Vec::new();
    let remove = |range: std::ops::Range<u32>, message: String| {
        Finding::new(range.clone(), message)
            .label("remove this")
            .fix_one("remove the whitespace", Applicability::Safe, range, "")
    };
    for (i, f) in s.fields.iter().enumerate() {
        if v.is_version(i) {
            continue;
        }
        let name = shown(&v.name(f));
        for (ws, side) in [(f.ws_before_eq(), "before"), (f.ws_after_eq(), "after")] {
            if !ws.is_empty() {
                out.push(remove(ws, format!("whitespace {side} `=` in `{name}`")));
            }
        }
        for run in space_runs(v.text, &f.name) {
            out.push(
                Finding::new(run, format!("whitespace inside the field name `{name}`")).help(
                    "field names have no spaces: remove it, or end the field before it with `;`",
                ),
            );
        }
        match &f.uris {
            Some(list) => {
                for sep in list.separators.iter().filter(|sep| sep.comma.is_none()) {
                    out.push(
                        Finding::new(sep.range.clone(), "`rua` URIs separated by whitespace only")
                            .label("expected `,`")
                            .help("separate URIs with `,`")
                            .fix_one(
                                "insert `,`",
                                Applicability::Safe,
                                sep.range.start..sep.range.start,
                                ",",
                            ),
                    );
                }
                for uri in &list.uris {
                    let runs = space_runs(v.text, uri);
                    // A URI holding a placeholder is reported once, as that (asked only of
                    // the rare URI with whitespace: every URI of a long list comes here).
                    if runs.is_empty() || uri::placeholder(v.text, uri).is_some() {
                        continue;
                    }
                    for run in runs {
                        out.push(
                            Finding::new(
                                run,
                                format!("whitespace inside the `rua` URI `{}`", shown(v.str(uri))),
                            )
                            .help("a URI has no spaces: remove it, or percent-encode it as `%20`"),
                        );
                    }
                }
            }
            None => {
                for run in space_runs(v.text, &f.value) {
                    out.push(
                        Finding::new(run, format!("whitespace inside the value of `{name}`"))
                            .help("values have no spaces: remove it, or end the field with `;`"),
                    );
                }
            }
        }
    }
    if let (false, Some(last)) = (s.ends_with_delimiter(), s.fields.last()) {
        if !last.trailing_ws.is_empty() && !last.is_empty() {
            out.push(remove(
                last.trailing_ws.clone(),
                format!("whitespace at the end of the {}", v.dialect.record),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{fixed, messages, policy};

    const CODE: &str = "TLSRPT107";

    #[test]
    fn around_equals() {
        let t = "v=TLSRPTv1; rua = mailto:a@example.com";
        assert_eq!(policy(t), [(CODE, 15..16), (CODE, 17..18)]);
        assert_eq!(
            messages(CODE, t),
            [
                "whitespace before `=` in `rua`",
                "whitespace after `=` in `rua`"
            ]
        );
        assert_eq!(fixed(CODE, t), "v=TLSRPTv1; rua=mailto:a@example.com");
    }

    #[test]
    fn inside_values_and_uris() {
        assert_eq!(
            policy("v=TLSRPTv1; rua=mailto:a b@example.com"),
            [(CODE, 24..25)]
        );
        assert_eq!(
            policy("v=TLSRPTv1; rua=mailto:a@example.com; ext=a  b"),
            [(CODE, 43..45)]
        );
    }

    #[test]
    fn uris_without_a_comma() {
        let t = "v=TLSRPTv1; rua=mailto:a@example.com mailto:b@example.com";
        assert_eq!(policy(t), [(CODE, 36..37)]);
        assert_eq!(
            fixed(CODE, t),
            "v=TLSRPTv1; rua=mailto:a@example.com, mailto:b@example.com"
        );
    }

    #[test]
    fn at_the_end_without_a_final_delimiter() {
        let t = "v=TLSRPTv1; rua=mailto:a@example.com \t";
        assert_eq!(policy(t), [(CODE, 36..38)]);
        assert_eq!(messages(CODE, t), ["whitespace at the end of the policy"]);
        assert_eq!(policy("v=TLSRPTv1; rua=mailto:a@example.com; "), []);
    }

    #[test]
    fn allowed_whitespace_is_not_flagged() {
        assert_eq!(
            policy("v=TLSRPTv1;  rua=mailto:a@example.com , \thttps://r.example/x ;"),
            []
        );
    }

    #[test]
    fn a_tab_inside_a_value_is_a_control_character() {
        assert_eq!(
            policy("v=TLSRPTv1; rua=mailto:a\t@example.com"),
            [("TLSRPT113", 24..25)]
        );
    }
}
