//! JavaScript files named on the command line (pre-commit passes the staged ones): a
//! dnscontrol macro file is only meaningful as run by the `dnsconfig.js` that requires it,
//! so it is linted through that entry file; it is never read as a zone file.
//!
//! The entry is the nearest `dnsconfig.js` in the file's directory or above it, up to the
//! top of the path as written (pre-commit names files relative to the repository root) or,
//! for an absolute path, up to the directory that holds `.git`. The linter does not check
//! that the entry really requires the file: running the entry is what dnscontrol does with
//! it, and the entry's findings cover every file it reaches. Without an entry, a file whose
//! text calls dnscontrol's `D()` or `D_EXTEND()` is read as a configuration of its own
//! (`dnscontrol --config other.js`); any other JavaScript or TypeScript file is no DNS
//! source.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::extract::FileClass;

/// The name dnscontrol reads by default.
pub const ENTRY: &str = "dnsconfig.js";

/// How many leading bytes the content check reads.
const SNIFF_LEN: u64 = 64 * 1024;

/// Whether `path` names a JavaScript or TypeScript file.
pub fn is_script(path: &Path) -> bool {
    let lower = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(
        lower.as_deref(),
        Some("js" | "mjs" | "cjs" | "ts" | "mts" | "cts")
    )
}

/// The file to lint for the script `path`, and its class: the entry that runs it, the
/// script itself when it is a dnscontrol configuration, or none.
pub fn lint_target(path: &Path) -> Option<(PathBuf, FileClass)> {
    if let Some(entry) = entry_above(path) {
        return Some((entry, FileClass::DnsControl));
    }
    let is_js = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("js"));
    (is_js && calls_domain(path)).then(|| (path.to_path_buf(), FileClass::DnsControl))
}

/// The nearest `dnsconfig.js` at or above `path`'s directory.
fn entry_above(path: &Path) -> Option<PathBuf> {
    for dir in path.ancestors().skip(1) {
        let dir_or_cwd = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let entry = dir_or_cwd.join(ENTRY);
        if entry.is_file() {
            return Some(if dir.as_os_str().is_empty() {
                PathBuf::from(ENTRY)
            } else {
                entry
            });
        }
        if dir_or_cwd.join(".git").exists() {
            return None;
        }
    }
    None
}

/// Whether the first bytes of `path` call `D(` or `D_EXTEND(` as a whole word.
fn calls_domain(path: &Path) -> bool {
    let mut head = Vec::new();
    let read = fs::File::open(path).and_then(|f| f.take(SNIFF_LEN).read_to_end(&mut head));
    read.is_ok() && has_domain_call(&head)
}

fn has_domain_call(text: &[u8]) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b == b'.';
    memchr::memmem::find_iter(text, b"D(")
        .chain(memchr::memmem::find_iter(text, b"D_EXTEND("))
        .any(|at| at == 0 || !word(text[at - 1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_calls_are_whole_words() {
        assert!(has_domain_call(b"D(\"example.com\", REG)"));
        assert!(has_domain_call(b"  D_EXTEND('sub.example.com',"));
        assert!(!has_domain_call(b"ADD(1); foo.D(2)"));
        assert!(!has_domain_call(b"module.exports = {}"));
    }

    #[test]
    fn a_macro_file_is_linted_through_the_entry_above_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join(".git")).unwrap();
        fs::create_dir_all(root.join("dns/globals/macros")).unwrap();
        fs::write(root.join("dns/dnsconfig.js"), "").unwrap();
        fs::write(root.join("dns/globals/macros/mail.js"), "var M = [];").unwrap();
        fs::write(root.join("app.js"), "D('example.com', 'none');").unwrap();
        fs::write(root.join("web.js"), "console.log(1)").unwrap();
        fs::write(root.join("types.ts"), "D('example.com', 'none');").unwrap();
        assert_eq!(
            lint_target(&root.join("dns/globals/macros/mail.js")),
            Some((root.join("dns/dnsconfig.js"), FileClass::DnsControl))
        );
        assert_eq!(
            lint_target(&root.join("app.js")),
            Some((root.join("app.js"), FileClass::DnsControl))
        );
        assert_eq!(lint_target(&root.join("web.js")), None);
        assert_eq!(lint_target(&root.join("types.ts")), None);
        assert!(is_script(Path::new("a/B.JS")) && is_script(Path::new("x.ts")));
        assert!(!is_script(Path::new("db.example.com")));
    }
}
