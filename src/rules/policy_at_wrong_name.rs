//! TLSRPT305 `policy-at-wrong-name`: a TLS-RPT policy at a name no sender queries.

use super::context::{Check, SetCtx};
use super::helpers::names::{at_wrong_name, origin_appended_twice};
use crate::diagnostic::Diagnostic;
use crate::model::{Format, RecordKind};
use crate::names::{first_label, is_tlsrpt_value, misspelt_prefix, LEGACY};

declare_rule! {
    /// ## What it does
    /// Flags a TXT record whose value begins with `v=TLSRPT` at a name that is neither a
    /// policy name (`_smtp._tls.<domain>`, or a name a policy CNAME points to) nor an
    /// authorization name (`<domain>._report._tls.<destination>`, or any name with a
    /// `_report` label, which `authorization-at-wrong-name` judges): the domain itself,
    /// `_smtp.tls`, `_smtp_tls`, `_tls._smtp`, `_smtp`, `_tls`, `_mta-sts`... The fix renames
    /// the record to the policy name meant, unless a policy is already there. The draft-era
    /// names are `legacy-policy-name`'s, a name with its origin appended twice is
    /// `origin-appended-twice`'s.
    ///
    /// The fix replaces the leading labels that stand for `_smtp._tls`, typos included
    /// (`_stmp._tls`, `_smpt._tls`, `_smtp._tsl`: one letter swapped, wrong, missing or
    /// doubled), and keeps the rest as the domain: `_stmp._tls` under
    /// `forms.service.example.org` becomes `_smtp._tls.forms.service.example.org` (in a
    /// Terraform variables file, the domain is the one it assigns beside the records:
    /// `root_domain`, `domain`, `zone_name`...). (Earlier
    /// versions took unknown misspelt labels for part of the domain and proposed
    /// `_smtp._tls._stmp._tls...`.)
    ///
    /// A name whose domain is computed where the linter cannot follow (a Terraform variable
    /// without a default, a dnscontrol environment value, a CloudFormation parameter) is
    /// still judged by its literal labels: `"_smtp.tls.${var.domain}"` is a policy at
    /// `_smtp.tls` of a domain not known, and every one of those labels may be misspelt
    /// (earlier versions took the last for the domain and proposed `_smtp._tls.tls`).
    ///
    /// The value itself is not judged here (the 1xx and 2xx rules read policies at policy
    /// names only): fix the name first, and the value is checked where it will be published.
    ///
    /// ## Why is this bad?
    /// Senders look up exactly `_smtp._tls.<domain>` (RFC 8460 §3). A policy anywhere else is
    /// never read, so the domain has no TLS-RPT and no reports arrive, while the zone looks
    /// configured. At the domain itself the record also mixes with SPF and verification
    /// tokens in one TXT set.
    ///
    /// ## Example
    /// ```zone
    /// $ORIGIN example.com.
    /// _smtp.tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// $ORIGIN example.com.
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Fix safety
    /// The fix renames the record to `_smtp._tls`; it is unsafe: it moves the policy to the
    /// name senders query, and is not offered when that name already has records.
    ///
    /// ## References
    /// - RFC 8460 §3 (the policy is a TXT record at `_smtp._tls.<Policy Domain>`)
    pub static POLICY_AT_WRONG_NAME = {
        code: "TLSRPT305",
        name: "policy-at-wrong-name",
        severity: Error,
        summary: "a TLS-RPT policy at a name no sender queries",
        check: Some(Check::Set(check)),
    }
}

fn check(ctx: &SetCtx<'_>, out: &mut Vec<Diagnostic>) {
    if matches!(ctx.set.kind, RecordKind::Policy | RecordKind::Authorization) {
        return;
    }
    for record in ctx.records() {
        let name = &record.name.text;
        let misplaced = record.format != Format::Value
            && record
                .txt()
                .is_some_and(|t| is_tlsrpt_value(t.value.text()))
            && !LEGACY.contains(&first_label(name).as_str())
            && !is_authorization_attempt(name)
            && !origin_appended_twice(record);
        if !misplaced {
            continue;
        }
        let message = format!("TLS-RPT policy at `{name}`, a name no sender queries");
        let prefix = misspelt_prefix(name, record.zone.is_none());
        out.push(at_wrong_name(
            ctx,
            &POLICY_AT_WRONG_NAME,
            record,
            prefix,
            message,
        ));
    }
}

/// `example.com._report._tlsrpt.collector.example.`: an authorization at a wrong name
/// (`authorization-at-wrong-name`'s), not a misplaced policy.
fn is_authorization_attempt(name: &str) -> bool {
    name.split('.')
        .any(|label| label.eq_ignore_ascii_case("_report"))
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{only, zone};
    use crate::config::Settings;
    use crate::model::RecordKind;

    const P: &str = "\"v=TLSRPTv1; rua=mailto:a@example.com\"";

    #[test]
    fn no_fix_where_a_policy_is_already_published() {
        let text = format!("_smtp._tls TXT {P}\n_smtp.tls TXT {P}\n");
        let found = zone("example.com.zone", &text, &Settings::default());
        assert_eq!(
            found,
            [(
                "TLSRPT305",
                "TLS-RPT policy at `_smtp.tls.example.com.`, a name no sender queries".to_string()
            )]
        );
    }

    #[test]
    fn authorizations_and_validated_values_are_not_misplaced() {
        let text = format!(
            "example.org._report._tls TXT \"v=TLSRPTv1\"\nexample.org._report._tlsrpt TXT \"v=TLSRPTv1\"\n_smtp._tls TXT {P}\n"
        );
        let found = zone("example.com.zone", &text, &Settings::default());
        // The second is `authorization-at-wrong-name`'s.
        assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), ["TLSRPT404"]);
        // `validate --kind mta-sts` names no real owner.
        assert!(only(RecordKind::MtaSts, "TLSRPT305", "v=TLSRPTv1; rua=x").is_empty());
    }
}
