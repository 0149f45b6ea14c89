//! TLSRPT309 `unquoted-txt-value`: an unquoted zone-file TXT value that is not published as
//! written.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Location};
use crate::model::{Format, RecordKind, Txt};
use crate::names::is_reporting_value;
use crate::rules::context::RecordCtx;
use crate::text::Span;

declare_rule! {
    /// ## What it does
    /// Flags a TLS-RPT, authorization or MTA-STS TXT value written without quotes in a zone
    /// file when the zone-file syntax changes it: a `;` right after the text starts a
    /// comment, so only the part before it is published, or spaces split the text into
    /// several character-strings, which senders join without the spaces.
    ///
    /// ## Why is this bad?
    /// The record loads without any warning, but it is not what was written.
    /// `_smtp._tls IN TXT v=TLSRPTv1;rua=mailto:tlsrpt@example.com` publishes just
    /// `v=TLSRPTv1` (BIND and Knot both accept it): a policy without `rua`, so no reports
    /// arrive. `v=TLSRPTv1\; rua=mailto:a@example.com` publishes
    /// `v=TLSRPTv1;rua=mailto:a@example.com`, dropping the space.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls IN TXT v=TLSRPTv1;rua=mailto:tlsrpt@example.com
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Fix safety
    /// The fix quotes the value as written, comment text included; it is unsafe because the
    /// comment may really have been a comment.
    ///
    /// ## References
    /// - RFC 1035 §5.1 (`;` starts a comment; a `<character-string>` is a run of characters
    ///   without spaces, or quoted)
    /// - RFC 8460 §3 (character-strings are concatenated without spaces)
    pub static UNQUOTED_TXT_VALUE = {
        code: "TLSRPT309",
        name: "unquoted-txt-value",
        severity: Error,
        summary: "an unquoted zone-file TXT value that is not published as written",
        security_severity: "5.0",
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    let record = ctx.record;
    let Some(txt) = record.txt() else {
        return;
    };
    let relevant = ctx.kind != RecordKind::Other || is_reporting_value(txt.value.text().as_bytes());
    if record.format != Format::Zone || !relevant {
        return;
    }
    let all_unquoted = txt.strings.iter().all(|s| !s.quoted);
    let published = format!("published as `{}`", txt.value.text());
    let mut diagnostic = if let Some(cut) = txt.cut_by_comment {
        let semicolon = Location::new(&record.source, Span::new(cut.start, cut.start + 1));
        let message = "unquoted TXT value is cut short by a `;` comment";
        Diagnostic::new(&UNQUOTED_TXT_VALUE, semicolon, message)
            .with_primary_label("this starts a comment")
            .with_label(
                Location::new(&record.source, record.value_span()),
                published,
            )
            .with_record(record.reference())
    } else if txt.strings.len() > 1 && all_unquoted {
        let count = txt.strings.len();
        let message = format!("unquoted TXT value is split at spaces into {count} strings");
        ctx.diagnostic(&UNQUOTED_TXT_VALUE, 0..txt.value.len(), message)
            .with_primary_label(published)
    } else {
        return;
    };
    diagnostic = diagnostic.with_help("quote the whole value: `\"v=TLSRPTv1; rua=...\"`");
    if let Some(fix) = quote_fix(&record.source.text, txt, all_unquoted) {
        diagnostic = diagnostic.with_fix(fix);
    }
    out.push(diagnostic);
}

/// Quotes the value as written, comment included, when it is all unquoted words on one line
/// with the comment (if any) right after the last word.
fn quote_fix(text: &str, txt: &Txt, all_unquoted: bool) -> Option<Fix> {
    let first = txt.strings.first()?;
    let last = txt.strings.last()?;
    let start = txt.value.source_span(first.range.clone()).start;
    let words_end = txt.value.source_span(last.range.clone()).end;
    let comment = match txt.cut_by_comment {
        Some(cut) if cut.start != words_end => return None,
        Some(cut) => text[cut.range()].trim_end(),
        None => "",
    };
    let words = &text[start as usize..words_end as usize];
    if !all_unquoted || words.contains(['\n', '\r']) {
        return None;
    }
    let mut quoted = String::with_capacity(words.len() + comment.len() + 4);
    quoted.push('"');
    quoted.push_str(words);
    for c in comment.chars() {
        if matches!(c, '"' | '\\') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    Some(Fix {
        message: "quote the value".to_string(),
        applicability: Applicability::Unsafe,
        edits: vec![Edit {
            span: Span::new(start, words_end + comment.len() as u32),
            replacement: quoted,
        }],
    })
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;
    use crate::extract::zone::read_str;
    use crate::rules::run::{check_record, Checks};

    fn check(text: &str) -> Vec<Diagnostic> {
        let extracted = read_str("example.com.zone", text);
        let mut out = Vec::new();
        for record in &extracted.records {
            check_record(
                record,
                record.kind(),
                &Checks::of(&[&super::UNQUOTED_TXT_VALUE]),
                &mut out,
            );
        }
        out
    }

    fn fixed(text: &str, d: &Diagnostic) -> String {
        let edit = &d.fix.as_ref().unwrap().edits[0];
        let mut text = text.to_string();
        text.replace_range(edit.span.range(), &edit.replacement);
        text
    }

    #[test]
    fn a_comment_cuts_the_value() {
        let text = "_smtp._tls IN TXT v=TLSRPTv1;rua=mailto:a@example.com \"q\" \n";
        let found = check(text);
        assert_eq!(found.len(), 1);
        let d = &found[0];
        assert_eq!(
            d.message,
            "unquoted TXT value is cut short by a `;` comment"
        );
        assert_eq!(&text[d.location.span.range()], ";");
        assert_eq!(d.labels[0].message, "published as `v=TLSRPTv1`");
        assert_eq!(&text[d.labels[0].location.span.range()], "v=TLSRPTv1");
        assert_eq!(
            fixed(text, d),
            "_smtp._tls IN TXT \"v=TLSRPTv1;rua=mailto:a@example.com \\\"q\\\"\" \n"
        );
    }

    #[test]
    fn spaces_split_the_value() {
        let text = "x TXT v=TLSRPTv1\\; rua=mailto:a@example.com\n";
        let found = check(text);
        assert_eq!(
            found[0].message,
            "unquoted TXT value is split at spaces into 2 strings"
        );
        assert_eq!(
            found[0].primary_label.as_deref(),
            Some("published as `v=TLSRPTv1;rua=mailto:a@example.com`")
        );
        assert_eq!(
            fixed(text, &found[0]),
            "x TXT \"v=TLSRPTv1\\; rua=mailto:a@example.com\"\n"
        );
    }

    #[test]
    fn quoted_or_unrelated_values_pass() {
        let text = "_smtp._tls TXT \"v=TLSRPTv1;\" \"rua=mailto:a@example.com\"\n\
            _smtp._tls TXT v=TLSRPTv1\\;rua=mailto:a@example.com\n\
            note TXT hello world\n";
        assert!(check(text).is_empty());
    }

    #[test]
    fn no_fix_across_lines() {
        let text = "_smtp._tls TXT ( v=TLSRPTv1\\;\n rua=mailto:a@example.com )\n";
        let found = check(text);
        assert_eq!(found.len(), 1);
        assert!(found[0].fix.is_none());
    }
}
