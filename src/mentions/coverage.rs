//! Which mentions the run accounts for. A mention is covered when:
//!
//! - a record's span, name or value is on its lines;
//! - a finding (or one of its labels) is on its lines, or inside the block the mention is
//!   in: the lines below its parent line, the nearest line above it that is indented less
//!   (a Terraform resource, a CloudFormation resource's properties, a dnscontrol `D(...)`);
//! - the file has a `source-syntax-error` or `unreadable-file` finding: it was not read,
//!   and says so;
//! - in a dnscontrol file, an `unevaluated-value` finding is anywhere in the file: that
//!   reader reports a value where it is computed, often far from the record it feeds;
//! - the quoted string around it is the name (or its first labels) or the value of a
//!   record read from the same directory: Terraform `locals` and JavaScript variables carry
//!   names and values to records in other blocks and files.
//!
//! Blocks are told by indentation, which every format that nests writes; the search for a
//! parent line is bounded ([`MAX_BLOCK_LINES`]), so a hostile file stays linear.

use std::collections::HashMap;
use std::path::Path;

use super::Mentions;
use crate::diagnostic::Diagnostic;
use crate::extract::FileClass;
use crate::model::Record;
use crate::rules::source_syntax_error::SOURCE_SYNTAX_ERROR;
use crate::rules::unevaluated_value::UNEVALUATED_VALUE;
use crate::rules::unreadable_file::UNREADABLE_FILE;
use crate::text::Span;

/// How many lines the search for a block's parent and end looks at.
const MAX_BLOCK_LINES: usize = 400;

pub struct Coverage<'a> {
    /// Per file with mentions: spans of records and findings.
    spans: HashMap<&'a str, Vec<Span>>,
    /// Files read as a whole finding (not read, or computed values in dnscontrol).
    whole: HashMap<&'a str, ()>,
    /// Records by the directory of their file.
    by_dir: HashMap<&'a Path, Vec<&'a Record>>,
    /// Records per file.
    counts: HashMap<&'a str, usize>,
}

impl<'a> Coverage<'a> {
    pub fn new(
        files: &'a [Mentions],
        records: &'a [Record],
        diagnostics: &'a [Diagnostic],
    ) -> Self {
        let mut spans: HashMap<&str, Vec<Span>> = files
            .iter()
            .map(|f| (f.source.path.as_str(), Vec::new()))
            .collect();
        let classes: HashMap<&str, Option<FileClass>> = files
            .iter()
            .map(|f| (f.source.path.as_str(), f.class))
            .collect();
        let mut whole = HashMap::new();
        let mut by_dir: HashMap<&Path, Vec<&Record>> = HashMap::new();
        let mut counts = HashMap::new();
        for record in records {
            let path = record.source.path.as_str();
            if let Some(list) = spans.get_mut(path) {
                list.extend([record.span, record.name.span, record.value_span()]);
            }
            *counts.entry(path).or_insert(0) += 1;
            let dir = Path::new(path).parent().unwrap_or(Path::new(""));
            by_dir.entry(dir).or_default().push(record);
        }
        for d in diagnostics {
            let path = d.location.source.path.as_str();
            let rule = d.rule;
            let dnscontrol = classes.get(path) == Some(&Some(FileClass::DnsControl));
            if rule == &SOURCE_SYNTAX_ERROR
                || rule == &UNREADABLE_FILE
                || (rule == &UNEVALUATED_VALUE && dnscontrol)
            {
                whole.insert(path, ());
            }
            let located = std::iter::once(&d.location).chain(d.labels.iter().map(|l| &l.location));
            for at in located {
                if let Some(list) = spans.get_mut(at.source.path.as_str()) {
                    list.push(at.span);
                }
            }
        }
        Coverage {
            spans,
            whole,
            by_dir,
            counts,
        }
    }

    /// How many records were read from the file at `path`.
    pub fn records_in(&self, path: &str) -> usize {
        self.counts.get(path).copied().unwrap_or(0)
    }

    pub fn covers(&self, file: &Mentions, mention: Span) -> bool {
        let path = file.source.path.as_str();
        if self.whole.contains_key(path) {
            return true;
        }
        let text = &file.source.text;
        let lines = lines_of(text, mention);
        let block = block_of(text, mention);
        let spans = self.spans.get(path).map_or(&[][..], Vec::as_slice);
        let on_lines = |s: &Span| s.start <= lines.end && s.end >= lines.start;
        let in_block = |s: &Span| block.start <= s.start && s.end <= block.end;
        spans.iter().any(|s| on_lines(s) || in_block(s)) || self.carried(file, mention)
    }

    /// Whether the quoted string around the mention is a record's name (or its first
    /// labels) or value, for a record of the same directory.
    fn carried(&self, file: &Mentions, mention: Span) -> bool {
        let Some(quoted) = quoted_around(&file.source.text, mention) else {
            return false;
        };
        let dir = Path::new(&file.source.path)
            .parent()
            .unwrap_or(Path::new(""));
        let quoted = quoted.to_ascii_lowercase();
        self.by_dir.get(dir).is_some_and(|records| {
            records.iter().any(|r| {
                let name = r.name.text.to_ascii_lowercase();
                name.strip_prefix(&quoted)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
                    || r.txt()
                        .is_some_and(|t| t.value.text().eq_ignore_ascii_case(&quoted))
            })
        })
    }
}

/// The lines a span is on, from the first one's start to the last one's end.
fn lines_of(text: &str, span: Span) -> Span {
    let bytes = text.as_bytes();
    let start = memchr::memrchr2(b'\n', b'\r', &bytes[..span.start as usize]).map_or(0, |i| i + 1);
    let end = memchr::memchr2(b'\n', b'\r', &bytes[span.end as usize..])
        .map_or(bytes.len(), |i| span.end as usize + i);
    Span::new(start as u32, end as u32)
}

/// The block a mention is in: from its parent line (the nearest line above indented less;
/// its own line when it is not indented) to the next line indented no more than the
/// parent.
fn block_of(text: &str, mention: Span) -> Span {
    let line = lines_of(text, mention);
    let indent = |l: &str| l.len() - l.trim_start_matches([' ', '\t']).len();
    let own = indent(&text[line.range()]);
    let mut parent = line.start as usize;
    let mut parent_indent = own;
    if own > 0 {
        for l in text[..line.start as usize]
            .lines()
            .rev()
            .take(MAX_BLOCK_LINES)
        {
            parent = parent.saturating_sub(l.len() + 1);
            if !l.trim().is_empty() && indent(l) < own {
                parent_indent = indent(l);
                break;
            }
        }
    }
    let mut end = line.end as usize;
    for l in text[end..].lines().skip(1).take(MAX_BLOCK_LINES) {
        if !l.trim().is_empty() && indent(l) <= parent_indent {
            break;
        }
        end += l.len() + 1;
    }
    Span::new(
        parent.min(line.start as usize) as u32,
        end.min(text.len()) as u32,
    )
}

/// The string between the quotes around `span` on its line, when there are some.
fn quoted_around(text: &str, span: Span) -> Option<&str> {
    let line = lines_of(text, span);
    let before = &text[line.start as usize..span.start as usize];
    let after = &text[span.start as usize..line.end as usize];
    let open = before.rfind(['"', '\'', '`'])?;
    let quote = before.as_bytes()[open];
    let close = after.find(quote as char)?;
    Some(&text[line.start as usize + open + 1..span.start as usize + close])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_by_indentation() {
        let text = "a:\n  b:\n    c: x\n    d: _mta-sts\n  e: y\nf: z\n";
        let at = text.find("_mta-sts").unwrap() as u32;
        let block = block_of(text, Span::new(at, at + 8));
        assert_eq!(&text[block.range()], "  b:\n    c: x\n    d: _mta-sts");
        let at = text.find("a:").unwrap() as u32;
        assert_eq!(
            &text[block_of(text, Span::new(at, at + 1)).range()],
            "a:\n  b:\n    c: x\n    d: _mta-sts\n  e: y"
        );
    }

    #[test]
    fn quoted_strings() {
        let text = "  \"_smtp._tls\" = \"v=TLSRPTv1; rua=mailto:a@example.nl\"\n";
        let at = text.find("v=").unwrap() as u32;
        assert_eq!(
            quoted_around(text, Span::new(at, at + 10)),
            Some("v=TLSRPTv1; rua=mailto:a@example.nl")
        );
        let at = text.find("_smtp").unwrap() as u32;
        assert_eq!(
            quoted_around(text, Span::new(at, at + 10)),
            Some("_smtp._tls")
        );
    }
}
