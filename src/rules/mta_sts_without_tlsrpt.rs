//! TLSRPT503 `mta-sts-without-tlsrpt`: a domain publishes MTA-STS but no TLS-RPT policy.

use super::context::{Check, SetCtx};
use super::helpers::is_sts_attempt;
use crate::diagnostic::Diagnostic;
use crate::inventory::publishes;
use crate::model::{Format, RecordKind};

declare_rule! {
    /// ## What it does
    /// Flags an `_mta-sts.<domain>` TXT record that reads as an MTA-STS record when the
    /// repository has no TXT or CNAME at `_smtp._tls.<domain>`, in any file or format. A
    /// `.well-known/mta-sts.txt` file is not a record and is not flagged. A policy published
    /// at a misspelt name for the domain (`_smpt._tls.<domain>`) is `policy-at-wrong-name`'s
    /// finding, and this rule stays silent.
    ///
    /// ## Why is this bad?
    /// MTA-STS makes senders refuse to deliver over a connection that fails the policy
    /// (`mode: enforce`), and TLS-RPT is how the domain hears about it: RFC 8461 §6 points to
    /// RFC 8460 for reporting, and RFC 8460 §1 exists because "failures [...] are silent"
    /// otherwise. Without a policy, a certificate that expired or an MX name that changed
    /// makes mail bounce or queue with nobody told; with `mode: testing` the policy even
    /// exists only to collect reports, which nobody then receives.
    ///
    /// ## Example
    /// ```zone
    /// _mta-sts  IN TXT "v=STSv1; id=20250601"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _mta-sts    IN TXT "v=STSv1; id=20250601"
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## References
    /// - RFC 8461 §5 and §6 (testing mode; reporting through TLS-RPT)
    /// - RFC 8460 §1 (why failures need reporting)
    pub static MTA_STS_WITHOUT_TLSRPT = {
        code: "TLSRPT503",
        name: "mta-sts-without-tlsrpt",
        severity: Warning,
        summary: "a zone publishes MTA-STS but no TLS-RPT policy: enforcement failures stay silent",
        check: Some(Check::Set(check)),
    }
}

fn check(ctx: &SetCtx<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.set.kind != RecordKind::MtaSts {
        return;
    }
    let Some(record) = ctx.records().find(|r| {
        r.format != Format::Value && r.txt().is_some_and(|t| is_sts_attempt(t.value.text()))
    }) else {
        return;
    };
    // `_mta-sts.example.com.` → `example.com.`; a relative `_mta-sts` → the same file's apex.
    let name = &record.name.text;
    let domain = name.split_once('.').map_or("", |(_, rest)| rest);
    let policy = crate::names::policy_name_of(domain);
    let published = ctx
        .model
        .lookup(&policy, &record.source)
        .is_some_and(|set| publishes(ctx.model, &ctx.model.sets[set]));
    // A policy published at a misspelt name is `policy-at-wrong-name`'s finding: one problem.
    if published || ctx.model.has_misplaced_policy(&policy, &record.source) {
        return;
    }
    // A zone the files do not name is the zone of its file, never a made-up name.
    let subject = match domain.trim_end_matches('.') {
        "" => format!("the zone of `{}`", record.source.path),
        bare => format!("`{bare}`"),
    };
    let d = ctx
        .diagnostic(
            &MTA_STS_WITHOUT_TLSRPT,
            record,
            record.value_span(),
            format!("{subject} publishes MTA-STS but no TLS-RPT policy"),
        )
        .with_primary_label(format!("no `{policy}` in the repository"))
        .with_help(format!(
            "publish `{policy} IN TXT \"v=TLSRPTv1; rua=mailto:...\"` so that senders report the deliveries MTA-STS fails"
        ));
    out.push(d);
}
