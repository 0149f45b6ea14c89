//! TLSRPT108 `invalid-extension`: an unknown field that breaks `tlsrpt-extension`.

use super::helpers::{shown, Finding};

use super::context::RecordCtx;
use super::helpers::fields::suspicion;
use crate::diagnostic::Diagnostic;
use crate::record::dialect::ParsedValue;
use crate::record::{is_ext_name_char, is_foreign};

declare_rule! {
    /// ## What it does
    /// Flags an unknown field whose name or value breaks the extension grammar: a name
    /// that does not start with a letter or digit, holds characters other than letters,
    /// digits, `_`, `-` and `.`, or is longer than 32 characters; or a value that holds
    /// `=`. Spaces, control and non-ASCII characters are left to `stray-whitespace`,
    /// `control-character` and `non-ascii`, so each character is reported once.
    ///
    /// ## Why is this bad?
    /// Senders ignore unknown fields only if they are "syntactically valid" (RFC 8460 §3).
    /// A field that is not is a syntax error, and a strict parser (checkdmarc: "The value
    /// of the extension field x is not valid") rejects the whole policy.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com; _note=hello"
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com; x=a=b"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## References
    /// - RFC 8460 §3 (`tlsrpt-extension`, `tlsrpt-ext-name`, `tlsrpt-ext-value`)
    pub static INVALID_EXTENSION = {
        code: "TLSRPT108",
        name: "invalid-extension",
        severity: Error,
        summary: "an unknown field whose name or value breaks the `tlsrpt-extension` grammar",
        security_severity: "5.0",
        fields: findings,
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&INVALID_EXTENSION, findings(&value), out);
    }
}

/// Characters of `range` that this rule judges: not foreign, not a space. An iterator, not a
/// vector: a 100 MB value would take 800 MB as `(offset, char)` pairs.
fn judged<'v>(
    v: &ParsedValue<'v>,
    range: &std::ops::Range<u32>,
) -> impl Iterator<Item = (u32, char)> + 'v {
    let start = range.start;
    v.str(range)
        .char_indices()
        .map(move |(i, c)| (start + i as u32, c))
        .filter(|&(_, c)| !is_foreign(c) && c != ' ')
}

pub(super) fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, f) in v.syntax.fields.iter().enumerate() {
        let name = v.name(f);
        if v.is_version(i)
            || f.eq.is_none()
            || f.value.is_empty()
            || name.is_empty()
            || name == v.dialect.required
        {
            continue;
        }
        let shown_name = shown(&name);
        let bad = judged(v, &f.name).enumerate().find(|&(k, (_, c))| {
            !c.is_ascii() || !is_ext_name_char(c as u8) || (k == 0 && !c.is_ascii_alphanumeric())
        });
        let help = "extension names are 1 to 32 letters, digits, `_`, `-` or `.`, starting with a letter or digit";
        if let Some((k, (at, c))) = bad {
            let message = if k == 0 {
                format!("field name `{shown_name}` must begin with a letter or digit")
            } else {
                format!("field name `{shown_name}` contains `{c}`")
            };
            out.push(Finding::new(at..at + c.len_utf8() as u32, message).help(help));
        } else if judged(v, &f.name).nth(32).is_some() {
            out.push(
                Finding::new(
                    f.name.clone(),
                    format!("field name `{shown_name}` is longer than 32 characters"),
                )
                .help(help),
            );
        }
        if suspicion(&name).is_some() {
            continue;
        }
        if let Some((at, _)) = judged(v, &f.value).find(|&(_, c)| c == '=') {
            out.push(
                Finding::new(at..at + 1, format!("value of `{shown_name}` contains `=`"))
                    .help("extension values cannot contain `=`, `;`, spaces or control characters"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{messages, policy, Found};

    const CODE: &str = "TLSRPT108";
    const P: &str = "v=TLSRPTv1; rua=mailto:a@example.com; ";

    fn at(field: &str) -> (Found, Vec<String>) {
        let t = format!("{P}{field}");
        let shift = |(c, r): (&'static str, std::ops::Range<u32>)| {
            (c, r.start - P.len() as u32..r.end - P.len() as u32)
        };
        (
            policy(&t).into_iter().map(shift).collect(),
            messages(CODE, &t),
        )
    }

    #[test]
    fn bad_names() {
        assert_eq!(
            at("_note=x"),
            (
                vec![(CODE, 0..1)],
                vec!["field name `_note` must begin with a letter or digit".into()]
            )
        );
        assert_eq!(
            at("a!b=x"),
            (
                vec![(CODE, 1..2)],
                vec!["field name `a!b` contains `!`".into()]
            )
        );
        let long = format!("{}=x", "a".repeat(33));
        assert_eq!(at(&long).0, [(CODE, 0..33)]);
        assert_eq!(
            at(&format!("{}=x", "a".repeat(32))).0,
            [("TLSRPT109", 0..34)]
        );
    }

    #[test]
    fn bad_values() {
        assert_eq!(
            at("x=a=b"),
            (vec![(CODE, 3..4)], vec!["value of `x` contains `=`".into()])
        );
        assert_eq!(at("x==b").0, [(CODE, 2..3)]);
    }

    #[test]
    fn characters_other_rules_report_are_not_repeated() {
        assert_eq!(at("x=a\u{e9}").0, [("TLSRPT112", 3..5)]);
        assert_eq!(at("x=a\u{1}").0, [("TLSRPT113", 3..4)]);
    }

    #[test]
    fn rua_uris_may_hold_equals() {
        assert_eq!(policy("v=TLSRPTv1; rua=https://r.example/x?a=b"), []);
    }
}
