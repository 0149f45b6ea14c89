//! Never silent: every mention of a reporting record in the repository is accounted for.
//!
//! While the walk runs, every text file it visits that is not prose is searched for the
//! markers of a reporting record ([`markers`]: `_smtp._tls` and the misspellings the name
//! rules know, `_report._tls`, `_mta-sts`, `v=TLSRPTv1`, `v=STSv1`), in one multi-pattern
//! pass. Files the DNS readers read are searched in the bytes they already hold; every other
//! file is read here, on the walk's threads, into a buffer each thread reuses, so a file
//! without a marker costs one read and one search, and only files with a mention are kept.
//!
//! After extraction, a mention that no record and no finding covers (on its lines) gets
//! TLSRPT005 `unread-mention`, saying why it was not read as precisely as the file tells
//! ([`reason`]). A mention inside a comment is not a record and stays silent ([`language`]
//! knows each language's comments); so does prose (`*.md`, `README`, `LICENSE`...).
//!
//! Decisions: a file this scanner cannot open is not reported (it is no DNS source the walk
//! knows; a DNS source that cannot be read is `unreadable-file`'s); a file whose first block
//! holds a NUL byte is binary and skipped, as `rg` does; files over
//! [`crate::files::MAX_FILE_SIZE`] are skipped.

use std::cell::RefCell;
use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Location};
use crate::extract::FileClass;
use crate::files::Known;
use crate::model::Record;
use crate::rules::unread_mention::UNREAD_MENTION;
use crate::text::{Source, Span};

mod coverage;
mod language;
mod markers;
mod reason;

pub use language::is_prose;

/// A file with mentions of reporting records outside its comments.
#[derive(Debug)]
pub struct Mentions {
    pub source: Arc<Source>,
    /// The class the walk read the file as; `None` for a file no reader reads.
    pub class: Option<FileClass>,
    /// Each mention, in source order.
    pub spans: Vec<Span>,
}

/// The mentions in a file a DNS reader read as `class`, but those inside the `records`
/// read from it (accounted for already: the comments of a large zone are then not looked
/// for).
pub fn in_source(source: &Arc<Source>, class: FileClass, records: &[Record]) -> Option<Mentions> {
    let mut spans = markers::find(source.text.as_bytes());
    // Record spans by start, each with the furthest end so far: one binary search a mention.
    let mut read: Vec<(u32, u32)> = records
        .iter()
        .filter(|r| r.source.path == source.path)
        .map(|r| (r.span.start, r.span.end))
        .collect();
    read.sort_unstable();
    let mut furthest = 0;
    for (_, end) in &mut read {
        furthest = furthest.max(*end);
        *end = furthest;
    }
    spans.retain(|m| {
        let before = read.partition_point(|&(start, _)| start <= m.start);
        before == 0 || read[before - 1].1 < m.end
    });
    if spans.is_empty() {
        return None;
    }
    let comments = crate::suppress::comments(class, &source.text);
    outside_comments(source, Some(class), spans, &comments)
}

/// The mentions in a file no DNS reader reads: `None` for prose, binaries, files that
/// cannot be read, and files without a mention. Each thread reads into one buffer it
/// reuses, so a file without a mention allocates nothing.
pub fn in_file(path: &Path, known: Known) -> Option<Mentions> {
    thread_local! {
        static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    if is_prose(path) {
        return None;
    }
    BUFFER.with_borrow_mut(|buffer| {
        let found = read_mentions(path, known, buffer);
        if buffer.capacity() > KEPT_CAPACITY {
            *buffer = Vec::new();
        }
        found
    })
}

/// The most buffer capacity a thread keeps between files.
const KEPT_CAPACITY: usize = 1 << 20;

fn read_mentions(path: &Path, known: Known, buffer: &mut Vec<u8>) -> Option<Mentions> {
    crate::files::read_bytes(path, buffer, known).ok()?;
    let head = &buffer[..buffer.len().min(BINARY_SNIFF)];
    if memchr::memchr(0, head).is_some() || markers::find(buffer).is_empty() {
        return None;
    }
    let text = String::from_utf8_lossy(buffer).into_owned();
    let source = Arc::new(Source::new(crate::files::display_path(path), text));
    // Found again in the text: a lossy decoding moves offsets.
    let spans = markers::find(source.text.as_bytes());
    let comments = language::comments(path, &source.text);
    outside_comments(&source, None, spans, &comments)
}

/// How many leading bytes tell a binary file by a NUL byte (as `rg` looks at its first
/// buffer).
const BINARY_SNIFF: usize = 8192;

fn outside_comments(
    source: &Arc<Source>,
    class: Option<FileClass>,
    mut spans: Vec<Span>,
    comments: &[Span],
) -> Option<Mentions> {
    spans.retain(|m| {
        !comments
            .iter()
            .any(|c| c.start <= m.start && m.end <= c.end)
    });
    (!spans.is_empty()).then(|| Mentions {
        source: Arc::clone(source),
        class,
        spans,
    })
}

/// TLSRPT005 for every mention that no record and no finding accounts for
/// ([`coverage`]).
pub fn unread(
    files: &[Mentions],
    records: &[Record],
    diagnostics: &[Diagnostic],
) -> Vec<Diagnostic> {
    let coverage = coverage::Coverage::new(files, records, diagnostics);
    let mut out = Vec::new();
    for file in files {
        let source = &file.source;
        for &mention in &file.spans {
            if coverage.covers(file, mention) {
                continue;
            }
            let why = reason::why(file, mention, coverage.records_in(&source.path));
            let written = &source.text[mention.range()];
            out.push(
                Diagnostic::new(
                    &UNREAD_MENTION,
                    Location::new(source, mention),
                    format!("`{written}` is in no record tlsrpt-lint read: {why}"),
                )
                .with_primary_label("not read")
                .with_help(
                    "check this record with `tlsrpt-lint validate`, or define it where tlsrpt-lint reads it (see docs/formats.md)",
                ),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scanned(path: &str, class: Option<FileClass>, text: &str) -> Vec<Mentions> {
        let source = Arc::new(Source::new(path, text));
        let found = match class {
            Some(class) => in_source(&source, class, &[]),
            None => {
                let spans = markers::find(text.as_bytes());
                let comments = language::comments(Path::new(path), text);
                outside_comments(&source, None, spans, &comments)
            }
        };
        found.into_iter().collect()
    }

    fn messages(files: &[Mentions], records: &[Record]) -> Vec<String> {
        unread(files, records, &[])
            .into_iter()
            .map(|d| {
                let at = d.location.source.position(d.location.span.start);
                format!("{}:{}: {}", at.line, at.column, d.message)
            })
            .collect()
    }

    #[test]
    fn comments_stay_silent_and_code_is_named() {
        let text = "# _smtp._tls in a comment\n{ txt = \"v=TLSRPTv1; rua=mailto:a@example.com\"; name = \"_smtp._tls\"; }\n";
        assert_eq!(
            messages(&scanned("flake.nix", None, text), &[]),
            [
                "2:10: `v=TLSRPTv1` is in no record tlsrpt-lint read: this file is Nix, which tlsrpt-lint does not read",
                "2:57: `_smtp._tls` is in no record tlsrpt-lint read: this file is Nix, which tlsrpt-lint does not read",
            ]
        );
    }

    #[test]
    fn records_cover_the_lines_they_are_on() {
        let text = "$ORIGIN example.com.\n; _smpt._tls is a typo\n_smtp._tls TXT \"v=TLSRPTv1; rua=mailto:a@example.com\"\n_mta-sts TXT \"v=STSv1; id=1\"\n";
        let files = scanned("example.com.zone", Some(FileClass::Zone), text);
        assert_eq!(files[0].spans.len(), 4);
        let records = crate::extract::zone::read_str("example.com.zone", text).records;
        assert!(messages(&files, &records).is_empty());
        assert_eq!(
            messages(&files, &records[..1]),
            [
                "4:1: `_mta-sts` is in no record tlsrpt-lint read: no record was read here, though others in this file were",
                "4:15: `v=STSv1` is in no record tlsrpt-lint read: no record was read here, though others in this file were",
            ]
        );
    }
}
