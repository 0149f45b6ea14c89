//! BIND / RFC 1035 §5 master files: the records a TLS-RPT rule may read, with exact spans.
//!
//! The reader is hand-written: `lexer` finds tokens (allocation-free, a token is a span),
//! `decode` turns escapes and generic RDATA into [`crate::text::Decoded`] values that map
//! every byte back to its source, `reader` walks the entries (owners blank or written, TTL
//! and class in either order via `fields`, parentheses, comments, `TYPEnn`/`CLASSnn`, RFC
//! 3597 `\#` RDATA) and `directives` handles `$ORIGIN`, `$TTL`, `$INCLUDE` (through the
//! [`Loader`]) and `$GENERATE` (reported, not expanded).
//!
//! No crate we looked at keeps byte spans through escapes and strings: `domain` (NLnet Labs,
//! `zonefile::inplace`) decodes in place and reports line numbers only, `hickory-proto`'s
//! text lexer yields owned strings with line numbers, and `zoneparser` returns record data
//! without positions. A linter must point inside a TXT string at the
//! byte a rule complains about, so it needs its own lexer.
//!
//! What it keeps (a 1,000,000-record zone must stay cheap): TXT records (and `TYPE16`) at a
//! policy, authorization or `_mta-sts` name, or whose value starts with `v=TLSRPT`/`v=STS`,
//! or that have a character-string over 255 octets, or that a comment cut short; and CNAME
//! records at those names and at names with an `_smtp` label (misspelt policy names); TLSA
//! records at `_25._tcp` names and MX records at names the same zone has a policy for (DANE
//! stands in for MTA-STS, `tlsrpt-without-mta-sts`); SOA records, one a zone, data unread,
//! which tell the model the repository defines the zone (`missing-authorization`). Everything else is read for syntax and dropped without
//! allocating; the RDATA of other types is skipped, not checked. [`Options::all_records`]
//! keeps every TXT and CNAME record (the BIND differential test uses it).
//!
//! Decisions where BIND and the RFC leave room: names keep their case and decoded escapes
//! (`a\.b` reads `a.b`); without an origin (no `$ORIGIN`, no zone-like file name) names stay
//! relative and `@` stays `@`; `TYPE16` and `TYPE5` records are reported as `TXT` and `CNAME`;
//! strings from generic RDATA count as quoted; a TTL over 2^31−1 reads as 0, as in BIND.

use std::sync::Arc;

use super::{Extracted, Loader};
use crate::text::Source;

mod decode;
mod dialect;
mod directives;
mod fields;
mod lexer;
mod rdata;
mod reader;
mod template;
#[cfg(test)]
mod tests;
pub(crate) mod writer;

pub use dialect::Dialect;
pub use lexer::comments;

/// How much of a zone to keep.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Keep every TXT and CNAME record, not only those a rule may read.
    pub all_records: bool,
}

/// Reads `source` as a master file and keeps the records rules may read. `origin` is the
/// zone the settings (`[zones]`) or a BIND named.conf name for this file; without it the
/// file name decides. `dialect` is the one the settings name; without it the records
/// reveal it, else BIND.
pub fn extract(
    source: &Arc<Source>,
    loader: &dyn Loader,
    origin: Option<&str>,
    dialect: Option<Dialect>,
) -> Extracted {
    let origin = crate::origin::starting(origin, &source.path);
    reader::read(source, loader, Options::default(), origin, dialect)
}

/// Reads `source` as a master file with `options`.
pub fn extract_with(source: &Arc<Source>, loader: &dyn Loader, options: Options) -> Extracted {
    reader::read(
        source,
        loader,
        options,
        crate::origin::from_file_name(&source.path),
        None,
    )
}

/// Reads `text` as the zone file `path`, with nothing to include (for rule tests).
#[cfg(test)]
pub(crate) fn read_str(path: &str, text: &str) -> Extracted {
    let source = Arc::new(Source::new(path, text));
    extract(&source, &tests::Files(Vec::new()), None, None)
}
