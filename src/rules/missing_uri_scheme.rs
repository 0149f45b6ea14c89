//! TLSRPT201 `missing-uri-scheme`: a `rua` URI without a scheme.

use super::helpers::{shown, Finding};

use super::context::RecordCtx;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::record::dialect::{bare_scheme, ParsedValue};

declare_rule! {
    /// ## What it does
    /// Flags a `rua` destination written without a scheme: a bare address
    /// (`rua=tlsrpt@example.com`) or a bare host or path (`rua=reports.example.com/tlsrpt`).
    /// For an address it offers to insert `mailto:`.
    ///
    /// ## Why is this bad?
    /// `tlsrpt-uri` is an RFC 3986 `URI`, which starts with `scheme:`; senders support
    /// `mailto:` and `https:` and cannot tell which one a bare destination means, so they
    /// send nothing there. DMARC users often write bare addresses because some DMARC tools
    /// tolerate them; TLS-RPT validators (checkdmarc, mox) do not.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=tlsrpt@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds `mailto:` or `https:`; it is unsafe: it changes what the destination is.
    ///
    /// ## References
    /// - RFC 8460 §3 (`tlsrpt-uri`, the two supported schemes)
    /// - RFC 3986 §3 and §3.1 (a URI begins with its scheme)
    pub static MISSING_URI_SCHEME = {
        code: "TLSRPT201",
        name: "missing-uri-scheme",
        severity: Error,
        summary: "a `rua` URI without a scheme such as `mailto:`",
        security_severity: "5.0",
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&MISSING_URI_SCHEME, findings(&value), out);
    }
}

fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    v.checked_uris()
        .filter(|uri| uri.scheme.is_none() && !bare_scheme(v.str(&uri.range)))
        .map(|uri| {
            let text = v.str(&uri.range);
            let finding = Finding::new(
                uri.range.clone(),
                format!("`rua` URI `{}` has no scheme", shown(text)),
            )
            .label("expected `mailto:` or `https:` here");
            let at = uri.range.start..uri.range.start;
            if text.contains('@') && !text.contains('/') {
                finding.help("write an address as a `mailto:` URI").fix_one(
                    "insert `mailto:`",
                    Applicability::Unsafe,
                    at,
                    "mailto:",
                )
            } else if text.starts_with("//") {
                finding.help("begin the URI with `https:`").fix_one(
                    "insert `https:`",
                    Applicability::Unsafe,
                    at,
                    "https:",
                )
            } else {
                finding.help(
                    "begin the URI with `https://` for a web endpoint or `mailto:` for an address",
                )
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{fixed, messages, policy};

    const CODE: &str = "TLSRPT201";

    #[test]
    fn a_bare_address_gets_mailto() {
        let t = "v=TLSRPTv1; rua=tlsrpt@example.com";
        assert_eq!(policy(t), [(CODE, 16..34)]);
        assert_eq!(
            messages(CODE, t),
            ["`rua` URI `tlsrpt@example.com` has no scheme"]
        );
        assert_eq!(fixed(CODE, t), "v=TLSRPTv1; rua=mailto:tlsrpt@example.com");
    }

    #[test]
    fn a_bare_host_gets_help_only() {
        let t = "v=TLSRPTv1; rua=mailto:a@example.com,reports.example.com/tlsrpt";
        assert_eq!(policy(t), [(CODE, 37..63)]);
        assert_eq!(fixed(CODE, t), t);
        assert_eq!(
            fixed(CODE, "v=TLSRPTv1; rua=//r.example/x"),
            "v=TLSRPTv1; rua=https://r.example/x"
        );
    }
}
