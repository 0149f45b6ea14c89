//! Walking and classifying: which files under the named paths are DNS sources, and in
//! which reader reads each.
//!
//! Directories are walked in parallel with `ignore`, which honours `.gitignore` (also
//! outside a git repository) the way `rg` does. Hidden entries are skipped as `rg` skips
//! them, except `.well-known` directories, where an MTA-STS policy file lives
//! ([`is_skipped_hidden`]). Files are classified by name or path first; only names that
//! could be a zone file but need not be (`db.*`, `*.db`, a name like a domain) cost a read
//! of their first 4 KiB. Every other file costs nothing beyond the directory entry the walk
//! already has.
//!
//! Paths named on the command line are the user's explicit choice (pre-commit passes
//! files): they are linted whatever their name, unless `force_exclude` asks that they obey
//! the ignore rules too; a JavaScript file is linted through its dnscontrol entry file
//! ([`crate::js_entry`]). Output order is not decided here: the caller sorts.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use ignore::{IncrementalIgnore, WalkBuilder, WalkState};

use crate::config::PathFilter;
use crate::error::Error;
use crate::extract::FileClass;
use crate::files::{display_path, ignore_matcher, Known};

/// How to walk.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Skip explicitly named files that the walk would skip too.
    pub force_exclude: bool,
    /// The configuration's `include` / `exclude` globs (named files obey `exclude` only,
    /// and only with `force_exclude`).
    pub filter: PathFilter,
}

/// A file to lint.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub path: PathBuf,
    /// The path users see (see [`crate::files::display_path`]).
    pub display: String,
    /// Which reader reads it.
    pub class: FileClass,
    /// The path named on the command line that this file was found under.
    pub root: PathBuf,
    /// What the walk knows of the file's type.
    pub known: Known,
}

/// What the walk saw.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub files_seen: usize,
    /// The files `walk`'s `also` picked, with the named path each was found under, sorted.
    pub also: Vec<(PathBuf, PathBuf)>,
    /// Entries the walk could not enter or read (an unreadable directory), sorted: each is
    /// the caller's to report, and hides nothing else (as with `rg`, the walk goes on).
    pub errors: Vec<WalkError>,
}

/// An entry the walk could not read, and why.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
}

/// How many leading bytes a sniff reads.
const SNIFF_LEN: u64 = 4096;

/// Calls `visit` for every file to lint, possibly from several threads at once. A file
/// reached twice (named twice, or named and inside a named directory) is visited once.
/// Files for which `also` holds are not linted but listed in [`Stats::also`] with their
/// root: files that decide how others are read (a BIND `named.conf` gives zone files their
/// origins), found by the same walk so that a large tree is walked once. Every other file
/// goes to `other` (the mention scanner reads it there, on the walk's threads).
///
/// Only a named path that does not exist is an `Err`; what cannot be read inside a named
/// directory is listed in [`Stats::errors`].
pub fn walk(
    paths: &[PathBuf],
    options: &Options,
    also: fn(&Path) -> bool,
    visit: &(dyn Fn(Candidate) + Sync),
    other: &(dyn Fn(&Path, Known) + Sync),
) -> Result<Stats, Error> {
    for path in paths {
        if let Err(e) = fs::metadata(path) {
            return Err(Error::Path {
                path: path.clone(),
                message: io_message(&e),
            });
        }
    }
    // Only named paths that overlap reach a file twice: one walked directory never does,
    // and a monorepo's 100,000 paths are then neither copied nor hashed.
    let overlap = paths.len() > 1;
    let seen = Mutex::new(HashSet::new());
    let files_seen = AtomicUsize::new(0);
    let errors = Mutex::new(Vec::new());
    let found = Mutex::new(Vec::new());
    // Counts a file as seen and visits it if it is to be linted and was not seen before.
    let see = |path: &Path, class: Option<FileClass>, root: &Path, known: Known| {
        let first = !overlap || seen.lock().unwrap().insert(normalize(path));
        if first {
            files_seen.fetch_add(1, Ordering::Relaxed);
        }
        match (first, class) {
            (true, Some(class)) => visit(candidate(path, class, root, known)),
            (true, None) if also(path) => found
                .lock()
                .unwrap()
                .push((path.to_path_buf(), root.to_path_buf())),
            (true, None) => other(path, known),
            (false, _) => {}
        }
    };
    // Built once: a pre-commit hook may name hundreds of files.
    let mut from_cwd = options
        .force_exclude
        .then(|| ignore_matcher(Path::new(".")));
    for root in paths {
        let excluded = from_cwd.as_mut().is_some_and(|m| is_excluded(m, root))
            || options.force_exclude && options.filter.is_excluded_with_parents(root);
        if excluded {
            continue;
        }
        if root.is_dir() {
            walk_dir(root, options, &see, &errors);
        } else if crate::js_entry::is_script(root) {
            // Never a zone file: the dnscontrol entry that runs it, itself, or nothing.
            match crate::js_entry::lint_target(root) {
                Some((target, class)) => see(&target, Some(class), &target, Known::Nothing),
                None => see(root, None, root, Known::Nothing),
            }
        } else {
            let class = classify(root).or((!also(root)).then_some(FileClass::Zone));
            see(root, class, root, Known::Nothing);
        }
    }
    let mut errors = errors.into_inner().unwrap();
    errors.sort();
    errors.dedup();
    let mut also = found.into_inner().unwrap();
    also.sort();
    Ok(Stats {
        files_seen: files_seen.into_inner(),
        also,
        errors,
    })
}

/// What the walk does with each file: its path, its class if it is to be linted, the
/// named path it was found under, and what is known of its type.
type See<'a> = dyn Fn(&Path, Option<FileClass>, &Path, Known) + Sync + 'a;

/// Walks one directory in parallel.
fn walk_dir(root: &Path, options: &Options, see: &See, errors: &Mutex<Vec<WalkError>>) {
    WalkBuilder::new(root)
        .require_git(false)
        .hidden(false)
        .filter_entry(|e| {
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            e.depth() == 0 || !is_skipped_hidden(e.file_name(), is_dir)
        })
        .threads(options.threads)
        .build_parallel()
        .run(|| {
            Box::new(move |entry| {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(e) => {
                        errors.lock().unwrap().push(walk_error(root, &e));
                        return WalkState::Continue;
                    }
                };
                let filter = &options.filter;
                if entry.depth() > 0 && filter.is_excluded(entry.path()) {
                    return WalkState::Skip;
                }
                if !entry.file_type().is_some_and(|t| t.is_file())
                    || !filter.is_included(entry.path())
                {
                    return WalkState::Continue;
                }
                see(
                    entry.path(),
                    classify(entry.path()),
                    root,
                    Known::RegularFile,
                );
                WalkState::Continue
            })
        });
}

/// A path without `.` components, so `./a/x` and `a/x` are seen once.
fn normalize(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

fn candidate(path: &Path, class: FileClass, root: &Path, known: Known) -> Candidate {
    Candidate {
        path: path.to_path_buf(),
        display: display_path(path),
        class,
        root: root.to_path_buf(),
        known,
    }
}

/// Whether the walk would skip `path`: as if found by walking the working directory when
/// it is inside it, else by walking its own directory.
fn is_excluded(from_cwd: &mut IncrementalIgnore, path: &Path) -> bool {
    let is_dir = path.is_dir();
    if let Some(relative) = from_cwd.normalize(path) {
        return has_skipped_hidden(&relative, is_dir)
            || from_cwd.matched(relative, is_dir).is_ignore();
    }
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return false;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    ignore_matcher(parent).matched(name, is_dir).is_ignore() || is_skipped_hidden(name, is_dir)
}

/// Whether the walk skips an entry for being hidden: a name starting with `.`, except a
/// `.well-known` directory.
fn is_skipped_hidden(name: &OsStr, is_dir: bool) -> bool {
    name.as_encoded_bytes().starts_with(b".") && !(is_dir && name == ".well-known")
}

/// Whether any component of a relative path is skipped for being hidden (every component
/// but the last is a directory).
fn has_skipped_hidden(path: &Path, is_dir: bool) -> bool {
    let names: Vec<&OsStr> = path
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(name) => Some(name),
            _ => None,
        })
        .collect();
    let last = names.len().saturating_sub(1);
    names
        .iter()
        .enumerate()
        .any(|(i, name)| is_skipped_hidden(name, i < last || is_dir))
}

/// The class of a file (which reader reads it), by its name (or path) and, for names that only may be zone files,
/// by a sniff of its first bytes. `None`: not a DNS source.
pub fn classify(path: &Path) -> Option<FileClass> {
    let name = path.file_name()?.to_str()?;
    let parent = path.parent().and_then(Path::file_name);
    if name == "mta-sts.txt" && parent.is_some_and(|p| p == ".well-known") {
        return Some(FileClass::MtaStsPolicy);
    }
    if name == "dnsconfig.js" {
        return Some(FileClass::DnsControl);
    }
    let lower = name.to_ascii_lowercase();
    // Zone files kept as Jinja templates too (`extract::zone` reads them unrendered).
    let rendered = lower.strip_suffix(".j2").unwrap_or(&lower);
    if rendered.ends_with(".zone") || (rendered.starts_with("db.") && rendered.len() < lower.len())
    {
        return Some(FileClass::Zone);
    }
    if lower.ends_with(".nix") {
        return Some(FileClass::Nix);
    }
    if [".tf", ".tf.json", ".tfvars"]
        .iter()
        .any(|ext| lower.ends_with(ext))
    {
        return Some(FileClass::Terraform);
    }
    // OctoDNS, CloudFormation, external-dns: the extractor sniffs the content.
    if [".yaml", ".yml", ".json"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return Some(FileClass::Yaml);
    }
    let maybe_zone =
        lower.starts_with("db.") || lower.ends_with(".db") || looks_like_domain(&lower);
    (maybe_zone && sniff_zone(path)).then_some(FileClass::Zone)
}

/// Two-letter file extensions: names ending so are not taken for domains, though some
/// are country codes (`.rs`, `.sh`, `.md`).
const TWO_LETTER_EXTENSIONS: &[&str] = &[
    "ac", "am", "as", "cc", "cl", "cs", "el", "ex", "fs", "gd", "go", "gz", "hh", "hs", "in", "jl",
    "js", "kt", "la", "ll", "lo", "md", "mk", "ml", "mm", "mo", "nb", "pl", "pm", "po", "ps", "py",
    "qs", "rb", "rs", "sc", "sh", "so", "sv", "tf", "ts", "ui", "vb", "xz", "yy",
];

/// Longer top-level domains a zone file is likely named after. Longer labels are far more
/// often file extensions (`.json`, `.java`), so the rest are left to `db.` and `.zone`.
const LONG_TLDS: &[&str] = &[
    "agency",
    "app",
    "arpa",
    "biz",
    "blog",
    "cloud",
    "com",
    "company",
    "dev",
    "digital",
    "edu",
    "email",
    "gov",
    "group",
    "host",
    "info",
    "int",
    "internal",
    "invalid",
    "lan",
    "live",
    "local",
    "localhost",
    "mil",
    "name",
    "net",
    "network",
    "news",
    "online",
    "org",
    "page",
    "pro",
    "services",
    "shop",
    "site",
    "solutions",
    "space",
    "store",
    "systems",
    "tech",
    "test",
    "website",
    "xyz",
];

/// A name like `example.com`: two or more hostname labels ending in a country code that is
/// not also a common file extension, or in a common longer top-level domain.
fn looks_like_domain(name: &str) -> bool {
    let labels: Vec<&str> = name.split('.').collect();
    let hostname_label = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && l.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let tld = labels.last().copied().unwrap_or_default();
    let known_tld = if tld.len() == 2 {
        tld.bytes().all(|b| b.is_ascii_alphabetic()) && !TWO_LETTER_EXTENSIONS.contains(&tld)
    } else {
        LONG_TLDS.contains(&tld)
    };
    labels.len() >= 2 && labels.iter().all(hostname_label) && known_tld
}

/// Whether the first bytes of a file look like a master file: a `$ORIGIN` / `$TTL`
/// directive, an `SOA` token, or an `IN` class before a type. Binary files never do.
fn sniff_zone(path: &Path) -> bool {
    if !crate::files::is_regular_file(path).unwrap_or(false) {
        return false;
    }
    let mut head = Vec::new();
    let read = fs::File::open(path).and_then(|f| f.take(SNIFF_LEN).read_to_end(&mut head));
    if read.is_err() || head.contains(&0) {
        return false;
    }
    looks_like_zone(&String::from_utf8_lossy(&head))
}

fn looks_like_zone(head: &str) -> bool {
    head.lines().any(|line| {
        let line = line.split(';').next().unwrap_or("");
        let upper = line.trim_start().to_ascii_uppercase();
        if upper.starts_with("$ORIGIN") || upper.starts_with("$TTL") {
            return true;
        }
        let tokens: Vec<&str> = line.split_ascii_whitespace().collect();
        tokens.iter().any(|t| t.eq_ignore_ascii_case("SOA"))
            || tokens.windows(2).any(|w| {
                w[0] == "IN" && !w[1].is_empty() && w[1].bytes().all(|b| b.is_ascii_uppercase())
            })
    })
}

fn walk_error(root: &Path, error: &ignore::Error) -> WalkError {
    let path = error_path(error).unwrap_or(root).to_path_buf();
    WalkError {
        path,
        message: match error.io_error() {
            Some(io) => io_message(io),
            None => error.to_string(),
        },
    }
}

/// The path an `ignore` error is about, through its wrappers.
fn error_path(error: &ignore::Error) -> Option<&Path> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

fn io_message(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_like_names() {
        assert!(looks_like_domain("example.org"));
        assert!(looks_like_domain("mail.example.com"));
        assert!(looks_like_domain("_smtp._tls.example.net"));
        assert!(looks_like_domain("example.com"));
        assert!(looks_like_domain("example.co.uk"));
        assert!(!looks_like_domain("main.java"));
        assert!(!looks_like_domain("readme.md"));
        assert!(!looks_like_domain("main.rs"));
        assert!(!looks_like_domain("cargo.toml"));
        assert!(!looks_like_domain("archive.tar.gz"));
        assert!(!looks_like_domain("makefile"));
        assert!(!looks_like_domain("192.168.1"));
        assert!(!looks_like_domain(".example.org"));
    }

    #[test]
    fn zone_sniff() {
        assert!(looks_like_zone("$ORIGIN example.com.\n"));
        assert!(looks_like_zone("  $ttl 3600\n"));
        assert!(looks_like_zone("@ 3600 in soa ns1 host 1 2 3 4 5\n"));
        assert!(looks_like_zone("www IN A 192.0.2.1\n"));
        assert!(!looks_like_zone("Put this in a file\n"));
        assert!(!looks_like_zone("; $ORIGIN in a comment\n"));
        assert!(!looks_like_zone("we were IN the loop\n"));
    }

    fn collect(paths: &[PathBuf], options: &Options) -> (Vec<(String, PathBuf)>, Stats) {
        let found = Mutex::new(Vec::new());
        let visit = |c: Candidate| {
            found
                .lock()
                .unwrap()
                .push((c.path.display().to_string(), c.root));
        };
        let stats = walk(paths, options, |_| false, &visit, &|_, _| {}).unwrap();
        let mut found = found.into_inner().unwrap();
        found.sort();
        (found, stats)
    }

    #[test]
    fn candidates_know_their_root_and_are_visited_once() {
        let dir = tempfile::tempdir().unwrap();
        let zones = dir.path().join("zones");
        fs::create_dir_all(zones.join("sub")).unwrap();
        fs::write(zones.join("a.zone"), "").unwrap();
        fs::write(zones.join("sub/b.zone"), "").unwrap();
        fs::write(zones.join("notes.txt"), "").unwrap();
        let named = zones.join("sub/b.zone");
        let (found, stats) = collect(&[zones.clone(), named.clone()], &Options::default());
        assert_eq!(
            found,
            [
                (zones.join("a.zone").display().to_string(), zones.clone()),
                (named.display().to_string(), zones.clone()),
            ]
        );
        assert_eq!(stats.files_seen, 3);
        let (found, _) = collect(std::slice::from_ref(&named), &Options::default());
        assert_eq!(found, [(named.display().to_string(), named.clone())]);
    }

    #[test]
    fn well_known_directories_are_the_only_hidden_ones_walked() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for sub in [".git", ".hidden", ".well-known", "site/.well-known"] {
            fs::create_dir_all(root.join(sub)).unwrap();
        }
        for file in [
            ".git/mta-sts.txt",
            ".hidden/a.zone",
            ".well-known/mta-sts.txt",
            ".well-known/.b.zone",
            ".well-known/security.txt",
            "site/.well-known/mta-sts.txt",
            "mta-sts.txt",
        ] {
            fs::write(root.join(file), "").unwrap();
        }
        let (found, stats) = collect(&[root.to_path_buf()], &Options::default());
        let found: Vec<String> = found.into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            found,
            [
                root.join(".well-known/mta-sts.txt").display().to_string(),
                root.join("site/.well-known/mta-sts.txt")
                    .display()
                    .to_string(),
            ]
        );
        assert_eq!(stats.files_seen, 4);
        assert_eq!(
            classify(Path::new("x/.well-known/mta-sts.txt")),
            Some(FileClass::MtaStsPolicy)
        );
        assert_eq!(classify(Path::new("x/well-known/mta-sts.txt")), None);
        assert_eq!(
            classify(Path::new("dns/dnsconfig.js")),
            Some(FileClass::DnsControl)
        );
        assert_eq!(classify(Path::new("dns/helpers.js")), None);
        assert!(has_skipped_hidden(Path::new("a/.git/x"), false));
        assert!(has_skipped_hidden(Path::new(".well-known/.x"), false));
        assert!(!has_skipped_hidden(
            Path::new("./a/.well-known/mta-sts.txt"),
            false
        ));
    }

    #[test]
    fn terraform_files_are_classified_by_name() {
        for name in ["main.tf", "dns.tf.json", "prod.tfvars", "MAIN.TF"] {
            assert_eq!(
                classify(Path::new(name)),
                Some(FileClass::Terraform),
                "{name}"
            );
        }
        assert_eq!(classify(Path::new("main.tf.bak")), None);
        for name in ["templates/example.com.zone.j2", "db.example.com.j2"] {
            assert_eq!(classify(Path::new(name)), Some(FileClass::Zone), "{name}");
        }
        assert_eq!(classify(Path::new("templates/nginx.conf.j2")), None);
    }

    #[test]
    fn a_missing_path_is_an_error() {
        let missing = PathBuf::from("/no/such/path/here");
        let error = walk(
            &[missing],
            &Options::default(),
            |_| false,
            &|_| {},
            &|_, _| {},
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "/no/such/path/here: no such file or directory"
        );
    }
}
