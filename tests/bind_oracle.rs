//! Differential test: the zone reader against BIND's `named-checkzone -D -o - <origin> <file>`
//! on the zones in `tests/bind/`.
//!
//! For every TXT and CNAME record both must agree on the owner name (case-insensitively, as
//! DNS compares names), the TTL, and the split into character-strings, byte for byte. BIND
//! resolves `$INCLUDE` against its working directory, so it runs in the zones' directory.
//! Without `named-checkzone` on PATH the test prints a notice and passes, unless `CI` is set
//! (CI installs `bind9-utils`).

mod support;

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;

use tlsrpt_lint::extract::zone::{extract_with, Options};
use tlsrpt_lint::files::{display_path, read_text, FsLoader};
use tlsrpt_lint::model::RData;
use tlsrpt_lint::text::Source;

/// Each zone and the origin BIND is told (the reader finds it in the file or its name).
const ZONES: &[(&str, &str)] = &[
    ("owners.zone", "example.com"),
    ("origin.zone", "example.com"),
    ("parens.zone", "example.com"),
    ("escapes.zone", "example.com"),
    ("generic.zone", "example.com"),
    ("crlf.zone", "example.com"),
    ("lonecr.zone", "example.com"),
    ("include.zone", "example.com"),
    ("unquoted.zone", "example.com"),
    ("cname.zone", "example.com"),
    ("long.zone", "example.com"),
    ("db.example.org", "example.org"),
];

/// One record as both sides see it.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Rr {
    owner: String,
    ttl: u32,
    rtype: String,
    data: Vec<Vec<u8>>,
}

fn zones_dir() -> PathBuf {
    support::crate_path("tests/bind")
}

#[test]
fn reader_agrees_with_named_checkzone() {
    if !support::on_path("named-checkzone", "-v") {
        support::skip(
            "the BIND oracle",
            "named-checkzone is not on PATH (bind9-utils)",
        );
        return;
    }
    for (file, origin) in ZONES {
        let theirs = bind(file, origin);
        let ours = ours(file);
        assert!(
            !theirs.is_empty(),
            "{file}: BIND read no TXT or CNAME records"
        );
        assert_eq!(
            ours, theirs,
            "{file}: the reader and named-checkzone disagree"
        );
    }
}

fn bind(file: &str, origin: &str) -> Vec<Rr> {
    let output = Command::new("named-checkzone")
        .args(["-D", "-o", "-", origin, file])
        .current_dir(zones_dir())
        .output()
        .expect("run named-checkzone");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 dump");
    assert!(
        output.status.success(),
        "{file}: named-checkzone failed:\n{stdout}"
    );
    let mut records: Vec<Rr> = stdout.lines().filter_map(parse_dump_line).collect();
    records.sort();
    records
}

/// `owner ttl IN type rdata` from the dump; other lines (and other types) give `None`.
fn parse_dump_line(line: &str) -> Option<Rr> {
    let mut rest = line;
    let mut fields = Vec::new();
    for _ in 0..4 {
        rest = rest.trim_start();
        let end = rest.find(char::is_whitespace)?;
        fields.push(&rest[..end]);
        rest = &rest[end..];
    }
    let rdata = rest.trim();
    let data = match fields[3] {
        "TXT" => parse_strings(rdata),
        "CNAME" => vec![unescape(rdata).to_ascii_lowercase()],
        _ => return None,
    };
    Some(Rr {
        owner: String::from_utf8_lossy(&unescape(fields[0])).to_ascii_lowercase(),
        ttl: fields[1].parse().ok()?,
        rtype: fields[3].to_string(),
        data,
    })
}

/// `"a\"b" "\195\169"` → the strings' bytes.
fn parse_strings(rdata: &str) -> Vec<Vec<u8>> {
    let mut strings = Vec::new();
    let mut rest = rdata.trim();
    while let Some(body) = rest.strip_prefix('"') {
        let mut end = 0;
        let bytes = body.as_bytes();
        while bytes[end] != b'"' {
            end += if bytes[end] == b'\\' { 2 } else { 1 };
        }
        strings.push(unescape(&body[..end]));
        rest = body[end + 1..].trim_start();
    }
    assert!(rest.is_empty(), "unparsed TXT data `{rest}`");
    strings
}

/// BIND's presentation escapes: `\X` and `\DDD`.
fn unescape(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            out.push(bytes[i]);
            i += 1;
        } else if bytes[i + 1].is_ascii_digit() {
            out.push(text[i + 1..i + 4].parse().expect("\\DDD"));
            i += 4;
        } else {
            out.push(bytes[i + 1]);
            i += 2;
        }
    }
    out
}

fn ours(file: &str) -> Vec<Rr> {
    let path = zones_dir().join(file);
    let text = read_text(&path).expect("read zone");
    let source = Arc::new(Source::new(display_path(&path), text));
    let loader = FsLoader::new(&zones_dir());
    let extracted = extract_with(&source, &loader, Options { all_records: true });
    let problems: Vec<&str> = extracted
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(problems.is_empty(), "{file}: {problems:?}");
    let mut records: Vec<Rr> = extracted
        .records
        .iter()
        // MX and TLSA records are kept too (for DANE); the oracle compares TXT and CNAME.
        .filter(|record| matches!(record.data, RData::Txt(_) | RData::Cname { .. }))
        .map(|record| {
            let data = match &record.data {
                RData::Txt(txt) => txt
                    .strings
                    .iter()
                    .map(|s| {
                        txt.value.text().as_bytes()[s.range.start as usize..s.range.end as usize]
                            .to_vec()
                    })
                    .collect(),
                RData::Cname { target, .. } => vec![target.to_ascii_lowercase().into_bytes()],
                _ => Vec::new(),
            };
            Rr {
                owner: record.name.text.to_ascii_lowercase(),
                ttl: record.ttl.expect("every oracle record has a TTL"),
                rtype: record.rtype.clone(),
                data,
            }
        })
        .collect();
    records.sort();
    records
}
