//! Applying fixes to a text: a pure function from sorted, non-overlapping edits to new
//! text, and the choice of which fixes of one file can go together in one pass.
//!
//! A fix is all or nothing: either every edit of it applies or none does. Two fixes that
//! touch the same bytes, or even meet, do not go in one pass (their edits were computed on
//! the text before either, and the later pass recomputes the second on the text after the
//! first). Kept apart from the file system so that it is tested on strings alone.

use crate::diagnostic::Edit;
use crate::text::Span;

/// Whether edits of two fixes must not go in one pass: they overlap or meet (an insertion
/// at the edge of a replacement included).
fn conflict(a: Span, b: Span) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Whether two edits of one fix cannot both apply: they overlap, or insert at one point.
/// (Edits of one fix may meet: they were computed together.)
fn overlap(a: Span, b: Span) -> bool {
    (a.start < b.end && b.start < a.end) || a.start == b.start
}

/// The fixes (each given by its edits) that can go in one pass: the first fix in the
/// order given, then each later one that conflicts with none chosen, up to `limit` fixes.
/// A fix whose own edits overlap, or that reaches past `len`, is never chosen.
pub fn select(fixes: &[&[Edit]], len: usize, limit: usize) -> Vec<usize> {
    let mut taken: Vec<Span> = Vec::new();
    let mut chosen = Vec::new();
    for (i, edits) in fixes.iter().enumerate() {
        if chosen.len() == limit {
            break;
        }
        let spans: Vec<Span> = edits.iter().map(|e| e.span).collect();
        let inside = spans
            .iter()
            .all(|s| s.start <= s.end && s.end as usize <= len);
        let own = spans
            .iter()
            .enumerate()
            .any(|(j, a)| spans[j + 1..].iter().any(|b| overlap(*a, *b)));
        let others = spans.iter().any(|a| taken.iter().any(|b| conflict(*a, *b)));
        if inside && !own && !others && !spans.is_empty() {
            taken.extend(spans);
            chosen.push(i);
        }
    }
    chosen
}

/// Why edits could not be applied: they are the caller's bug, never the input's.
#[derive(Debug, PartialEq, Eq)]
pub struct BadEdits;

/// `text` with `edits` applied. The edits may come in any order but must not overlap or
/// start at one point, and must lie within `text` on character boundaries.
pub fn apply(text: &str, edits: &[&Edit]) -> Result<String, BadEdits> {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut last_start = None;
    for edit in sorted {
        let range = edit.span.range();
        if range.start < at
            || last_start == Some(range.start)
            || text.get(at..range.start).is_none()
            || text.get(range.clone()).is_none()
        {
            return Err(BadEdits);
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&edit.replacement);
        at = range.end;
        last_start = Some(range.start);
    }
    out.push_str(text.get(at..).ok_or(BadEdits)?);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn edit(start: u32, end: u32, text: &str) -> Edit {
        Edit {
            span: Span::new(start, end),
            replacement: text.to_string(),
        }
    }

    #[test]
    fn edits_apply_in_any_order() {
        let text = "v=TLSRPTv1 rua=mailto:a@example.com";
        let a = edit(10, 10, ";");
        let b = edit(0, 1, "V");
        assert_eq!(
            apply(text, &[&a, &b]).unwrap(),
            "V=TLSRPTv1; rua=mailto:a@example.com"
        );
        assert_eq!(apply(text, &[&a, &a]), Err(BadEdits));
        assert_eq!(apply("é", &[&edit(1, 1, "x")]), Err(BadEdits));
    }

    #[test]
    fn fixes_that_meet_wait_for_a_later_pass() {
        let one = [edit(2, 4, "")];
        let two = [edit(4, 4, "x")];
        let three = [edit(6, 7, "y"), edit(9, 9, "z")];
        let own = [edit(0, 2, ""), edit(1, 3, "")];
        let meeting = [edit(8, 9, ";"), edit(9, 10, "")];
        let fixes: [&[Edit]; 4] = [&one, &two, &three, &own];
        assert_eq!(select(&fixes, 10, usize::MAX), [0, 2]);
        assert_eq!(select(&[&one, &meeting], 10, usize::MAX), [0, 1]);
        assert_eq!(select(&fixes, 10, 1), [0]);
        assert_eq!(select(&fixes, 8, usize::MAX), [0]);
    }

    proptest! {
        /// Whatever fixes are chosen, the bytes outside their edits stay, in order, and each
        /// edit's text stands where its span was.
        #[test]
        fn bytes_outside_the_edits_stay(
            text in "[a-z;= \"\\\\]{0,40}",
            raw in prop::collection::vec((0u32..45, 0u32..4, "[A-Z;]{0,3}"), 0..8),
        ) {
            let len = text.len();
            let fixes: Vec<Vec<Edit>> = raw
                .iter()
                .map(|(start, width, with)| vec![edit(*start, start + width, with)])
                .collect();
            let refs: Vec<&[Edit]> = fixes.iter().map(Vec::as_slice).collect();
            let chosen = select(&refs, len, usize::MAX);
            let mut edits: Vec<&Edit> = chosen.iter().map(|&i| &fixes[i][0]).collect();
            let fixed = apply(&text, &edits).unwrap();
            edits.sort_by_key(|e| e.span.start);
            let (mut old, mut new) = (0usize, 0usize);
            for e in edits {
                let keep = e.span.start as usize - old;
                prop_assert_eq!(&fixed[new..new + keep], &text[old..e.span.start as usize]);
                new += keep;
                prop_assert_eq!(&fixed[new..new + e.replacement.len()], e.replacement.as_str());
                new += e.replacement.len();
                old = e.span.end as usize;
            }
            prop_assert_eq!(&fixed[new..], &text[old..]);
        }
    }
}
