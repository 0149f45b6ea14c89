//! Writes TXT records as master-file lines (RFC 1035 §5.1): an `$ORIGIN` line, then one
//! line per record with the name relative to it, each value as quoted character-strings of
//! at most 255 octets, `"` and `\` escaped, other bytes outside printable ASCII as `\DDD`.

use crate::extract::writing::{comments, relative, strings, ZoneRecords};

pub fn write(zone: &ZoneRecords) -> String {
    let mut out = comments(";", &zone.note);
    out.push_str(&format!("$ORIGIN {}.\n", zone.zone));
    let width = zone
        .records
        .iter()
        .map(|r| relative(&r.name, &zone.zone).len())
        .max()
        .unwrap_or(0);
    for record in &zone.records {
        let name = relative(&record.name, &zone.zone);
        let quoted: Vec<String> = strings(&record.value).into_iter().map(quote).collect();
        out.push_str(&format!(
            "{name:width$} {} IN TXT {}\n",
            record.ttl,
            quoted.join(" ")
        ));
    }
    out
}

/// One character-string, quoted and escaped.
fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for &b in text.as_bytes() {
        match b {
            b'"' | b'\\' => {
                out.push('\\');
                out.push(b as char);
            }
            b' '..=b'~' => out.push(b as char),
            _ => out.push_str(&format!("\\{b:03}")),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_escape_what_the_lexer_would_read_otherwise() {
        assert_eq!(quote(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(quote("é"), r#""\195\169""#);
    }
}
