//! TLSRPT401 `external-destination`: a `rua` host outside the policy's organizational
//! domain that nothing in the repository shows has authorized the reports.

use super::context::{Check, SetCtx};
use crate::diagnostic::Diagnostic;
use crate::inventory::Status;

declare_rule! {
    /// ## What it does
    /// Flags a `rua` destination whose host is outside the policy domain's organizational
    /// domain (by the Public Suffix List, compiled into the binary), whose zone is not in
    /// the repository, and which is not listed in the configuration's
    /// `authorized-destinations`. It is information, not a fault: it lists the third
    /// parties your reports go to, so that each is a deliberate choice. A destination whose
    /// zone is in the repository is `missing-authorization`'s instead.
    ///
    /// ## Why is this bad?
    /// Reports name your mail hosts, the senders that failed to reach them and why: a typo
    /// in a collector's domain, or a collector you no longer use, sends them to a stranger.
    /// The authorization check is **a convention borrowed from DMARC (RFC 7489 §7.1), not
    /// part of RFC 8460**: RFC 8460 §7 allows reports to go to another domain and chose not
    /// to define any verification. Collectors that follow the convention accept reports for
    /// `example.com` only when `example.com._report._tls.<their domain>` holds a TXT record
    /// beginning with `v=TLSRPTv1`, which this linter can only see when that zone is in the
    /// repository.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:reports@collector.example"
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// # tlsrpt-lint.toml: collectors known to have authorized our reports
    /// authorized-destinations = ["collector.example"]
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §7 (external destinations; no verification is defined)
    /// - RFC 7489 §7.1 (DMARC's verification of external destinations, the model for this convention)
    /// - Public Suffix List, publicsuffix.org (organizational domains)
    pub static EXTERNAL_DESTINATION = {
        code: "TLSRPT401",
        name: "external-destination",
        severity: Info,
        summary: "a `rua` domain outside the policy's organizational domain with no authorization record in the repository",
        check: Some(Check::Set(check)),
    }
}

fn check(ctx: &SetCtx<'_>, out: &mut Vec<Diagnostic>) {
    for (record, domain, d) in ctx.destinations(Status::External) {
        let host = d.host.as_deref().unwrap_or_default();
        let domain = domain.trim_end_matches('.');
        let diagnostic = ctx
            .value_diagnostic(
                &EXTERNAL_DESTINATION,
                record,
                d.range.clone(),
                format!("reports for `{domain}` go to `{host}`, outside its organizational domain"),
            )
            .with_primary_label("external destination")
            .with_help(format!(
                "if `{host}` has agreed to receive them, list it in `authorized-destinations`; collectors that follow the DMARC-style convention publish `{domain}._report._tls.{host}`"
            ));
        out.push(diagnostic);
    }
}
