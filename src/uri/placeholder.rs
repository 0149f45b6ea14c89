//! Unfilled templates in a URI: placeholders a person forgot (`{domain}`, `YOUR_EMAIL`,
//! `none`), which `placeholder-destination` reports, and placeholders a deploy step fills
//! (`{{ var }}`, `${VAR}`), which are `unevaluated-value`. The extractors, the dialect view
//! and the rules all ask this one module.

use std::ops::Range;

use crate::record::slice;

/// Words that mark an unfilled template, matched case-insensitively inside a URI (written in
/// lowercase).
const PLACEHOLDER_WORDS: &[&str] = &[
    "your_",
    "your-",
    "yourdomain",
    "youremail",
    "yourcompany",
    "changeme",
    "change_me",
    "change-me",
    "replace_me",
    "replace-me",
    "replaceme",
    "placeholder",
];

/// Whole URIs that say "no destination".
const NO_DESTINATION: &[&str] = &[
    "none", "null", "nil", "n/a", "tbd", "todo", "-", "false", "off",
];

/// A template left unfilled: `{domain}`, `${var}`, `<email>`, `%domain%`, `YOUR_EMAIL`,
/// `CHANGEME`, or a URI that is only `none`.
pub fn placeholder(text: &str, range: &Range<u32>) -> Option<Range<u32>> {
    let s = slice(text, range);
    let at = |a: usize, b: usize| range.start + a as u32..range.start + b as u32;
    if NO_DESTINATION.iter().any(|w| s.eq_ignore_ascii_case(w)) {
        return Some(range.clone());
    }
    if let Some(r) = deploy_placeholder(s) {
        return Some(at(r.start, r.end));
    }
    // Most URIs have no `{`, `<` or `%`: one search rules the templates out.
    if memchr::memchr3(b'{', b'<', b'%', s.as_bytes()).is_some() {
        if let Some(r) = template(s) {
            return Some(at(r.start, r.end));
        }
    }
    let i = placeholder_word(s)?;
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    let start = s[..i].rfind(|c| !word(c)).map_or(0, |k| k + 1);
    let end = s[i..].find(|c| !word(c)).map_or(s.len(), |k| i + k);
    Some(at(start, end))
}

/// `{domain}`, `<email>` or `%domain%` in `s`: a placeholder as documentation writes it.
fn template(s: &str) -> Option<Range<usize>> {
    for (open, close) in [('{', '}'), ('<', '>')] {
        if let Some(i) = s.find(open) {
            if let Some(j) = s[i..].find(close) {
                return Some(i..i + j + 1);
            }
        }
    }
    let b = s.as_bytes();
    memchr::memchr_iter(b'%', b).find_map(|i| Some(i..percent_word_at(b, i)?))
}

/// The first placeholder in `s` that a deploy step fills: `{{ var }}` (Jinja, Go and
/// Helm templates, Ansible), `${VAR}` (envsubst, shell), `%VAR%` and `@VAR@` (sed and
/// autoconf-style substitution). A person does not forget these: a tool fills them, so
/// they are `unevaluated-value`, not `placeholder-destination`.
pub fn deploy_placeholder(s: &str) -> Option<Range<usize>> {
    let b = s.as_bytes();
    // A search for the closing braces fails only when none follow: where they are last is
    // found once, at the first opening, so a value of many `{{` is scanned once, not once
    // for each, and a URI without braces is not searched at all.
    let mut last: Option<(Option<usize>, Option<usize>)> = None;
    let mut last_close = || *last.get_or_insert_with(|| (s.rfind("}}"), s.rfind('}')));
    let mut from = 0;
    while let Some(i) = next_opening(b, from) {
        let opens = b.get(i + 1) == Some(&b'{');
        let found = match b[i] {
            b'{' if opens && last_close().0 >= Some(i + 2) => {
                s[i + 2..].find("}}").map(|j| i + j + 4)
            }
            b'$' if opens && last_close().1 >= Some(i + 2) => {
                s[i + 2..].find('}').map(|j| i + j + 3)
            }
            b'%' | b'@' => upper_word(&b[i + 1..], b[i]).map(|len| i + len + 2),
            _ => None,
        };
        if let Some(end) = found {
            return Some(i..end);
        }
        from = i + 1;
    }
    None
}

/// Where the next `{`, `$`, `%` or `@` (what opens a deploy placeholder) is in `b` from
/// `from`: every record's whole value is asked, so the other bytes are passed over by one
/// table lookup each (measured cheaper than `memchr` on values this short).
fn next_opening(b: &[u8], from: usize) -> Option<usize> {
    b[from..]
        .iter()
        .position(|&c| OPENINGS[usize::from(c)])
        .map(|k| from + k)
}

/// The bytes [`next_opening`] stops at.
static OPENINGS: [bool; 256] = {
    let mut set = [false; 256];
    set[b'{' as usize] = true;
    set[b'$' as usize] = true;
    set[b'%' as usize] = true;
    set[b'@' as usize] = true;
    set
};

/// Every placeholder [`deploy_placeholder`] finds in `s`, in order.
pub fn deploy_placeholders(s: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(r) = deploy_placeholder(&s[at..]) {
        found.push(at + r.start..at + r.end);
        at += r.end;
    }
    found
}

/// `WORD` and the closing `close` at the start of `b`: an upper-case name of two or more
/// letters, digits and `_`, not a digit first; its length. Tools fill upper-case names
/// (`%DOMAIN%`, `@DOMAIN@`); upper case keeps `a@b.c@d` an address and `%20` an encoding,
/// and leaves `%domain%`, as documentation writes it, to `placeholder-destination`.
fn upper_word(b: &[u8], close: u8) -> Option<usize> {
    let len = b
        .iter()
        .position(|&c| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_'))?;
    let hex = len == 2 && b[..2].iter().all(u8::is_ascii_hexdigit);
    (len >= 2 && b[len] == close && !b[0].is_ascii_digit() && !hex).then_some(len)
}

/// Where the first of [`PLACEHOLDER_WORDS`] (in list order) that `s` contains first occurs,
/// any case. One pass that tries the words only where one could start: every URI rule asks
/// this of every URI.
fn placeholder_word(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    // (index of the word, where it starts): a later position replaces it only with a word
    // earlier in the list.
    let mut best: Option<(usize, usize)> = None;
    for i in 0..b.len() {
        let first = b[i].to_ascii_lowercase();
        if !PLACEHOLDER_STARTS[usize::from(first)] {
            continue;
        }
        let candidates = best.map_or(PLACEHOLDER_WORDS.len(), |(k, _)| k);
        let found = PLACEHOLDER_WORDS[..candidates].iter().position(|w| {
            let w = w.as_bytes();
            w[0] == first
                && b.get(i + 1..i + w.len())
                    .is_some_and(|rest| rest.eq_ignore_ascii_case(&w[1..]))
        });
        if let Some(word) = found {
            best = Some((word, i));
        }
    }
    best.map(|(_, i)| i)
}

/// The first bytes of [`PLACEHOLDER_WORDS`] (which are lowercase).
static PLACEHOLDER_STARTS: [bool; 256] = {
    let mut set = [false; 256];
    let mut i = 0;
    while i < PLACEHOLDER_WORDS.len() {
        set[PLACEHOLDER_WORDS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    set
};

/// The end of `%word%` starting at `b[start]` (a `%`), where `word` is not a
/// percent-encoding: a letter or `_` first, and either at least three characters or two
/// that are not both hex digits. A word ends at the next `%`, so scanning every `%` of a
/// value is linear.
fn percent_word_at(b: &[u8], start: usize) -> Option<usize> {
    let mut j = start + 1;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] == b'-') {
        j += 1;
    }
    let word = &b[start + 1..j];
    let hexy = word.len() == 2 && word.iter().all(u8::is_ascii_hexdigit);
    (j < b.len()
        && b[j] == b'%'
        && word.len() >= 2
        && (word[0].is_ascii_alphabetic() || word[0] == b'_')
        && !hexy)
        .then_some(j + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        for (t, expected) in [
            ("mailto:tlsrpt@{domain}", "{domain}"),
            ("mailto:tlsrpt@${var.domain}", "${var.domain}"),
            ("mailto:<your-email>", "<your-email>"),
            ("mailto:tlsrpt@%domain%", "%domain%"),
            ("mailto:tlsrpt@{{ domain }}", "{{ domain }}"),
            ("mailto:tlsrpt@{{domain}}.example", "{{domain}}"),
            ("mailto:tlsrpt@@DOMAIN@", "@DOMAIN@"),
            ("mailto:YOUR_EMAIL@example.com", "YOUR_EMAIL"),
            ("mailto:tls@CHANGEME.example", "CHANGEME"),
            ("none", "none"),
            ("mailto:replace_me@example.com", "replace_me"),
        ] {
            let r = placeholder(t, &(0..t.len() as u32)).unwrap_or_else(|| panic!("{t}"));
            assert_eq!(slice(t, &r), expected);
        }
        for t in [
            "mailto:a%40b@example.com",
            "mailto:tlsrpt@example.com",
            "https://r.example/%2C%ab%",
        ] {
            assert_eq!(placeholder(t, &(0..t.len() as u32)), None, "{t}");
        }
    }

    #[test]
    fn deploy_placeholders_are_what_a_tool_fills() {
        fn found(t: &str) -> Vec<&str> {
            deploy_placeholders(t).into_iter().map(|r| &t[r]).collect()
        }
        assert_eq!(
            found("v=TLSRPTv1; rua=mailto:{{ user }}@{{domain}},https://${HOST}/%PATH%@SUFFIX@"),
            ["{{ user }}", "{{domain}}", "${HOST}", "%PATH%", "@SUFFIX@"]
        );
        // Written by a person, not a tool: `placeholder-destination`'s.
        for t in [
            "mailto:tlsrpt@{domain}",
            "mailto:a@%domain%",
            "mailto:YOUR_EMAIL@x.example",
        ] {
            assert_eq!(found(t), Vec::<&str>::new(), "{t}");
        }
        // Addresses and percent-encodings are not placeholders.
        for t in [
            "mailto:a@B@c.example",
            "https://r.example/%2C%AB%",
            "{{ open",
            "@1X@",
        ] {
            assert_eq!(deploy_placeholder(t), None, "{t}");
        }
    }
}
