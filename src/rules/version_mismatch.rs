//! TLSRPT102 `version-mismatch`: the version field is not exactly `v=TLSRPTv1`.

use super::helpers::{shown, Finding};

use super::context::RecordCtx;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::record::clean;
use crate::record::dialect::ParsedValue;

declare_rule! {
    /// ## What it does
    /// Flags a first field that is meant to be the version but is not exactly `v=TLSRPTv1`:
    /// the wrong case (`V=TLSRPTv1`, `v=tlsrptv1`), the wrong literal (`TLSRPT1`,
    /// `TLSRPTv2`, `TLSRPT v1`), whitespace around `=` (`v = TLSRPTv1`), or a bare `TLSRPTv1`
    /// without `v=`. It points at the part that is wrong.
    ///
    /// ## Why is this bad?
    /// The version is case-sensitive (`tlsrpt-version = %s"v=TLSRPTv1"`, RFC 7405 `%s`) and
    /// has no whitespace, and senders discard records that do not begin with the literal
    /// `v=TLSRPTv1;`. checkdmarc and mox compare it exactly; some other tools (mail-auth,
    /// MECSA-st, DomainDetective) ignore case, so a wrong-case record can look fine in one
    /// checker and be ignored by a strict sender. `TLSRPTv1` is the only version defined.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=tlsrptv1; rua=mailto:tlsrpt@example.com"
    /// _smtp._tls  IN TXT "v = TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Fix safety
    /// Fixing the case or the spaces of `v=TLSRPTv1` is safe: it is the version that was meant.
    /// Writing `TLSRPTv1` over another version (`TLSRPT1`, `TLSRPTv2`) is unsafe: the record
    /// may not have been meant as a policy, and a second policy at the name is refused by
    /// `check --fix`.
    ///
    /// ## References
    /// - RFC 8460 §3 (`tlsrpt-version`, the discard rule)
    /// - RFC 7405 §2.2 (`%s`: case-sensitive strings in ABNF)
    pub static VERSION_MISMATCH = {
        code: "TLSRPT102",
        name: "version-mismatch",
        severity: Error,
        summary: "the version field is not exactly `v=TLSRPTv1`",
        security_severity: "5.0",
        fields: findings,
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&VERSION_MISMATCH, findings(&value), out);
    }
}

/// What is wrong with the version field, as one finding.
pub(super) fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    let Some((_, field)) = v.version() else {
        return Vec::new();
    };
    let d = v.dialect;
    let version = v.version_field();
    let content = field.content();
    let written = v.str(&content);
    if field.eq.is_none() {
        let exact = clean(written) == d.version;
        return vec![Finding::new(
            content.clone(),
            format!("version `{}` has no `v=`", shown(written)),
        )
        .help(format!("write `{version}`"))
        .fix_one(
            format!("write `{version}`"),
            if exact {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            },
            content,
            version,
        )];
    }
    let mut parts: Vec<(std::ops::Range<u32>, String)> = Vec::new();
    let name = v.name(field);
    if name != "v" {
        parts.push((
            field.name.clone(),
            format!("version field is named `{}`, not `v`", shown(&name)),
        ));
    }
    let around = field.ws_before_eq().start..field.ws_after_eq().end;
    if !field.ws_before_eq().is_empty() || !field.ws_after_eq().is_empty() {
        parts.push((
            around,
            "whitespace around `=` in the version field".to_string(),
        ));
    }
    let value = clean(v.str(&field.value));
    if !value.is_empty() && value != d.version {
        let message = if value.eq_ignore_ascii_case(d.version) {
            format!("version `{}` has the wrong case", shown(&value))
        } else {
            format!(
                "unknown version `{}`, expected `{}`",
                shown(&value),
                d.version
            )
        };
        parts.push((field.value.clone(), message));
    }
    if parts.is_empty() {
        return Vec::new();
    }
    let squeezed: String = value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let squeezed = squeezed.to_ascii_lowercase();
    let applicability = if value.is_empty() || squeezed == d.version.to_ascii_lowercase() {
        Some(Applicability::Safe)
    } else if squeezed.starts_with(d.stem) {
        Some(Applicability::Unsafe)
    } else {
        None
    };
    let finding = if parts.len() == 1 {
        let (range, message) = parts.pop().unwrap_or_default();
        Finding::new(range, message)
    } else {
        parts.into_iter().fold(
            Finding::new(
                content.clone(),
                format!(
                    "version field `{}` is not exactly `{version}`",
                    shown(written)
                ),
            ),
            |f, (range, message)| f.related(range, message),
        )
    }
    .help(format!(
        "the version is case-sensitive and has no spaces: write `{version}`"
    ));
    vec![match applicability {
        Some(a) if !field.value.is_empty() => {
            finding.fix_one(format!("write `{version}`"), a, content, version)
        }
        _ => finding,
    }]
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{fixed, messages, policy, Found};

    const CODE: &str = "TLSRPT102";
    const RUA: &str = "; rua=mailto:a@example.com";

    fn check(version: &str) -> (Found, Vec<String>, String) {
        let t = format!("{version}{RUA}");
        let fixed = fixed(CODE, &t);
        (
            policy(&t),
            messages(CODE, &t),
            fixed.strip_suffix(RUA).unwrap_or(&fixed).to_string(),
        )
    }

    #[test]
    fn wrong_case_of_the_value() {
        let (found, messages, fixed) = check("v=tlsrptv1");
        assert_eq!(found, [(CODE, 2..10)]);
        assert_eq!(messages, ["version `tlsrptv1` has the wrong case"]);
        assert_eq!(fixed, "v=TLSRPTv1");
    }

    #[test]
    fn wrong_case_of_the_name() {
        let (found, messages, fixed) = check("V=TLSRPTv1");
        assert_eq!(found, [(CODE, 0..1)]);
        assert_eq!(messages, ["version field is named `V`, not `v`"]);
        assert_eq!(fixed, "v=TLSRPTv1");
    }

    #[test]
    fn wrong_literals() {
        for (version, message) in [
            (
                "v=TLSRPT1",
                "unknown version `TLSRPT1`, expected `TLSRPTv1`",
            ),
            (
                "v=TLSRPTv2",
                "unknown version `TLSRPTv2`, expected `TLSRPTv1`",
            ),
            ("v=DMARC2", "unknown version `DMARC2`, expected `TLSRPTv1`"),
        ] {
            let (found, messages, _) = check(version);
            assert_eq!(found, [(CODE, 2..version.len() as u32)], "{version}");
            assert_eq!(messages, [message]);
        }
        assert_eq!(check("v=TLSRPT1").2, "v=TLSRPTv1");
        assert_eq!(check("v=DMARC2").2, "v=DMARC2", "no fix without intent");
    }

    #[test]
    fn spaces_around_equals() {
        let (found, messages, fixed) = check("v = TLSRPTv1");
        assert_eq!(found, [(CODE, 1..4)]);
        assert_eq!(messages, ["whitespace around `=` in the version field"]);
        assert_eq!(fixed, "v=TLSRPTv1");
    }

    #[test]
    fn several_problems_are_one_finding_on_the_field() {
        let (found, messages, fixed) = check("V = tlsrptv1");
        assert_eq!(found, [(CODE, 0..12)]);
        assert_eq!(
            messages,
            ["version field `V = tlsrptv1` is not exactly `v=TLSRPTv1`"]
        );
        assert_eq!(fixed, "v=TLSRPTv1");
    }

    #[test]
    fn bare_version_without_v() {
        let (found, messages, fixed) = check("TLSRPTv1");
        assert_eq!(found, [(CODE, 0..8)]);
        assert_eq!(messages, ["version `TLSRPTv1` has no `v=`"]);
        assert_eq!(fixed, "v=TLSRPTv1");
    }

    #[test]
    fn exact_version_and_foreign_characters_are_not_this_rule() {
        assert_eq!(check("v=TLSRPTv1").0, []);
        // The zero-width space is `non-ascii`'s finding alone.
        assert_eq!(check("v=TLSRPTv1\u{200b}").0, [("TLSRPT112", 10..13)]);
    }
}
