//! DNS records as the extractors hand them over, whatever format they came from.
//!
//! A [`Record`] knows its owner name (absolute, with a trailing dot, when the zone is known),
//! type, TTL, value and exact source location. Rules read records, never source formats.
//! Grouping by zone and owner name for cross-record rules lives here too as it grows.

use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::RecordRef;
use crate::text::{Decoded, Source, Span};

/// The source format a record was read from (the JSON `format` key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// A BIND / RFC 1035 master file.
    Zone,
    /// A value given to `tlsrpt-lint validate`.
    Value,
    /// An RFC 8461 §3.2 policy file, `.well-known/mta-sts.txt`.
    MtaStsPolicy,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Zone => "zone",
            Format::Value => "value",
            Format::MtaStsPolicy => "mta-sts-policy",
        }
    }
}

/// What a record is for, decided by its owner name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    /// `_smtp._tls.<domain>`: an RFC 8460 policy.
    Policy,
    /// `<policy-domain>._report._tls.<destination>`: a third-party authorization.
    Authorization,
    /// `_mta-sts.<domain>`: the RFC 8461 companion.
    MtaSts,
    /// Anything else a rule looked at.
    Other,
}

impl RecordKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Policy => "policy",
            RecordKind::Authorization => "authorization",
            RecordKind::MtaSts => "mta-sts",
            RecordKind::Other => "other",
        }
    }

    /// The kind of a record owned by `name` (absolute or relative; case-insensitive).
    pub fn of_name(name: &str) -> RecordKind {
        let lower = name.to_ascii_lowercase();
        let mut labels = lower.split('.');
        match (labels.next(), labels.next()) {
            (Some("_smtp"), Some("_tls")) => return RecordKind::Policy,
            (Some("_mta-sts"), _) => return RecordKind::MtaSts,
            _ => {}
        }
        let labels: Vec<&str> = lower.split('.').collect();
        if labels
            .windows(2)
            .skip(1)
            .any(|w| w[0] == "_report" && w[1] == "_tls")
        {
            return RecordKind::Authorization;
        }
        RecordKind::Other
    }
}

/// Whether a TXT value reads as a TLS-RPT or MTA-STS record: after any whitespace and
/// quotes it starts with `v=tlsrpt` or `v=sts`, in any case. Such a record is worth keeping
/// and checking whatever name it is published at.
pub fn is_reporting_value(value: &[u8]) -> bool {
    let lead = value
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'"' | b'\''))
        .count();
    let rest = &value[lead..];
    [&b"v=tlsrpt"[..], b"v=sts"]
        .iter()
        .any(|p| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p))
}

/// An owner name as the record states it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// Absolute with a trailing dot when the zone is known, else relative as written.
    pub text: String,
    /// Where the name is written (an empty span where it is inherited, e.g. a blank owner).
    pub span: Span,
}

/// One character-string of a TXT record, as a range of the record's decoded value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxtString {
    pub range: Range<u32>,
    /// Written in quotes (zone files); unquoted strings end at spaces and `;`.
    pub quoted: bool,
}

/// A TXT value: the character-strings concatenated without spaces (RFC 8460 §3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Txt {
    pub value: Decoded,
    pub strings: Vec<TxtString>,
    /// A `;` comment that began right after an unquoted string and so cut the value short.
    pub cut_by_comment: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RData {
    Txt(Txt),
    Cname {
        target: String,
        span: Span,
    },
    /// A `.well-known/mta-sts.txt` policy file: not a DNS record, but listed and judged
    /// like one.
    Policy(Policy),
    /// A type no rule reads the data of.
    Other,
}

/// An RFC 8461 §3.2 policy file split into `key: value` lines. Every range is a byte range
/// of the file; the file is its own value, so nothing needs decoding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// A UTF-8 byte order mark at the start, outside every line.
    pub bom: Option<Range<u32>>,
    pub lines: Vec<PolicyLine>,
}

/// One line of a policy file. Splitting never fails: a line without `:` is all key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyLine {
    /// The line without its line end.
    pub range: Range<u32>,
    pub end: LineEnd,
    /// `WSP` before the key (the grammar allows none).
    pub leading_ws: Range<u32>,
    /// Up to the first `:`, or the whole line, without `WSP` at its end.
    pub key: Range<u32>,
    pub colon: Option<Range<u32>>,
    /// After `:` and the `WSP` after it, without `WSP` at its end; empty at the end of the
    /// key when there is no `:`.
    pub value: Range<u32>,
}

impl PolicyLine {
    /// A line of nothing but `WSP`.
    pub fn is_blank(&self) -> bool {
        self.key.is_empty() && self.colon.is_none()
    }
}

/// How a policy line ends (`sts-policy-term = LF / CRLF`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineEnd {
    Lf,
    CrLf,
    /// A CR not followed by LF: not a line end in the grammar, but read as one.
    Cr,
    /// The last line, without a line end.
    None,
}

#[derive(Clone, Debug)]
pub struct Record {
    pub source: Arc<Source>,
    pub format: Format,
    pub name: Name,
    /// The zone origin, absolute with a trailing dot, when known.
    pub zone: Option<String>,
    /// The type as written in upper case: `TXT`, `CNAME`, ...
    pub rtype: String,
    pub ttl: Option<u32>,
    /// The whole record in its source.
    pub span: Span,
    pub data: RData,
}

impl Record {
    pub fn kind(&self) -> RecordKind {
        match self.data {
            RData::Policy(_) => RecordKind::MtaSts,
            _ => RecordKind::of_name(&self.name.text),
        }
    }

    pub fn policy(&self) -> Option<&Policy> {
        match &self.data {
            RData::Policy(policy) => Some(policy),
            _ => None,
        }
    }

    pub fn txt(&self) -> Option<&Txt> {
        match &self.data {
            RData::Txt(txt) => Some(txt),
            _ => None,
        }
    }

    /// The span of the whole value (every string, quotes included), or the record's span.
    pub fn value_span(&self) -> Span {
        match &self.data {
            RData::Txt(txt) if !txt.value.is_empty() => txt.value.source_span(0..txt.value.len()),
            RData::Cname { span, .. } => *span,
            _ => self.span,
        }
    }

    pub fn reference(&self) -> RecordRef {
        RecordRef {
            name: self.name.text.clone(),
            rtype: self.rtype.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_name() {
        assert_eq!(RecordKind::of_name("_smtp._tls"), RecordKind::Policy);
        assert_eq!(
            RecordKind::of_name("_SMTP._TLS.Example.com."),
            RecordKind::Policy
        );
        assert_eq!(
            RecordKind::of_name("example.com._report._tls.collector.example."),
            RecordKind::Authorization
        );
        assert_eq!(
            RecordKind::of_name("_mta-sts.example.com."),
            RecordKind::MtaSts
        );
        assert_eq!(RecordKind::of_name("_report._tls.x."), RecordKind::Other);
        assert_eq!(RecordKind::of_name("_smtp.tls.x."), RecordKind::Other);
    }
}
