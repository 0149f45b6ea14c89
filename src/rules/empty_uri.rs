//! TLSRPT206 `empty-uri`: an empty element in the `rua` list.

use super::helpers::Finding;

use super::context::RecordCtx;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::record::dialect::ParsedValue;

declare_rule! {
    /// ## What it does
    /// Flags an empty element in a `rua` list: a leading comma (`rua=,mailto:...`), a
    /// trailing comma (`rua=mailto:...,`), or two commas in a row. The finding points at
    /// the extra comma and the fix removes it. A `rua=` with nothing at all after it is
    /// `empty-field`.
    ///
    /// ## Why is this bad?
    /// The list is `tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)`: every comma is followed by a
    /// URI. A strict parser rejects the record; a lenient one may try to deliver to an
    /// empty URI. Trailing commas usually come from templates that join a list.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com,"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the stray comma; it is safe: no destination is added or lost.
    ///
    /// ## References
    /// - RFC 8460 §3 (`tlsrpt-rua`)
    pub static EMPTY_URI = {
        code: "TLSRPT206",
        name: "empty-uri",
        severity: Error,
        summary: "an empty element in the `rua` list: a leading, trailing or double comma",
        security_severity: "5.0",
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&EMPTY_URI, findings(&value), out);
    }
}

fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for list in v.syntax.fields.iter().filter_map(|f| f.uris.as_ref()) {
        let last = list.uris.len().saturating_sub(1);
        // The extra comma: after a leading or middle empty URI, before a trailing one.
        for (k, _) in list.uris.iter().enumerate().filter(|(_, u)| u.is_empty()) {
            let (sep, message) = match k {
                0 => (
                    &list.separators[0],
                    "empty URI before the first `,` in `rua`",
                ),
                k if k == last => (
                    &list.separators[k - 1],
                    "trailing `,` in `rua` leaves an empty URI",
                ),
                k => (&list.separators[k], "empty URI between two commas in `rua`"),
            };
            let comma = sep.comma.clone().unwrap_or_else(|| sep.range.clone());
            out.push(
                Finding::new(comma, message)
                    .label("no URI next to this comma")
                    .help("remove the extra `,`")
                    .fix_one(
                        "remove the extra comma",
                        Applicability::Safe,
                        sep.range.clone(),
                        "",
                    ),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{fixed, policy};

    const CODE: &str = "TLSRPT206";

    #[test]
    fn leading_trailing_and_double_commas() {
        for (t, range, after) in [
            (
                "v=TLSRPTv1; rua=,mailto:a@example.com",
                16..17,
                "v=TLSRPTv1; rua=mailto:a@example.com",
            ),
            (
                "v=TLSRPTv1; rua=mailto:a@example.com,",
                36..37,
                "v=TLSRPTv1; rua=mailto:a@example.com",
            ),
            (
                "v=TLSRPTv1; rua=mailto:a@example.com , ;",
                37..38,
                "v=TLSRPTv1; rua=mailto:a@example.com ;",
            ),
            (
                "v=TLSRPTv1; rua=mailto:a@example.com,,mailto:b@example.com",
                37..38,
                "v=TLSRPTv1; rua=mailto:a@example.com,mailto:b@example.com",
            ),
        ] {
            assert_eq!(policy(t), [(CODE, range)], "{t}");
            assert_eq!(fixed(CODE, t), after);
        }
    }

    #[test]
    fn an_empty_rua_is_empty_field() {
        assert_eq!(policy("v=TLSRPTv1; rua="), [("TLSRPT106", 12..16)]);
    }
}
