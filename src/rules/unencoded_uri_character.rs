//! TLSRPT205 `unencoded-uri-character`: a character that must be percent-encoded.

use super::helpers::Finding;

use super::context::RecordCtx;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::record::dialect::ParsedValue;
use crate::uri;

declare_rule! {
    /// ## What it does
    /// Flags a raw character in a `rua` URI that must be percent-encoded: `!` (and `,` or
    /// `;` where they reach a URI), which RFC 8460 requires to be encoded, and the
    /// characters RFC 3986 never allows raw (`"`, `<`, `>`, `\`, `^`, a backtick, `{`, `|`,
    /// `}`, and a `%` that does not start a `%XX` escape). The fix writes the `%XX` form.
    /// A DMARC size limit such as `!10m` at the end gets its own message: TLS-RPT has no
    /// size limit, so the fix removes it.
    ///
    /// Spaces, control and non-ASCII characters are reported by their own rules, and a URI
    /// holding a template placeholder (`{domain}`) by `placeholder-destination`.
    ///
    /// ## Why is this bad?
    /// `,` separates URIs, `;` separates fields, and `!` introduced a size limit in DMARC;
    /// RFC 8460 §3 says all three "MUST be encoded" so parsers can split the record. The
    /// other characters make the URI invalid under RFC 3986, and checkdmarc rejects it.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com!10m"
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=https://r.example.com/a|b"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=https://r.example.com/a%7Cb"
    /// ```
    ///
    /// ## Fix safety
    /// Percent-encoding a character is safe: the URI names the same destination. Removing a
    /// DMARC size limit (`!10m`) is unsafe: it changes the URI as written.
    ///
    /// ## References
    /// - RFC 8460 §3 (`tlsrpt-uri`: commas, exclamation points and semicolons MUST be encoded)
    /// - RFC 3986 §2.1 (percent-encoding) and §2.2-§2.3 (characters allowed raw)
    /// - RFC 7489 §6.4 (the DMARC `!size` suffix TLS-RPT does not have)
    pub static UNENCODED_URI_CHARACTER = {
        code: "TLSRPT205",
        name: "unencoded-uri-character",
        severity: Error,
        summary: "a raw `!`, `,` or `;` in a URI, or another character RFC 3986 does not allow raw",
        security_severity: "5.0",
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&UNENCODED_URI_CHARACTER, findings(&value), out);
    }
}

fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for u in v.checked_uris() {
        if let Some(suffix) = uri::size_suffix(v.text, &u.range) {
            out.push(
                Finding::new(
                    suffix.clone(),
                    format!("`{}` is a DMARC report size limit", v.str(&suffix)),
                )
                .label("TLS-RPT has no size limit")
                .help("remove it; in a TLS-RPT URI a raw `!` must be percent-encoded")
                .fix_one(
                    "remove the size limit",
                    Applicability::Unsafe,
                    suffix,
                    "",
                ),
            );
        }
        for (range, c) in uri::unencoded(v.text, &u.range) {
            let encoded = format!("%{:02X}", c as u32);
            let message = if matches!(c, '!' | ',' | ';') {
                format!("`{c}` must be percent-encoded in a `rua` URI")
            } else if c == '%' {
                "`%` does not start a percent-encoding".to_string()
            } else {
                format!("`{c}` is not allowed raw in a URI")
            };
            out.push(
                Finding::new(range.clone(), message)
                    .help(format!("write `{encoded}`"))
                    .fix_one(
                        format!("write `{encoded}`"),
                        Applicability::Safe,
                        range,
                        encoded,
                    ),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{fixed, messages, policy};

    const CODE: &str = "TLSRPT205";

    #[test]
    fn raw_characters_are_encoded() {
        let t = "v=TLSRPTv1; rua=https://r.example.com/a!b|c%zz";
        assert_eq!(policy(t), [(CODE, 39..40), (CODE, 41..42), (CODE, 43..44)]);
        assert_eq!(
            messages(CODE, t),
            [
                "`!` must be percent-encoded in a `rua` URI",
                "`|` is not allowed raw in a URI",
                "`%` does not start a percent-encoding"
            ]
        );
        assert_eq!(
            fixed(CODE, t),
            "v=TLSRPTv1; rua=https://r.example.com/a%21b%7Cc%25zz"
        );
    }

    #[test]
    fn a_dmarc_size_limit() {
        let t = "v=TLSRPTv1; rua=mailto:a@example.com!10m";
        assert_eq!(policy(t), [(CODE, 36..40)]);
        assert_eq!(fixed(CODE, t), "v=TLSRPTv1; rua=mailto:a@example.com");
    }

    #[test]
    fn encoded_characters_are_fine() {
        assert_eq!(
            policy("v=TLSRPTv1; rua=https://r.example.com/a%21b%2Cc%3B"),
            []
        );
    }
}
