//! Runs `fixtures/<rule-name>/*.zone` and `fixtures/ok/values-*.zone` through the value
//! rules, until the zone extractor can run them end to end.
//!
//! The reader here is deliberately tiny: owner name, `TXT`, and quoted strings with `\"`
//! and `\\` escapes, `;` comments and `( ... )` groups, which is all the fixtures use.
//! Every record in a rule's directory must trigger that rule, and nothing else unless the
//! line ends with a `; also TLSRPTnnn` comment; every record under `ok/` must trigger
//! nothing at all.

use std::path::Path;

use crate::model::RecordKind;
use crate::{check_value, Settings};

/// One TXT record of a fixture: (line, owner name, decoded value, allowed extra codes).
type FixtureRecord = (usize, String, String, Vec<String>);

fn read_zone(text: &str) -> Vec<FixtureRecord> {
    let mut records = Vec::new();
    let (mut tokens, mut quoted, mut comment) = (Vec::new(), Vec::new(), String::new());
    let (mut depth, mut line, mut start_line) = (0, 1, 1);
    let mut chars = text.chars().peekable();
    let mut word = String::new();
    let mut flush =
        |tokens: &mut Vec<String>, quoted: &mut Vec<String>, comment: &mut String, start: usize| {
            if let Some(i) = tokens.iter().position(|t| t == "TXT") {
                if !tokens[0].starts_with('$') && i > 0 {
                    let also = comment
                        .split_whitespace()
                        .filter(|w| w.starts_with("TLSRPT"))
                        .map(str::to_string)
                        .collect();
                    records.push((start, tokens[0].clone(), quoted.concat(), also));
                }
            }
            tokens.clear();
            quoted.clear();
            comment.clear();
        };
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let mut s = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => s.extend(chars.next()),
                        '"' => break,
                        c => s.push(c),
                    }
                }
                quoted.push(s);
                tokens.push("\"".into());
            }
            ';' => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                    comment.push(c);
                }
                comment.push(' ');
                if depth == 0 {
                    flush(&mut tokens, &mut quoted, &mut comment, start_line);
                    start_line = line + 1;
                }
                line += 1;
            }
            '(' => depth += 1,
            ')' => depth -= 1,
            c if c.is_whitespace() => {
                if !word.is_empty() {
                    tokens.push(std::mem::take(&mut word));
                }
                if c == '\n' {
                    line += 1;
                    if depth == 0 {
                        flush(&mut tokens, &mut quoted, &mut comment, start_line);
                        start_line = line;
                    }
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        tokens.push(word);
    }
    flush(&mut tokens, &mut quoted, &mut comment, start_line);
    records
}

fn codes(name: &str, value: &str) -> Vec<&'static str> {
    let kind = RecordKind::of_name(name);
    check_value(value, "-", kind, Some("example.com"), &Settings::default())
        .diagnostics
        .iter()
        .map(|d| d.rule.code)
        .collect()
}

fn zone_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.map(|e| e.path()).unwrap_or_default())
        .filter(|p| p.extension().is_some_and(|x| x == "zone"))
        .collect();
    files.sort();
    files
}

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

#[test]
fn the_reader_reads_what_the_fixtures_use() {
    let records = read_zone("$ORIGIN x.\na 1 IN TXT \"p\\\"q\" \"\\\\r\" ; also TLSRPT109\nb IN TXT ( \"s\" ; c\n \"t\" )\n");
    assert_eq!(
        records,
        [
            (2, "a".into(), "p\"q\\r".into(), vec!["TLSRPT109".into()]),
            (3, "b".into(), "st".into(), vec![]),
        ]
    );
}

#[test]
fn ok_values_trigger_nothing() {
    let mut count = 0;
    for path in zone_files(&fixtures().join("ok")) {
        if !path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("values-"))
        {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for (line, name, value, _) in read_zone(&text) {
            let found = codes(&name, &value);
            assert!(
                found.is_empty(),
                "{}:{line}: {value:?} triggers {found:?}",
                path.display()
            );
            count += 1;
        }
    }
    assert!(count >= 20, "only {count} ok values");
}

#[test]
fn rule_fixtures_trigger_their_rule() {
    let mut dirs = 0;
    for rule in super::ALL.iter().filter(|r| r.check.is_some()) {
        let dir = fixtures().join(rule.name);
        if !dir.is_dir() {
            continue;
        }
        dirs += 1;
        for path in zone_files(&dir) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let records = read_zone(&text);
            assert!(!records.is_empty(), "{}", path.display());
            for (line, name, value, also) in records {
                let found = codes(&name, &value);
                let at = format!("{}:{line}: {value:?} gives {found:?}", path.display());
                assert!(found.contains(&rule.code), "{at}");
                assert!(
                    found
                        .iter()
                        .all(|c| *c == rule.code || also.iter().any(|a| a == c)),
                    "{at}"
                );
            }
        }
    }
    assert!(dirs >= 24, "{dirs} fixture directories");
}
