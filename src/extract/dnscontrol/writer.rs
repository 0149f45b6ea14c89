//! Writes a zone's TXT records as a dnscontrol `D()` block: `TXT(name, value, TTL(n))` with
//! the name relative to the domain and the value as a JavaScript string (dnscontrol splits
//! values over 255 octets itself). The registrar and provider variables are the usual
//! `NewRegistrar("none")` / `NewDnsProvider(...)` pair; a repository's own replace them.

use crate::extract::writing::{comments, relative, ZoneRecords};

pub fn write(zone: &ZoneRecords) -> String {
    let mut out = comments("//", &zone.note);
    out.push_str("var REG_NONE = NewRegistrar(\"none\");\n");
    out.push_str("var DSP = DnsProvider(NewDnsProvider(\"bind\"));\n\n");
    out.push_str(&format!("D({}, REG_NONE, DSP", string(&zone.zone)));
    for record in &zone.records {
        out.push_str(&format!(
            ",\n    TXT({}, {}, TTL({}))",
            string(&relative(&record.name, &zone.zone)),
            string(&record.value),
            record.ttl
        ));
    }
    out.push_str("\n);\n");
    out
}

/// A double-quoted JavaScript string.
fn string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
