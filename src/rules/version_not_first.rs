//! TLSRPT101 `version-not-first`: the policy does not begin with `v=TLSRPTv1`.

use super::helpers::{shown, Finding};

use super::context::RecordCtx;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::record::dialect::ParsedValue;

declare_rule! {
    /// ## What it does
    /// Flags a TLS-RPT policy whose value does not begin with the version field: it starts
    /// with whitespace, with a literal quote character (`"v=TLSRPTv1; ..."` where the quotes
    /// ended up inside the value), or with another field such as `rua=`.
    ///
    /// Leading whitespace is reported here, not by `stray-whitespace`. A version field that
    /// is first but misspelt (`V=`, `v=tlsrptv1`) is `version-mismatch`.
    ///
    /// ## Why is this bad?
    /// The grammar starts with the version (`tlsrpt-record = tlsrpt-version 1*(field-delim
    /// tlsrpt-field)`), and when a name holds several TXT records, senders discard every
    /// record that does not begin with `v=TLSRPTv1;`. A policy with a leading space or quote
    /// is discarded, and the domain silently gets no reports. Some validators (checkdmarc)
    /// strip surrounding quotes and whitespace before parsing, so a record can pass an online
    /// check and still be ignored by a strict sender.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "rua=mailto:tlsrpt@example.com; v=TLSRPTv1"
    /// _smtp._tls  IN TXT "\"v=TLSRPTv1; rua=mailto:tlsrpt@example.com\""
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Fix safety
    /// Removing leading whitespace or quotes is safe: the published value then starts with the
    /// version, and no destination changes. Inserting `v=TLSRPTv1; ` before a value that has no
    /// version is unsafe: it turns text into a policy, which may make a second policy at the
    /// name (`check --fix` refuses it then).
    ///
    /// ## References
    /// - RFC 8460 §3 (the `tlsrpt-record` ABNF and the "begin with `v=TLSRPTv1;`" discard rule)
    pub static VERSION_NOT_FIRST = {
        code: "TLSRPT101",
        name: "version-not-first",
        severity: Error,
        summary: "the policy does not begin with `v=TLSRPTv1`",
        security_severity: "5.0",
        precision: High,
        fields: findings,
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&VERSION_NOT_FIRST, findings(&value), out);
    }
}

/// Leading junk, and a first field that is not the version.
pub(super) fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    let s = v.syntax;
    let d = v.dialect;
    let version = v.version_field();
    let mut out = Vec::new();
    if !s.prefix.is_empty() {
        let quoted = v.str(&s.prefix).contains(['"', '\'']);
        let what = if quoted {
            "a literal quote"
        } else {
            "whitespace"
        };
        let mut edits = vec![(s.prefix.clone(), String::new())];
        let mut finding = Finding::new(
            s.prefix.clone(),
            format!("{} begins with {what} instead of `{version}`", d.record),
        )
        .label("before the version");
        if !s.suffix.is_empty() {
            edits.push((s.suffix.clone(), String::new()));
            finding = finding.related(s.suffix.clone(), "and the closing quote");
        }
        let help = if quoted {
            "the quotes are part of the published value; remove them"
        } else {
            "remove the leading whitespace"
        };
        out.push(finding.help(help).fix(
            format!("remove the leading {what}"),
            Applicability::Safe,
            edits,
        ));
    }
    let Some((_, first)) = s.first() else {
        return out;
    };
    if v.version().is_some() {
        return out;
    }
    let name = v.name(first);
    let shown_start = if first.eq.is_some() {
        format!("`{}=`", shown(&name))
    } else {
        format!("`{}`", shown(v.str(&first.content())))
    };
    let finding = Finding::new(
        first.content(),
        format!(
            "{} begins with {shown_start} instead of `{version}`",
            d.record
        ),
    )
    .label(format!("`{version}` must come first"));
    let later = s
        .fields
        .iter()
        .find(|f| f.eq.is_some() && v.name(f).eq_ignore_ascii_case("v"));
    out.push(match later {
        Some(later) => finding
            .related(later.content(), "the version is here")
            .help(format!(
                "move `{}` to the start of the {}",
                v.str(&later.content()),
                d.record
            )),
        None => finding
            .help(format!("begin the {} with `{version};`", d.record))
            .fix_one(
                format!("insert `{version}; `"),
                Applicability::Unsafe,
                first.name.start..first.name.start,
                format!("{version}; "),
            ),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{fixed, in_zone, messages, policy, ranges};
    use crate::model::RecordKind;

    const CODE: &str = "TLSRPT101";

    #[test]
    fn leading_whitespace_is_reported_once_and_fixed() {
        let t = "  v=TLSRPTv1; rua=mailto:a@example.com";
        assert_eq!(policy(t), [(CODE, 0..2)]);
        assert_eq!(
            messages(CODE, t),
            ["policy begins with whitespace instead of `v=TLSRPTv1`"]
        );
        assert_eq!(fixed(CODE, t), "v=TLSRPTv1; rua=mailto:a@example.com");
    }

    #[test]
    fn literal_quotes_are_one_finding_with_both_ends_fixed() {
        let t = "\"v=TLSRPTv1; rua=mailto:a@example.com\"";
        assert_eq!(policy(t), [(CODE, 0..1)]);
        assert_eq!(fixed(CODE, t), "v=TLSRPTv1; rua=mailto:a@example.com");
        assert_eq!(
            messages(CODE, t),
            ["policy begins with a literal quote instead of `v=TLSRPTv1`"]
        );
    }

    #[test]
    fn rua_first() {
        let t = "rua=mailto:a@example.com; v=TLSRPTv1";
        assert_eq!(policy(t), [(CODE, 0..24)]);
        assert_eq!(
            messages(CODE, t),
            ["policy begins with `rua=` instead of `v=TLSRPTv1`"]
        );
        let t = "rua=mailto:a@example.com";
        assert_eq!(policy(t), [(CODE, 0..24)]);
        assert_eq!(fixed(CODE, t), "v=TLSRPTv1; rua=mailto:a@example.com");
    }

    #[test]
    fn a_misspelt_version_first_is_not_this_rule() {
        assert!(ranges(CODE, "V=TLSRPTv1; rua=mailto:a@example.com").is_empty());
        assert!(ranges(CODE, "TLSRPTv1; rua=mailto:a@example.com").is_empty());
        assert!(ranges(CODE, "v=TLSRPTv1;rua=mailto:a@example.com").is_empty());
    }

    #[test]
    fn not_an_attempt_is_not_judged() {
        // In a zone, `unrelated-txt-at-policy-name` judges these; `validate` takes the
        // user's word that the value is a policy.
        let zone = |v| -> Vec<&str> {
            in_zone(RecordKind::Policy, v)
                .into_iter()
                .map(|(code, _)| code)
                .collect()
        };
        assert_eq!(zone("v=spf1 -all"), ["TLSRPT302"]);
        assert_eq!(
            zone(" v=DMARC1; p=none; rua=mailto:tlsrpt@example.com"),
            ["TLSRPT302"]
        );
        assert_eq!(
            policy("v=spf1 -all"),
            [("TLSRPT105", 0..11), ("TLSRPT102", 2..11)]
        );
    }
}
