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

/// The whole-word markers in `text`, in order, in any ASCII case: `a-_smtp._tls` (an
/// external-dns registry name) is another label, not a mention.
pub fn find(text: &[u8]) -> Vec<Span> {
    thread_local! {
        static LOWERED: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    let word =
        |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'));
    LOWERED.with_borrow_mut(|lowered| {
        lowered.clear();
        lowered.extend(text.iter().map(u8::to_ascii_lowercase));
        let found = FINDER
            .find_iter(lowered.as_slice())
            .filter(|m| {
                let before = m.start().checked_sub(1).and_then(|i| text.get(i));
                !word(before) && !word(text.get(m.end()))
            })
            .map(|m| Span::new(m.start() as u32, m.end() as u32))
            .collect();
        if lowered.capacity() > KEPT_CAPACITY {
            *lowered = Vec::new();
        }
        found
    })
}

/// The most capacity the lowercased copy keeps between files.
const KEPT_CAPACITY: usize = 1 << 20;

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
