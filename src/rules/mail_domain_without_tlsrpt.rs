//! TLSRPT507 `mail-domain-without-tlsrpt`: a domain receives mail and publishes no TLS-RPT
//! policy. Opt-in ([`super::OPT_IN`]): it audits coverage, which not every repository wants.

use super::context::{Check, SetCtx};
use crate::diagnostic::Diagnostic;
use crate::inventory::publishes;
use crate::mail;
use crate::model::{Format, RData};

declare_rule! {
    /// ## What it does
    /// Flags the MX records of a mail domain that has no TLS-RPT policy: a name with MX
    /// records (not a null MX, RFC 7505) that is its zone's apex, and no TXT or CNAME at
    /// `_smtp._tls.<domain>` in the repository. Not in the default set: enable it with
    /// `--select mail-domain-without-tlsrpt` or in the configuration
    /// (`[severity]`, `mail-domain-without-tlsrpt = "info"`), to audit coverage across many
    /// zones. Its help gives the `tlsrpt-lint generate` command for the domain in the
    /// format of its records.
    ///
    /// ## Why is this bad?
    /// Without a policy, sending servers have nowhere to report TLS failures: a broken
    /// certificate, an expired MTA-STS policy or a downgrade on the path go unnoticed until
    /// mail stops arriving. RFC 8460 §3 makes the policy one TXT record; it costs nothing
    /// to publish.
    ///
    /// ## Example
    /// ```zone
    /// @ IN MX 10 mx1.example.com.
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// @          IN MX  10 mx1.example.com.
    /// _smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §1 and §3 (what reporting is for; the policy record)
    /// - RFC 7505 §3 (a null MX receives no mail)
    pub static MAIL_DOMAIN_WITHOUT_TLSRPT = {
        code: "TLSRPT507",
        name: "mail-domain-without-tlsrpt",
        severity: Info,
        summary: "opt-in (not in the default set): a zone with MX records (not a null MX, RFC 7505) and no TLS-RPT policy; help gives the `generate` command in the repository's format",
        check: Some(Check::Set(check)),
    }
}

fn check(ctx: &SetCtx<'_>, out: &mut Vec<Diagnostic>) {
    if mail::exchanges(ctx.model, ctx.set).is_none() {
        return;
    }
    let Some((mx, span)) = ctx.records().find_map(|r| match r.data {
        RData::Mx { span, .. } => Some((r, span)),
        _ => None,
    }) else {
        return;
    };
    let domain = &mx.name.text;
    let policy = ctx
        .model
        .lookup(&crate::names::policy_name_of(domain), &mx.source);
    if policy.is_some_and(|set| publishes(ctx.model, &ctx.model.sets[set])) {
        return;
    }
    let bare = domain.trim_end_matches('.');
    // `generate` reads the repository's format by itself; Terraform's provider is the one
    // thing a record's format does not name, so there the default is left to it; Nix has
    // no writer (yet), so neither is it named.
    let format = match mx.format {
        Format::Terraform | Format::Nix => String::new(),
        other => format!(" --format {}", other.as_str()),
    };
    let d = ctx
        .diagnostic(
            &MAIL_DOMAIN_WITHOUT_TLSRPT,
            mx,
            span,
            format!("`{bare}` receives mail but publishes no TLS-RPT policy"),
        )
        .with_primary_label(format!("no `_smtp._tls.{domain}` in the repository"))
        .with_help(format!(
            "publish one: `tlsrpt-lint generate --domain {bare} --rua mailto:tlsrpt@{bare}{format}` writes it"
        ));
    out.push(d);
}
