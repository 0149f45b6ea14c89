//! TLSRPT203 `invalid-mailto`: a `mailto:` URI without exactly one valid address.

use super::helpers::Finding;

use super::context::RecordCtx;
use super::helpers::uri_problems::{mailto_problem, scheme_findings};
use crate::diagnostic::Diagnostic;
use crate::record::dialect::ParsedValue;
use crate::uri::Scheme;

declare_rule! {
    /// ## What it does
    /// Flags a `mailto:` URI that is not exactly one valid address: no address at all, no
    /// `@`, an empty local part or domain, a domain with an empty label or a trailing dot,
    /// characters an address cannot hold, several addresses joined by `%2C`, and
    /// `rua=mailto;tlsrpt@example.com`, where a `;` stands in for the `:`. Characters that
    /// other rules report (spaces, raw `!`, non-ASCII) are left to them.
    ///
    /// ## Why is this bad?
    /// Senders mail reports to the address: an invalid one bounces or is never tried, and
    /// the domain receives no reports. A trailing dot (`example.com.`) is normal in a zone
    /// file but not in an e-mail address. RFC 6068 allows several addresses in one
    /// `mailto:` URI, but TLS-RPT needs `,` percent-encoded, validators accept only one
    /// address, and several destinations belong in the `rua` list instead.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com."
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto;tlsrpt@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `:` for the `;` after `mailto`; it is safe: the address stays the one
    /// written.
    ///
    /// ## References
    /// - RFC 8460 §3 (`tlsrpt-uri`; `mailto` per RFC 6068)
    /// - RFC 6068 §2 (`mailto` syntax), RFC 5322 §3.4.1 (`addr-spec`)
    pub static INVALID_MAILTO = {
        code: "TLSRPT203",
        name: "invalid-mailto",
        severity: Error,
        summary: "a `mailto:` URI without exactly one valid address",
        security_severity: "5.0",
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&INVALID_MAILTO, findings(&value), out);
    }
}

fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    scheme_findings(
        v,
        Scheme::Mailto,
        mailto_problem,
        "give one address, like `mailto:tlsrpt@example.com`",
    )
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{fixed, messages, policy};

    const CODE: &str = "TLSRPT203";

    #[test]
    fn broken_addresses() {
        for (uri, range) in [
            ("mailto:tlsrpt@example.com.", 41..42),
            ("mailto:", 16..23),
            ("mailto:example.com", 23..34),
            ("mailto:@example.com", 23..24),
            ("mailto:a@", 24..25),
            ("mailto:a@exa..mple.com", 28..30),
            ("mailto:a(b@example.com", 24..25),
        ] {
            assert_eq!(
                policy(&format!("v=TLSRPTv1; rua={uri}")),
                [(CODE, range)],
                "{uri}"
            );
        }
    }

    #[test]
    fn a_semicolon_for_a_colon() {
        let t = "v=TLSRPTv1; rua=mailto;tlsrpt@example.com";
        assert_eq!(policy(t), [(CODE, 22..23)]);
        assert_eq!(
            messages(CODE, t),
            ["`mailto` is followed by `;` instead of `:`"]
        );
        assert_eq!(fixed(CODE, t), "v=TLSRPTv1; rua=mailto:tlsrpt@example.com");
        assert_eq!(policy("v=TLSRPTv1; rua=mailto"), [(CODE, 16..22)]);
    }

    #[test]
    fn other_rules_own_their_characters() {
        assert_eq!(
            policy("v=TLSRPTv1; rua=mailto:a!b@example.com"),
            [("TLSRPT205", 24..25)]
        );
        assert_eq!(
            policy("v=TLSRPTv1; rua=mailto:{user}@example.com"),
            [("TLSRPT209", 23..29)]
        );
    }
}
