//! TLSRPT113 `control-character`: a control character in the value.

use super::helpers::{code_point, Finding};

use super::context::RecordCtx;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::record::dialect::ParsedValue;

declare_rule! {
    /// ## What it does
    /// Flags each control character (U+0000 to U+001F and U+007F) in a policy: a line
    /// break or carriage return that a multi-line string or `\010` escape put into the
    /// value, a NUL, and a tab inside a field name or value. A tab is allowed where the
    /// grammar allows whitespace (around `;` and around the commas of a `rua` list), and a
    /// tab around `=` or at the end is `stray-whitespace`.
    ///
    /// ## Why is this bad?
    /// No control character is allowed in a field: extension values are `%x21-7E`, and a
    /// URI has no control characters. Senders will reject the policy or cut the value
    /// at the character. They are also invisible in most editors and review tools.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com\010"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the control character; it is safe: a control character is never part of
    /// a field or address. When the character hid another problem of the value, that finding
    /// appears next.
    ///
    /// ## References
    /// - RFC 8460 §3 (`field-delim` allows `WSP`; `tlsrpt-ext-value` excludes controls)
    /// - RFC 5234 Appendix B.1 (`WSP`, `CTL`)
    pub static CONTROL_CHARACTER = {
        code: "TLSRPT113",
        name: "control-character",
        severity: Error,
        summary: "a control character (line break, NUL, tab inside a value)",
        security_severity: "5.0",
        fields: findings,
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&CONTROL_CHARACTER, findings(&value), out);
    }
}

fn describe(c: char) -> &'static str {
    match c {
        '\0' => "NUL",
        '\t' => "tab",
        '\n' => "line feed",
        '\r' => "carriage return",
        '\u{7f}' => "delete",
        _ => "control character",
    }
}

/// Whether a tab at `at` is inside a field name or value (and not a `rua` separator).
fn tab_is_reported(v: &ParsedValue<'_>, at: u32) -> bool {
    v.syntax.fields.iter().any(|f| {
        let inside = |r: &std::ops::Range<u32>| r.contains(&at);
        let in_separator = f
            .uris
            .iter()
            .flat_map(|l| &l.separators)
            .any(|s| inside(&s.range));
        (inside(&f.name) || inside(&f.value)) && !in_separator
    })
}

pub(super) fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    v.text
        .char_indices()
        .filter(|&(i, c)| c.is_ascii_control() && (c != '\t' || tab_is_reported(v, i as u32)))
        .map(|(i, c)| {
            let range = i as u32..i as u32 + 1;
            let help = if matches!(c, '\n' | '\r') {
                "remove it; a line break inside a quoted string or a `\\010` escape becomes part of the value"
            } else {
                "remove it"
            };
            Finding::new(
                range.clone(),
                format!("control character `{}` ({}) in the value", code_point(c), describe(c)),
            )
            .help(help)
            .fix_one("remove the control character", Applicability::Safe, range, "")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{fixed, messages, policy};

    const CODE: &str = "TLSRPT113";

    #[test]
    fn line_breaks_and_nul() {
        let t = "v=TLSRPTv1; rua=mailto:a@example.com\r\n";
        assert_eq!(policy(t), [(CODE, 36..37), (CODE, 37..38)]);
        assert_eq!(
            messages(CODE, t),
            [
                "control character `U+000D` (carriage return) in the value",
                "control character `U+000A` (line feed) in the value"
            ]
        );
        assert_eq!(fixed(CODE, t), "v=TLSRPTv1; rua=mailto:a@example.com");
        assert_eq!(
            policy("v=TLSRPTv1;\0rua=mailto:a@example.com"),
            [(CODE, 11..12)]
        );
    }

    #[test]
    fn tabs_only_inside_names_and_values() {
        assert_eq!(
            policy("v=TLSRPTv1;\trua=mailto:a@example.com\t,\tmailto:b@example.com\t;"),
            []
        );
        assert_eq!(
            policy("v=TLSRPTv1; rua=mailto:a@exa\tmple.com"),
            [(CODE, 28..29)]
        );
        assert_eq!(
            policy("v=TLSRPT\tv1; rua=mailto:a@example.com"),
            [(CODE, 8..9)]
        );
        assert_eq!(
            policy("v=TLSRPTv1; rua=\tmailto:a@example.com"),
            [("TLSRPT107", 16..17)]
        );
    }

    #[test]
    fn a_line_break_between_fields_does_not_hide_the_name() {
        assert_eq!(
            policy("v=TLSRPTv1;\nrua=mailto:a@example.com"),
            [(CODE, 11..12)]
        );
    }
}
