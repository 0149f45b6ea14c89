//! TLSRPT207 `duplicate-uri`: the same destination twice.

use std::collections::HashMap;

use super::helpers::{shown, Finding};

use super::context::RecordCtx;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::record::dialect::ParsedValue;
use crate::uri::{self, Uri};

declare_rule! {
    /// ## What it does
    /// Flags a `rua` destination given twice, in one list or across several `rua` fields.
    /// Scheme and host are compared without case (`MAILTO:a@Example.com` is
    /// `mailto:a@example.com`), and the header fields of a `mailto:` URI are ignored; the
    /// local part and the path are compared exactly. The finding labels the first one.
    ///
    /// ## Why is this bad?
    /// Senders may try each destination (RFC 8460 §3), so the same report can be sent
    /// twice. More often it is a copy-paste slip: the second URI was meant to be another
    /// destination.
    ///
    /// ## Example
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com,mailto:tlsrpt@EXAMPLE.com"
    /// ```
    ///
    /// ## Use instead
    /// ```zone
    /// _smtp._tls  IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"
    /// ```
    ///
    /// ## Fix safety
    /// The fix removes the repeated URI; it is safe: the destination stays, once.
    ///
    /// ## References
    /// - RFC 8460 §3 (several destinations; a report is delivered once one accepts it)
    /// - RFC 3986 §6.2.2.1 (scheme and host are case-insensitive)
    pub static DUPLICATE_URI = {
        code: "TLSRPT207",
        name: "duplicate-uri",
        severity: Warning,
        summary: "the same `rua` destination twice",
        check: Some(super::context::Check::Record(check)),
    }
}

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(value) = ctx.policy() {
        ctx.emit(&DUPLICATE_URI, findings(&value), out);
    }
}

fn findings(v: &ParsedValue<'_>) -> Vec<Finding> {
    let mut first: HashMap<String, std::ops::Range<u32>> = HashMap::new();
    let mut out = Vec::new();
    for (field, range) in v.uris().filter(|(_, r)| !r.is_empty()) {
        let key = uri::destination(v.text, &Uri::parse(v.text, range.clone()));
        let Some(earlier) = first.get(&key) else {
            first.insert(key, range.clone());
            continue;
        };
        let mut finding = Finding::new(
            range.clone(),
            format!("`rua` destination `{}` is given twice", shown(v.str(range))),
        )
        .label("repeated here")
        .related(earlier.clone(), "first given here")
        .help("remove one of them");
        // Within one list, removing the URI and the comma before it is safe.
        let list = v.syntax.fields[field].uris.as_ref();
        // The list is in source order: a search, not a scan, so 100,000 duplicates are not
        // 10^10 comparisons.
        let index = |l: &crate::record::UriList| {
            l.uris.binary_search_by_key(&range.start, |u| u.start).ok()
        };
        if let Some(k) = list.and_then(index) {
            let sep = list.and_then(|l| l.separators.get(k.wrapping_sub(1)));
            if let Some(sep) = sep.filter(|_| earlier.start >= v.syntax.fields[field].value.start) {
                finding = finding.fix_one(
                    "remove the repeated URI",
                    Applicability::Safe,
                    sep.range.start..range.end,
                    "",
                );
            }
        }
        out.push(finding);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::helpers::testing::{fixed, only, policy};
    use crate::model::RecordKind;

    const CODE: &str = "TLSRPT207";

    #[test]
    fn same_destination_in_one_list() {
        let t = "v=TLSRPTv1; rua=mailto:a@example.com, MAILTO:a@EXAMPLE.com";
        assert_eq!(policy(t), [(CODE, 38..58)]);
        assert_eq!(fixed(CODE, t), "v=TLSRPTv1; rua=mailto:a@example.com");
        let d = &only(RecordKind::Policy, CODE, t)[0];
        assert_eq!(d.labels[0].location.span.start, 16);
    }

    #[test]
    fn across_rua_fields() {
        let t = "v=TLSRPTv1; rua=https://r.example/x; rua=https://R.example/x";
        assert_eq!(policy(t), [("TLSRPT111", 37..40), (CODE, 41..60)]);
    }

    #[test]
    fn different_local_parts_and_paths_differ() {
        assert_eq!(
            policy("v=TLSRPTv1; rua=mailto:A@example.com,mailto:a@example.com"),
            []
        );
    }
}
