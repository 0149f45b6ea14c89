//! Report bytes → report text: gzip decompressed with a cap, UTF-8 checked, then handed to
//! the JSON decoder ([`super::document`]).
//!
//! RFC 8460 §5.1 reports are gzip-compressed JSON (`.json.gz`, `application/tlsrpt+gzip`)
//! or plain JSON. Decompression is bounded: a gzip bomb (a few kilobytes that inflate to
//! gigabytes) stops at [`MAX_REPORT_BYTES`] with a finding, never filling memory. A text
//! that is not UTF-8 is read as far as it is (the invalid bytes replaced) and reported at
//! the first invalid byte, so the snippet shows where.

use std::io::Read;
use std::sync::Arc;

use flate2::read::MultiGzDecoder;

use super::model::Report;
use super::{document, Options};
use crate::diagnostic::{Diagnostic, Location};
use crate::rule::Rule;
use crate::rules;
use crate::text::{Source, Span};

/// The largest report text read (decompressed): real reports are kilobytes, the largest
/// reporters' a few megabytes.
pub const MAX_REPORT_BYTES: u64 = 16 << 20;

/// Whether `bytes` open a gzip stream (RFC 1952 §2.3.1).
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Decodes the report in `bytes` (gzip or not) shown as `display`; findings go to `out`.
/// `recipients`: the addresses of the message that carried it (empty for a file).
pub fn read(
    display: &str,
    bytes: &[u8],
    options: &Options,
    recipients: &[String],
    out: &mut Vec<Diagnostic>,
) -> Option<Report> {
    let inflated;
    let text = if is_gzip(bytes) {
        match gunzip(bytes) {
            Ok(text) => {
                inflated = text;
                &inflated[..]
            }
            Err(message) => {
                out.push(at_start(
                    display,
                    &rules::unreadable_report::UNREADABLE_REPORT,
                    message,
                ));
                return None;
            }
        }
    } else {
        bytes
    };
    let (source, bad_byte) = source(display, text);
    if let Some(at) = bad_byte {
        let span = Span::new(at, at + 1);
        let message = "not UTF-8 text: invalid byte here; not read";
        out.push(Diagnostic::new(
            &rules::unreadable_report::UNREADABLE_REPORT,
            Location::new(&source, span),
            message,
        ));
        return None;
    }
    let first = source
        .text
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if first.starts_with('<') {
        let at = (source.text.len() - first.len()) as u32;
        out.push(Diagnostic::new(
            &rules::not_a_tlsrpt_report::NOT_A_TLSRPT_REPORT,
            Location::new(&source, Span::new(at, at + 1)),
            "an XML document (a DMARC aggregate report?), not a TLS report; skipped",
        ));
        return None;
    }
    document::decode(&source, options, recipients, out)
}

/// A finding about a whole input that has no text to show.
pub fn at_start(display: &str, rule: &'static Rule, message: String) -> Diagnostic {
    let source = Arc::new(Source::new(display, String::new()));
    Diagnostic::new(rule, Location::new(&source, Span::default()), message)
}

/// Inflates a gzip stream (all members), at most [`MAX_REPORT_BYTES`].
fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut reader = MultiGzDecoder::new(bytes).take(MAX_REPORT_BYTES + 1);
    reader
        .read_to_end(&mut out)
        .map_err(|e| format!("not a readable gzip stream: {e}"))?;
    if out.len() as u64 > MAX_REPORT_BYTES {
        return Err(format!(
            "decompresses to more than {} MiB; not read",
            MAX_REPORT_BYTES >> 20
        ));
    }
    Ok(out)
}

/// The text as a source, and the offset of its first invalid UTF-8 byte, if any (the text
/// then has replacement characters from there on).
fn source(display: &str, bytes: &[u8]) -> (Arc<Source>, Option<u32>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (Arc::new(Source::new(display, text)), None),
        Err(e) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            (
                Arc::new(Source::new(display, text)),
                Some(e.valid_up_to() as u32),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::write::GzEncoder;
    use flate2::Compression;

    use super::*;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_cap() {
        let zeros = vec![b' '; (MAX_REPORT_BYTES + 1024) as usize];
        let bomb = gzip(&zeros);
        assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
        let mut out = Vec::new();
        assert!(read("bomb.json.gz", &bomb, &Options::default(), &[], &mut out).is_none());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].rule.code, "TLSRPT707");
        assert!(
            out[0].message.contains("more than 16 MiB"),
            "{}",
            out[0].message
        );
    }

    #[test]
    fn corrupt_gzip_and_invalid_utf8_are_findings() {
        let mut out = Vec::new();
        let mut truncated = gzip(b"{\"policies\": []}");
        truncated.truncate(12);
        assert!(read("t.json.gz", &truncated, &Options::default(), &[], &mut out).is_none());
        assert!(out[0].message.starts_with("not a readable gzip stream"));
        out.clear();
        let text = b"{\"report-id\": \"a\xffb\"}";
        assert!(read("u.json", text, &Options::default(), &[], &mut out).is_none());
        assert_eq!(out[0].location.span, Span::new(16, 17));
    }

    #[test]
    fn xml_is_skipped_with_a_notice() {
        let mut out = Vec::new();
        let xml = gzip(b"<?xml version=\"1.0\"?><feedback/>");
        assert!(read("dmarc.xml.gz", &xml, &Options::default(), &[], &mut out).is_none());
        assert_eq!(out[0].rule.code, "TLSRPT709");
    }
}
