//! The readers' inverses: one writer per source format, beside its reader, for
//! `tlsrpt-lint generate`. Each writes TXT records the way its format and provider want
//! them (zone-file quoting and 255-octet strings, OctoDNS `\;`, Route 53's inner quotes), so
//! that its reader gives back the same values with no finding (the round trip in
//! `tests/generate.rs`).
//!
//! This module holds what the writers share: the records to write and the helpers for
//! names, 255-octet strings and comments. A writer writes one zone's records as one file;
//! what the records are, and which writer runs, is decided by `crate::generate`.

/// A TXT record to write: its absolute name (no trailing dot) and the value, unsplit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxtRecord {
    pub name: String,
    pub value: String,
    pub ttl: u32,
}

/// The records of one zone (its name without a trailing dot), with a note that the file
/// starts with as comments.
#[derive(Clone, Debug)]
pub struct ZoneRecords {
    pub zone: String,
    pub note: Vec<String>,
    pub records: Vec<TxtRecord>,
}

/// `name` relative to `zone` (`@` for the apex); both absolute without trailing dots.
pub fn relative(name: &str, zone: &str) -> String {
    match name.strip_suffix(zone) {
        Some("") => "@".to_string(),
        Some(rest) if rest.ends_with('.') => rest[..rest.len() - 1].to_string(),
        _ => name.to_string(),
    }
}

/// `value` cut into character-strings of at most 255 octets (RFC 1035 §3.3), never inside
/// a character.
pub fn strings(value: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = value;
    while rest.len() > 255 {
        let mut cut = 255;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    out.push(rest);
    out
}

/// An identifier made of a name: letters, digits and `_`, starting with a letter.
pub fn label(name: &str) -> String {
    let words: Vec<&str> = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let joined = words.join("_").to_ascii_lowercase();
    match joined.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => joined,
        _ => format!("r_{joined}"),
    }
}

/// `note` as comment lines starting with `mark`.
pub fn comments(mark: &str, note: &[String]) -> String {
    note.iter().map(|line| format!("{mark} {line}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_relative_to_their_zone() {
        assert_eq!(
            relative("_smtp._tls.example.com", "example.com"),
            "_smtp._tls"
        );
        assert_eq!(relative("example.com", "example.com"), "@");
        assert_eq!(
            relative("_smtp._tls.xexample.com", "example.com"),
            "_smtp._tls.xexample.com"
        );
    }

    #[test]
    fn strings_are_cut_at_255_octets_and_character_boundaries() {
        let long = "a".repeat(254) + "é" + "b";
        let cut = strings(&long);
        assert_eq!(cut.len(), 2);
        assert_eq!(cut[0].len(), 254);
        assert_eq!(cut.concat(), long);
        assert_eq!(strings("short"), ["short"]);
    }

    #[test]
    fn labels_are_identifiers() {
        assert_eq!(label("_smtp._tls.example.com"), "smtp_tls_example_com");
        assert_eq!(label("1.example"), "r_1_example");
    }
}
