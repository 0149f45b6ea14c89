//! Zone origins from BIND `named.conf` files in the repository: `zone "example.com" {
//! file "zones/db.example.com"; };` names the origin of a zone file that has no `$ORIGIN`
//! and whose name says nothing.
//!
//! Only three statements matter: `zone` (its name and its `file`), `include` (another
//! file of statements) and `options { directory ...; }` (where relative `file` paths
//! start). The reader is hand-written because no crate reads named.conf short of a full
//! BIND configuration model, and this needs a token stream: strings, words, `{`, `}`, `;`
//! and the three comment styles (`//`, `#`, `/* */`). Every other statement, option and
//! block (`view`, `acl`, `key`, ...) is stepped over by its braces, so a zone inside a
//! `view` is found too. Malformed input never fails: what cannot be read is skipped.
//!
//! Paths: BIND resolves relative paths against its working directory, which a
//! repository does not have, so a relative `file` is tried against the named.conf's own
//! directory, against `directory` (itself relative to it), and against the repository
//! root; an absolute one (`/etc/bind/zones/db.x`) matches the repository file that ends
//! with the same last two components. `include` is followed the same way, at most
//! `MAX_FILES` files, each once, never outside the root.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::files;

/// At most this many named.conf files (the first and its includes) are read per root.
const MAX_FILES: usize = 64;

/// Origins by zone file, from every named.conf read.
#[derive(Clone, Debug, Default)]
pub struct NamedOrigins {
    /// Normalized absolute path → origin.
    exact: HashMap<PathBuf, String>,
    /// The last two path components (`zones/db.x`) of an absolute `file` → origin.
    tail: HashMap<PathBuf, String>,
}

impl NamedOrigins {
    /// Reads `conf` (a named.conf found under `root`) and the files it includes. The
    /// `directory` option is global, so zones are placed once every file is read.
    pub fn read(&mut self, conf: &Path, root: &Path) {
        let root = files::lexical_absolute(root);
        let mut queue = vec![files::lexical_absolute(conf)];
        let mut read: Vec<(PathBuf, Statements)> = Vec::new();
        let mut directory = None;
        while let Some(path) = queue.pop() {
            let known = read.iter().any(|(p, _)| p == &path);
            if known || read.len() >= MAX_FILES || !path.starts_with(&root) {
                continue;
            }
            let Ok(text) = files::read_text(&path) else {
                continue;
            };
            let statements = parse(&text);
            let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
            if let Some(d) = statements
                .directory
                .as_deref()
                .filter(|d| Path::new(d).is_relative())
            {
                directory.get_or_insert_with(|| files::lexical_absolute(&dir.join(d)));
            }
            let bases = [dir, root.clone()];
            for include in &statements.includes {
                if let Some(found) = candidates(include, &bases).find(|p| p.is_file()) {
                    queue.push(found);
                }
            }
            read.push((path, statements));
        }
        for (path, statements) in &read {
            let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
            let bases: Vec<PathBuf> = [Some(dir), directory.clone(), Some(root.clone())]
                .into_iter()
                .flatten()
                .collect();
            for (origin, file) in &statements.zones {
                let origin = format!("{}.", origin.trim_end_matches('.'));
                self.add(file, &bases, origin);
            }
        }
    }

    fn add(&mut self, file: &str, bases: &[PathBuf], origin: String) {
        if Path::new(file).is_absolute() {
            self.tail.insert(tail(Path::new(file)), origin);
        } else {
            for path in candidates(file, bases) {
                self.exact.entry(path).or_insert_with(|| origin.clone());
            }
        }
    }

    /// The origin a named.conf gives the zone file at `path`.
    pub fn origin_for(&self, path: &Path) -> Option<&str> {
        if self.exact.is_empty() && self.tail.is_empty() {
            return None;
        }
        let path = files::lexical_absolute(path);
        self.exact
            .get(&path)
            .or_else(|| self.tail.get(&tail(&path)))
            .map(String::as_str)
    }
}

/// `file` against each base, normalized.
fn candidates<'a>(file: &'a str, bases: &'a [PathBuf]) -> impl Iterator<Item = PathBuf> + 'a {
    bases
        .iter()
        .map(move |base| files::lexical_absolute(&base.join(file)))
}

/// The last two components of a path.
fn tail(path: &Path) -> PathBuf {
    let parts: Vec<_> = path.components().rev().take(2).collect();
    parts.into_iter().rev().collect()
}

/// Whether a file name is a BIND configuration to read for origins: `named.conf` and its
/// common split files (`named.conf.local`, `named.conf.zones`...).
pub fn is_named_conf(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n == "named.conf" || n.starts_with("named.conf."))
}

/// What one file says.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Statements {
    /// (zone name, file) for every zone with a `file`.
    zones: Vec<(String, String)>,
    includes: Vec<String>,
    /// `options { directory "..."; }`.
    directory: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token<'t> {
    /// A quoted string (without quotes) or a bare word.
    Word(&'t str),
    Open,
    Close,
    Semicolon,
}

/// The tokens of a named.conf: comments dropped, strings unquoted (named.conf strings have
/// no escapes that matter in names and paths).
fn tokens(text: &str) -> Vec<Token<'_>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let rest = &text[i..];
        match b[i] {
            b'{' => out.push(Token::Open),
            b'}' => out.push(Token::Close),
            b';' => out.push(Token::Semicolon),
            b'#' => {
                i += rest.find('\n').unwrap_or(rest.len());
                continue;
            }
            b'/' if rest.starts_with("//") => {
                i += rest.find('\n').unwrap_or(rest.len());
                continue;
            }
            b'/' if rest.starts_with("/*") => {
                i += rest[2..].find("*/").map_or(rest.len(), |end| end + 4);
                continue;
            }
            b'"' => {
                let len = rest[1..].find('"').unwrap_or(rest.len() - 1);
                out.push(Token::Word(&rest[1..1 + len]));
                i += len + 2;
                continue;
            }
            c if c.is_ascii_whitespace() => {}
            _ => {
                let len = rest
                    .find(|c: char| c.is_ascii_whitespace() || "{};\"#".contains(c))
                    .unwrap_or(rest.len());
                // A lone `/` that starts no comment is part of a word.
                let len = len.max(1);
                out.push(Token::Word(&rest[..len]));
                i += len;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The zones, includes and directory of one file. Blocks are followed by a depth counter,
/// not recursion, so deep nesting cannot overflow the stack.
pub(crate) fn parse(text: &str) -> Statements {
    let tokens = tokens(text);
    let mut out = Statements::default();
    let word = |i: usize| match tokens.get(i) {
        Some(Token::Word(w)) => Some(*w),
        _ => None,
    };
    let mut i = 0;
    while i < tokens.len() {
        let keyword = word(i).map(str::to_ascii_lowercase);
        match keyword.as_deref() {
            Some("zone") => {
                let name = word(i + 1);
                // `zone "x" [class] {`: the block starts at the first `{`.
                let open = (i + 1..tokens.len())
                    .find(|&k| matches!(tokens[k], Token::Open | Token::Semicolon | Token::Close));
                if let (Some(name), Some(open)) = (name, open) {
                    if tokens[open] == Token::Open {
                        let end = block_end(&tokens, open);
                        if let Some(file) = setting(&tokens[open + 1..end], "file") {
                            out.zones.push((name.to_string(), file.to_string()));
                        }
                        i = end;
                    }
                }
            }
            Some("include") => {
                if let Some(path) = word(i + 1) {
                    out.includes.push(path.to_string());
                }
            }
            Some("options") if tokens.get(i + 1) == Some(&Token::Open) => {
                let end = block_end(&tokens, i + 1);
                if let Some(directory) = setting(&tokens[i + 2..end], "directory") {
                    out.directory = Some(directory.to_string());
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The index of the `}` closing the `{` at `open` (or the end).
fn block_end(tokens: &[Token<'_>], open: usize) -> usize {
    let mut depth = 0usize;
    for (k, token) in tokens.iter().enumerate().skip(open) {
        match token {
            Token::Open => depth += 1,
            Token::Close => {
                depth -= 1;
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    tokens.len()
}

/// The value of `name value;` at the top level of a block's tokens.
fn setting<'t>(tokens: &[Token<'t>], name: &str) -> Option<&'t str> {
    let mut depth = 0usize;
    for (k, token) in tokens.iter().enumerate() {
        match token {
            Token::Open => depth += 1,
            Token::Close => depth = depth.saturating_sub(1),
            Token::Word(w) if depth == 0 && w.eq_ignore_ascii_case(name) => {
                if let Some(Token::Word(value)) = tokens.get(k + 1) {
                    return Some(value);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_includes_and_directory() {
        let text = r#"
// comment with zone "not.this" { file "x"; };
options {
    directory "zones"; # where files live
    listen-on { any; };
};
/* zone "nor.this" { file "y"; }; */
include "named.conf.local";
zone "example.com" IN {
    type primary;
    file "db.example.com";
    allow-transfer { key "xfr"; };
};
view "inside" {
    zone "example.net" { type secondary; file "/var/cache/bind/db.example.net"; };
    zone "hint.example" { type hint; };
};
zone "broken"
"#;
        let s = parse(text);
        assert_eq!(
            s.zones,
            [
                ("example.com".to_string(), "db.example.com".to_string()),
                (
                    "example.net".to_string(),
                    "/var/cache/bind/db.example.net".to_string()
                ),
            ]
        );
        assert_eq!(s.includes, ["named.conf.local"]);
        assert_eq!(s.directory.as_deref(), Some("zones"));
    }

    #[test]
    fn hostile_input_never_fails() {
        for text in [
            "",
            "{{{{",
            "}}}}",
            "zone",
            "zone \"x\" {",
            "\"unterminated",
            "/* unterminated",
            "zone \"x\" { file",
            "/",
        ] {
            let _ = parse(text);
        }
        let deep = "{".repeat(100_000) + &"}".repeat(100_000);
        assert_eq!(parse(&deep), Statements::default());
    }

    #[test]
    fn origins_from_files_and_includes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("bind/zones")).unwrap();
        std::fs::write(
            root.join("bind/named.conf"),
            "options { directory \"zones\"; };\ninclude \"bind/named.conf.local\";\n\
             zone \"example.com\" { file \"db.example.com\"; };\n\
             zone \"example.net\" { file \"/etc/bind/zones/db.example.net\"; };\n",
        )
        .unwrap();
        std::fs::write(
            root.join("bind/named.conf.local"),
            "zone \"example.org\" { file \"zones/db.example.org\"; };\n\
             include \"/etc/passwd\";\ninclude \"named.conf\";\n",
        )
        .unwrap();
        let mut origins = NamedOrigins::default();
        origins.read(&root.join("bind/named.conf"), root);
        let at = |p: &str| origins.origin_for(&root.join(p)).map(str::to_string);
        assert_eq!(
            at("bind/zones/db.example.com").as_deref(),
            Some("example.com.")
        );
        assert_eq!(
            at("bind/zones/db.example.net").as_deref(),
            Some("example.net.")
        );
        assert_eq!(
            at("bind/zones/db.example.org").as_deref(),
            Some("example.org.")
        );
        assert_eq!(at("bind/zones/db.other"), None);
        assert!(is_named_conf(Path::new("a/named.conf.local")));
        assert!(!is_named_conf(Path::new("a/named.config")));
    }
}
