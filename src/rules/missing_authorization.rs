//! TLSRPT402 `missing-authorization`: a destination whose zone is in the repository has no
//! authorization record for the policy domain.

use super::context::{Check, SetCtx};
use crate::diagnostic::Diagnostic;
use crate::inventory::Status;

declare_rule! {
    /// ## What it does
    /// Flags a `rua` destination outside the policy domain's organizational domain (by the
    /// Public Suffix List) whose zone is defined in the repository, when that zone has no
    /// record at `<policy-domain>._report._tls.<destination host>`. The record is looked
    /// for across every file and format read; whether it is well formed is
    /// `invalid-authorization-record`'s to say.
    ///
    /// ## Why is this bad?
    /// The authorization record is **a convention borrowed from DMARC (RFC 7489 §7.1), not
    /// part of RFC 8460**: RFC 8460 §7 lets reports go to any domain and chose not to define
    /// verification. Collectors that follow the convention drop reports for a domain that
    /// has not been authorized at their side. Both zones are yours here, so the record that
    /// makes the reports welcome is one line away.
    ///
    /// The rule is informational, like `external-destination`: a sender never looks for
    /// the record, so its absence is no RFC 8460 violation, and a collector that does not
    /// follow the convention receives the reports anyway. (It was a warning until the
    /// severity was aligned with what RFC 8460 defines.)
    ///
    /// ## Example
    /// ```zone example.com.zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@reports.example.net"
    /// ```
    /// ```zone example.net.zone
    /// ; the collector's zone, without example.com._report._tls.reports
    /// @  IN SOA ns1 hostmaster 1 7200 3600 1209600 3600
    /// ```
    ///
    /// ## Use instead
    /// ```zone example.net.zone
    /// @                                 IN SOA ns1 hostmaster 1 7200 3600 1209600 3600
    /// example.com._report._tls.reports  IN TXT "v=TLSRPTv1;"
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §7 (external destinations; no verification is defined)
    /// - RFC 7489 §7.1 (DMARC's verification of external destinations, the model for this convention)
    pub static MISSING_AUTHORIZATION = {
        code: "TLSRPT402",
        name: "missing-authorization",
        severity: Info,
        summary: "the destination's zone is in the repository, but it has no `<policy-domain>._report._tls` record",
        check: Some(Check::Set(check)),
    }
}

fn check(ctx: &SetCtx<'_>, out: &mut Vec<Diagnostic>) {
    for (record, domain, d) in ctx.destinations(Status::Missing) {
        let host = d.host.as_deref().unwrap_or_default();
        let domain = domain.trim_end_matches('.');
        let name = format!("{domain}._report._tls.{host}.");
        let diagnostic = ctx
            .value_diagnostic(
                &MISSING_AUTHORIZATION,
                record,
                d.range.clone(),
                format!("`{host}` has no authorization record for reports about `{domain}`"),
            )
            .with_primary_label(format!("no `{name}` in the repository"))
            .with_help(format!("publish `{name} IN TXT \"v=TLSRPTv1;\"`"));
        out.push(diagnostic);
    }
}
