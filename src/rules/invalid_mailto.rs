//! TLSRPT203 `invalid-mailto`: a `mailto:` URI without exactly one valid address.

use std::ops::Range;

use super::helpers::Finding;

use super::context::RecordCtx;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::record::dialect::Value;
use crate::uri::{self, Scheme, Uri};

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

fn findings(v: &Value<'_>) -> Vec<Finding> {
    scheme_findings(
        v,
        Scheme::Mailto,
        uri::mailto_problem,
        "give one address, like `mailto:tlsrpt@example.com`",
    )
}

/// A scheme's URI check: the first problem of a URI, with its range and message.
pub(super) type UriCheck = fn(&str, &Uri) -> Option<(Range<u32>, String)>;

/// What `problem` finds in each URI of `scheme`, with `help`, and the scheme's name where it
/// lost its `:`. Shared with `invalid-https-uri`.
pub(super) fn scheme_findings(
    v: &Value<'_>,
    scheme: Scheme,
    problem: UriCheck,
    help: &str,
) -> Vec<Finding> {
    let mut out: Vec<Finding> = v
        .checked_uris()
        .filter(|u| u.scheme_kind(v.text) == Some(scheme))
        .filter_map(|u| problem(v.text, &u))
        .map(|(range, message)| Finding::new(range, message).help(help))
        .collect();
    let name = match scheme {
        Scheme::Mailto => "mailto",
        Scheme::Https => "https",
        Scheme::Other => return out,
    };
    out.extend(bare_scheme_findings(v, name));
    out
}

/// `rua=mailto;a@example.com` and `rua=mailto`: a scheme name that lost its `:`.
fn bare_scheme_findings(v: &Value<'_>, scheme: &str) -> Vec<Finding> {
    let s = v.syntax;
    let mut out = Vec::new();
    for (i, f) in s.fields.iter().enumerate() {
        let Some(last) = f.uris.as_ref().and_then(|l| l.uris.last()) else {
            continue;
        };
        if !v.str(last).eq_ignore_ascii_case(scheme) {
            continue;
        }
        out.push(match v.scheme_then_semicolon(i) {
            Some((written, semicolon)) => Finding::new(
                semicolon.clone(),
                format!("`{written}` is followed by `;` instead of `:`"),
            )
            .label("this ends the field")
            .help(format!("write `{written}:`"))
            .fix_one("write `:`", Applicability::Safe, semicolon, ":"),
            None => Finding::new(
                last.clone(),
                format!("`{}` has no `:` and nothing after it", v.str(last)),
            )
            .help("give a full URI, like `mailto:tlsrpt@example.com`"),
        });
    }
    out
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
