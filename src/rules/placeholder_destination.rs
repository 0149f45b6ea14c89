//! TLSRPT209 `placeholder-destination`: a template left unfilled.

use super::helpers::Finding;

use super::context::RecordCtx;
use crate::diagnostic::Diagnostic;
use crate::record::dialect::ParsedValue;
use crate::uri;

declare_rule! {
    /// ## What it does
    /// Flags a `rua` URI that still holds a placeholder a person forgot to fill: `{domain}`,
    /// `<your-email>`, `%domain%`, `YOUR_EMAIL`, `YOUR-DOMAIN`, `CHANGEME`, `REPLACE_ME`
    /// (any case), or a destination that is only `none`, `null` or `tbd`. Such a URI is
    /// reported once, by this rule: the other URI rules skip it.
    ///
    /// Where the line is drawn: a placeholder in a templating tool's own syntax is filled
    /// by a deploy step, not by a person, so it is not this rule's. `{{ var }}` and
    /// `{{var}}` (Jinja, Go templates, Ansible), `${VAR}` (envsubst, shell), and the
    /// upper-case `%VAR%` and `@VAR@` (sed and autoconf-style substitution) are each an
    /// `unevaluated-value` info over the whole placeholder, and the URI holding one is not
    /// judged. What stays here is what documentation and generators print for a person to
    /// replace: single braces, angle brackets, lower-case `%domain%`, the words above.
    ///
    /// ## Why is this bad?
    /// The record was copied from documentation or a template and never filled in. Reports
    /// go nowhere, or to a domain someone else may own. TLS-RPT has no "off" value: a
    /// domain that wants no reports publishes no policy.
    ///
    /// The rule catalogue first listed this rule as a warning; it is an error because a
    /// placeholder leaves no usable destination (most are not even RFC 3986 URIs: `{`, `}`,
    /// `<`, `>` and a bare `%` must be encoded), so senders report nowhere.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@{domain}"
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=none"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §3 (`tlsrpt-rua`: the destinations reports are sent to)
    pub static PLACEHOLDER_DESTINATION = {
        code: "TLSRPT209",
        name: "placeholder-destination",
        severity: Error,
        summary: "a template left unfilled: `{domain}`, `%domain%`, `YOUR_EMAIL`, `CHANGEME`, `rua=none`",
        security_severity: "5.0",
        precision: High,
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&PLACEHOLDER_DESTINATION, findings(&value), out);
    }
}

fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    v.uris()
        .filter_map(|(_, range)| {
            // A placeholder a deploy step fills is `unevaluated-value`'s (the extractor's).
            if uri::deploy_placeholder(v.str(range)).is_some() {
                return None;
            }
            let at = uri::placeholder(v.text, range)?;
            let finding = if at == *range && !v.str(range).contains(':') {
                Finding::new(at, format!("`rua={}` is not a destination", v.str(range)))
                    .help("TLS-RPT has no opt-out value: give a `mailto:` or `https:` URI, or remove the policy")
            } else {
                Finding::new(at, format!("`rua` URI contains the placeholder `{}`", v.str(&uri::placeholder(v.text, range)?)))
                    .help("replace the placeholder with the real destination")
            };
            Some(finding.label("unfilled template"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{messages, policy};

    const CODE: &str = "TLSRPT209";

    #[test]
    fn placeholders_suppress_other_uri_rules() {
        for (uri, range) in [
            ("mailto:tlsrpt@{domain}", 30..38),
            ("mailto:<your-email>", 23..35),
            ("mailto:tlsrpt@%domain%", 30..38),
            ("mailto:YOUR_EMAIL@example.com", 23..33),
            ("https://CHANGEME/x", 24..32),
            ("none", 16..20),
            ("YOUR-DOMAIN", 16..27),
        ] {
            assert_eq!(
                policy(&format!("v=TLSRPTv1; rua={uri}")),
                [(CODE, range)],
                "{uri}"
            );
        }
        assert_eq!(
            messages(CODE, "v=TLSRPTv1; rua=none"),
            ["`rua=none` is not a destination"]
        );
    }
}
