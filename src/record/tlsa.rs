//! The TLSA record's data (RFC 6698 §2.2) in one comparable form, so a TLSA record read
//! from a zone file and the same record in a received report's `policy-string` (RFC 8460
//! §4.4, which writes it in presentation form) compare equal however each spells it: the
//! usage, selector and matching type as decimal numbers, and the certificate association
//! data as lowercase hex without the spaces a zone file may split it with.

/// `3 1 1 0c72ac70…` for `3 1 1 0C72AC70 …` or `3 1 1 ( 0c72 ac70 )`; `None` when the text is
/// not three numbers of 0 to 255 and hex data.
pub fn normalize(text: &str) -> Option<String> {
    let mut words = text
        .split(|c: char| c.is_ascii_whitespace() || c == '(' || c == ')')
        .filter(|w| !w.is_empty());
    let mut out = String::new();
    for _ in 0..3 {
        let number: u8 = words.next()?.parse().ok()?;
        out.push_str(&number.to_string());
        out.push(' ');
    }
    let start = out.len();
    for word in words {
        if !word.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    (out.len() > start).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn spellings_of_one_record_compare_equal() {
        let one = normalize("3 1 1 0C72AC70");
        assert_eq!(one.as_deref(), Some("3 1 1 0c72ac70"));
        assert_eq!(normalize("03 1 1 ( 0c72\n ac70 )"), one);
        assert_eq!(normalize("3 1 1"), None);
        assert_eq!(normalize("3 1 256 ab"), None);
        assert_eq!(normalize("3 1 1 xyz"), None);
        assert_eq!(normalize(""), None);
    }
}
