//! URI problems the 2xx rules share: the first reason a `mailto:` URI is not one valid
//! address ([`mailto_problem`]) or an `https:` URI has no valid host ([`https_problem`]), a
//! scheme's check run over every URI of a value, and a scheme name that lost its `:`
//! (`invalid-mailto`, `invalid-https-uri`). The URI's structure is `crate::uri`'s.
//!
//! Each check answers one question for one rule, so every problem is reported once:
//! characters that `non-ascii`, `control-character` or `stray-whitespace` report, and the
//! raw characters `uri::unencoded` reports, are read past (a URI with a raw `!` is one
//! finding, not two).

use std::ops::Range;

use super::Finding;
use crate::diagnostic::Applicability;
use crate::record::dialect::ParsedValue;
use crate::record::{is_foreign, slice};
use crate::uri::host_name::{cover, dots_problem, host_problem, position, string};
use crate::uri::{header_fields, size_suffix, unencoded, Scheme, Uri};

/// A scheme's URI check: the first problem of a URI, with its range and message.
pub type UriCheck = fn(&str, &Uri) -> Option<(Range<u32>, String)>;

/// What `problem` finds in each URI of `scheme`, with `help`, and the scheme's name where it
/// lost its `:`. Used by
/// `invalid-mailto` and `invalid-https-uri`.
pub fn scheme_findings(
    v: &ParsedValue<'_>,
    scheme: Scheme,
    problem: UriCheck,
    help: &str,
) -> Vec<Finding> {
    let mut out: Vec<Finding> = v
        .checked_uris()
        .filter(|u| u.scheme_kind(v.text) == Some(scheme))
        .filter_map(|u| problem(v.text, &u))
        .map(|(range, message)| Finding::new(range, message).help(help))
        .collect();
    let name = match scheme {
        Scheme::Mailto => "mailto",
        Scheme::Https => "https",
        Scheme::Other => return out,
    };
    out.extend(bare_scheme_findings(v, name));
    out
}

/// `rua=mailto;a@example.com` and `rua=mailto`: a scheme name that lost its `:`.
fn bare_scheme_findings(v: &ParsedValue<'_>, scheme: &str) -> Vec<Finding> {
    let s = v.syntax;
    let mut out = Vec::new();
    for (i, f) in s.fields.iter().enumerate() {
        let Some(last) = f.uris.as_ref().and_then(|l| l.uris.last()) else {
            continue;
        };
        if !v.str(last).eq_ignore_ascii_case(scheme) {
            continue;
        }
        out.push(match v.scheme_then_semicolon(i) {
            Some((written, semicolon)) => Finding::new(
                semicolon.clone(),
                format!("`{written}` is followed by `;` instead of `:`"),
            )
            .label("this ends the field")
            .help(format!("write `{written}:`"))
            .fix_one("write `:`", Applicability::Safe, semicolon, ":"),
            None => Finding::new(
                last.clone(),
                format!("`{}` has no `:` and nothing after it", v.str(last)),
            )
            .help("give a full URI, like `mailto:tlsrpt@example.com`"),
        });
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(t: &str) -> Uri {
        Uri::parse(t, 0..t.len() as u32)
    }

    fn mailto(t: &str) -> Option<(Range<u32>, String)> {
        mailto_problem(t, &uri(t))
    }

    fn https(t: &str) -> Option<(Range<u32>, String)> {
        https_problem(t, &uri(t))
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
}
