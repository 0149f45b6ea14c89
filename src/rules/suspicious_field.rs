//! TLSRPT110 `suspicious-field`: a grammatical field that is almost surely a mistake.

use super::helpers::{shown, Finding};

use super::context::RecordCtx;
use super::helpers::fields::{suspicion, Suspicion};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::record::dialect::ParsedValue;

declare_rule! {
    /// ## What it does
    /// Flags fields that are grammatical extensions but almost surely mistakes:
    /// - DMARC tags copied from a DMARC record: `ruf`, `p`, `sp`, `fo`, `pct`, `adkim`,
    ///   `aspf`, `ri`, `rf`;
    /// - `rua` or `v` in another case (`RUA`, `Rua`, a later `V`);
    /// - near misses of `rua` (one letter added, removed, changed or swapped: `rue`, `ura`,
    ///   `ru`, `ruaa`).
    ///
    /// ## Why is this bad?
    /// RFC 8460 §3 tells senders to ignore unknown fields, and names are case-sensitive, so
    /// each of these is silently dropped. The author meant something by it: usually a
    /// destination that will never receive a report. TLS-RPT has only aggregate reports
    /// (`rua`); there is no failure-report `ruf`, no policy `p` and no sampling `pct`.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com; ruf=mailto:tlsrpt@example.com"
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:a@example.com; RUA=mailto:b@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:a@example.com,mailto:b@example.com"
    /// ```
    ///
    /// ## Fix safety
    /// Renaming a field whose case or spelling is off (`RUA`) to the field meant is safe when
    /// the meaning is certain; renaming another name to `rua` is unsafe: it makes a destination
    /// of a field that may have meant something else.
    ///
    /// ## References
    /// - RFC 8460 §3 (field grammar; unknown fields "SHALL be ignored")
    /// - RFC 7489 §6.3 (the DMARC tags)
    pub static SUSPICIOUS_FIELD = {
        code: "TLSRPT110",
        name: "suspicious-field",
        severity: Warning,
        summary: "a field that is almost surely a mistake: DMARC tags, `RUA`, near misses of `rua`",
        precision: High,
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&SUSPICIOUS_FIELD, findings(&value), out);
    }
}

fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    v.syntax
        .fields
        .iter()
        .enumerate()
        .filter(|&(i, f)| f.eq.is_some() && !v.is_version(i))
        .filter_map(|(_, f)| {
            let name = v.name(f);
            let kind = suspicion(&name)?;
            let shown = shown(&name);
            let rename = |to: &str, applicability| {
                (!v.has_field(to)).then(|| (format!("rename `{shown}` to `{to}`"), applicability))
            };
            let (message, help, fix) = match kind {
                Suspicion::Dmarc => (
                    format!("`{shown}` is a DMARC tag, not a TLS-RPT field"),
                    if name.eq_ignore_ascii_case("ruf") {
                        "TLS-RPT has only aggregate reports, sent to `rua=`; remove `ruf`"
                            .to_string()
                    } else {
                        format!("senders ignore `{shown}`; remove it")
                    },
                    None,
                ),
                Suspicion::CaseOfRua | Suspicion::CaseOfV => {
                    let to = if kind == Suspicion::CaseOfRua {
                        "rua"
                    } else {
                        "v"
                    };
                    (
                        format!("field `{shown}` is not `{to}`: field names are case-sensitive"),
                        format!("write `{to}`"),
                        rename(to, Applicability::Safe),
                    )
                }
                Suspicion::NearRua => (
                    format!("field `{shown}` looks like a misspelt `rua`"),
                    "write `rua`".to_string(),
                    rename("rua", Applicability::Unsafe),
                ),
            };
            let finding = Finding::new(f.name.clone(), message)
                .label("senders ignore this field")
                .help(help);
            Some(match fix {
                Some((message, applicability)) => {
                    let to = if kind == Suspicion::CaseOfV {
                        "v"
                    } else {
                        "rua"
                    };
                    finding.fix_one(message, applicability, f.name.clone(), to)
                }
                None => finding,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{fixed, messages, policy};
    use super::*;

    const CODE: &str = "TLSRPT110";

    #[test]
    fn classifies_names() {
        for (name, expected) in [
            ("ruf", Some(Suspicion::Dmarc)),
            ("pct", Some(Suspicion::Dmarc)),
            ("ADKIM", Some(Suspicion::Dmarc)),
            ("RUA", Some(Suspicion::CaseOfRua)),
            ("Rua", Some(Suspicion::CaseOfRua)),
            ("V", Some(Suspicion::CaseOfV)),
            ("rue", Some(Suspicion::NearRua)),
            ("ura", Some(Suspicion::NearRua)),
            ("rau", Some(Suspicion::NearRua)),
            ("ru", Some(Suspicion::NearRua)),
            ("ruaa", Some(Suspicion::NearRua)),
            ("rua", None),
            ("v", None),
            ("ext", None),
            ("id", None),
            ("ruas", Some(Suspicion::NearRua)),
            ("report", None),
        ] {
            assert_eq!(suspicion(name), expected, "{name}");
        }
    }

    #[test]
    fn dmarc_tags_in_a_policy() {
        let t = "v=TLSRPTv1; rua=mailto:a@example.com; ruf=mailto:a@example.com; p=none";
        assert_eq!(policy(t), [(CODE, 38..41), (CODE, 64..65)]);
        assert_eq!(
            messages(CODE, t),
            [
                "`ruf` is a DMARC tag, not a TLS-RPT field",
                "`p` is a DMARC tag, not a TLS-RPT field"
            ]
        );
    }

    #[test]
    fn wrong_case_rua_without_rua_is_renamed() {
        let t = "v=TLSRPTv1; RUA=mailto:a@example.com";
        assert_eq!(policy(t), [("TLSRPT105", 0..10), (CODE, 12..15)]);
        assert_eq!(fixed(CODE, t), "v=TLSRPTv1; rua=mailto:a@example.com");
        let t = "v=TLSRPTv1; rua=mailto:a@example.com; Rua=mailto:b@example.com";
        assert_eq!(policy(t), [(CODE, 38..41)]);
        assert_eq!(fixed(CODE, t), t, "no rename into a duplicate");
    }

    #[test]
    fn a_later_capital_v() {
        let t = "v=TLSRPTv1; rua=mailto:a@example.com; V=TLSRPTv1";
        assert_eq!(policy(t), [(CODE, 38..39)]);
    }
}
