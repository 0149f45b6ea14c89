//! TLSRPT308 `txt-string-too-long`: a TXT character-string over 255 octets.

use crate::diagnostic::Diagnostic;
use crate::model::Format;
use crate::rules::context::RecordCtx;

declare_rule! {
    /// ## What it does
    /// Flags a TXT character-string longer than 255 octets (counted after escapes are
    /// decoded: `\059` is one octet) where the server or provider does not split it:
    ///
    /// - zone files in the `bind` (default) and `nsd` dialects: BIND's `named-checkzone`
    ///   and NSD's `nsd-checkzone` refuse the whole zone. Not in the `powerdns` and `knot`
    ///   dialects: PowerDNS and Knot DNS publish a long string as strings of 255 octets. A
    ///   zone with a `LUA` or `ALIAS` record is read as PowerDNS; `dialect` and
    ///   `[dialects]` in the configuration name the server otherwise.
    /// - Terraform `aws_route53_record` values with no `\"\"` to split them: Route 53
    ///   refuses them at apply time. Google Cloud DNS takes `rrdatas` as zone-file strings
    ///   and is checked the same way. The other providers (Cloudflare, Azure DNS, DNSimple,
    ///   Gandi, DigitalOcean, and any provider whose quoting is not known) are sent a plain
    ///   value and split it themselves, so they are not flagged. Pulumi YAML programs'
    ///   `aws:route53:Record` and `gcp:dns:RecordSet` are the same providers, checked the
    ///   same way. ARM templates send each item of a `TXTRecords[].value` array to the
    ///   Azure DNS API as one character-string, unsplit (Azure's own PowerShell cmdlets cut
    ///   a value into 255-character items before they call that API): an item over 255
    ///   octets is flagged at the item. `azure-native` record sets in Pulumi are not flagged.
    ///
    /// A string over 255 octets in a reporting record is a finding at each such string. In
    /// a record that is not about TLS reporting (a DKIM key), it is one finding for the
    /// whole zone file, at the first such string, because the server then refuses the zone,
    /// policy included; other problems of unrelated records are not this linter's.
    ///
    /// ## Why is this bad?
    /// A DNS character-string is a length octet followed by at most 255 octets. A longer
    /// value must be written as several strings, which senders join without spaces (RFC 8460
    /// §3). Servers disagree on what to do with a longer string: BIND and NSD refuse the
    /// whole zone with a syntax error, while PowerDNS and Knot split the string at 255
    /// octets. The same file then loads on one server and not on another.
    ///
    /// ## Example
    /// ```text
    /// _smtp._tls TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com,https://reports.example.com/a-very-long-path-...(300 octets in all)"
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// _smtp._tls TXT ( "v=TLSRPTv1; rua=mailto:tlsrpt@example.com,"
    ///                  "https://reports.example.com/a-very-long-path-..." )
    /// ```
    ///
    /// ## References
    /// - RFC 1035 §3.3 (`<character-string>`: up to 256 octets with its length octet) and
    ///   §3.3.14 (TXT RDATA is one or more character-strings)
    /// - RFC 8460 §3 (several strings are concatenated without spaces)
    pub static TXT_STRING_TOO_LONG = {
        code: "TLSRPT308",
        name: "txt-string-too-long",
        severity: Error,
        summary: "a TXT character-string over 255 octets",
        security_severity: "5.0",
        check: Some(super::context::Check::Record(check)),
    }
}

/// The most octets one character-string holds.
const MAX_OCTETS: u32 = 255;

fn check(ctx: &RecordCtx<'_>, out: &mut Vec<Diagnostic>) {
    // Terraform (and Pulumi) records carry the strings their provider publishes: split at `\"\"` for
    // Route 53, already cut to 255 octets by the providers that split long values. ARM
    // records carry one string per `value` item, as the template sends them.
    if !matches!(
        ctx.record.format,
        Format::Zone | Format::Terraform | Format::Pulumi | Format::Arm
    ) {
        return;
    }
    let Some(txt) = ctx.record.txt() else {
        return;
    };
    for string in &txt.strings {
        // Decoded text bytes: the octets, unless an escape made invalid UTF-8 (U+FFFD).
        let octets = string.range.end - string.range.start;
        if octets > MAX_OCTETS {
            let message = format!(
                "character-string is {octets} octets long, over the {MAX_OCTETS}-octet limit"
            );
            let label = if ctx.record.format == Format::Zone {
                "BIND refuses the zone, Knot splits this string"
            } else {
                "the provider refuses this string"
            };
            out.push(
                ctx.diagnostic(&TXT_STRING_TOO_LONG, string.range.clone(), message)
                    .with_primary_label(label)
                    .with_help(format!(
                        "split it into strings of at most {MAX_OCTETS} octets: `\"first part\" \"second part\"`"
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::zone::read_str;
    use crate::rules::run::{check_record, Checks};

    #[test]
    fn flags_each_string_over_255_octets() {
        let long = "\\065".repeat(256);
        let text = format!(
            "_smtp._tls.example. TXT \"{}\" \"{long}\" \"{}\"\n",
            "a".repeat(255),
            "b".repeat(300)
        );
        let extracted = read_str("t.zone", &text);
        let mut out = Vec::new();
        check_record(
            &extracted.records[0],
            extracted.records[0].kind(),
            &Checks::of(&[&super::TXT_STRING_TOO_LONG]),
            &mut out,
        );
        let found: Vec<_> = out
            .iter()
            .map(|d| (d.message.as_str(), d.location.span))
            .collect();
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].0,
            "character-string is 256 octets long, over the 255-octet limit"
        );
        assert_eq!(&text[found[0].1.range()], long);
        assert!(found[1].0.contains("300 octets"));
    }
}
