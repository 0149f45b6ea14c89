//! TLSRPT301 `multiple-policy-records`: two or more TLS-RPT policies at one name.

use super::context::{Check, SetCtx};
use super::helpers::fix_safety::POLICY_PREFIX;
use super::helpers::sets::repeats;
use crate::diagnostic::{Diagnostic, Location};
use crate::model::RecordKind;

declare_rule! {
    /// ## What it does
    /// Flags every record after the first that begins with `v=TLSRPTv1;` at one policy name,
    /// whichever files define them, with a label at the first. It counts what senders keep:
    /// a record that does not begin with exactly `v=TLSRPTv1;` (`v=TLSRPTv1 rua=...`,
    /// `v=TLSRPTv1` alone) is discarded by senders, so it is that record's own finding
    /// (`missing-delimiter`, `version-mismatch`...), not a second policy. Two records with
    /// the same strings are one DNS record (a record set holds each value once), so they
    /// are not flagged. A CNAME-delegated policy is checked at the name the CNAME points to.
    ///
    /// A fix that would turn such a broken record into a second policy beside a kept one is
    /// marked unsafe, whichever rule proposes it, and its help says why: applied, it would
    /// switch reporting off.
    ///
    /// ## Why is this bad?
    /// RFC 8460 §3 has senders discard the records that do not begin with `v=TLSRPTv1;` and
    /// then: "If the number of resulting records is not one, senders MUST assume the
    /// recipient domain does not implement TLSRPT." Two policies, often an old one left
    /// behind beside a new one, or a second collector added as a second record, switch
    /// reporting off for the domain. Earlier versions counted every record beginning with
    /// `v=TLSRPTv1`, which flagged a policy beside a discarded record: §3 keeps one policy
    /// there, and reports still flow.
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
    for (first, record) in repeats(ctx, POLICY_PREFIX) {
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
