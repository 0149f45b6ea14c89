//! The markers of a reporting record, and the one search that finds them all.
//!
//! The policy-name markers are not a list of their own: they are made from the labels the
//! name rules know people write instead of `_smtp._tls` ([`crate::names`]), so a
//! misspelling taught to `policy-at-wrong-name` is found here too. Every marker is matched
//! without regard to ASCII case (DNS names and the version tags people write in any case)
//! and only as a whole word: `postfix_smtp_tls_security_level` mentions no record.

use std::cell::RefCell;
use std::sync::LazyLock;

use aho_corasick::packed;

use crate::names::{LEGACY, MISSPELT};
use crate::text::Span;

/// The names and values that mark a reporting record whatever the policy-name spelling.
const FIXED: &[&str] = &[
    "_smtp._tls",
    "_tls._smtp",
    "_report._tls",
    "_mta-sts",
    "v=TLSRPTv1",
    "v=STSv1",
];

/// Every marker: [`FIXED`], each misspelt label that stands for both `_smtp` and `_tls`
/// (`_smtp_tls`, `_smtp-tlsrpt`), and each misspelling of `_smtp` before `._tls` or `.tls`.
pub fn all() -> Vec<String> {
    let mut markers: Vec<String> = FIXED.iter().map(|m| m.to_string()).collect();
    for label in MISSPELT.iter().chain(LEGACY) {
        if label.contains("tls") && *label != "_tls" {
            markers.push(label.to_string());
        } else if label.contains("smtp") || label.contains("smpt") || label.contains("stmp") {
            markers.push(format!("{label}._tls"));
            markers.push(format!("{label}.tls"));
        }
    }
    markers.sort();
    markers.dedup();
    markers
}

/// The markers, lowercase, searched for in a lowercased copy of the text: a case-sensitive
/// search of a few dozen literals runs on SIMD (Teddy) many times faster than an
/// automaton that folds case byte by byte, and most files a walk visits hold no marker
/// (code is full of `enable_tls`). Lowercasing ASCII keeps every offset.
static FINDER: LazyLock<packed::Searcher> = LazyLock::new(|| {
    packed::Config::new()
        .match_kind(packed::MatchKind::LeftmostLongest)
        .builder()
        .extend(all().iter().map(|m| m.to_ascii_lowercase()))
        .build()
        .expect("fixed markers build")
});

/// Parts of markers that code seldom holds, lowercase, one in every marker (a test keeps
/// it so): a window of text without one holds no marker and is not searched for them. The
/// markers' own beginnings (`_tls`, `_smtp`) are everywhere in code (`min_tls_version`,
/// `enable_tls`: one every 130 bytes of the monorepo benchmark's code), and a search for
/// the markers stops to compare at each.
const RARE: &[&str] = &[
    "smtp", "smpt", "stmp", "tlsrpt", "rt._tls", "mta-sts", "v=sts",
];

static PREFILTER: LazyLock<packed::Searcher> = LazyLock::new(|| {
    packed::Config::new()
        .builder()
        .extend(RARE)
        .build()
        .expect("fixed rare parts build")
});

/// The longest marker: a window of the text overlaps the next by this much, so a marker
/// that starts in a window ends in it.
static LONGEST: LazyLock<usize> =
    LazyLock::new(|| all().iter().map(String::len).max().unwrap_or(0));

/// How much of a text is lowercased at a time. The copy stays this small however large the
/// file: a 100 MB one-line file must not cost another 100 MB.
const WINDOW: usize = 1 << 20;

/// The whole-word markers in `text`, in order, in any ASCII case: `a-_smtp._tls` (an
/// external-dns registry name) is another label, not a mention.
///
/// The text is searched a [`WINDOW`] at a time, each lowercased copy reaching [`LONGEST`]
/// bytes further. A window's matches that start before its end are kept, and the next
/// window starts where the last of them ends (or at the window's end), so the matches are
/// the ones one search of the whole text would give.
pub fn find(text: &[u8]) -> Vec<Span> {
    thread_local! {
        static LOWERED: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    let word =
        |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'));
    LOWERED.with_borrow_mut(|lowered| {
        let mut found = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let core = (at + WINDOW).min(text.len());
            let end = (core + *LONGEST).min(text.len());
            lowered.clear();
            lowered.extend(text[at..end].iter().map(u8::to_ascii_lowercase));
            let mut next = core;
            if PREFILTER.find(lowered.as_slice()).is_none() {
                at = next;
                continue;
            }
            for m in FINDER.find_iter(lowered.as_slice()) {
                let (start, stop) = (at + m.start(), at + m.end());
                if start >= core {
                    break;
                }
                next = next.max(stop);
                let before = start.checked_sub(1).and_then(|i| text.get(i));
                if !word(before) && !word(text.get(stop)) {
                    found.push(Span::new(start as u32, stop as u32));
                }
            }
            at = next;
        }
        found
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        find(text.as_bytes())
            .into_iter()
            .map(|s| &text[s.range()])
            .collect()
    }

    #[test]
    fn a_marker_across_a_window_boundary_is_found_once() {
        let mut text = "x ".repeat(WINDOW / 2 - 2);
        text.push_str("_SMTP._tls v=STSv1");
        text.push_str(&" ".repeat(WINDOW));
        text.push_str("_mta-sts");
        assert_eq!(found(&text), ["_SMTP._tls", "v=STSv1", "_mta-sts"]);
        let first = find(text.as_bytes())[0];
        assert_eq!(first.start as usize, WINDOW - 4);
    }

    #[test]
    fn every_marker_holds_a_rare_part() {
        for m in all() {
            let lower = m.to_ascii_lowercase();
            assert!(RARE.iter().any(|r| lower.contains(r)), "{m}");
        }
    }

    #[test]
    fn markers_are_made_from_the_name_rules_labels() {
        let markers = all();
        for m in [
            "_smtp.tls",
            "_smtp_tls",
            "_smpt._tls",
            "_stmp._tls",
            "_smtp-tlsrpt",
        ] {
            assert!(markers.iter().any(|k| k == m), "{m} in {markers:?}");
        }
        assert!(!markers.iter().any(|k| k == "_tls" || k == "_smtp"));
    }

    #[test]
    fn whole_words_in_any_case() {
        assert_eq!(
            found("name = \"_SMTP._TLS.${var.domain}\" # v=tlsrptv1;"),
            ["_SMTP._TLS", "v=tlsrptv1"]
        );
        assert_eq!(
            found("postfix_smtp_tls_security_level: may"),
            [] as [&str; 0]
        );
        assert_eq!(
            found("min_tls_version txt _tls enable_tlsrpt"),
            [] as [&str; 0]
        );
        assert_eq!(
            found("TXT(\"_smtp-tlsrpt\", x); _mta-sts.example.com. _smtp_tlsrpt"),
            ["_smtp-tlsrpt", "_mta-sts", "_smtp_tlsrpt"]
        );
        assert_eq!(
            found("a.example._report._tls.collector.example v=STSv1;"),
            ["_report._tls", "v=STSv1"]
        );
    }
}
