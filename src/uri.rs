//! Checks on one `rua` URI (RFC 8460 §3 `tlsrpt-uri`: an RFC 3986 `URI`, `mailto` per
//! RFC 6068, with `,` `!` `;` percent-encoded), over ranges of the decoded value.
//!
//! Each function answers one question for one rule, so every problem is reported once:
//! characters that `non-ascii`, `control-character` or `stray-whitespace` report, and the
//! raw characters [`unencoded`] reports, are read past by [`mailto_problem`] and
//! [`https_problem`] (a URI with a raw `!` is one finding, not two). A URI holding a
//! [`placeholder`] is reported as that and nothing else.

use std::ops::Range;

use crate::record::{is_foreign, slice};

/// One URI split at its scheme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Uri {
    pub range: Range<u32>,
    /// The scheme name, without `:`.
    pub scheme: Option<Range<u32>>,
    /// Everything after `scheme:` (the whole URI when there is no scheme).
    pub body: Range<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    Mailto,
    Https,
    Other,
}

impl Uri {
    pub fn parse(text: &str, range: Range<u32>) -> Uri {
        // Foreign characters before the scheme are another rule's finding.
        let skip = slice(text, &range)
            .char_indices()
            .find(|&(_, c)| !is_foreign(c))
            .map_or(0, |(i, _)| i);
        let start = range.start + skip as u32;
        let s = slice(text, &(start..range.end)).as_bytes();
        let mut j = 0;
        if s.first().is_some_and(u8::is_ascii_alphabetic) {
            j = 1;
            while j < s.len()
                && (s[j].is_ascii_alphanumeric() || matches!(s[j], b'+' | b'-' | b'.'))
            {
                j += 1;
            }
        }
        if j > 0 && s.get(j) == Some(&b':') {
            let colon = start + j as u32;
            Uri {
                scheme: Some(start..colon),
                body: colon + 1..range.end,
                range,
            }
        } else {
            Uri {
                scheme: None,
                body: range.clone(),
                range,
            }
        }
    }

    pub fn scheme_kind(&self, text: &str) -> Option<Scheme> {
        let name = slice(text, self.scheme.as_ref()?);
        Some(if name.eq_ignore_ascii_case("mailto") {
            Scheme::Mailto
        } else if name.eq_ignore_ascii_case("https") {
            Scheme::Https
        } else {
            Scheme::Other
        })
    }
}

/// Characters `,` `!` `;` (RFC 8460 §3) and those RFC 3986 never allows raw.
fn is_unencoded(c: char) -> bool {
    matches!(
        c,
        '!' | ',' | ';' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}'
    )
}

/// The byte range of a URI's authority (after `scheme://`, up to `/`, `?` or `#`), or an
/// empty range when it has none.
fn authority(uri: &str) -> Range<usize> {
    let Some(colon) = uri.find(':') else {
        return 0..0;
    };
    if !uri[colon + 1..].starts_with("//") {
        return 0..0;
    }
    let start = colon + 3;
    let len = uri[start..]
        .find(['/', '?', '#'])
        .unwrap_or(uri.len() - start);
    start..start + len
}

/// A DMARC report size limit at the end of a URI (`!10m`, RFC 7489 §6.4), which TLS-RPT
/// does not have.
pub fn size_suffix(text: &str, range: &Range<u32>) -> Option<Range<u32>> {
    let s = slice(text, range);
    let bang = s.rfind('!')?;
    let tail = &s[bang + 1..];
    let digits = tail.trim_end_matches(['k', 'm', 'g', 't', 'K', 'M', 'G', 'T']);
    (!digits.is_empty()
        && digits.len() + 1 >= tail.len()
        && digits.bytes().all(|b| b.is_ascii_digit()))
    .then(|| range.start + bang as u32..range.end)
}

/// Every raw character that must be percent-encoded (outside a [`size_suffix`]), with its
/// range; `%` not followed by two hex digits counts, and so do `[` `]` outside an
/// authority (RFC 3986 §3.2.2 allows them only around an IP literal; RFC 6068 §2 requires
/// them encoded in `mailto:`), every `#` after the one that starts the fragment, and in
/// `mailto:` every `?` after the one that starts the header fields.
pub fn unencoded(text: &str, range: &Range<u32>) -> Vec<(Range<u32>, char)> {
    let end = size_suffix(text, range).map_or(range.end, |r| r.start);
    let s = slice(text, &(range.start..end));
    let b = s.as_bytes();
    let authority = authority(s);
    let fragment = s.find('#');
    // RFC 6068 §2: `hfvalue = *qchar`, and `qchar` has no `?`.
    let mailto = s
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("mailto:"));
    let query = s.find('?');
    s.char_indices()
        .filter(|&(i, c)| {
            is_unencoded(c)
                || (matches!(c, '[' | ']') && !authority.contains(&i))
                || (c == '#' && fragment != Some(i))
                || (c == '?' && mailto && query != Some(i))
                || (c == '%'
                    && !(b.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                        && b.get(i + 2).is_some_and(u8::is_ascii_hexdigit)))
        })
        .map(|(i, c)| {
            let start = range.start + i as u32;
            (start..start + 1, c)
        })
        .collect()
}

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
    let mut i = 0;
    while i < b.len() {
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
        i += 1;
    }
    None
}

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

/// The characters the structural checks read: not foreign, not a space, not reported by
/// [`unencoded`] or part of a [`size_suffix`].
fn kept(text: &str, range: &Range<u32>, whole: &Range<u32>) -> Vec<(u32, char)> {
    let end =
        size_suffix(text, whole).map_or(range.end, |r| r.start.min(range.end).max(range.start));
    let skip: Vec<u32> = unencoded(text, whole)
        .into_iter()
        .map(|(r, _)| r.start)
        .collect();
    slice(text, &(range.start..end))
        .char_indices()
        .map(|(i, c)| (range.start + i as u32, c))
        .filter(|&(at, c)| !is_foreign(c) && c != ' ' && !skip.contains(&at))
        .collect()
}

/// The range a run of kept characters covers, or an insertion point at `at`.
fn cover(run: &[(u32, char)], at: u32) -> Range<u32> {
    match (run.first(), run.last()) {
        (Some(first), Some(last)) => first.0..last.0 + last.1.len_utf8() as u32,
        _ => at..at,
    }
}

fn string(run: &[(u32, char)]) -> String {
    run.iter().map(|&(_, c)| c).collect()
}

fn position(run: &[(u32, char)], c: char) -> Option<usize> {
    run.iter().position(|&(_, k)| k == c)
}

/// `?hfields` of a `mailto:` URI.
pub fn header_fields(text: &str, uri: &Uri) -> Option<Range<u32>> {
    let body = slice(text, &uri.body);
    let q = body.find('?')?;
    Some(uri.body.start + q as u32..uri.body.end)
}

/// The first reason a `mailto:` URI is not exactly one valid RFC 5321 / RFC 6068 address,
/// with the range to point at.
pub fn mailto_problem(text: &str, uri: &Uri) -> Option<(Range<u32>, String)> {
    let to_end = header_fields(text, uri).map_or(uri.body.end, |r| r.start);
    let to = kept(text, &(uri.body.start..to_end), &uri.range);
    // A part holding only characters other rules report is not empty.
    let written = |range: Range<u32>| !slice(text, &range).is_empty();
    if to.is_empty() {
        return (!written(uri.body.start..to_end))
            .then(|| (uri.range.clone(), "`mailto:` URI has no address".into()));
    }
    let shown = string(&to);
    let lower = shown.to_ascii_lowercase();
    if let Some(i) = lower.find("%2c") {
        let at = to[i].0;
        return Some((
            at..at + 3,
            format!("`mailto:` URI `{shown}` holds more than one address"),
        ));
    }
    let Some(at) = position(&to, '@') else {
        return Some((cover(&to, 0), format!("address `{shown}` has no `@`")));
    };
    let (local, domain) = (&to[..at], &to[at + 1..]);
    let at_range = to[at].0..to[at].0 + 1;
    if let Some(second) = position(domain, '@') {
        let p = domain[second].0;
        return Some((p..p + 1, format!("address `{shown}` has more than one `@`")));
    }
    if local.is_empty() {
        return (!written(uri.body.start..at_range.start)).then(|| {
            (
                at_range,
                format!("address `{shown}` has an empty local part"),
            )
        });
    }
    if domain.is_empty() {
        return (!written(at_range.end..to_end))
            .then(|| (at_range, format!("address `{shown}` has no domain")));
    }
    local_problem(local, &shown).or_else(|| domain_problem(domain, &shown))
}

/// RFC 5322 `dot-atom-text` (percent-encodings count as one character).
fn local_problem(local: &[(u32, char)], shown: &str) -> Option<(Range<u32>, String)> {
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
    if let Some(&(p, c)) = local.iter().find(|&&(_, c)| !(atext(c) || c == '.')) {
        return Some((
            p..p + c.len_utf8() as u32,
            format!("local part of `{shown}` contains `{c}`"),
        ));
    }
    dots_problem(local, &format!("local part of `{shown}`"))
}

/// Leading, trailing or doubled dots.
fn dots_problem(run: &[(u32, char)], what: &str) -> Option<(Range<u32>, String)> {
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

fn domain_problem(domain: &[(u32, char)], shown: &str) -> Option<(Range<u32>, String)> {
    let d = string(domain);
    if d.starts_with('[') {
        return (!d.ends_with(']') || d.len() < 3).then(|| {
            (
                cover(domain, 0),
                format!("domain literal `{d}` in `{shown}` is not closed by `]`"),
            )
        });
    }
    host_problem(domain, &format!("domain `{d}`"), false)
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

/// The first reason an `https:` URI is not an RFC 3986 URI with a host.
pub fn https_problem(text: &str, uri: &Uri) -> Option<(Range<u32>, String)> {
    let body = kept(text, &uri.body, &uri.range);
    let shown = string(&body);
    if !shown.starts_with("//") {
        let at = cover(&body, uri.body.start);
        let at = if at.is_empty() { uri.range.clone() } else { at };
        return Some((at, "`https:` URI has no `//` and host".into()));
    }
    let rest = &body[2..];
    let authority_end = rest
        .iter()
        .position(|&(_, c)| matches!(c, '/' | '?' | '#'))
        .unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let host_start = authority
        .iter()
        .rposition(|&(_, c)| c == '@')
        .map_or(0, |i| i + 1);
    let hostport = &authority[host_start..];
    let after_slashes = body[1].0 + 1;
    let (host, port) = if hostport.first().is_some_and(|&(_, c)| c == '[') {
        let Some(close) = position(hostport, ']') else {
            return Some((
                cover(hostport, after_slashes),
                "the IPv6 host has no closing `]`".into(),
            ));
        };
        let inner = string(&hostport[1..close]);
        let future = inner.starts_with(['v', 'V']);
        if !future && inner.parse::<std::net::Ipv6Addr>().is_err() {
            return Some((
                cover(&hostport[..=close], after_slashes),
                format!("`[{inner}]` is not a valid IPv6 address"),
            ));
        }
        match hostport.get(close + 1) {
            None => (None, None),
            Some(&(_, ':')) => (None, Some(&hostport[close + 2..])),
            Some(&(p, c)) => {
                return Some((
                    p..p + c.len_utf8() as u32,
                    format!("unexpected `{c}` after the IPv6 host"),
                ))
            }
        }
    } else {
        match position(hostport, ':') {
            Some(colon) => (Some(&hostport[..colon]), Some(&hostport[colon + 1..])),
            None => (Some(hostport), None),
        }
    };
    if let Some(host) = host {
        let raw_host = slice(text, &(after_slashes..uri.body.end));
        let raw_host = &raw_host[..raw_host
            .find(['/', '?', '#', ':'])
            .unwrap_or(raw_host.len())];
        if host.is_empty() && !raw_host.chars().any(is_foreign) {
            let at = cover(authority, after_slashes);
            let at = if at.is_empty() { uri.range.clone() } else { at };
            return Some((at, "`https:` URI has no host".into()));
        }
        if let Some(problem) = host_problem(host, &format!("host `{}`", string(host)), true) {
            return Some(problem);
        }
    }
    let port = port?;
    let digits = string(port);
    if let Some(&(p, c)) = port.iter().find(|&&(_, c)| !c.is_ascii_digit()) {
        return Some((
            p..p + c.len_utf8() as u32,
            format!("port `{digits}` is not a number"),
        ));
    }
    (digits
        .parse::<u32>()
        .map_or(!digits.is_empty(), |n| n > 65535))
    .then(|| {
        (
            cover(port, 0),
            format!("port `{digits}` is out of range (0-65535)"),
        )
    })
}

/// The range of the host a report goes to: the domain of a `mailto:` address, the host of an
/// `https:` URI (without user information or port). `None` for other schemes, an IP
/// address, or a host that is not letters, digits, `-` and `.` (other rules' findings):
/// nothing a zone could authorize.
pub fn host(text: &str, uri: &Uri) -> Option<Range<u32>> {
    let body = slice(text, &uri.body);
    let (start, end) = match uri.scheme_kind(text)? {
        Scheme::Mailto => {
            let to = &body[..body.find('?').unwrap_or(body.len())];
            (to.rfind('@')? + 1, to.len())
        }
        Scheme::Https => {
            let rest = body.strip_prefix("//")?;
            let end = 2 + rest.find(['/', '?', '#']).unwrap_or(rest.len());
            let start = body[..end].rfind('@').map_or(2, |at| at + 1);
            let port = body[start..end].rfind(':').map_or(end, |c| start + c);
            (start, port)
        }
        Scheme::Other => return None,
    };
    let host = &body[start..end];
    let address = host.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let name = host
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.'));
    (!host.is_empty() && !address && name).then(|| {
        let base = uri.body.start;
        base + start as u32..base + end as u32
    })
}

/// What makes two URIs the same destination: scheme and host in lowercase, header fields
/// of a `mailto:` dropped.
pub fn destination(text: &str, uri: &Uri) -> String {
    let scheme = uri
        .scheme
        .as_ref()
        .map(|s| slice(text, s).to_ascii_lowercase())
        .unwrap_or_default();
    let body = slice(text, &uri.body);
    match uri.scheme_kind(text) {
        Some(Scheme::Mailto) => {
            let to = body.split('?').next().unwrap_or("");
            match to.rsplit_once('@') {
                Some((local, domain)) => format!("mailto:{local}@{}", domain.to_ascii_lowercase()),
                None => format!("mailto:{to}"),
            }
        }
        Some(Scheme::Https) => {
            let rest = body.strip_prefix("//").unwrap_or(body);
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            format!(
                "https://{}{}",
                rest[..end].to_ascii_lowercase(),
                &rest[end..]
            )
        }
        _ => format!("{scheme}:{body}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(t: &str) -> Uri {
        Uri::parse(t, 0..t.len() as u32)
    }

    #[test]
    fn hosts() {
        for (t, want) in [
            ("mailto:a@Example.com", Some("Example.com")),
            ("mailto:a@b@example.com?subject=x", Some("example.com")),
            ("mailto:nobody", None),
            (
                "https://u:p@reports.example.net:8443/x?y",
                Some("reports.example.net"),
            ),
            ("https://reports.example.net", Some("reports.example.net")),
            ("https://[::1]/x", None),
            ("https://192.0.2.1/x", None),
            ("mailto:a@%5B192.0.2.1%5D", None),
            ("https:/x", None),
            ("ftp://example.com/", None),
        ] {
            let u = uri(t);
            let got = host(t, &u).map(|r| slice(t, &r));
            assert_eq!(got, want, "{t}");
        }
    }

    fn mailto(t: &str) -> Option<(Range<u32>, String)> {
        mailto_problem(t, &uri(t))
    }

    fn https(t: &str) -> Option<(Range<u32>, String)> {
        https_problem(t, &uri(t))
    }

    #[test]
    fn schemes() {
        let t = "MAILTO:a@example.com";
        assert_eq!(uri(t).scheme, Some(0..6));
        assert_eq!(uri(t).scheme_kind(t), Some(Scheme::Mailto));
        assert_eq!(uri("tls@example.com").scheme, None);
        assert_eq!(uri("//r.example").scheme, None);
        assert_eq!(uri("http://x").scheme_kind("http://x"), Some(Scheme::Other));
        assert_eq!(uri("1a:b").scheme, None);
    }

    #[test]
    fn valid_mailto_addresses() {
        for t in [
            "mailto:a@example.com",
            "mailto:tls-rpt+x@sub.example.co.uk",
            "mailto:a.b@example.com?subject=x",
            "mailto:a%40b@example.com",
            "mailto:a@[192.0.2.1]",
            "MAILTO:A@EXAMPLE.COM",
        ] {
            assert_eq!(mailto(t), None, "{t}");
        }
    }

    #[test]
    fn invalid_mailto_addresses() {
        for (t, range, message) in [
            ("mailto:", 0..7, "`mailto:` URI has no address"),
            (
                "mailto:example.com",
                7..18,
                "address `example.com` has no `@`",
            ),
            (
                "mailto:@example.com",
                7..8,
                "address `@example.com` has an empty local part",
            ),
            ("mailto:a@", 8..9, "address `a@` has no domain"),
            (
                "mailto:a@b@c",
                10..11,
                "address `a@b@c` has more than one `@`",
            ),
            (
                "mailto:a@example.com.",
                20..21,
                "domain `example.com.` ends with `.`",
            ),
            (
                "mailto:a@example..com",
                16..18,
                "domain `example..com` has an empty label (`..`)",
            ),
            (
                "mailto:.a@example.com",
                7..8,
                "local part of `.a@example.com` begins with `.`",
            ),
            (
                "mailto:a(b@example.com",
                8..9,
                "local part of `a(b@example.com` contains `(`",
            ),
            (
                "mailto:a@exa/mple.com",
                12..13,
                "domain `exa/mple.com` contains `/`",
            ),
            (
                "mailto:a@example.com%2Cb@example.com",
                20..23,
                "`mailto:` URI `a@example.com%2Cb@example.com` holds more than one address",
            ),
            (
                "mailto:a@-x.com",
                9..11,
                "domain `-x.com` has a label `-x` that begins or ends with `-`",
            ),
        ] {
            assert_eq!(mailto(t), Some((range, message.to_string())), "{t}");
        }
    }

    #[test]
    fn mailto_reads_past_characters_other_rules_report() {
        // `!10m` is a DMARC size limit, `"` is unencoded, the space is stray whitespace.
        assert_eq!(mailto("mailto:a@example.com!10m"), None);
        assert_eq!(mailto("mailto:a\"b@example.com"), None);
        assert_eq!(mailto("mailto:a b@example.com"), None);
        assert_eq!(mailto("mailto:aé@example.com"), None);
    }

    #[test]
    fn valid_https_uris() {
        for t in [
            "https://r.example.com/v1/tlsrpt",
            "https://r.example.com:8443/x?y=1#f",
            "https://[2001:db8::1]/r",
            "https://[2001:db8::1]:443",
            "HTTPS://R.EXAMPLE.COM",
            "https://user@r.example.com/x",
            "https://r.example.com./x",
            "https://r.example.com:/x",
            "https://r.example.com/a%2Cb",
        ] {
            assert_eq!(https(t), None, "{t}");
        }
    }

    #[test]
    fn invalid_https_uris() {
        for (t, range, message) in [
            (
                "https:r.example.com",
                6..19,
                "`https:` URI has no `//` and host",
            ),
            ("https:", 0..6, "`https:` URI has no `//` and host"),
            ("https:///x", 0..10, "`https:` URI has no host"),
            ("https://:443/x", 8..12, "`https:` URI has no host"),
            ("https://h:44a/", 12..13, "port `44a` is not a number"),
            (
                "https://h:70000/",
                10..15,
                "port `70000` is out of range (0-65535)",
            ),
            (
                "https://[2001:db8::g]/",
                8..21,
                "`[2001:db8::g]` is not a valid IPv6 address",
            ),
            (
                "https://[2001:db8::1/",
                8..20,
                "the IPv6 host has no closing `]`",
            ),
            (
                "https://[::1]x/",
                13..14,
                "unexpected `x` after the IPv6 host",
            ),
            (
                "https://a..b/",
                9..11,
                "host `a..b` has an empty label (`..`)",
            ),
            ("https://a*b/", 9..10, "host `a*b` contains `*`"),
        ] {
            assert_eq!(https(t), Some((range, message.to_string())), "{t}");
        }
    }

    #[test]
    fn unencoded_characters() {
        let t = "https://r.example/a!b\"c%zz%2C{x}";
        let found: Vec<_> = unencoded(t, &(0..t.len() as u32))
            .into_iter()
            .map(|(_, c)| c)
            .collect();
        assert_eq!(found, ['!', '"', '%', '{', '}']);
        assert!(unencoded("mailto:a@example.com!10m", &(0..24)).is_empty());
        let chars = |t: &str| -> Vec<char> {
            unencoded(t, &(0..t.len() as u32))
                .into_iter()
                .map(|(_, c)| c)
                .collect()
        };
        assert!(chars("https://[2001:db8::1]:8443/r#frag").is_empty());
        assert_eq!(chars("https://r.example/[x]#a#b"), ['[', ']', '#']);
        assert_eq!(chars("mailto:a@[192.0.2.1]"), ['[', ']']);
        assert_eq!(chars("mailto:a@example.com?subject=a?b"), ['?']);
        assert!(chars("https://r.example/x?a=b?c").is_empty());
        assert_eq!(
            size_suffix("mailto:a@example.com!10m", &(0..24)),
            Some(20..24)
        );
        assert_eq!(size_suffix("mailto:a@example.com!", &(0..21)), None);
    }

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

    #[test]
    fn destinations_compare_scheme_and_host_without_case() {
        let d = |t: &str| destination(t, &uri(t));
        assert_eq!(
            d("MAILTO:a@Example.COM"),
            d("mailto:a@example.com?subject=x")
        );
        assert_ne!(d("mailto:A@example.com"), d("mailto:a@example.com"));
        assert_eq!(d("https://R.example/X"), d("HTTPS://r.EXAMPLE/X"));
        assert_ne!(d("https://r.example/X"), d("https://r.example/x"));
    }
}
