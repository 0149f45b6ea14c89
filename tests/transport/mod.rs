//! The transports of a TLS report, built from the JSON fixtures in `fixtures/report/`, for
//! the tests that read them (`tests/report.rs`, `tests/parsedmarc.rs`): gzip, a MIME
//! message as RFC 8460 §5.3 shapes it (base64 `application/tlsrpt+gzip` or quoted-printable
//! `application/tlsrpt+json`), and an mbox of such messages.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// RFC 4648 base64, in 76-character lines as MIME writes it.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out.as_bytes()
        .chunks(76)
        .map(|line| std::str::from_utf8(line).unwrap())
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// RFC 2045 quoted-printable (soft line breaks at 73 characters).
pub fn quoted_printable(text: &str) -> String {
    let mut out = String::new();
    let mut line = 0;
    for b in text.bytes() {
        let piece = match b {
            b'\n' => {
                out.push_str("\r\n");
                line = 0;
                continue;
            }
            b'=' | 0..=31 | 127.. => format!("={b:02X}"),
            _ => (b as char).to_string(),
        };
        if line + piece.len() > 73 {
            out.push_str("=\r\n");
            line = 0;
        }
        line += piece.len();
        out.push_str(&piece);
    }
    out
}

/// A report message as RFC 8460 §5.3 shapes it.
pub fn message(file: &str, part_type: &str, encoding: &str, body: &str) -> String {
    format!(
        "From: TLS Reporting <tlsrpt@provider.example>\r\nTo: tlsrpt@example.net\r\n\
         Subject: Report Domain: example.net Submitter: provider.example\r\n\
         TLS-Report-Domain: example.net\r\nTLS-Report-Submitter: provider.example\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/report; report-type=\"tlsrpt\"; boundary=\"=_b\"\r\n\r\n\
         --=_b\r\nContent-Type: text/plain\r\n\r\nThis is an aggregate TLS report.\r\n\
         --=_b\r\nContent-Type: {part_type}\r\nContent-Transfer-Encoding: {encoding}\r\n\
         Content-Disposition: attachment; filename=\"{file}\"\r\n\r\n{body}\r\n--=_b--\r\n"
    )
}

/// Every `.json` report fixture (the rule directories and `ok/`), sorted.
pub fn json_fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in fs::read_dir("fixtures/report").unwrap() {
        for file in fs::read_dir(dir.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Writes every JSON fixture to `dir` as `.json`, `.json.gz`, a base64 gzip message and a
/// quoted-printable JSON message, and all the messages as one `reports.mbox` (so each
/// report is in it twice). Returns (fixture, its four files) and the mbox.
pub fn write_corpus(dir: &Path) -> (Vec<(PathBuf, [PathBuf; 4])>, PathBuf) {
    let mut files = Vec::new();
    let mut mbox = String::new();
    for (i, path) in json_fixtures().into_iter().enumerate() {
        let json = fs::read(&path).unwrap();
        let plain = dir.join(format!("{i}.json"));
        fs::write(&plain, &json).unwrap();
        let gz = dir.join(format!("provider.example!example.net!{i}!{i}.json.gz"));
        fs::write(&gz, gzip(&json)).unwrap();
        let eml_gz = dir.join(format!("{i}-gz.eml"));
        let gz_message = message(
            "r.json.gz",
            "application/tlsrpt+gzip",
            "base64",
            &base64(&gzip(&json)),
        );
        fs::write(&eml_gz, &gz_message).unwrap();
        let eml_json = dir.join(format!("{i}-json.eml"));
        let text = String::from_utf8(json).unwrap();
        let json_message = message(
            "r.json",
            "application/tlsrpt+json",
            "quoted-printable",
            &quoted_printable(&text),
        );
        fs::write(&eml_json, &json_message).unwrap();
        for m in [&gz_message, &json_message] {
            mbox.push_str("From tlsrpt@provider.example Thu Jan  1 00:00:00 2024\r\n");
            mbox.push_str(m);
        }
        files.push((path, [plain, gz, eml_gz, eml_json]));
    }
    let mbox_path = dir.join("reports.mbox");
    fs::write(&mbox_path, mbox).unwrap();
    (files, mbox_path)
}
