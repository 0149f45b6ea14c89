//! URI structure (RFC 8460 §3 `tlsrpt-uri`: an RFC 3986 `URI`, `mailto` per RFC 6068, with
//! `,` `!` `;` percent-encoded), over ranges of the decoded value: a URI split at its
//! scheme, its raw characters that must be percent-encoded, a DMARC size suffix, its
//! `mailto:` header fields, the host a report goes to, the address a `mailto:` URI sends
//! to, and what makes two URIs the same destination. Host-name grammar is in
//! [`host_name`], unfilled templates in [`placeholder`](mod@placeholder); what is wrong
//! with a `mailto:` or `https:` URI, in the words of the 2xx rules, is theirs
//! (`rules/helpers/uri_problems.rs`).

use std::ops::Range;

use crate::record::{is_foreign, slice};

pub mod host_name;
pub mod placeholder;

pub use placeholder::{deploy_placeholder, deploy_placeholders, placeholder};

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

/// `?hfields` of a `mailto:` URI.
pub fn header_fields(text: &str, uri: &Uri) -> Option<Range<u32>> {
    let body = slice(text, &uri.body);
    let q = body.find('?')?;
    Some(uri.body.start + q as u32..uri.body.end)
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

/// The address a `mailto:` URI sends to, percent-decoded and lowercase (RFC 6068 §2: the
/// `to` before any `?hfields`), for comparing with the address a report was mailed to.
/// `None` for another scheme or a URI without `@`.
pub fn mailto_address(uri: &str) -> Option<String> {
    let parsed = Uri::parse(uri, 0..uri.len() as u32);
    if parsed.scheme_kind(uri)? != Scheme::Mailto {
        return None;
    }
    let body = slice(uri, &parsed.body);
    let to = body.split('?').next().unwrap_or_default();
    let mut bytes = Vec::with_capacity(to.len());
    let raw = to.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        let hex = raw
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(byte) if raw[i] == b'%' => {
                bytes.push(byte);
                i += 3;
            }
            _ => {
                bytes.push(raw[i]);
                i += 1;
            }
        }
    }
    let address = String::from_utf8_lossy(&bytes).to_lowercase();
    address.contains('@').then_some(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(t: &str) -> Uri {
        Uri::parse(t, 0..t.len() as u32)
    }

    #[test]
    fn mailto_addresses_are_decoded_and_lowercase() {
        for (t, want) in [
            ("mailto:TLSRPT@Example.NET", Some("tlsrpt@example.net")),
            (
                "MAILTO:a%2Bb@example.net?subject=x",
                Some("a+b@example.net"),
            ),
            ("mailto:a%zz@example.net", Some("a%zz@example.net")),
            ("mailto:nobody", None),
            ("https://example.net/a@b", None),
            ("tlsrpt@example.net", None),
        ] {
            assert_eq!(mailto_address(t).as_deref(), want, "{t}");
        }
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
