//! Zone-file dialects: the server a master file is written for decides what the file may
//! hold. PowerDNS adds record types (`LUA`, `ALIAS`) that BIND does not know, and PowerDNS
//! and Knot DNS split a character-string over 255 octets themselves where BIND and NSD
//! refuse the whole zone. A file is read in the dialect the configuration names for it
//! (`dialect`, `[dialects]`), else in the one its records reveal (a `LUA` or `ALIAS` record
//! is PowerDNS), else as BIND.

use crate::model::{Txt, TxtString};

/// The server a zone file is written for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dialect {
    #[default]
    Bind,
    PowerDns,
    Knot,
    Nsd,
}

impl Dialect {
    /// Every dialect, in the order the documentation lists them.
    pub const ALL: [Dialect; 4] = [
        Dialect::Bind,
        Dialect::PowerDns,
        Dialect::Knot,
        Dialect::Nsd,
    ];

    /// The name the configuration uses.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Bind => "bind",
            Dialect::PowerDns => "powerdns",
            Dialect::Knot => "knot",
            Dialect::Nsd => "nsd",
        }
    }

    /// The dialect a configuration name means.
    pub fn from_name(name: &str) -> Option<Dialect> {
        Dialect::ALL.into_iter().find(|d| d.name() == name)
    }

    /// The server, as messages name it.
    pub fn server(self) -> &'static str {
        match self {
            Dialect::Bind => "BIND",
            Dialect::PowerDns => "PowerDNS",
            Dialect::Knot => "Knot DNS",
            Dialect::Nsd => "NSD",
        }
    }

    /// The server publishes a character-string over 255 octets as several strings of at
    /// most 255 (PowerDNS since 4.0, Knot DNS's zone parser), rather than refusing the zone
    /// (BIND's `named-checkzone`, NSD's `nsd-checkzone`).
    pub fn splits_long_strings(self) -> bool {
        matches!(self, Dialect::PowerDns | Dialect::Knot)
    }

    /// The dialect a record type of its own reveals: `LUA` and `ALIAS` are PowerDNS's.
    pub fn revealed_by(rtype: &str) -> Option<Dialect> {
        ["LUA", "ALIAS"]
            .iter()
            .any(|t| rtype.eq_ignore_ascii_case(t))
            .then_some(Dialect::PowerDns)
    }
}

/// The most octets in one character-string (RFC 1035 §3.3).
const MAX_OCTETS: u32 = 255;

/// Splits every string of `txt` over 255 octets into the strings a splitting server
/// publishes: 255 octets each, the last one shorter. A cut never falls inside a character
/// of the decoded text (an invalid octet decodes to U+FFFD), so a piece may be shorter.
pub fn split_long_strings(txt: &mut Txt) {
    if txt
        .strings
        .iter()
        .all(|s| s.range.len() <= MAX_OCTETS as usize)
    {
        return;
    }
    let text = txt.value.text();
    let mut split = Vec::with_capacity(txt.strings.len() + 1);
    for string in &txt.strings {
        let mut start = string.range.start;
        while string.range.end - start > MAX_OCTETS {
            let mut cut = start + MAX_OCTETS;
            while !text.is_char_boundary(cut as usize) {
                cut -= 1;
            }
            split.push(TxtString {
                range: start..cut,
                quoted: string.quoted,
            });
            start = cut;
        }
        split.push(TxtString {
            range: start..string.range.end,
            quoted: string.quoted,
        });
    }
    txt.strings = split;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Writing;
    use crate::text::Decoded;

    #[test]
    fn names_round_trip() {
        for dialect in Dialect::ALL {
            assert_eq!(Dialect::from_name(dialect.name()), Some(dialect));
        }
        assert_eq!(Dialect::from_name("PowerDNS"), None);
        assert_eq!(Dialect::revealed_by("lua"), Some(Dialect::PowerDns));
        assert_eq!(Dialect::revealed_by("TXT"), None);
    }

    #[test]
    fn long_strings_are_cut_at_255_octets_and_character_boundaries() {
        let text = format!("{}{}", "a".repeat(301), "é".repeat(200));
        let mut txt = Txt {
            value: Decoded::verbatim(&text, 0),
            strings: vec![TxtString {
                range: 0..text.len() as u32,
                quoted: true,
            }],
            cut_by_comment: None,
            writing: Writing::Format,
        };
        split_long_strings(&mut txt);
        let lengths: Vec<u32> = txt.strings.iter().map(|s| s.range.len() as u32).collect();
        // 301 + 400 octets: 255 `a`, then 46 `a` and 104 `é` (two octets each), not half
        // of the 105th, then the rest.
        assert_eq!(lengths, [255, 254, 192]);
        assert!(txt
            .strings
            .windows(2)
            .all(|w| w[0].range.end == w[1].range.start));
    }
}
