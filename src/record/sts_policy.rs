//! The RFC 8461 §3.2 `sts-policy-record` grammar, over a policy file the extractor has
//! split into lines (`extract/mta_sts_policy.rs`): the fields it defines and the values they
//! take, and a view of the file that answers "which line gives this field?". What a broken
//! line is called, and how to fix it, is `invalid-mta-sts-policy`'s.

use std::ops::Range;

use super::slice;
use crate::model::{LineEnd, StsPolicyFile, StsPolicyLine};

/// The fields RFC 8461 §3.2 defines.
pub const POLICY_FIELDS: [&str; 4] = ["version", "mode", "max_age", "mx"];

/// The fields required once each, with the line a policy would add for each.
pub const REQUIRED: [(&str, &str); 3] = [
    ("version", "version: STSv1"),
    ("mode", "mode: testing"),
    ("max_age", "max_age: 604800"),
];

/// The largest `max_age`: 31557600 seconds, a year of 365.25 days.
pub const MAX_AGE: u64 = 31_557_600;

/// The values a field takes when it is one of a list (case-sensitive), else `None`.
pub fn allowed_values(key: &str) -> Option<&'static [&'static str]> {
    match key {
        "version" => Some(&["STSv1"]),
        "mode" => Some(&["enforce", "testing", "none"]),
        _ => None,
    }
}

/// Whether a mode needs `mx` lines (every mode but `none`).
pub fn mode_needs_mx(mode: &str) -> bool {
    matches!(mode, "enforce" | "testing")
}

/// Whether `c` may not appear in the value of `key`: the defined fields' values are ASCII
/// without control characters; extension values are UTF-8 without control characters or
/// tabs.
pub fn is_foreign_in_value(key: &str, c: char) -> bool {
    if POLICY_FIELDS.contains(&key) {
        super::is_foreign(c)
    } else {
        c.is_control()
    }
}

/// What is wrong with a `max_age` value (`1*10DIGIT`, at most [`MAX_AGE`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaxAgeProblem {
    NotANumber,
    OverMaximum,
}

/// The problem with a `max_age` value, if any.
pub fn max_age_problem(value: &str) -> Option<MaxAgeProblem> {
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(MaxAgeProblem::NotANumber);
    }
    let significant = value.trim_start_matches('0');
    let over = significant.len() > 8 || significant.parse::<u64>().is_ok_and(|n| n > MAX_AGE);
    (value.len() > 10 || over).then_some(MaxAgeProblem::OverMaximum)
}

/// Where the host name of an `mx` pattern (`["*."] Domain`) starts: after a wildcard for
/// the whole left-most label.
pub fn mx_host_start(value: &str) -> usize {
    if value.starts_with("*.") {
        2
    } else {
        0
    }
}

/// Whether an MX host matches a policy's `mx` pattern (RFC 8461 §4.1): the name itself,
/// or `*.` and its parent (one label); case-insensitive, final dots aside.
pub fn mx_matches(pattern: &str, host: &str) -> bool {
    let host = host.trim_end_matches('.');
    let pattern = pattern.trim_end_matches('.');
    match pattern.strip_prefix("*.") {
        Some(parent) => host
            .split_once('.')
            .is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(parent)),
        None => host.eq_ignore_ascii_case(pattern),
    }
}

/// The length of a line end.
pub fn line_end_len(end: LineEnd) -> u32 {
    match end {
        LineEnd::CrLf => 2,
        LineEnd::Lf | LineEnd::Cr => 1,
        LineEnd::None => 0,
    }
}

/// A policy file and its text.
pub struct StsPolicyView<'a> {
    pub text: &'a str,
    pub policy: &'a StsPolicyFile,
}

impl<'a> StsPolicyView<'a> {
    pub fn str(&self, range: &Range<u32>) -> &'a str {
        slice(self.text, range)
    }

    /// The lines that are not blank, with their indexes.
    pub fn fields(&self) -> impl Iterator<Item = (usize, &'a StsPolicyLine)> + 'a {
        self.policy
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.is_blank())
    }

    /// The first line with `key` exactly and a `:`: the one senders apply.
    pub fn first(&self, key: &str) -> Option<(usize, &'a StsPolicyLine)> {
        self.fields()
            .find(|(_, l)| l.colon.is_some() && self.str(&l.key) == key)
    }

    /// A line whose key is `key` in another case, or with `-` for `_`: a near miss.
    pub fn near_miss(&self, key: &str) -> Option<&'a StsPolicyLine> {
        self.fields().map(|(_, l)| l).find(|l| {
            let k = self.str(&l.key);
            k != key && k.replace('-', "_").eq_ignore_ascii_case(key)
        })
    }
}
