//! Hostile inputs: generated files that must each end in bounded time and memory, with a
//! diagnostic (or silence where that is right) and without a panic, while the other files of
//! the same run are still linted.
//!
//! Every case writes its files into a temporary directory next to a known-bad policy
//! (`bad/policy.zone`, a `missing-rua` finding) and runs the binary on the lot, so a hostile
//! file that stopped the run, or swallowed its neighbours, fails the test. The binary runs in
//! its own process group under a deadline (killed on expiry) and, when GNU `time` is at
//! `/usr/bin/time`, with its peak resident memory measured; without it the memory assertion
//! is skipped with a notice.
//!
//! Nothing large is committed: the 100 MB line and the 100,000-URI list are generated here.
//! Nesting 10,000 deep in YAML, JSON and HCL, a YAML alias bomb, deep and endless
//! JavaScript (`dnsconfig.js`), and Ansible (deep blocks, a 100 MB value, expanding
//! variables) are covered too.

mod support;

use std::fs;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::BIN;

const GNU_TIME: &str = "/usr/bin/time";

/// A run over small files that takes longer than this (a debug build, on a busy 2-core
/// machine) is a hang.
const DEADLINE: Duration = Duration::from_secs(30);
/// The 100 MB line: every rule reads the value it holds, which a debug build does at a few
/// MB/s (a release build takes about 4 s).
const BIG_DEADLINE: Duration = Duration::from_secs(150);
/// Peak memory allowed for a run over small files.
const SMALL_RUN_MEMORY: u64 = 256 << 20;

/// The neighbour every run must still lint.
/// (Its MTA-STS record keeps `tlsrpt-without-mta-sts` quiet.)
const BAD_POLICY: &str =
    "$ORIGIN example.com.\n_smtp._tls IN TXT \"v=TLSRPTv1\"\n_mta-sts IN TXT \"v=STSv1; id=1\"\n";
/// Its finding, in the concise format.
const BAD_FINDING: &str = "bad/policy.zone:2:20: error[TLSRPT105 missing-rua]";

/// What one run of the binary did.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    /// Peak resident set size in bytes, when measured.
    peak: Option<u64>,
}

/// A temporary directory holding the known-bad policy, for one hostile case.
fn case() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("bad")).unwrap();
    fs::write(dir.path().join("bad/policy.zone"), BAD_POLICY).unwrap();
    dir
}

/// Runs `tlsrpt-lint check --format concise` with `paths` in `dir`, under the deadline.
fn check(dir: &Path, paths: &[&str]) -> Run {
    let mut args = vec!["check", "--format", "concise"];
    args.extend_from_slice(paths);
    run(dir, &args, DEADLINE)
}

fn run(dir: &Path, args: &[&str], deadline: Duration) -> Run {
    let out = tempfile::tempdir().unwrap();
    let (stdout, stderr, rss) = (
        out.path().join("stdout"),
        out.path().join("stderr"),
        out.path().join("rss"),
    );
    let timed = Path::new(GNU_TIME).exists();
    let mut command = if timed {
        let mut c = Command::new(GNU_TIME);
        c.arg("-f").arg("%M").arg("-o").arg(&rss).arg(BIN);
        c
    } else {
        Command::new(BIN)
    };
    let start = Instant::now();
    let mut child = command
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&stdout).unwrap())
        .stderr(fs::File::create(&stderr).unwrap())
        .process_group(0)
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > deadline {
            // The whole group: `time` and the linter under it.
            let group = format!("-{}", child.id());
            let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
            let _ = child.wait();
            panic!(
                "`tlsrpt-lint {}` still running after {deadline:?}",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = start.elapsed();
    let measured = fs::read_to_string(&rss).unwrap_or_default();
    // GNU `time` notes a signal on a line of its own and exits 128 + the signal.
    assert!(
        status.signal().is_none() && !measured.contains("signal"),
        "`tlsrpt-lint {}` was killed by a signal: {measured}",
        args.join(" ")
    );
    let peak = measured
        .lines()
        .last()
        .and_then(|l| l.trim().parse::<u64>().ok())
        .map(|kib| kib * 1024);
    let run = Run {
        code: status.code().unwrap(),
        stdout: String::from_utf8_lossy(&fs::read(&stdout).unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&fs::read(&stderr).unwrap()).into_owned(),
        elapsed,
        peak,
    };
    println!(
        "`{}`: exit {} in {:.2?}, peak {}",
        args.join(" "),
        run.code,
        run.elapsed,
        run.peak
            .map_or("not measured".to_string(), |p| format!("{} MiB", p >> 20))
    );
    assert_ne!(run.code, 101, "panicked: {}", run.stderr);
    run
}

/// Asserts the run linted the neighbour, stayed under `memory` bytes, and reported `want`
/// lines (each a substring of some output line).
fn assert_linted(run: &Run, memory: u64, want: &[&str]) {
    assert_eq!(
        run.code,
        1,
        "stdout: {}\nstderr: {}",
        head(&run.stdout),
        run.stderr
    );
    assert!(
        run.stdout.contains(BAD_FINDING),
        "the neighbour was not linted: {}",
        head(&run.stdout)
    );
    for want in want {
        assert!(
            run.stdout.lines().any(|l| l.contains(want)),
            "no `{want}` in: {}",
            head(&run.stdout)
        );
    }
    match run.peak {
        Some(peak) => assert!(
            peak <= memory,
            "peak memory {} MiB over {} MiB",
            peak >> 20,
            memory >> 20
        ),
        None => println!("notice: {GNU_TIME} is missing; memory not measured"),
    }
}

/// The first 2,000 characters of some output, for failure messages.
fn head(text: &str) -> &str {
    let end = text.char_indices().nth(2000).map_or(text.len(), |(i, _)| i);
    &text[..end]
}

fn write(dir: &Path, path: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(path);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, contents).unwrap();
    path
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

#[test]
fn a_100_mb_single_line() {
    let dir = case();
    write(dir.path(), "big.zone", policy_line(100 << 20));
    // The file, the decoded value, and one lowercase copy at a time; the zone-file peers
    // take 3-4 times the file.
    let memory = 4 * (100 << 20);
    let run = run(
        dir.path(),
        &["check", "--format", "concise", "."],
        BIG_DEADLINE,
    );
    assert_linted(
        &run,
        memory,
        &["big.zone:1:33: error[TLSRPT308 txt-string-too-long] character-string is 104857567 octets long"],
    );
}

/// A 100 MB owner name is one over-long label; a 100 MB comment is nothing at all.
#[test]
fn a_100_mb_owner_name_and_comment() {
    let dir = case();
    let mut name = vec![b'a'; 100 << 20];
    name.extend_from_slice(b" IN TXT \"v=TLSRPTv1\"\n");
    write(dir.path(), "name.zone", &name);
    let run = check(dir.path(), &["."]);
    assert_linted(
        &run,
        3 * (100 << 20),
        &["name.zone:1:1: error[TLSRPT001 source-syntax-error] expected a label of at most `63` octets, found `104857600`"],
    );
    let dir = case();
    let mut comment = b"; ".to_vec();
    comment.resize(100 << 20, b'a');
    write(dir.path(), "comment.zone", &comment);
    let run = check(dir.path(), &["."]);
    assert_linted(&run, 2 * (100 << 20), &[]);
    assert_eq!(run.stdout.lines().count(), 2, "{}", head(&run.stdout));
}

/// A file over the size limit (sparse: it costs no disk) is refused unread.
#[test]
fn a_file_over_the_size_limit() {
    let dir = case();
    let file = fs::File::create(dir.path().join("huge.zone")).unwrap();
    file.set_len(300 << 20).unwrap();
    let run = check(dir.path(), &["."]);
    assert_linted(
        &run,
        SMALL_RUN_MEMORY,
        &["huge.zone:1:1: error[TLSRPT003 unreadable-file] file is 314572800 bytes, over the 268435456 byte limit"],
    );
}

/// The default (snippet) format over a 1 MB line: the snippet is cut, not printed whole.
#[test]
fn a_1_mb_line_in_a_snippet() {
    let dir = case();
    write(dir.path(), "big.zone", policy_line(1 << 20));
    let run = run(dir.path(), &["check", "--color", "never", "."], DEADLINE);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("--> bad/policy.zone:2:20"));
    assert!(run.stdout.contains("--> big.zone:1:33"));
    assert!(run.stdout.len() < 10_000, "{}", head(&run.stdout));
    assert!(run.peak.is_none_or(|p| p <= SMALL_RUN_MEMORY));
}

/// A one-line policy record of `size` bytes, most of them in one extension value.
fn policy_line(size: usize) -> Vec<u8> {
    let mut line =
        b"_smtp._tls.example.com. IN TXT \"v=TLSRPTv1; rua=mailto:a@example.com; x=".to_vec();
    line.resize(size - 1, b'a');
    line.push(b'"');
    line
}

/// The default (snippet) format on `dir`.
fn run_human(dir: &Path) {
    let run = run(dir, &["check", "--color", "never", "."], DEADLINE);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("bad/policy.zone:2:20"));
}

#[test]
fn a_million_nested_parentheses() {
    let dir = case();
    let mut text = b"_smtp._tls.example.com. IN TXT ".to_vec();
    text.resize(text.len() + 1_000_000, b'(');
    text.extend_from_slice(b" \"v=TLSRPTv1\"\n");
    write(dir.path(), "parens.zone", &text);
    // And closed again, so the record is read.
    text.pop();
    text.resize(text.len() + 1_000_000, b')');
    write(dir.path(), "balanced.zone", &text);
    let run = check(dir.path(), &["."]);
    assert_linted(
        &run,
        SMALL_RUN_MEMORY,
        &[
            "parens.zone:1:32: error[TLSRPT001 source-syntax-error] unclosed `(`",
            "balanced.zone:1:1000034: error[TLSRPT105 missing-rua]",
        ],
    );
}

#[test]
fn ten_thousand_nested_parentheses() {
    let dir = case();
    let text = format!(
        "_smtp._tls.example.com. IN TXT {} \"v=TLSRPTv1\" {}\n",
        "(".repeat(10_000),
        ")\n".repeat(10_000)
    );
    write(dir.path(), "deep.zone", text);
    let run = check(dir.path(), &["."]);
    assert_linted(
        &run,
        SMALL_RUN_MEMORY,
        &["deep.zone:1:10034: error[TLSRPT105 missing-rua]"],
    );
    run_human(dir.path());
}

#[test]
fn ten_thousand_nested_hcl_brackets() {
    let dir = case();
    let text = format!(
        "locals {{\n  x = {}\"TXT\"{}\n}}\n",
        "[{ a = ".repeat(10_000),
        " }]".repeat(10_000)
    );
    write(dir.path(), "deep.tf", text);
    let run = check(dir.path(), &["."]);
    assert_linted(
        &run,
        SMALL_RUN_MEMORY,
        &["deep.tf:2:", "error[TLSRPT001 source-syntax-error]"],
    );
    run_human(dir.path());
}

#[test]
fn ten_thousand_nested_yaml_and_json() {
    let dir = case();
    let deep =
        |open: &str, close: &str| format!("{}1{}", open.repeat(10_000), close.repeat(10_000));
    // Flow and block nesting in an OctoDNS zone file, and a CloudFormation JSON template.
    write(
        dir.path(),
        "zones/flow.example.com.yaml",
        format!("_smtp._tls:\n  type: TXT\n  value: {}\n", deep("[", "]")),
    );
    write(
        dir.path(),
        "zones/block.example.com.yaml",
        format!(
            "_smtp._tls:\n  type: TXT\n  value:\n    {}x\n",
            "- ".repeat(10_000)
        ),
    );
    write(
        dir.path(),
        "stack.json",
        format!(
            "{{\"Resources\": {{\"R\": {{\"Type\": \"AWS::Route53::RecordSet\", \"Properties\": {}}}}}}}",
            deep("{\"a\": ", "}")
        ),
    );
    let run = check(dir.path(), &["."]);
    assert_linted(
        &run,
        SMALL_RUN_MEMORY,
        &[
            "zones/flow.example.com.yaml:3:",
            "zones/block.example.com.yaml:4:",
            "stack.json:1:",
        ],
    );
    assert_eq!(
        run.stdout.matches("TLSRPT001").count(),
        3,
        "{}",
        head(&run.stdout)
    );
}

#[test]
fn a_yaml_alias_bomb() {
    let dir = case();
    // "Billion laughs": ten levels of ten aliases each stand for 10^10 nodes.
    let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..=10 {
        let p = format!("*a{}", i - 1);
        text.push_str(&format!("a{i}: &a{i} [{}]\n", [p.as_str(); 10].join(", ")));
    }
    text.push_str("_smtp._tls:\n  type: TXT\n  value: *a10\n");
    write(dir.path(), "zones/example.com.yaml", text);
    let run = check(dir.path(), &["."]);
    assert_linted(
        &run,
        SMALL_RUN_MEMORY,
        &["zones/example.com.yaml:", "aliases expand to more than"],
    );
}

#[test]
fn undecodable_text() {
    let dir = case();
    write(
        dir.path(),
        "latin1.zone",
        b"$ORIGIN example.com.\n_smtp._tls IN TXT \"v=TLSRPTv1; rua=mailto:r\xe9@example.com\"\n",
    );
    let utf16: Vec<u8> = "\u{feff}$ORIGIN example.com.\n_smtp._tls IN TXT \"v=TLSRPTv1\"\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    write(dir.path(), "utf16.zone", utf16);
    let run = check(dir.path(), &["."]);
    assert_linted(
        &run,
        SMALL_RUN_MEMORY,
        &[
            "latin1.zone:1:1: error[TLSRPT003 unreadable-file] file is not UTF-8 text (invalid byte at offset 64)",
            "utf16.zone:1:1: error[TLSRPT003 unreadable-file] file is UTF-16 text",
        ],
    );
}

#[test]
fn nul_bytes() {
    let dir = case();
    write(
        dir.path(),
        "nul.zone",
        b"$ORIGIN example.com.\n\0\0 IN A 192.0.2.1\n_smtp._tls IN TXT \"v=TLSRPTv1; rua=mailto:a\0@example.com\"\n\0",
    );
    let run = check(dir.path(), &["."]);
    assert_linted(
        &run,
        SMALL_RUN_MEMORY,
        &["nul.zone:3:44: error[TLSRPT113 control-character]"],
    );
}

#[test]
fn a_symlink_loop() {
    let dir = case();
    symlink("..", dir.path().join("bad/loop")).unwrap();
    symlink("loop.zone", dir.path().join("loop.zone")).unwrap();
    // Not followed in a walk: silence.
    let run = check(dir.path(), &["."]);
    assert_linted(&run, SMALL_RUN_MEMORY, &[]);
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
    // Named, the directory link is walked once; a file link to itself is an error of the
    // command line, like any path that does not exist.
    let run = check(dir.path(), &["bad/loop"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("error[TLSRPT105 missing-rua]"));
    let run = check(dir.path(), &["loop.zone", "bad"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("loop.zone"), "{}", run.stderr);
}

#[test]
fn a_fifo_is_never_opened() {
    let dir = case();
    mkfifo(&dir.path().join("x.zone"));
    mkfifo(&dir.path().join("db.example.com"));
    write(
        dir.path(),
        "include.zone",
        "$ORIGIN example.com.\n$INCLUDE x.zone\n",
    );
    // A walk passes over it.
    let run = check(dir.path(), &["."]);
    assert_linted(
        &run,
        SMALL_RUN_MEMORY,
        &["include.zone:2:10: error[TLSRPT003 unreadable-file] cannot read `$INCLUDE` file `x.zone`: not a regular file"],
    );
    // Named, it is reported, whether its name is a zone's or only may be one.
    let run = check(dir.path(), &["x.zone", "db.example.com", "bad"]);
    assert_linted(
        &run,
        SMALL_RUN_MEMORY,
        &[
            "x.zone:1:1: error[TLSRPT003 unreadable-file] not a regular file",
            "db.example.com:1:1: error[TLSRPT003 unreadable-file] not a regular file",
        ],
    );
}

#[test]
fn a_file_without_read_permission() {
    let dir = case();
    let locked = write(
        dir.path(),
        "locked.zone",
        "$ORIGIN example.com.\n_smtp._tls IN TXT \"v=TLSRPTv1\"\n",
    );
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    symlink("nowhere.zone", dir.path().join("dangling.zone")).unwrap();
    write(
        dir.path(),
        "include.zone",
        "$ORIGIN example.com.\n$INCLUDE dangling.zone\n",
    );
    let run = check(dir.path(), &["."]);
    let mut want = vec![
        "include.zone:2:10: error[TLSRPT003 unreadable-file] cannot read `$INCLUDE` file `dangling.zone`: file not found",
    ];
    if is_root() {
        println!("notice: running as root, so a mode 000 file is readable; permission not checked");
    } else {
        want.push("locked.zone:1:1: error[TLSRPT003 unreadable-file] permission denied");
    }
    assert_linted(&run, SMALL_RUN_MEMORY, &want);
}

#[test]
fn includes_of_itself_and_outside_the_tree() {
    let dir = case();
    fs::create_dir(dir.path().join("zones")).unwrap();
    write(
        dir.path(),
        "zones/self.zone",
        "$ORIGIN example.com.\n$INCLUDE self.zone\n$INCLUDE ./self.zone\n$INCLUDE ../../etc/passwd\n",
    );
    // Every level names the file afresh (`zones/../zones/self.zone`...), so only the depth
    // limit and the include budget stop it; three includes a level would be 3^16 reads.
    write(
        dir.path(),
        "zones/fan.zone",
        "$ORIGIN example.com.\n$INCLUDE ../zones/fan.zone\n$INCLUDE ../zones/fan.zone\n$INCLUDE ../zones/fan.zone\n",
    );
    let run = check(dir.path(), &["."]);
    assert_linted(
        &run,
        SMALL_RUN_MEMORY,
        &[
            "zones/self.zone:2:10: error[TLSRPT003 unreadable-file] `$INCLUDE` loop",
            "zones/self.zone:3:10: error[TLSRPT003 unreadable-file] `$INCLUDE` loop",
            "zones/self.zone:4:10: error[TLSRPT003 unreadable-file] cannot read `$INCLUDE` file `../../etc/passwd`",
            "zones/fan.zone:2:10: error[TLSRPT003 unreadable-file]",
        ],
    );
}

#[test]
fn a_rua_list_of_100_000_uris() {
    let dir = case();
    let uris: Vec<String> = (0..100_000)
        .map(|i| format!("mailto:r{i}@example.com"))
        .collect();
    policy_zone(
        dir.path(),
        "many",
        &format!("v=TLSRPTv1; rua={}", uris.join(",")),
    );
    // And the same URI 100,000 times: one duplicate finding each.
    let same = ["mailto:r@example.com"; 100_000].join(",");
    policy_zone(dir.path(), "same", &format!("v=TLSRPTv1; rua={same}"));
    // Each file its own zone: one policy name in two files would be `multiple-policy-records`.
    let run = check(dir.path(), &["."]);
    assert_linted(
        &run,
        SMALL_RUN_MEMORY,
        &["same.zone:2:59: warning[TLSRPT207 duplicate-uri]"],
    );
    assert!(!run.stdout.contains("many.zone"), "{}", head(&run.stdout));
}

/// Writes `<name>.zone` with a policy at `_smtp._tls.<name>.example.com.` holding `value`,
/// as a zone file writes a long value: character-strings of 255 octets.
fn policy_zone(dir: &Path, name: &str, value: &str) {
    let strings: Vec<String> = value
        .as_bytes()
        .chunks(255)
        .map(|c| format!("\"{}\"", std::str::from_utf8(c).unwrap()))
        .collect();
    write(
        dir,
        &format!("{name}.zone"),
        format!(
            "$ORIGIN {name}.example.com.\n_smtp._tls IN TXT ( {} )\n_mta-sts IN TXT \"v=STSv1; id=1\"\n",
            strings.join("\n ")
        ),
    );
}

#[test]
fn names_over_the_rfc_1035_limits() {
    let dir = case();
    let label = "a".repeat(64);
    let long = ["b".repeat(63).as_str(); 4].join(".");
    write(
        dir.path(),
        "names.zone",
        format!(
            "$ORIGIN example.com.\n{label} IN A 192.0.2.1\n_smtp._tls.{long} IN TXT \"v=TLSRPTv1\"\n\
             ok IN A 192.0.2.2\n{label}.example.org. IN A 192.0.2.3\n"
        ),
    );
    let run = check(dir.path(), &["."]);
    assert_linted(
        &run,
        SMALL_RUN_MEMORY,
        &[
            "names.zone:2:1: error[TLSRPT001 source-syntax-error] expected a label of at most `63` octets, found `64`",
            "names.zone:3:1: error[TLSRPT001 source-syntax-error] expected a domain name of at most `255` octets, found `280`",
            "names.zone:5:1: error[TLSRPT001 source-syntax-error] expected a label of at most `63` octets, found `64`",
        ],
    );
}

#[test]
fn deep_and_endless_javascript() {
    let dir = case();
    // A million brackets: refused before parsing.
    write(dir.path(), "brackets/dnsconfig.js", "[".repeat(1_000_000));
    // Ten thousand nested calls and a 20,000-term concatenation: parsed, evaluated up to
    // the depth limit.
    let deep = format!(
        "var x = {}1{};\nvar y = {}'a';\n",
        "f(".repeat(10_000),
        ")".repeat(10_000),
        "'a' + ".repeat(20_000)
    );
    write(dir.path(), "deep/dnsconfig.js", deep);
    // Endless loops and recursion: stopped by the step and depth limits.
    let endless = "function f(x) { return f([x, x]); }\nf('a');\nwhile (true) {}\n\
        D('example.com', 'none', TXT('_smtp._tls', 'v=TLSRPTv1'));\n";
    write(dir.path(), "endless/dnsconfig.js", endless);
    let run = check(dir.path(), &["."]);
    assert_linted(
        &run,
        SMALL_RUN_MEMORY,
        &[
            "brackets/dnsconfig.js:1:",
            "error[TLSRPT001 source-syntax-error] brackets and operators nested more than",
            "deep/dnsconfig.js:1:",
            "info[TLSRPT002 unevaluated-value] expressions and calls nest more than 200 deep",
            "endless/dnsconfig.js:1:27: info[TLSRPT002 unevaluated-value] expressions and calls nest",
        ],
    );
}

/// Ansible: blocks nested 10,000 deep, a 100 MB Route 53 value, and variables that expand
/// into each other ten times on each of eight levels.
#[test]
fn deep_big_and_expanding_ansible() {
    let dir = case();
    let mut deep = String::new();
    for level in 0..10_000 {
        deep.push_str(&" ".repeat(level * 2));
        deep.push_str("- block:\n");
    }
    deep.push_str(&" ".repeat(20_000));
    deep.push_str("- route53: {type: TXT}\n");
    write(dir.path(), "deep/tasks/main.yml", deep);
    let mut big = b"- amazon.aws.route53:\n    zone: example.org\n    record: _smtp._tls.example.org\n    type: TXT\n    value: '\"v=TLSRPTv1; rua=mailto:a@example.org; x=".to_vec();
    big.resize(100 << 20, b'a');
    big.extend_from_slice(b"\"'\n");
    write(dir.path(), "big/tasks/main.yml", &big);
    let mut vars = String::from("v0: ''\n");
    for i in 1..=8 {
        vars.push_str(&format!(
            "v{i}: \"{}\"\n",
            format!("{{{{ v{} }}}}", i - 1).repeat(10)
        ));
    }
    write(dir.path(), "bomb/group_vars/all.yml", vars);
    write(
        dir.path(),
        "bomb/tasks/main.yml",
        "- cloudflare_dns:\n    zone: example.net\n    record: \"_smtp._tls{{ v8 }}\"\n    type: TXT\n    value: v=TLSRPTv1\n",
    );
    let run = run(
        dir.path(),
        &["check", "--format", "concise", "."],
        BIG_DEADLINE,
    );
    // The file, the YAML parser's buffer as it grows, the scalar, its decoded value and the
    // strings Route 53 reads from it.
    assert_linted(
        &run,
        6 * (100 << 20),
        &[
            "deep/tasks/main.yml:",
            "error[TLSRPT001 source-syntax-error]",
            "big/tasks/main.yml:5:52: info[TLSRPT109 unknown-field] unknown field `x`",
            "bomb/tasks/main.yml:3:",
            "info[TLSRPT002 unevaluated-value] the record name needs `{{ v8 }}`",
        ],
    );
}

/// Ansible loops: lists of 10,000 items (in the task and in `group_vars/`), a list that
/// names itself, and 10,000 tasks that each loop over the same 1,000 items (ten million
/// records, were nothing bounded).
#[test]
fn long_self_naming_and_repeated_ansible_loops() {
    let dir = case();
    let task = |list: &str| {
        format!("- name: _smtp._tls records\n  cloudflare_dns:\n    zone: example.org\n    record: \"{{{{ item.name }}}}\"\n    type: TXT\n    value: \"{{{{ item.value }}}}\"\n  loop: {list}\n")
    };
    let item = |i: usize| {
        format!("  - {{name: _smtp._tls.d{i}, value: \"v=TLSRPTv1; rua=mailto:a@example.org\"}}\n")
    };
    // Long lists without markers: each mention not read would be a finding of its own.
    let plain = |i: usize| format!("  - {{name: d{i}, value: x}}\n");
    let mut vars = String::from("long:\n");
    vars.extend((0..10_000).map(plain));
    vars.push_str("thousand:\n");
    vars.extend((0..1000).map(item));
    vars.push_str("itself: \"{{ itself }}\"\n");
    write(dir.path(), "group_vars/all.yml", vars);
    write(dir.path(), "long/tasks/main.yml", task("\"{{ long }}\""));
    let inline: String = (0..10_000).map(|i| format!("\n  {}", plain(i))).collect();
    write(dir.path(), "inline/tasks/main.yml", task(&inline));
    write(
        dir.path(),
        "itself/tasks/main.yml",
        task("\"{{ itself }}\""),
    );
    write(
        dir.path(),
        "repeated/tasks/main.yml",
        task("\"{{ thousand }}\"").repeat(10_000),
    );
    let run = run(dir.path(), &["check", "--format", "concise", "."], DEADLINE);
    assert_linted(
        &run,
        SMALL_RUN_MEMORY,
        &[
            "long/tasks/main.yml:4:14: info[TLSRPT002 unevaluated-value] the record name needs `{{ item.name }}`",
            "inline/tasks/main.yml:4:14: info[TLSRPT002 unevaluated-value]",
            "itself/tasks/main.yml:4:14: info[TLSRPT002 unevaluated-value]",
            // The file's first ten loops are read; the rest are not.
            "repeated/tasks/main.yml:74:14: info[TLSRPT002 unevaluated-value]",
        ],
    );
    let read = |line: usize| format!("repeated/tasks/main.yml:{line}:14: info[TLSRPT002");
    assert!(!run.stdout.contains(&read(67)), "{}", head(&run.stdout));
    // Each item of the thousand is a record, once, located in group_vars.
    assert!(run.stdout.contains("group_vars/all.yml:"));
}

#[test]
fn deep_long_and_endless_nix() {
    let dir = case();
    // Ten thousand nested sets and lists, and a 100,000-term concatenation: refused before
    // the parser (whose tree is freed by recursion) sees them.
    let deep = format!(
        "# _smtp._tls\n{}\"v=TLSRPTv1\"{}\n",
        "{ a = [".repeat(10_000),
        "]; }".repeat(10_000)
    );
    write(dir.path(), "deep.nix", deep);
    let chain = format!(
        "{{ subdomains.\"_smtp._tls\".TXT = [ ({}\"v=TLSRPTv1\") ]; }}\n",
        "\"a\" + ".repeat(100_000)
    );
    write(dir.path(), "chain.nix", chain);
    // Endless recursion and a cycle: stopped by the depth limit and the cycle check.
    let endless = "let f = x: f [ x x ]; r = rec { a = b; b = a; }; in\n\
        { subdomains.\"_smtp._tls\".TXT = [ (f 1) r.a ]; }\n";
    write(dir.path(), "endless.nix", endless);
    let run = check(dir.path(), &["."]);
    assert_linted(
        &run,
        SMALL_RUN_MEMORY,
        &[
            "deep.nix:2:",
            "error[TLSRPT001 source-syntax-error] invalid Nix: an expression of more than 2000 nested terms",
            "chain.nix:1:",
            "endless.nix:1:12: info[TLSRPT002 unevaluated-value] the value of this `TXT` record depends on `f [ x x ]`",
            "endless.nix:2:41: info[TLSRPT002 unevaluated-value] the value of this `TXT` record depends on `r.a`",
        ],
    );
}

#[test]
fn a_100_mb_nix_string() {
    let dir = case();
    let mut text =
        b"{ subdomains.\"_smtp._tls\".TXT = [ \"v=TLSRPTv1; rua=mailto:a@example.com; x=".to_vec();
    text.resize(100 << 20, b'a');
    text.extend_from_slice(b"\" ]; }\n");
    write(dir.path(), "example.com.nix", &text);
    // The file, the parser's copy of the string, the decoded value and the record's (417 MiB
    // measured).
    let memory = 5 * (100 << 20);
    let run = run(
        dir.path(),
        &["check", "--format", "concise", "."],
        BIG_DEADLINE,
    );
    assert_linted(
        &run,
        memory,
        &["example.com.nix:1:74: info[TLSRPT109 unknown-field] unknown field `x` is ignored by senders"],
    );
}

/// Pulumi YAML and ARM templates: nesting 10,000 deep in a Pulumi program's properties and
/// in an ARM template, and an ARM expression of 10,000 nested calls (the expression parser's
/// depth limit makes it unknown, at the expression).
#[test]
fn ten_thousand_nested_pulumi_and_arm() {
    let dir = case();
    write(
        dir.path(),
        "pulumi/Pulumi.yaml",
        format!(
            "runtime: yaml\nresources:\n  r:\n    type: cloudflare:Record\n    properties:\n      name: _smtp._tls\n      content: {}1{}\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
    );
    let schema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
    write(
        dir.path(),
        "arm/deep.json",
        format!(
            "{{\"$schema\": \"{schema}\", \"resources\": [{{\"type\": \"Microsoft.Network/dnsZones/TXT\", \"properties\": {}1{}}}]}}",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
    );
    write(
        dir.path(),
        "arm/expression.json",
        format!(
            "{{\"$schema\": \"{schema}\", \"resources\": [{{\"type\": \"Microsoft.Network/dnsZones/TXT\", \"name\": \"example.com/_smtp._tls\", \"properties\": {{\"TXTRecords\": [{{\"value\": [\"[{}'v=TLSRPTv1'{}]\"]}}]}}}}]}}",
            "concat(".repeat(10_000),
            ")".repeat(10_000)
        ),
    );
    let run = check(dir.path(), &["."]);
    assert_linted(
        &run,
        SMALL_RUN_MEMORY,
        &[
            "pulumi/Pulumi.yaml:7:",
            "arm/deep.json:1:",
            "arm/expression.json:1:",
        ],
    );
    assert_eq!(
        run.stdout.matches("TLSRPT001").count(),
        2,
        "{}",
        head(&run.stdout)
    );
    assert!(
        run.stdout
            .contains("arm/expression.json:1:228: info[TLSRPT002"),
        "{}",
        head(&run.stdout)
    );
}

/// A 100 MB string in an ARM template: a DKIM key's TXT value, which the reader parses,
/// decodes and evaluates as an expression, and then leaves (no rule reads a DKIM key; the
/// rules over a 100 MB value are the zone test's). The policy beside it is still read.
#[test]
fn a_100_mb_arm_string() {
    let dir = case();
    let schema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
    let record = |name: &str, value: &str| {
        format!(
            "{{\"type\": \"Microsoft.Network/dnsZones/TXT\", \"name\": \"example.org/{name}\", \"properties\": {{\"TTL\": 86400, \"TXTRecords\": [{{\"value\": [\"{value}\"]}}]}}}}"
        )
    };
    let key = format!("v=DKIM1; k=rsa; p={}", "A".repeat(100 << 20));
    let text = format!(
        "{{\"$schema\": \"{schema}\", \"resources\": [{}, {}, {}]}}\n",
        record("mail._domainkey", &key),
        record("_smtp._tls", "v=TLSRPTv1"),
        record("_mta-sts", "v=STSv1; id=1"),
    );
    write(dir.path(), "big.json", text);
    // The file, the parser's value and the decoded value: 416 MiB measured.
    let run = run(
        dir.path(),
        &["check", "--format", "concise", "."],
        BIG_DEADLINE,
    );
    assert_linted(
        &run,
        6 * (100 << 20),
        &["big.json:1:104858007: error[TLSRPT105 missing-rua]"],
    );
}
