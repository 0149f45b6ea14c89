//! TLSRPT208 `mailto-header-fields`: `mailto:...?subject=`.

use super::helpers::{shown, Finding};

use super::context::RecordCtx;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::record::dialect::ParsedValue;
use crate::uri::{self, Scheme};

declare_rule! {
    /// ## What it does
    /// Flags a `mailto:` URI with header fields (`?subject=...`, `?cc=...`).
    ///
    /// ## Why is this bad?
    /// RFC 6068 allows header fields, and RFC 8460 does not forbid them, so the record is
    /// valid. But senders build the report message themselves (RFC 8460 §5.3 fixes its
    /// subject and content), common validators such as checkdmarc reject the whole record
    /// ("is not a valid SMTP TLS Reporting URI"), and MECSA-st and mimecast drop any URI
    /// with `=` in it. The destination may be lost for nothing.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com?subject=tlsrpt"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the header fields; it is unsafe: reports are then sent without them,
    /// which some collectors may use to sort them.
    ///
    /// ## References
    /// - RFC 6068 §2 (`hfields`)
    /// - RFC 8460 §3 (`tlsrpt-uri`) and §5.3 (the report message)
    pub static MAILTO_HEADER_FIELDS = {
        code: "TLSRPT208",
        name: "mailto-header-fields",
        severity: Warning,
        summary: "`mailto:...?subject=`: allowed by RFC 6068, rejected by common validators",
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&MAILTO_HEADER_FIELDS, findings(&value), out);
    }
}

fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    v.checked_uris()
        .filter(|u| u.scheme_kind(v.text) == Some(Scheme::Mailto))
        .filter_map(|u| uri::header_fields(v.text, &u))
        .map(|range| {
            Finding::new(
                range.clone(),
                format!("`mailto:` URI has header fields `{}`", shown(v.str(&range))),
            )
            .label("validators reject this")
            .help("remove the header fields; senders write their own report message")
            .fix_one("remove the header fields", Applicability::Unsafe, range, "")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{fixed, policy};

    const CODE: &str = "TLSRPT208";

    #[test]
    fn header_fields() {
        let t = "v=TLSRPTv1; rua=mailto:a@example.com?subject=x&cc=b@example.com";
        assert_eq!(policy(t), [(CODE, 36..63)]);
        assert_eq!(fixed(CODE, t), "v=TLSRPTv1; rua=mailto:a@example.com");
    }

    #[test]
    fn https_queries_are_fine() {
        assert_eq!(
            policy("v=TLSRPTv1; rua=https://r.example.com/x?subject=y"),
            []
        );
    }
}
