//! Host names as mail and the web resolve them, checked over runs of kept characters
//! (`(offset, char)` pairs, where the characters other rules report are already left out):
//! the URI problems of the 2xx rules and the MTA-STS policy's `mx` patterns share this
//! grammar, and `generate` checks the domain it is given with it.

use std::ops::Range;

/// The range a run of kept characters covers, or an insertion point at `at`.
pub fn cover(run: &[(u32, char)], at: u32) -> Range<u32> {
    match (run.first(), run.last()) {
        (Some(first), Some(last)) => first.0..last.0 + last.1.len_utf8() as u32,
        _ => at..at,
    }
}

/// The characters of a run, as a string.
pub fn string(run: &[(u32, char)]) -> String {
    run.iter().map(|&(_, c)| c).collect()
}

/// Where `c` first occurs in a run.
pub fn position(run: &[(u32, char)], c: char) -> Option<usize> {
    run.iter().position(|&(_, k)| k == c)
}

/// Leading, trailing or doubled dots.
pub fn dots_problem(run: &[(u32, char)], what: &str) -> Option<(Range<u32>, String)> {
    let dot = |i: usize| run[i].0..run[i].0 + 1;
    if run.first().is_some_and(|&(_, c)| c == '.') {
        return Some((dot(0), format!("{what} begins with `.`")));
    }
    if run.last().is_some_and(|&(_, c)| c == '.') {
        return Some((dot(run.len() - 1), format!("{what} ends with `.`")));
    }
    let double = run
        .windows(2)
        .position(|w| w[0].1 == '.' && w[1].1 == '.')?;
    Some((
        run[double].0..run[double].0 + 2,
        format!("{what} has an empty label (`..`)"),
    ))
}

/// A host name as mail and the web resolve it: letters, digits and `-` (not at either end
/// of a label), percent-encodings; no empty label; at most 63 octets a label. RFC 3986's
/// `reg-name` and RFC 5322's `dot-atom` are looser, but reports are delivered over SMTP
/// (RFC 5321 §4.1.2 `sub-domain = Let-dig [Ldh-str]`) or HTTPS to a host name (RFC 1123
/// §2.1), so `_` or an edge `-` can never receive one. `trailing_dot` allows one final `.`
/// (an absolute name in a URL).
pub fn host_problem(
    host: &[(u32, char)],
    what: &str,
    trailing_dot: bool,
) -> Option<(Range<u32>, String)> {
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '%');
    if let Some(&(p, c)) = host.iter().find(|&&(_, c)| !ok(c)) {
        return Some((p..p + c.len_utf8() as u32, format!("{what} contains `{c}`")));
    }
    let body = match host.last() {
        Some(&(_, '.')) if trailing_dot && host.len() > 1 => &host[..host.len() - 1],
        _ => host,
    };
    if let Some(problem) = dots_problem(body, what) {
        return Some(problem);
    }
    for label in body.split(|&(_, c)| c == '.') {
        let text = string(label);
        if text.len() > 63 {
            return Some((
                cover(label, 0),
                format!("{what} has a label longer than 63 characters"),
            ));
        }
        if text.starts_with('-') || text.ends_with('-') {
            return Some((
                cover(label, 0),
                format!("{what} has a label `{text}` that begins or ends with `-`"),
            ));
        }
    }
    None
}
