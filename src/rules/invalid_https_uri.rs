//! TLSRPT204 `invalid-https-uri`: an `https:` URI without a host, with a bad port, or
//! otherwise not RFC 3986.

use super::helpers::Finding;

use super::context::RecordCtx;
use super::helpers::uri_problems::{https_problem, scheme_findings};
use crate::diagnostic::Diagnostic;
use crate::record::dialect::ParsedValue;
use crate::uri::Scheme;

declare_rule! {
    /// ## What it does
    /// Flags an `https:` URI that senders cannot post to: no `//` and host
    /// (`https:reports.example.com`), an empty host, a host with an empty label or a
    /// character no host name has, a port that is not a number from 0 to 65535, an
    /// invalid IPv6 literal, or `https;//...` where a `;` stands in for the `:`.
    ///
    /// ## Why is this bad?
    /// Senders POST reports to the URI (RFC 8460 §4.3.1); without a valid host there is
    /// nothing to connect to and the reports are lost. checkdmarc rejects such a URI with
    /// "is not a valid SMTP TLS Reporting URI".
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=https:reports.example.com/tlsrpt"
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=https://reports.example.com:8443x/tlsrpt"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=https://reports.example.com/tlsrpt"
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §3 (`tlsrpt-uri`) and §4.3.1 (delivery by HTTPS POST)
    /// - RFC 3986 §3.2 (authority, host, port), RFC 9110 §4.2.2 (the `https` URI scheme)
    pub static INVALID_HTTPS_URI = {
        code: "TLSRPT204",
        name: "invalid-https-uri",
        severity: Error,
        summary: "an `https:` URI without a host, with a bad port, or otherwise not RFC 3986",
        security_severity: "5.0",
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&INVALID_HTTPS_URI, findings(&value), out);
    }
}

fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    scheme_findings(
        v,
        Scheme::Https,
        https_problem,
        "write `https://host[:port]/path`",
    )
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{fixed, policy};

    const CODE: &str = "TLSRPT204";

    #[test]
    fn broken_uris() {
        for (uri, range) in [
            ("https:r.example.com/x", 22..37),
            ("https:///x", 16..26),
            ("https://r.example.com:99999/x", 38..43),
            ("https://r.example.com:8o/x", 39..40),
            ("https://[fe80::1::2]/x", 24..36),
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
        let t = "v=TLSRPTv1; rua=https;//r.example.com/x";
        assert_eq!(policy(t), [(CODE, 21..22)]);
        assert_eq!(fixed(CODE, t), "v=TLSRPTv1; rua=https://r.example.com/x");
    }
}
