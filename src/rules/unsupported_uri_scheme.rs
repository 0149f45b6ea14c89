//! TLSRPT202 `unsupported-uri-scheme`: a `rua` scheme other than `mailto:` or `https:`.

use super::helpers::{shown, Finding};

use super::context::RecordCtx;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::record::dialect::ParsedValue;
use crate::uri::Scheme;

declare_rule! {
    /// ## What it does
    /// Flags a `rua` URI whose scheme is neither `mailto` nor `https` (compared without
    /// case, as RFC 3986 §3.1 says): `http:`, `ftp:`, `email:`, `smtp:`... An `http:` URI
    /// gets the fix `https:`, which changes where reports go, so it is offered as unsafe.
    ///
    /// ## Why is this bad?
    /// RFC 8460 §3 says "Two URI schemes are supported: "mailto" and "https"". The ABNF
    /// accepts any URI, so the record is grammatical, but senders have nowhere to deliver:
    /// checkdmarc and MECSA-st reject the URI, mail-auth and mimecast silently drop it.
    /// Plain `http` is not among them: reports are sent over TLS only.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=http://reports.example.com/tlsrpt"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=https://reports.example.com/tlsrpt"
    /// ```
    ///
    /// ## Fix safety
    /// The fix writes `https` for `http` or `mailto` for an e-mail scheme; it is unsafe:
    /// reports then go to a different destination.
    ///
    /// ## References
    /// - RFC 8460 §3 (the supported schemes) and §4.3 (delivery over HTTPS and SMTP)
    /// - RFC 3986 §3.1 (scheme names are case-insensitive)
    pub static UNSUPPORTED_URI_SCHEME = {
        code: "TLSRPT202",
        name: "unsupported-uri-scheme",
        severity: Error,
        summary: "a `rua` URI scheme other than `mailto:` or `https:`",
        security_severity: "5.0",
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&UNSUPPORTED_URI_SCHEME, findings(&value), out);
    }
}

fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    v.checked_uris()
        .filter(|uri| uri.scheme_kind(v.text) == Some(Scheme::Other))
        .filter_map(|uri| {
            let range = uri.scheme?;
            let scheme = v.str(&range);
            let lower = scheme.to_ascii_lowercase();
            let finding = Finding::new(
                range.clone(),
                format!("`rua` URI has unsupported scheme `{}`", shown(scheme)),
            )
            .label("not `mailto` or `https`");
            Some(match lower.as_str() {
                "http" => finding.help("use `https:`").fix_one(
                    "write `https`",
                    Applicability::Unsafe,
                    range,
                    "https",
                ),
                "mail" | "email" | "smtp" => finding
                    .help("write an address as a `mailto:` URI")
                    .fix_one("write `mailto`", Applicability::Unsafe, range, "mailto"),
                _ => finding.help("TLS-RPT delivers reports only to `mailto:` and `https:` URIs"),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{fixed, messages, policy};

    const CODE: &str = "TLSRPT202";

    #[test]
    fn http_gets_https() {
        let t = "v=TLSRPTv1; rua=http://r.example.com/x";
        assert_eq!(policy(t), [(CODE, 16..20)]);
        assert_eq!(
            messages(CODE, t),
            ["`rua` URI has unsupported scheme `http`"]
        );
        assert_eq!(fixed(CODE, t), "v=TLSRPTv1; rua=https://r.example.com/x");
    }

    #[test]
    fn other_schemes() {
        assert_eq!(
            policy("v=TLSRPTv1; rua=ftp://r.example.com/x"),
            [(CODE, 16..19)]
        );
        assert_eq!(
            fixed(CODE, "v=TLSRPTv1; rua=email:a@example.com"),
            "v=TLSRPTv1; rua=mailto:a@example.com"
        );
    }

    #[test]
    fn case_does_not_matter() {
        assert_eq!(
            policy("v=TLSRPTv1; rua=MailTo:a@example.com,HTTPS://r.example.com"),
            []
        );
    }
}
