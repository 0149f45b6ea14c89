//! The small fields of a master-file entry: names, TTLs, classes, types, and the strings of
//! generic TXT RDATA. Pure functions over text, so the reader stays about entries.

use std::ops::Range;

use super::decode::{decode, Bad};
pub use crate::names::contains_ignore_case;
use crate::text::Span;

/// The largest TTL (RFC 2181 §8); BIND reads larger values as 0.
const MAX_TTL: u32 = 0x7FFF_FFFF;

/// The record types the reader tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Txt,
    Cname,
    /// Kept at every name: the mail hosts whose DANE TLSA records stand in for MTA-STS.
    Mx,
    /// Kept at `_25._tcp` names: DANE for SMTP (RFC 7672).
    Tlsa,
    /// Kept, data unread: it tells the model that the repository defines the zone.
    Soa,
    Other,
}

/// Writes the name at `span` into `out`: escapes decoded, `@` the origin, and a relative name
/// completed with the origin (left relative when there is none).
pub fn resolve_name(
    text: &str,
    span: Span,
    origin: Option<&str>,
    out: &mut String,
) -> Result<(), Bad> {
    out.clear();
    let raw = &text[span.range()];
    if raw == "@" {
        out.push_str(origin.unwrap_or("@"));
        return Ok(());
    }
    // Most names have no escapes: copied as they are, without the decoder.
    let plain = !raw.as_bytes().contains(&b'\\');
    if plain {
        out.push_str(raw);
    } else {
        decode(text, span, out)?;
    }
    let escapes_before_dot = raw.as_bytes()[..raw.len().saturating_sub(1)]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    let absolute = raw.ends_with('.') && escapes_before_dot % 2 == 0;
    if let (false, Some(origin)) = (absolute, origin) {
        if origin != "." {
            out.push('.');
        }
        out.push_str(origin);
    }
    check_lengths(text, span, plain, out)
}

/// The most octets in a label and in a name, as RFC 1035 §2.3.4 sets them and BIND enforces.
const MAX_LABEL: usize = 63;
const MAX_NAME: usize = 255;

/// Fails a name whose written labels (at `span`) or whose resolved wire form is too long.
/// `plain`: the name has no escapes, so each label is the bytes between two dots.
fn check_lengths(text: &str, span: Span, plain: bool, resolved: &str) -> Result<(), Bad> {
    let raw = &text.as_bytes()[span.range()];
    let too_long = |start: usize, end: usize, octets: usize| Bad {
        span: Span::new(span.start + start as u32, span.start + end as u32),
        message: format!("expected a label of at most `{MAX_LABEL}` octets, found `{octets}`"),
    };
    if plain {
        let mut start = 0;
        let dots = (0..raw.len()).filter(|&i| raw[i] == b'.');
        for end in dots.chain([raw.len()]) {
            if end - start > MAX_LABEL {
                return Err(too_long(start, end, end - start));
            }
            start = end + 1;
        }
    } else {
        let (mut start, mut octets, mut i) = (0, 0, 0);
        while i < raw.len() {
            match raw[i] {
                b'.' => {
                    if octets > MAX_LABEL {
                        return Err(too_long(start, i, octets));
                    }
                    (start, octets) = (i + 1, 0);
                    i += 1;
                    continue;
                }
                // `\DDD` is one octet, as is `\` and the byte after it.
                b'\\' if raw.get(i + 1).is_some_and(u8::is_ascii_digit) => i += 4,
                b'\\' => i += 2,
                _ => i += 1,
            }
            octets += 1;
        }
        if octets > MAX_LABEL {
            return Err(too_long(start, raw.len(), octets));
        }
    }
    // Each label's text plus its dot is its length octet plus its octets; the root adds one
    // (a relative name has at least the root to come).
    let wire = match resolved {
        "." => 1,
        _ => resolved.len() + 1 + usize::from(!resolved.ends_with('.')),
    };
    if wire > MAX_NAME {
        return Err(Bad {
            span,
            message: format!(
                "expected a domain name of at most `{MAX_NAME}` octets, found `{wire}`"
            ),
        });
    }
    Ok(())
}

/// Splits generic TXT RDATA into its character-strings (the ranges of their contents).
pub fn split_strings(
    octets: &[(u8, Span)],
    length: usize,
    length_span: Span,
    strings: &mut Vec<Range<usize>>,
) -> Result<(), Bad> {
    let message = if octets.is_empty() {
        "expected TXT data after the `\\#` length, found none".to_string()
    } else {
        format!(
            "expected the `\\#` length to be `{}`, the octets given, found `{length}`",
            octets.len()
        )
    };
    if octets.len() != length || length == 0 {
        return Err(Bad {
            span: length_span,
            message,
        });
    }
    let mut at = 0;
    while at < octets.len() {
        let (len, span) = octets[at];
        let end = at + 1 + len as usize;
        if end > octets.len() {
            return Err(Bad {
                span,
                message: format!(
                    "expected a character-string length of at most `{}`, found `{len}`",
                    octets.len() - at - 1
                ),
            });
        }
        strings.push(at + 1..end);
        at = end;
    }
    Ok(())
}

/// A TTL in seconds, or with BIND's units (`1h30m`, `2W`): every number then needs a unit.
pub fn parse_ttl(word: &str) -> Option<u32> {
    let mut total: u64 = 0;
    let mut number: Option<u64> = None;
    let mut units = false;
    for byte in word.bytes() {
        if byte.is_ascii_digit() {
            let n = number
                .unwrap_or(0)
                .checked_mul(10)?
                .checked_add(u64::from(byte - b'0'))?;
            number = Some(n);
            continue;
        }
        let unit = match byte.to_ascii_lowercase() {
            b's' => 1,
            b'm' => 60,
            b'h' => 3600,
            b'd' => 86400,
            b'w' => 604_800,
            _ => return None,
        };
        total = total.checked_add(number.take()?.checked_mul(unit)?)?;
        units = true;
    }
    let ttl = match (number, units) {
        (Some(n), false) => n,
        (None, true) => total,
        _ => return None,
    };
    let ttl = u32::try_from(ttl).ok()?;
    Some(if ttl > MAX_TTL { 0 } else { ttl })
}

pub fn is_class(word: &str) -> bool {
    ["IN", "CH", "CS", "HS"]
        .iter()
        .any(|c| word.eq_ignore_ascii_case(c))
        || numbered(word, "CLASS").is_some()
}

/// `TYPE16` → 16: the RFC 3597 numbered form of a type or class.
pub fn numbered(word: &str, prefix: &str) -> Option<u16> {
    let head = word.get(..prefix.len())?;
    let digits = &word[prefix.len()..];
    if !head.eq_ignore_ascii_case(prefix)
        || digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    digits.parse().ok()
}

/// The type a mnemonic names, or `None` for a word BIND does not know as a type.
pub fn record_type(word: &str) -> Option<Type> {
    if let Some(number) = numbered(word, "TYPE") {
        return Some(match number {
            16 => Type::Txt,
            5 => Type::Cname,
            15 => Type::Mx,
            52 => Type::Tlsa,
            6 => Type::Soa,
            _ => Type::Other,
        });
    }
    let mut upper = [0u8; 12];
    let bytes = word.as_bytes();
    if bytes.len() > upper.len() {
        return None;
    }
    upper[..bytes.len()].copy_from_slice(bytes);
    upper.make_ascii_uppercase();
    match &upper[..bytes.len()] {
        b"TXT" => Some(Type::Txt),
        b"CNAME" => Some(Type::Cname),
        b"MX" => Some(Type::Mx),
        b"TLSA" => Some(Type::Tlsa),
        b"SOA" => Some(Type::Soa),
        b"A" | b"AAAA" | b"NS" | b"PTR" | b"SRV" | b"CAA" | b"DS" | b"DNSKEY" | b"RRSIG"
        | b"NSEC" | b"NSEC3" | b"NSEC3PARAM" | b"SSHFP" | b"HTTPS" | b"SVCB" | b"SPF"
        | b"NAPTR" | b"DNAME" | b"HINFO" | b"LOC" | b"RP" | b"AFSDB" | b"CERT" | b"CDS"
        | b"CDNSKEY" | b"OPENPGPKEY" | b"SMIMEA" | b"URI" | b"ZONEMD" | b"CSYNC" | b"DHCID"
        | b"IPSECKEY" | b"KEY" | b"SIG" | b"NXT" | b"APL" | b"MINFO" | b"MB" | b"MD" | b"MF"
        | b"MG" | b"MR" | b"NULL" | b"WKS" | b"X25" | b"ISDN" | b"RT" | b"NSAP" | b"NSAP-PTR"
        | b"PX" | b"GPOS" | b"A6" | b"EID" | b"NIMLOC" | b"ATMA" | b"KX" | b"SINK" | b"HIP"
        | b"NINFO" | b"RKEY" | b"TALINK" | b"NID" | b"L32" | b"L64" | b"LP" | b"EUI48"
        | b"EUI64" | b"RESINFO" | b"WALLET" | b"AMTRELAY" | b"AVC" | b"DOA" | b"TA" | b"DLV"
        | b"KEYDATA" | b"UINFO" | b"UID" | b"GID" | b"UNSPEC" | b"DSYNC" => Some(Type::Other),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_within_rfc_1035_limits() {
        let resolve = |name: &str, origin| {
            let mut out = String::new();
            let span = Span::new(0, name.len() as u32);
            resolve_name(name, span, origin, &mut out).map_err(|bad| (bad.span, bad.message))
        };
        let label = "a".repeat(63);
        assert!(resolve(&label, Some("example.com.")).is_ok());
        // An escape is one octet, `\.` included.
        assert!(resolve(&format!("{label}.b\\.c\\099"), None).is_ok());
        let (span, message) = resolve(&format!("x.{label}\\065.y"), None).unwrap_err();
        assert_eq!(
            (span.range(), message.as_str()),
            (2..69, "expected a label of at most `63` octets, found `64`")
        );
        // 255 octets in all is the most: 4 length octets, 250 octets of labels, the root.
        let name = format!("{label}.{label}.{label}.{}.", "d".repeat(61));
        assert!(resolve(&name, None).is_ok());
        let (_, message) = resolve(&name.replace(".d", ".dd"), None).unwrap_err();
        assert_eq!(
            message,
            "expected a domain name of at most `255` octets, found `256`"
        );
    }

    #[test]
    fn ttls_with_units() {
        assert_eq!(parse_ttl("3600"), Some(3600));
        assert_eq!(parse_ttl("1h2m"), Some(3720));
        assert_eq!(parse_ttl("1W"), Some(604_800));
        assert_eq!(parse_ttl("1h30"), None);
        assert_eq!(parse_ttl("1x"), None);
        assert_eq!(parse_ttl("2147483648"), Some(0));
        assert_eq!(parse_ttl("99999999999999999999"), None);
    }

    #[test]
    fn types_and_classes() {
        assert!(record_type("txt") == Some(Type::Txt));
        assert!(record_type("TYPE16") == Some(Type::Txt));
        assert!(record_type("type5") == Some(Type::Cname));
        assert!(record_type("TYPE65534") == Some(Type::Other));
        assert!(record_type("TXTT").is_none());
        assert!(is_class("in") && is_class("CLASS1") && !is_class("CLASS"));
    }
}
