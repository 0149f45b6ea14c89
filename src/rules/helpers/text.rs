//! Small text helpers for messages and ranges: space runs, code points, shortened values.

use std::ops::Range;

use crate::record;

/// Runs of spaces (not tabs: a tab is a control character where it is not `WSP`).
pub fn space_runs(text: &str, range: &Range<u32>) -> Vec<Range<u32>> {
    let mut runs = Vec::new();
    let bytes = text.as_bytes();
    let mut i = range.start as usize;
    while i < (range.end as usize).min(bytes.len()) {
        if bytes[i] == b' ' {
            let start = i;
            while i < range.end as usize && bytes[i] == b' ' {
                i += 1;
            }
            runs.push(start as u32..i as u32);
        } else {
            i += 1;
        }
    }
    runs
}

/// `U+00E9`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// `text` shortened for a message, with its foreign characters removed.
pub fn shown(text: &str) -> String {
    let clean = record::clean(text);
    let mut chars = clean.chars();
    let head: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{head}...")
    } else {
        head
    }
}
