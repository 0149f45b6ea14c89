//! Writes a zone's TXT records as resources of one type of the reader's table
//! ([`super::providers`]), so every provider the reader knows can be generated for, and a
//! provider added to the table comes with its writer:
//!
//! - the zone: a literal where the table says the zone attribute takes the zone's name;
//!   else a lookup by name through the provider's zone data source, when the reader knows
//!   one (`data "aws_route53_zone"`); else a variable, with the name written in full;
//! - the value in the provider's [`Quoting`]: Route 53 gets 255-octet strings joined by
//!   `\"\"`, Google Cloud DNS zone-file strings in embedded quotes, the others the plain
//!   value (their providers split it);
//! - HCL string escapes for `"`, `\`, `${` and `%{`; attributes aligned as `terraform fmt`
//!   aligns them.

use super::providers::{txt_kinds, Kind, Values, ZONE_DATA};
use super::quoting::Quoting;
use crate::extract::writing::{comments, label, relative, strings, ZoneRecords};

/// The resource types `generate` writes: the first type per provider that can hold TXT.
pub fn writable_types() -> impl Iterator<Item = &'static str> {
    let mut seen: Vec<&str> = Vec::new();
    txt_kinds().filter_map(move |k| {
        let provider = provider_of(k.rtype);
        (!seen.contains(&provider)).then(|| {
            seen.push(provider);
            k.rtype
        })
    })
}

/// A resource type's provider: its first word, as Terraform reads it.
pub fn provider_of(rtype: &str) -> &str {
    rtype.split('_').next().unwrap_or(rtype)
}

/// The zone's records as resources of type `rtype` (one of [`writable_types`]).
pub fn write(rtype: &str, zone: &ZoneRecords) -> String {
    let Some(kind) = txt_kinds().find(|k| k.rtype == rtype) else {
        return String::new();
    };
    let mut out = comments("#", &zone.note);
    let zone_ref = zone_reference(kind, &zone.zone, &mut out);
    for record in &zone.records {
        let name = match zone_ref {
            ZoneRef::Known(_) if kind.fqdn => record.name.clone(),
            ZoneRef::Known(_) => relative(&record.name, &zone.zone),
            ZoneRef::Variable(_) => format!("{}.", record.name),
        };
        // A type with no zone attribute (`infoblox_txt_record`) names the record in full.
        let mut attrs = vec![
            (kind.zone, zone_ref.expression()),
            (kind.name, string(&name)),
        ];
        attrs.retain(|(attr, _)| !attr.is_empty());
        if !kind.type_attr.starts_with('=') {
            attrs.push((kind.type_attr, string("TXT")));
        }
        attrs.push(("ttl", record.ttl.to_string()));
        let value = string(&quoted(kind.quoting, &record.value));
        let block = match kind.values {
            Values::List(attr) => {
                attrs.push((attr, format!("[{value}]")));
                None
            }
            Values::Attr(names) => {
                attrs.push((names[0], value));
                None
            }
            Values::Blocks(block, attr) => {
                Some(format!("  {block} {{\n    {attr} = {value}\n  }}\n"))
            }
            Values::Records { .. } => continue, // not among `txt_kinds()`
        };
        out.push_str(&format!(
            "\nresource \"{rtype}\" \"{}\" {{\n",
            label(&record.name)
        ));
        let width = attrs.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        for (key, value) in attrs {
            out.push_str(&format!("  {key:width$} = {value}\n"));
        }
        out.push_str(&block.unwrap_or_default());
        out.push_str("}\n");
    }
    out
}

/// How the records name their zone.
enum ZoneRef {
    /// An expression whose value the reader knows to be the zone.
    Known(String),
    /// A variable the user sets; the reader does not know the zone from it.
    Variable(String),
}

impl ZoneRef {
    fn expression(&self) -> String {
        match self {
            ZoneRef::Known(e) | ZoneRef::Variable(e) => e.clone(),
        }
    }
}

/// The zone reference for `kind`, writing the data source or variable it needs to `out`.
fn zone_reference(kind: &Kind, zone: &str, out: &mut String) -> ZoneRef {
    if kind.zone_literal_is_name {
        return ZoneRef::Known(string(zone));
    }
    let provider = provider_of(kind.rtype);
    match ZONE_DATA.iter().find(|t| provider_of(t) == provider) {
        Some(data) => {
            let name = label(zone);
            out.push_str(&format!(
                "\ndata \"{data}\" \"{name}\" {{\n  name = {}\n}}\n",
                string(zone)
            ));
            ZoneRef::Known(format!("data.{data}.{name}.id"))
        }
        None => {
            out.push_str(&format!(
                "\nvariable \"{}\" {{\n  type        = string\n  description = {}\n}}\n",
                kind.zone,
                string(&format!("the {} of {zone}", kind.zone))
            ));
            ZoneRef::Variable(format!("var.{}", kind.zone))
        }
    }
}

/// The string a provider wants for `value`.
fn quoted(quoting: Quoting, value: &str) -> String {
    match quoting {
        Quoting::Route53 => strings(value).join("\"\""),
        Quoting::Google | Quoting::Presentation => strings(value)
            .into_iter()
            .map(|s| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")))
            .collect::<Vec<_>>()
            .join(" "),
        Quoting::Plain => value.to_string(),
    }
}

/// An HCL string literal.
fn string(text: &str) -> String {
    let mut out = String::from("\"");
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_templates_and_quotes() {
        assert_eq!(string("a${b}%{c}\"\\"), r#""a$${b}%%{c}\"\\""#);
    }

    #[test]
    fn route53_values_are_split_with_inner_quotes() {
        let long = "x".repeat(300);
        assert_eq!(
            quoted(Quoting::Route53, &long),
            format!("{}\"\"{}", "x".repeat(255), "x".repeat(45))
        );
        assert_eq!(quoted(Quoting::Google, "a \"b"), r#""a \"b""#);
    }

    #[test]
    fn one_type_per_provider() {
        let types: Vec<_> = writable_types().collect();
        assert!(types.contains(&"aws_route53_record"));
        assert!(types.contains(&"cloudflare_record"));
        assert!(!types.contains(&"cloudflare_dns_record"));
        assert!(!types.contains(&"azurerm_dns_cname_record"));
    }
}
