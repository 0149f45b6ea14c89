//! The offline promise, tested rather than stated: a run opens no socket, no dependency of
//! the binary can do networking, and a run leaves the linted tree exactly as it was.
//!
//! The socket check runs the binary under `strace -f -e trace=network` (Debian `strace`,
//! installed by `.ci/run`): any system call of that class, `socket(` first, fails it. Where
//! `strace` is missing the test is skipped with a notice, unless `CI` is set, when a
//! missing `strace` is a failure. The dependency check reads `cargo tree` offline from the
//! lock file. The third test copies `fixtures/demo`, lints it in every output format and
//! compares every file's content and modification time, and every directory's listing and
//! modification time (a file made and removed again changes its directory's).

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use support::BIN;

/// Crates whose purpose is networking (clients, servers, TLS, async I/O, sockets, DNS).
const NETWORKING_CRATES: &[&str] = &[
    "async-std",
    "attohttpc",
    "curl",
    "curl-sys",
    "h2",
    "h3",
    "hickory-resolver",
    "http-body",
    "hyper",
    "hyper-util",
    "isahc",
    "mio",
    "native-tls",
    "openssl",
    "openssl-sys",
    "quinn",
    "reqwest",
    "rustls",
    "smol",
    "socket2",
    "surf",
    "tokio",
    "trust-dns-resolver",
    "ureq",
];

fn demo() -> PathBuf {
    support::crate_path("fixtures/demo")
}

#[test]
fn a_run_opens_no_socket() {
    if !support::on_path("strace", "-V") {
        support::skip(
            "the socket check",
            "`strace` is missing (`.ci/run` installs it)",
        );
        return;
    }
    let log = tempfile::NamedTempFile::new().unwrap();
    // `-qq` leaves out exit and signal notes: every line left is a network system call.
    let output = Command::new("strace")
        .args([
            "-f",
            "-qq",
            "-e",
            "trace=network",
            "-e",
            "signal=none",
            "-o",
        ])
        .arg(log.path())
        .args([BIN, "check", "--format", "json"])
        .arg(demo())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "the demo has findings: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let trace = fs::read_to_string(log.path()).unwrap();
    let calls: Vec<&str> = trace.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(calls.is_empty(), "network system calls: {calls:#?}");
}

#[test]
fn no_dependency_does_networking() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "--locked",
            "-e",
            "normal",
            "--prefix",
            "none",
        ])
        .args(["--format", "{p}"])
        .current_dir(support::crate_path(""))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo tree: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8(output.stdout).unwrap();
    let crates: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(crates.contains(&"ignore"), "unexpected tree: {tree}");
    let found: Vec<&&str> = crates
        .iter()
        .filter(|c| NETWORKING_CRATES.contains(c))
        .collect();
    assert!(
        found.is_empty(),
        "networking crates among the dependencies: {found:?}"
    );
}

/// What a file or directory was: its contents (a directory's: its sorted entry names) and
/// its modification time.
type Snapshot = BTreeMap<PathBuf, (Vec<u8>, SystemTime)>;

fn snapshot(root: &Path) -> Snapshot {
    let mut out = Snapshot::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(path) = stack.pop() {
        let meta = fs::symlink_metadata(&path).unwrap();
        let contents = if meta.is_dir() {
            let mut names: Vec<PathBuf> = fs::read_dir(&path)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            names.sort();
            let listing = names
                .iter()
                .map(|p| p.file_name().unwrap().to_string_lossy().into_owned() + "\n")
                .collect::<String>();
            stack.extend(names);
            listing.into_bytes()
        } else {
            fs::read(&path).unwrap()
        };
        out.insert(
            path.strip_prefix(root).unwrap().to_path_buf(),
            (contents, meta.modified().unwrap()),
        );
    }
    out
}

#[test]
fn a_run_changes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("demo");
    support::copy_dir(&demo(), &tree);
    let before = snapshot(&tree);
    assert!(before.len() > 5, "{:?}", before.keys());
    for format in ["human", "concise", "json"] {
        for cwd in [dir.path(), tree.as_path()] {
            let output = support::command(cwd, &["check", "--format", format])
                .arg(&tree)
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(1), "--format {format}");
        }
    }
    let after = snapshot(&tree);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "files were added or removed"
    );
    for (path, was) in &before {
        assert!(after[path] == *was, "`{}` changed", path.display());
    }
}
