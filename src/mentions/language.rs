//! What a file no DNS reader reads is written in, told by its name: prose (never searched),
//! or a language with a name users know and a comment syntax.
//!
//! Comments are found with the DNS readers' own finders where the syntax is the same:
//! YAML's for `#` languages (a `#` after a blank, outside quotes), HCL's for `//` and
//! `/* */` languages. Lua and SQL `--` comments are found here.

use std::path::Path;

use crate::extract::{terraform, yaml};
use crate::text::Span;

/// How a language writes comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Comments {
    /// `# ...` (shell, Python, Nix, Ruby, TOML...).
    Hash,
    /// `// ...` and `/* ... */` (JavaScript, TypeScript, Go, Rust, Java, C...).
    Slashes,
    /// `-- ...` (Lua, SQL, Haskell).
    Dashes,
    /// None known: every mention counts.
    None,
}

/// A language a file is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Language {
    /// What users call it: "Nix", "a shell script".
    pub name: &'static str,
    comments: Comments,
}

/// By file extension (lowercase), or whole name for files without one.
const LANGUAGES: &[(&[&str], &str, Comments)] = &[
    (&["nix"], "Nix", Comments::Hash),
    (&["lua"], "Lua", Comments::Dashes),
    (&["py", "pyi"], "Python", Comments::Hash),
    (
        &["sh", "bash", "zsh", "ksh"],
        "a shell script",
        Comments::Hash,
    ),
    (&["ps1", "psm1"], "PowerShell", Comments::Hash),
    (&["rb", "rake"], "Ruby", Comments::Hash),
    (&["pl", "pm"], "Perl", Comments::Hash),
    (&["toml"], "TOML", Comments::Hash),
    (
        &["ini", "cfg", "conf", "env", "properties"],
        "a configuration file",
        Comments::Hash,
    ),
    (
        &["hcl", "nomad", "pkr.hcl"],
        "HCL outside Terraform",
        Comments::Slashes,
    ),
    (
        &["j2", "jinja", "jinja2", "tpl", "tmpl", "gotmpl", "erb"],
        "a template",
        Comments::None,
    ),
    (
        &["js", "mjs", "cjs", "jsx"],
        "JavaScript",
        Comments::Slashes,
    ),
    (
        &["ts", "mts", "cts", "tsx"],
        "TypeScript",
        Comments::Slashes,
    ),
    (&["go"], "Go", Comments::Slashes),
    (&["rs"], "Rust", Comments::Slashes),
    (
        &["java", "kt", "kts", "scala", "groovy", "gradle"],
        "JVM code",
        Comments::Slashes,
    ),
    (&["cs", "fs"], ".NET code", Comments::Slashes),
    (
        &["c", "h", "cc", "cpp", "hpp"],
        "C or C++",
        Comments::Slashes,
    ),
    (&["php"], "PHP", Comments::Slashes),
    (&["swift", "dart"], "app code", Comments::Slashes),
    (&["cue"], "CUE", Comments::Slashes),
    (&["jsonnet", "libsonnet"], "Jsonnet", Comments::Slashes),
    (&["sql"], "SQL", Comments::Dashes),
    (&["hs", "dhall"], "Haskell or Dhall", Comments::Dashes),
    (&["xml", "svg"], "XML", Comments::None),
    (&["csv", "tsv"], "a table", Comments::None),
    (
        &["dockerfile", "containerfile"],
        "a Dockerfile",
        Comments::Hash,
    ),
    (
        &["makefile", "justfile", "mk"],
        "a makefile",
        Comments::Hash,
    ),
];

/// Prose: documentation that may name records without defining them.
const PROSE_EXTENSIONS: &[&str] = &[
    "md", "markdown", "mdx", "rst", "txt", "adoc", "asciidoc", "html", "htm", "org", "tex", "rtf",
    "pdf",
];

/// Names of prose files without a prose extension (`LICENSE`, `COPYING.LESSER`).
const PROSE_NAMES: &[&str] = &[
    "license",
    "licence",
    "copying",
    "notice",
    "authors",
    "contributors",
    "changelog",
    "changes",
    "history",
    "news",
    "readme",
    "contributing",
    "code_of_conduct",
    "security",
];

/// Whether a file is prose, by its name: never searched for mentions. A prose name with a
/// language's extension (`license.py`) is code.
pub fn is_prose(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    let (stem, extension) = match lower.rsplit_once('.') {
        Some((stem, extension)) => (stem, extension),
        None => (lower.as_str(), ""),
    };
    PROSE_EXTENSIONS.contains(&extension)
        || PROSE_NAMES.iter().any(|p| {
            stem.strip_prefix(p)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
        }) && Language::of(path).is_none()
}

impl Language {
    /// The language of a file by its name; `None` where the name does not tell.
    pub fn of(path: &Path) -> Option<Language> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let extension = name.rsplit_once('.').map_or(name.as_str(), |(_, e)| e);
        LANGUAGES
            .iter()
            .find(|(extensions, _, _)| {
                extensions.iter().any(|e| {
                    *e == extension
                        || *e == name
                        || name.strip_suffix(e).is_some_and(|rest| rest.ends_with('.'))
                })
            })
            .map(|&(_, name, comments)| Language { name, comments })
    }

    /// The comments of `text` written in this language.
    pub fn comments(self, text: &str) -> Vec<Span> {
        match self.comments {
            Comments::Hash => yaml::comments(text),
            Comments::Slashes => terraform::comments(text),
            Comments::Dashes => dash_comments(text),
            Comments::None => Vec::new(),
        }
    }
}

/// The comments of `text`, written in the language `path`'s name tells (none where it
/// does not).
pub fn comments(path: &Path, text: &str) -> Vec<Span> {
    Language::of(path).map_or_else(Vec::new, |language| language.comments(text))
}

/// `--` comments outside `"` and `'` strings, each to its line end.
fn dash_comments(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let bytes = line.as_bytes();
        let mut quote = None;
        let mut i = 0;
        while i < bytes.len() {
            match (quote, bytes[i]) {
                (Some(_), b'\\') => i += 1,
                (Some(q), b) if b == q => quote = None,
                (None, b'"' | b'\'') => quote = Some(bytes[i]),
                (None, b'-') if bytes.get(i + 1) == Some(&b'-') => {
                    let end = line.trim_end_matches(['\n', '\r']).len();
                    out.push(Span::new(
                        (line_start + i) as u32,
                        (line_start + end) as u32,
                    ));
                    break;
                }
                _ => {}
            }
            i += 1;
        }
        line_start += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_by_name() {
        for prose in [
            "README",
            "docs/x.md",
            "LICENSE-MIT",
            "COPYING",
            "a/notes.txt",
            "x.html",
        ] {
            assert!(is_prose(Path::new(prose)), "{prose}");
        }
        for code in [
            "flake.nix",
            "main.tf",
            "readme.nix",
            "license.py",
            "Makefile",
        ] {
            assert!(!is_prose(Path::new(code)), "{code}");
        }
    }

    #[test]
    fn languages_and_their_comments() {
        let lua = Language::of(Path::new("dns/records.lua")).unwrap();
        assert_eq!(lua.name, "Lua");
        let text = "x = \"a--b\" -- _smtp._tls\n";
        let found: Vec<&str> = lua
            .comments(text)
            .iter()
            .map(|s| &text[s.range()])
            .collect();
        assert_eq!(found, ["-- _smtp._tls"]);
        assert_eq!(
            Language::of(Path::new("Dockerfile")).unwrap().name,
            "a Dockerfile"
        );
        assert_eq!(
            Language::of(Path::new("x.pkr.hcl")).unwrap().name,
            "HCL outside Terraform"
        );
        assert_eq!(Language::of(Path::new("no-extension")), None);
    }
}
