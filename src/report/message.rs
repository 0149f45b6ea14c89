//! A mail message → the TLS reports attached to it (RFC 8460 §5.3), parsed by mail-parser.
//!
//! A report message is `multipart/report; report-type=tlsrpt` with an
//! `application/tlsrpt+gzip` (or `+json`) part, base64 or quoted-printable; mail-parser
//! undoes the MIME and the transfer encodings. Reporters that send
//! `application/gzip` or `application/octet-stream` attachments named `*.json.gz` are read
//! too. A message that announces a TLS report (`report-type=tlsrpt`, a `TLS-Report-Domain`
//! header) without one is `missing-report-part`; any other message (a DMARC report, a
//! bounce) is noted as `not-a-tlsrpt-report`. Findings about the message itself point at
//! its `Content-Type` header in a source made of the message's header block. Each report
//! is decoded with the addresses its message was sent to (`To:`), which `--repo` compares
//! with the policy's `rua`.

use std::sync::Arc;

use mail_parser::{HeaderName, Message, MessageParser, MimeHeaders};

use super::model::Report;
use super::{payload, Options};
use crate::diagnostic::{Diagnostic, Location};
use crate::rule::Rule;
use crate::rules;
use crate::text::{Source, Span};

/// The most MIME parts a message may have: a report message has two or three.
pub const MAX_PARTS: usize = 1000;

/// The most bytes of a header block kept to show findings in.
const MAX_HEADER_TEXT: usize = 64 * 1024;

/// Reads the reports attached to the message in `raw`, shown as `display`.
pub fn read(
    display: &str,
    raw: &[u8],
    options: &Options,
    reports: &mut Vec<Report>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(message) = MessageParser::default().parse(raw) else {
        out.push(payload::at_start(
            display,
            &rules::unreadable_report::UNREADABLE_REPORT,
            "not a mail message (no header fields)".into(),
        ));
        return;
    };
    if message.parts.len() > MAX_PARTS {
        let message_text = format!(
            "a message with {} MIME parts (more than {MAX_PARTS}); not read",
            message.parts.len()
        );
        out.push(header_diagnostic(
            display,
            raw,
            &message,
            &rules::unreadable_report::UNREADABLE_REPORT,
            message_text,
        ));
        return;
    }
    let mut found = 0;
    let to = recipients(&message, &[]);
    collect(display, &message, options, &to, reports, out, &mut found);
    if found > 0 {
        return;
    }
    let announced = message
        .content_type()
        .and_then(|ct| ct.attribute("report-type"))
        .is_some_and(|t| t.eq_ignore_ascii_case("tlsrpt"))
        || message.header_raw("TLS-Report-Domain").is_some();
    let (rule, text): (&'static Rule, String) = if announced {
        (
            &rules::missing_report_part::MISSING_REPORT_PART,
            "a TLS report message without an `application/tlsrpt+gzip` or `+json` part".into(),
        )
    } else {
        let subject = message.subject().unwrap_or_default();
        (
            &rules::not_a_tlsrpt_report::NOT_A_TLSRPT_REPORT,
            format!("a message with no TLS report (subject `{subject}`); skipped"),
        )
    };
    out.push(header_diagnostic(display, raw, &message, rule, text));
}

/// Reads every report part of `message` (sent `to` these addresses) and of the messages
/// nested in it.
fn collect(
    display: &str,
    message: &Message<'_>,
    options: &Options,
    to: &[String],
    reports: &mut Vec<Report>,
    out: &mut Vec<Diagnostic>,
    found: &mut usize,
) {
    for part in &message.parts {
        if let Some(nested) = part.message() {
            let nested_to = recipients(nested, to);
            collect(display, nested, options, &nested_to, reports, out, found);
            continue;
        }
        if !is_report_part(part) {
            continue;
        }
        *found += 1;
        if let Some(report) = payload::read(display, part.contents(), options, to, out) {
            reports.push(report);
        }
    }
}

/// The addresses of `message`'s `To:` header, lowercase; `outer`'s for a nested message
/// without one (a report forwarded inside another message keeps the address it was first
/// sent to, which is what the policy's `rua` names).
fn recipients(message: &Message<'_>, outer: &[String]) -> Vec<String> {
    let to: Vec<String> = message
        .to()
        .into_iter()
        .flat_map(|list| list.iter())
        .filter_map(|addr| addr.address())
        .map(str::to_lowercase)
        .collect();
    if to.is_empty() {
        outer.to_vec()
    } else {
        to
    }
}

/// `application/tlsrpt+gzip`, `application/tlsrpt+json`, or an attachment named like a
/// report file.
fn is_report_part(part: &mail_parser::MessagePart<'_>) -> bool {
    let typed = part.content_type().is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("application")
            && ct.subtype().is_some_and(|s| {
                s.eq_ignore_ascii_case("tlsrpt+gzip") || s.eq_ignore_ascii_case("tlsrpt+json")
            })
    });
    let named = part.attachment_name().is_some_and(|name| {
        let name = name.to_ascii_lowercase();
        name.ends_with(".json") || name.ends_with(".json.gz")
    });
    typed || named
}

/// A finding at the message's `Content-Type` header (at its start without one), in a
/// source holding the message's header block.
fn header_diagnostic(
    display: &str,
    raw: &[u8],
    message: &Message<'_>,
    rule: &'static Rule,
    text: String,
) -> Diagnostic {
    let root = message.root_part();
    let end = (root.raw_body_offset() as usize)
        .min(raw.len())
        .min(MAX_HEADER_TEXT);
    // Offsets count raw bytes: they hold in the text only when no byte was replaced.
    let exact = std::str::from_utf8(&raw[..end]).is_ok();
    let headers = String::from_utf8_lossy(&raw[..end]).into_owned();
    let span = root
        .headers
        .iter()
        .find(|h| h.name == HeaderName::ContentType)
        .map(|h| (h.offset_field as usize, h.offset_end as usize))
        .filter(|&(start, end)| {
            exact
                && start <= end
                && end <= headers.len()
                && headers.is_char_boundary(start)
                && headers.is_char_boundary(end)
        })
        .map_or(Span::default(), |(start, end)| {
            let field = headers[start..end].trim_end();
            Span::new(start as u32, (start + field.len()) as u32)
        });
    let source = Arc::new(Source::new(display, headers));
    Diagnostic::new(rule, Location::new(&source, span), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_block_that_is_not_utf8_still_gives_a_finding() {
        // Found by the fuzz harness: a replaced byte before `Content-Type` moved its offsets.
        let raw = b"Subject: \xff\xff\nContent-Type: multipart/report; report-type=tlsrpt;\n  boundary=\"b\xff\"\n\n--b\nContent-Type: text/plain\n\nx\n--b--\n";
        let mut reports = Vec::new();
        let mut out = Vec::new();
        read("m.eml", raw, &Options::default(), &mut reports, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].rule.code, "TLSRPT708");
        assert_eq!(out[0].location.span, Span::default());
    }
}
