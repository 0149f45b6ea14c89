//! TLSRPT307 `origin-appended-twice`: a full name written without its trailing dot.

use super::context::{Check, RecordCtx};
use super::helpers::names::{origin_appended_twice, written_name};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Location};
use crate::text::Span;

declare_rule! {
    /// ## What it does
    /// Flags a record whose owner name is written in full but without the trailing dot, so
    /// the zone file appended the origin to a name that already ends with it:
    /// `_smtp._tls.example.com` in the zone `example.com.` is
    /// `_smtp._tls.example.com.example.com.`. It looks at the records tlsrpt-lint reads
    /// (policy, authorization and `_mta-sts` names, TLS-RPT values anywhere). The fix adds
    /// the dot.
    ///
    /// Infrastructure code has the same trap in its own spelling, reported by its reader:
    /// an OctoDNS record key that repeats the zone (`_smtp._tls.example.com:` in
    /// `example.com.yaml`; the fix drops the zone), and a dnscontrol name that repeats the
    /// domain or ends with a dot (`TXT("_smtp._tls.example.com.", ...)` inside
    /// `D("example.com", ...)`), which dnscontrol refuses.
    ///
    /// ## Why is this bad?
    /// In a master file a name without a final dot is relative (RFC 1035 §5.1). The record is
    /// published, but at a name nobody queries, and the intended name has no record: senders
    /// find no policy. The value looks right in review, which is why this survives.
    ///
    /// ## Example
    /// ```zone
    /// $ORIGIN example.com.
    /// _smtp._tls.example.com  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// $ORIGIN example.com.
    /// _smtp._tls.example.com.  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds the trailing dot (or drops the repeated zone from an OctoDNS key); it is
    /// unsafe: it moves the record to the name that was meant.
    ///
    /// ## References
    /// - RFC 1035 §5.1 (absolute and relative names in master files)
    /// - RFC 8460 §3 (the policy name)
    pub static ORIGIN_APPENDED_TWICE = {
        code: "TLSRPT307",
        name: "origin-appended-twice",
        severity: Error,
        summary: "a full name written without its trailing dot, so the origin is appended twice",
        check: Some(Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    let record = ctx.record;
    let (true, Some(written)) = (origin_appended_twice(record), written_name(record)) else {
        return;
    };
    let span = record.name.span;
    let d = Diagnostic::new(
        &ORIGIN_APPENDED_TWICE,
        Location::new(&record.source, span),
        format!(
            "`{written}` has no trailing dot, so it names `{}`",
            record.name.text
        ),
    )
    .with_record(record.reference())
    .with_primary_label("relative: the origin is appended")
    .with_help(format!("end the name with a dot: `{written}.`"))
    .with_fix(Fix {
        message: "add the trailing dot".to_string(),
        applicability: Applicability::Unsafe,
        edits: vec![Edit {
            span: Span::at(span.end),
            replacement: ".".to_string(),
        }],
    });
    out.push(d);
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::zone;
    use crate::config::Settings;

    #[test]
    fn the_current_origin_counts_and_absolute_names_pass() {
        let text = "$ORIGIN sub.example.com.
_smtp._tls.sub.example.com TXT \"v=TLSRPTv1; rua=mailto:a@example.com\"
_smtp._tls.b.sub.example.com. TXT \"v=TLSRPTv1; rua=mailto:a@example.com\"
";
        let found = zone("example.com.zone", text, &Settings::default());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "TLSRPT307");
    }
}
