//! TLSRPT403 `invalid-authorization-record`: a `_report._tls` TXT that does not begin with
//! `v=TLSRPTv1`.

use super::context::RecordCtx;
use super::helpers::{shown, Finding};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::model::RecordKind;
use crate::record::is_wsp;

declare_rule! {
    /// ## What it does
    /// Flags a TXT record at a `<policy-domain>._report._tls.<destination>` name whose value
    /// does not begin with `v=TLSRPTv1` followed by the end, `;` or whitespace: a leading
    /// space or quote, the wrong case, or another protocol's record (`v=DMARC1`).
    ///
    /// ## Why is this bad?
    /// This record is a **convention, not part of RFC 8460**. RFC 8460 §7 allows reports to
    /// go to a domain outside the policy domain and chose not to define any verification.
    /// Some report collectors borrow DMARC's answer (RFC 7489 §7.1): before accepting
    /// reports for `example.com`, they look for a TXT record at
    /// `example.com._report._tls.<their domain>` that begins with the version tag, as DMARC
    /// looks for `v=DMARC1` at `_report._dmarc`. A collector following that convention
    /// ignores a record that does not begin with `v=TLSRPTv1`, so the authorization it was
    /// meant to give is missing.
    ///
    /// ## Example
    /// ```zone
    /// example.com._report._tls.collector.example.  IN TXT "v=DMARC1"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// example.com._report._tls.collector.example.  IN TXT "v=TLSRPTv1;"
    /// ```
    ///
    /// ## Fix safety
    /// Fixing the version's case and removing leading characters are safe: the authorization is
    /// what was meant, and it authorizes nothing new.
    ///
    /// ## References
    /// - RFC 8460 §7 (external destinations; no verification is defined)
    /// - RFC 7489 §7.1 (DMARC's verification of external destinations, the model for this convention)
    pub static INVALID_AUTHORIZATION_RECORD = {
        code: "TLSRPT403",
        name: "invalid-authorization-record",
        severity: Warning,
        summary: "a TXT at a `_report._tls` name that does not begin with `v=TLSRPTv1`",
        check: Some(super::context::Check::Record(check)),
    }
}

const VERSION: &str = "v=TLSRPTv1";

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if ctx.kind != RecordKind::Authorization {
        return;
    }
    if let (Some(txt), Some(syntax)) = (ctx.record.txt(), &ctx.syntax) {
        ctx.emit(
            &INVALID_AUTHORIZATION_RECORD,
            findings(txt.value.text(), syntax),
            out,
        );
    }
}

fn findings(text: &str, syntax: &crate::record::Syntax) -> Vec<Finding> {
    let b = text.as_bytes();
    let ends_well = |i: usize| b.get(i).is_none_or(|&c| c == b';' || is_wsp(c));
    if text.starts_with(VERSION) && ends_well(VERSION.len()) {
        return Vec::new();
    }
    let help = "collectors that follow the DMARC-style convention look for a record beginning with `v=TLSRPTv1`";
    if text.is_empty() {
        return vec![Finding::new(0..0, "authorization record is empty")
            .help(help)
            .fix_one(
                "write `v=TLSRPTv1;`",
                Applicability::Safe,
                0..0,
                "v=TLSRPTv1;",
            )];
    }
    let body = syntax.body();
    let rest = &text[body.start as usize..];
    if !syntax.prefix.is_empty()
        && rest.starts_with(VERSION)
        && ends_well(body.start as usize + VERSION.len())
    {
        let mut edits = vec![(syntax.prefix.clone(), String::new())];
        if !syntax.suffix.is_empty() {
            edits.push((syntax.suffix.clone(), String::new()));
        }
        return vec![Finding::new(
            syntax.prefix.clone(),
            "authorization record does not begin with `v=TLSRPTv1`",
        )
        .label("remove this")
        .help(help)
        .fix("remove the leading characters", Applicability::Safe, edits)];
    }
    let first_end = b
        .iter()
        .position(|&c| c == b';' || is_wsp(c))
        .unwrap_or(b.len());
    let first = &text[..first_end];
    let range = 0..first_end as u32;
    let finding = Finding::new(
        range.clone(),
        format!(
            "authorization record begins with `{}` instead of `{VERSION}`",
            shown(first)
        ),
    )
    .help(help);
    vec![if first.eq_ignore_ascii_case(VERSION) {
        finding.fix_one("write `v=TLSRPTv1`", Applicability::Safe, range, VERSION)
    } else {
        finding
    }]
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::all;
    use crate::model::RecordKind;

    const CODE: &str = "TLSRPT403";

    fn auth(value: &str) -> super::super::helpers::testing::Found {
        all(RecordKind::Authorization, value)
    }

    #[test]
    fn valid_authorizations() {
        for t in [
            "v=TLSRPTv1",
            "v=TLSRPTv1;",
            "v=TLSRPTv1; rua=mailto:a@example.com",
            "v=TLSRPTv1 ",
        ] {
            assert_eq!(auth(t), [], "{t}");
        }
    }

    #[test]
    fn invalid_authorizations() {
        for (t, range) in [
            ("v=DMARC1", 0..8),
            ("v=tlsrptv1;", 0..10),
            ("v=TLSRPTv1x", 0..11),
            (" v=TLSRPTv1", 0..1),
            ("", 0..0),
            ("TLSRPTv1", 0..8),
        ] {
            assert_eq!(auth(t), [(CODE, range)], "{t}");
        }
    }
}
