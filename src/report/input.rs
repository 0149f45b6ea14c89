//! The files `tlsrpt-lint report` reads: which ones, and what each holds.
//!
//! Directories are walked in name order (a Maildir's `cur/` and `new/` are just files) with
//! `ignore`, without `.gitignore` rules (a report directory is data, not a repository);
//! hidden files and the bookkeeping files of mail servers (`dovecot*`, `courier*`,
//! `maildirfolder`) are skipped. Paths named on the command line are always read.
//!
//! A file is classified by its first bytes, not its name, since reporters name report
//! files `sender!domain!start!end.json.gz` and mail stores name messages anything:
//! gzip or `{` is a report, `From ` a mailbox, header fields a message, `<` or a zip
//! archive another kind of report.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

use crate::error::Error;
use crate::files::display_path;

/// What a file holds, from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// JSON, or gzip (of JSON, or of something else: the payload reader decides).
    Report,
    /// An mbox: messages separated by `From ` lines.
    Mbox,
    /// One mail message (`.eml`, a Maildir file).
    Message,
    /// A zip archive (DMARC reports come zipped).
    Zip,
    /// Anything else.
    Other,
}

/// The files under `paths`, in order: each named path in turn, a directory's files sorted
/// by path.
pub fn files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path).map_err(|e| Error::Path {
            path: path.clone(),
            message: e.to_string(),
        })?;
        if !metadata.is_dir() {
            out.push(path.clone());
            continue;
        }
        let mut found = Vec::new();
        let walk = WalkBuilder::new(path)
            .standard_filters(false)
            .hidden(true)
            .build();
        for entry in walk {
            let entry = entry.map_err(|e| Error::Path {
                path: path.clone(),
                message: e.to_string(),
            })?;
            let is_file = entry.file_type().is_some_and(|t| t.is_file());
            if is_file && !is_bookkeeping(entry.path()) {
                found.push(entry.into_path());
            }
        }
        found.sort();
        out.extend(found);
    }
    Ok(out)
}

/// The index and state files mail servers keep beside the messages of a Maildir.
fn is_bookkeeping(path: &Path) -> bool {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    name.starts_with("dovecot") || name.starts_with("courier") || name == "maildirfolder"
}

/// What `head` (a file's first bytes) shows the file to be.
pub fn classify(head: &[u8]) -> Kind {
    let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let first = text.iter().position(|b| !b.is_ascii_whitespace());
    let first = first.map(|i| text[i]);
    if head.starts_with(&[0x1f, 0x8b]) || matches!(first, Some(b'{' | b'[' | b'<')) {
        Kind::Report
    } else if head.starts_with(b"PK\x03\x04") {
        Kind::Zip
    } else if head.starts_with(b"From ") {
        Kind::Mbox
    } else if is_header_field(text) {
        Kind::Message
    } else {
        Kind::Other
    }
}

/// Whether `text` opens with an RFC 5322 header field: a name of printable characters
/// other than `:`, then `:`.
fn is_header_field(text: &[u8]) -> bool {
    let name = text
        .iter()
        .take_while(|&&b| b.is_ascii_graphic() && b != b':')
        .count();
    name > 0 && text.get(name) == Some(&b':')
}

/// An open file with its first bytes buffered, for [`classify`] and then reading on.
pub struct Opened {
    pub display: String,
    pub reader: BufReader<File>,
}

impl Opened {
    pub fn open(path: &Path) -> io::Result<Opened> {
        let file = File::open(path)?;
        Ok(Opened {
            display: display_path(path),
            reader: BufReader::with_capacity(64 * 1024, file),
        })
    }

    /// The first bytes (up to the buffer's size), without consuming them.
    pub fn head(&mut self) -> io::Result<&[u8]> {
        self.reader.fill_buf()
    }

    /// The whole file, or `None` when it is larger than `limit` bytes.
    pub fn read_all(self, limit: usize) -> io::Result<Option<Vec<u8>>> {
        let mut bytes = Vec::new();
        self.reader.take(limit as u64 + 1).read_to_end(&mut bytes)?;
        Ok((bytes.len() <= limit).then_some(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_content() {
        assert_eq!(classify(b"\x1f\x8b\x08\x00"), Kind::Report);
        assert_eq!(classify(b"\xef\xbb\xbf  {\"a\": 1}"), Kind::Report);
        assert_eq!(classify(b"<?xml version=\"1.0\"?>"), Kind::Report);
        assert_eq!(classify(b"From MAILER-DAEMON Mon Jan  1"), Kind::Mbox);
        assert_eq!(classify(b"Return-Path: <a@b>\r\n"), Kind::Message);
        assert_eq!(classify(b"PK\x03\x04"), Kind::Zip);
        assert_eq!(classify(b"3 V1 2\n"), Kind::Other);
        assert_eq!(classify(b""), Kind::Other);
    }
}
