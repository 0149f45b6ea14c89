//! TLSRPT112 `non-ascii`: a non-ASCII character in the value.

use super::helpers::{code_point, Finding};

use super::context::RecordCtx;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::record::dialect::ParsedValue;

declare_rule! {
    /// ## What it does
    /// Flags each run of non-ASCII characters in a policy: an accented letter in an
    /// address, an internationalized domain written in Unicode, or an invisible character
    /// pasted from a web page or a word processor (a no-break space, a zero-width space, a
    /// byte-order mark). Other rules read past these characters, so each is reported once.
    ///
    /// ## Why is this bad?
    /// The grammar is ASCII only: extension values are `%x21-7E`, and a URI (RFC 3986) has
    /// no raw non-ASCII characters. A sender that meets one may reject the policy, or fail
    /// to deliver reports to an address that looks right on screen. An invisible character
    /// is the worst case: the record reads correctly and still fails.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@exämple.com"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@xn--exmple-cua.com"
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the invisible character; it is safe: it is not part of any address.
    ///
    /// ## References
    /// - RFC 8460 §3 (`tlsrpt-ext-value`, `tlsrpt-uri`)
    /// - RFC 3986 §2 (characters of a URI), RFC 3987 §3.1 (mapping Unicode to a URI)
    /// - RFC 5891 §4.4 (A-labels for internationalized domain names)
    pub static NON_ASCII = {
        code: "TLSRPT112",
        name: "non-ascii",
        severity: Error,
        summary: "a non-ASCII character in the value",
        security_severity: "5.0",
        fields: findings,
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&NON_ASCII, findings(&value), out);
    }
}

/// Zero-width and formatting characters that carry nothing: removing them is safe.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

pub(super) fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut chars = v.text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_ascii() {
            continue;
        }
        let mut run = vec![c];
        let mut end = start + c.len_utf8();
        while let Some(&(i, k)) = chars.peek() {
            if k.is_ascii() {
                break;
            }
            run.push(k);
            end = i + k.len_utf8();
            chars.next();
        }
        let range = start as u32..end as u32;
        let points: Vec<String> = run
            .iter()
            .map(|&c| format!("`{}`", code_point(c)))
            .collect();
        let invisible = run.iter().all(|&c| is_invisible(c));
        let finding = if invisible || run.iter().any(|c| c.is_whitespace()) {
            Finding::new(
                range.clone(),
                format!(
                    "invisible non-ASCII character {} in the value",
                    points.join(" ")
                ),
            )
        } else {
            let text: String = run.iter().collect();
            let what = if run.len() == 1 {
                "character"
            } else {
                "characters"
            };
            Finding::new(
                range.clone(),
                format!(
                    "non-ASCII {what} `{text}` ({}) in the value",
                    points.join(" ")
                ),
            )
        };
        out.push(if invisible {
            finding
                .help("remove it; it is easy to paste and impossible to see")
                .fix_one("remove the invisible character", Applicability::Safe, range, "")
        } else {
            finding.help(
                "the record is ASCII: use the A-label (`xn--...`) of a domain, or percent-encode the UTF-8 bytes in a URI",
            )
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{fixed, messages, policy};

    const CODE: &str = "TLSRPT112";

    #[test]
    fn runs_of_characters() {
        let t = "v=TLSRPTv1; rua=mailto:tlsrpt@exämple.com";
        assert_eq!(policy(t), [(CODE, 32..34)]);
        assert_eq!(
            messages(CODE, t),
            ["non-ASCII character `ä` (`U+00E4`) in the value"]
        );
        let t = "v=TLSRPTv1; rua=mailto:ññ@example.com";
        assert_eq!(policy(t), [(CODE, 23..27)]);
    }

    #[test]
    fn invisible_characters_are_removed() {
        let t = "v=TLSRPTv1;\u{200b} rua=mailto:a@example.com";
        assert_eq!(policy(t), [(CODE, 11..14)]);
        assert_eq!(
            messages(CODE, t),
            ["invisible non-ASCII character `U+200B` in the value"]
        );
        assert_eq!(fixed(CODE, t), "v=TLSRPTv1; rua=mailto:a@example.com");
        let t = "v=TLSRPTv1;\u{a0}rua=mailto:a@example.com";
        assert_eq!(
            messages(CODE, t),
            ["invisible non-ASCII character `U+00A0` in the value"]
        );
        assert_eq!(
            fixed(CODE, t),
            t,
            "a no-break space may have been meant as a space"
        );
    }

    #[test]
    fn uri_rules_do_not_repeat_it() {
        assert_eq!(
            policy("v=TLSRPTv1; rua=https://exämple.com/x"),
            [(CODE, 26..28)]
        );
    }
}
