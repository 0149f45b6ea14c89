//! TLSRPT504 `tlsrpt-without-mta-sts`: a domain publishes TLS-RPT but neither MTA-STS nor
//! DANE for its mail hosts.

use super::context::{Check, SetCtx};
use crate::diagnostic::Diagnostic;
use crate::inventory::Companion;
use crate::model::Format;

declare_rule! {
    /// ## What it does
    /// Flags the TLS-RPT policy (or the CNAME at the policy name) of a domain when the
    /// repository has no TXT or CNAME at `_mta-sts.<domain>` and no DANE: a TLSA record at
    /// `_25._tcp.<mx>` for an MX host of the domain (for any host under the domain when the
    /// repository holds no MX record for it). One MX host with TLSA is enough here. A
    /// `_25._tcp.<mx>` CNAME is followed inside the repository: a chain that ends at TLSA
    /// records (a set several hosts share, `_25._tcp.mx` -> `_ourca-le-tlsa`) is DANE. In a
    /// BIND zone file, MX records are read from the file (and its includes) that holds the
    /// domain's policy; the infrastructure-code readers (OctoDNS, CloudFormation,
    /// external-dns, Terraform, dnscontrol) keep every MX record, and every TLSA record but
    /// Terraform's, which keeps those at `_25._tcp` names.
    ///
    /// ## Why is this bad?
    /// TLS-RPT reports the failures of a policy that makes senders insist on TLS: MTA-STS
    /// (RFC 8461) or DANE (RFC 7672). RFC 8460 §4.3.1 reports a domain with neither as
    /// `no-policy-found`, so the reports only say that mail went out with opportunistic TLS
    /// that anyone on the path could strip. The policy is not wrong, just half of the
    /// deployment: it is information, often a step before MTA-STS in `testing` mode.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// _mta-sts    IN TXT "v=STSv1; id=20250601"
    /// ; or DANE for each MX host
    /// _25._tcp.mx IN TLSA 3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §1 and §4.3.1 (what reports cover; `no-policy-found`)
    /// - RFC 8461 §3 (MTA-STS), RFC 7672 §2.2 (DANE TLSA at `_25._tcp`)
    pub static TLSRPT_WITHOUT_MTA_STS = {
        code: "TLSRPT504",
        name: "tlsrpt-without-mta-sts",
        severity: Info,
        summary: "a zone publishes TLS-RPT but neither MTA-STS nor DANE TLSA for its MX hosts",
        check: Some(Check::Set(check)),
    }
}

fn check(ctx: &SetCtx<'_>, out: &mut Vec<Diagnostic>) {
    // The first entry is the CNAME or a policy at the name itself.
    let Some(policy) = ctx.policies().first() else {
        return;
    };
    let record = &ctx.model.records[policy.record];
    // A `validate --domain` value has no repository around it to hold a companion.
    if policy.companion != Companion::None || record.format == Format::Value {
        return;
    }
    let domain = &policy.domain;
    let bare = domain.trim_end_matches('.');
    let d = ctx
        .diagnostic(
            &TLSRPT_WITHOUT_MTA_STS,
            record,
            record.value_span(),
            format!("`{bare}` publishes TLS-RPT but neither MTA-STS nor DANE"),
        )
        .with_primary_label(format!(
            "no `_mta-sts.{domain}` or `_25._tcp` TLSA in the repository"
        ))
        .with_help(
            "reports describe failures of MTA-STS or DANE: publish an MTA-STS record and policy, or TLSA records for the MX hosts",
        );
    out.push(d);
}
