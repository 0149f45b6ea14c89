//! What the readers of DNS-as-code formats share about the MTA-STS companions' records: MX
//! records name the mail hosts, and TLSA records at `_25._tcp.<host>` give them DANE
//! (RFC 7672 §2.2), which `tlsrpt-without-mta-sts` accepts instead of MTA-STS. The formats
//! write an MX's data as one string (`10 mx.example.com.`), or the exchange alone with the
//! preference in a field of its own; these helpers read both the same way everywhere.
//!
//! The zone reader keeps an MX record only where its zone has a policy for the owner (a
//! zone file may hold a million records). The readers of the other formats keep every MX:
//! they split one zone over files (an OctoDNS split zone, a Terraform module's `.tf` files,
//! `require`d dnscontrol files), so the policy is often in another file than the MX, and
//! their files hold far fewer records; records of no reporting kind leave the output unless
//! a finding is about them.

use std::ops::Range;

/// The byte range of the exchange in an MX's data: `<preference> <exchange>` with a numeric
/// preference, or a lone exchange (its preference written elsewhere). `None` for anything
/// else (empty, three words, a preference that is not a number).
pub fn mx_exchange(data: &str) -> Option<Range<usize>> {
    let words: Vec<(usize, &str)> = data
        .split_ascii_whitespace()
        .map(|w| (w.as_ptr() as usize - data.as_ptr() as usize, w))
        .collect();
    let (start, word) = match words[..] {
        [(start, word)] => (start, word),
        [(_, preference), (start, word)] if preference.bytes().all(|b| b.is_ascii_digit()) => {
            (start, word)
        }
        _ => return None,
    };
    Some(start..start + word.len())
}

/// A name written as fully qualified, with its final dot (providers that take only full
/// names accept it without one).
pub fn fqdn(name: &str) -> String {
    format!("{}.", name.trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mx_data() {
        let exchange = |d: &'static str| mx_exchange(d).map(|r| &d[r]);
        assert_eq!(exchange("10 mx.example.com."), Some("mx.example.com."));
        assert_eq!(exchange("  0\tmx "), Some("mx"));
        assert_eq!(exchange("mx.example.com"), Some("mx.example.com"));
        assert_eq!(exchange("ten mx.example.com"), None);
        assert_eq!(exchange("10 a b"), None);
        assert_eq!(exchange(""), None);
    }

    #[test]
    fn fqdns() {
        assert_eq!(fqdn("mx.example.com"), "mx.example.com.");
        assert_eq!(fqdn("mx.example.com."), "mx.example.com.");
    }
}
