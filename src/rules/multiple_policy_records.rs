//! TLSRPT301 `multiple-policy-records`: two or more TLS-RPT policies at one name.

use super::context::{Check, SetCtx};
use super::helpers::sets::repeats;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::RecordKind;

declare_rule! {
    /// ## What it does
    /// Flags every record after the first that begins with `v=TLSRPTv1` at one policy name,
    /// whichever files define them, with a label at the first. Two records with the same
    /// strings are one DNS record (a record set holds each value once), so they are not
    /// flagged. A CNAME-delegated policy is checked at the name the CNAME points to.
    ///
    /// ## Why is this bad?
    /// RFC 8460 §3 has senders discard the records that do not begin with `v=TLSRPTv1;` and
    /// then: "If the number of resulting records is not one, senders MUST assume the
    /// recipient domain does not implement TLSRPT." Two policies, often an old one left
    /// behind beside a new one, or a second collector added as a second record, switch
    /// reporting off for the domain.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=https://collector.example.net/v1"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com,https://collector.example.net/v1"
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §3 (multiple TXT records at `_smtp._tls`)
    pub static MULTIPLE_POLICY_RECORDS = {
        code: "TLSRPT301",
        name: "multiple-policy-records",
        severity: Error,
        summary: "more than one TLS-RPT policy at one name",
        check: Some(Check::Set(check)),
    }
}

fn check(ctx: &SetCtx<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.set.kind != RecordKind::Policy {
        return;
    }
    for (first, record) in repeats(ctx, "v=TLSRPTv1") {
        let d = ctx
            .diagnostic(
                &MULTIPLE_POLICY_RECORDS,
                record,
                record.value_span(),
                format!("more than one TLS-RPT policy at `{}`", record.name.text),
            )
            .with_primary_label("a second policy")
            .with_label(
                Location::new(&first.source, first.value_span()),
                "first policy here",
            )
            .with_help(
                "senders that find two policies use neither (RFC 8460 §3): keep one record and list every destination in its `rua`, separated by commas",
            );
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::zone;
    use crate::config::Settings;

    #[test]
    fn identical_records_are_one_and_discarded_ones_do_not_count() {
        let text = "_smtp._tls TXT \"v=TLSRPTv1; rua=mailto:a@example.com\"
_smtp._tls TXT \"v=TLSRPTv1; rua=mailto:a@example.com\"
_smtp._tls TXT \"v=TLSRPTv1;\" \" rua=mailto:a@example.com\"
_smtp._tls TXT \"v=spf1 -all\"
";
        let codes: Vec<_> = zone("example.com.zone", text, &Settings::default())
            .into_iter()
            .map(|(code, _)| code)
            .collect();
        // The split record differs in its strings, so it is a second record.
        assert_eq!(codes, ["TLSRPT301", "TLSRPT302"]);
    }
}
