//! TLSRPT104 `whitespace-before-delimiter`: `v=TLSRPTv1 ;`.

use super::helpers::Finding;

use super::context::RecordCtx;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::record::dialect::ParsedValue;

declare_rule! {
    /// ## What it does
    /// Flags whitespace between the version and the first `;` (`v=TLSRPTv1 ;`).
    ///
    /// ## Why is this bad?
    /// The grammar allows it (`field-delim = *WSP ";" *WSP`), but the same section tells
    /// senders to discard records that do not begin with `v=TLSRPTv1;`, and this one does
    /// not, literally. A sender that implements the discard rule as a prefix test ignores
    /// the policy. RFC 8461 has the same conflict for `v=STSv1;`, filed as erratum 6285,
    /// which proposes dropping the leading `*WSP` from the delimiter. checkdmarc warns about
    /// it; mox and mail-auth accept it. Removing the space is safe for every reader.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1 ; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the whitespace; it is safe: whitespace before `;` carries nothing.
    ///
    /// ## References
    /// - RFC 8460 §3 (`field-delim` and the discard rule)
    /// - RFC 8461 erratum 6285 (the same conflict in `sts-field-delim`)
    pub static WHITESPACE_BEFORE_DELIMITER = {
        code: "TLSRPT104",
        name: "whitespace-before-delimiter",
        severity: Warning,
        summary: "whitespace between `v=TLSRPTv1` and the first `;`",
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&WHITESPACE_BEFORE_DELIMITER, findings(&value), out);
    }
}

fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    let s = v.syntax;
    let Some((0, version)) = v.version() else {
        return Vec::new();
    };
    let first_is_semicolon = s.delimiters.first().is_some_and(|d| d.kind.is_semicolon());
    if version.trailing_ws.is_empty() || !first_is_semicolon {
        return Vec::new();
    }
    let literal = v.version_field();
    vec![Finding::new(
        version.trailing_ws.clone(),
        format!("whitespace between `{literal}` and the first `;`"),
    )
    .label("remove this")
    .help(format!(
        "senders discard records that do not begin with the literal `{literal};`"
    ))
    .fix_one(
        "remove the whitespace",
        Applicability::Safe,
        version.trailing_ws.clone(),
        "",
    )]
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{fixed, policy};

    const CODE: &str = "TLSRPT104";

    #[test]
    fn space_or_tab_before_the_first_semicolon() {
        let t = "v=TLSRPTv1 \t; rua=mailto:a@example.com";
        assert_eq!(policy(t), [(CODE, 10..12)]);
        assert_eq!(fixed(CODE, t), "v=TLSRPTv1; rua=mailto:a@example.com");
    }

    #[test]
    fn whitespace_before_later_delimiters_is_fine() {
        assert_eq!(policy("v=TLSRPTv1; rua=mailto:a@example.com ;"), []);
        assert_eq!(policy("v=TLSRPTv1;\trua=mailto:a@example.com"), []);
    }
}
