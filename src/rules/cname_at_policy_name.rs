//! TLSRPT304 `cname-at-policy-name`: a policy name that is a CNAME whose policy cannot be
//! checked.

use super::context::{Check, SetCtx};
use super::helpers::is_tlsrpt_attempt;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::{Chain, RData, Record};

declare_rule! {
    /// ## What it does
    /// Follows the CNAME at a `_smtp._tls` name through the repository. When the chain ends
    /// at a name with a TLS-RPT record, that record is judged as the domain's policy by
    /// every other rule (wrong fields, several policies, short TTL...) and this rule stays
    /// silent. It speaks when the policy cannot be checked: the target is outside the
    /// repository, the target's zone is here but publishes no TLS-RPT record at that name,
    /// or the chain loops (or runs past 16 names).
    ///
    /// ## Why is this bad?
    /// A CNAME at the policy name is legal and common: a report collector hosts the policy
    /// and the domain delegates to it. Senders follow it like any resolver. But the policy
    /// then lives where this repository cannot check it, or nowhere: a CNAME to a name with
    /// no TLS-RPT record, or a loop, means senders find no policy and send no reports. This
    /// is advice, so it reports at info.
    ///
    /// ## Example
    /// ```zone
    /// $ORIGIN example.com.
    /// _smtp._tls  IN CNAME tlsrpt.example.com.
    /// tlsrpt      IN TXT   "v=spf1 -all"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// $ORIGIN example.com.
    /// _smtp._tls  IN CNAME tlsrpt.example.com.
    /// tlsrpt      IN TXT   "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §3 (the policy is a TXT lookup at `_smtp._tls`, which follows CNAMEs)
    /// - RFC 1034 §3.6.2 (CNAME processing)
    pub static CNAME_AT_POLICY_NAME = {
        code: "TLSRPT304",
        name: "cname-at-policy-name",
        severity: Info,
        summary: "a policy name is a CNAME whose policy cannot be checked here",
        check: Some(Check::Set(check)),
    }
}

fn check(ctx: &SetCtx<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(chain), Some((cname, target))) = (&ctx.set.chain, ctx.model.cname(ctx.set)) else {
        return;
    };
    let span = match &cname.data {
        RData::Cname { span, .. } => *span,
        _ => cname.span,
    };
    let name = &cname.name.text;
    let (message, help) = match chain {
        Chain::Ends(end) => {
            let end = &ctx.model.sets[*end];
            let policy = |r: &Record| r.txt().is_some_and(|t| is_tlsrpt_attempt(t.value.text()));
            if ctx.model.records_of(end).any(policy) {
                return;
            }
            let at = ctx.model.records_of(end).next().map_or(target, |r| r.name.text.as_str());
            (
                format!("`{name}` is a CNAME to `{at}`, which has no TLS-RPT policy here"),
                format!("publish the policy at `{at}`, or replace the CNAME with the policy's TXT record"),
            )
        }
        Chain::Leaves { target: to, zone_known: false } => (
            format!("`{name}` is a CNAME to `{to}`, outside the repository; its policy is not checked"),
            format!("check the policy at `{to}` with `tlsrpt-lint validate`, or lint the repository that defines it"),
        ),
        Chain::Leaves { target: to, zone_known: true } => (
            format!("`{name}` is a CNAME to `{to}`, which has no TLS-RPT policy here"),
            format!("publish the policy at `{to}`: its zone is in the repository"),
        ),
        Chain::Loops => (
            format!("the CNAME chain from `{name}` loops"),
            "senders find no policy at a name whose CNAMEs loop: point the chain at a TLS-RPT record".to_string(),
        ),
    };
    let d = ctx
        .diagnostic(&CNAME_AT_POLICY_NAME, cname, span, message)
        .with_help(help);
    let d = match chain {
        Chain::Ends(end) => match ctx.model.records_of(&ctx.model.sets[*end]).next() {
            Some(r) => d.with_label(Location::new(&r.source, r.span), "the chain ends here"),
            None => d,
        },
        _ => d,
    };
    out.push(d);
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::zone;
    use crate::config::Settings;

    #[test]
    fn a_target_in_the_repository_is_judged_as_the_policy() {
        let text = "_smtp._tls CNAME tlsrpt
tlsrpt 3600 TXT \"v=TLSRPTv1; ruf=mailto:a@example.com\"
";
        let codes: Vec<_> = zone("example.com.zone", text, &Settings::default())
            .into_iter()
            .map(|(code, _)| code)
            .collect();
        // The target's value is the policy: `missing-rua` and `suspicious-field` judge it,
        // `policy-at-wrong-name` does not, and this rule has nothing to add.
        assert_eq!(codes, ["TLSRPT105", "TLSRPT110"]);
    }
}
