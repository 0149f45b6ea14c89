//! End-to-end tests of the `tlsrpt-lint` binary: exit codes, usage errors, the walk, the
//! output formats, `validate` on standard input, colour, a closed pipe, and `records`.
//!
//! The rules may not exist yet where these run, so findings come from the one diagnostic
//! the pipeline makes without them: `unreadable-file` (TLSRPT003) for a file that is not
//! UTF-8. A "bad" zone file below is one of those.

mod support;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use support::BIN;

/// Valid UTF-8 zone text with no TLS-RPT records: clean whatever the rules do.
const CLEAN_ZONE: &str = "$ORIGIN example.com.\n@ 3600 IN A 192.0.2.1\n";
/// Not UTF-8: always an `unreadable-file` error.
const BAD_ZONE: &[u8] = b"$ORIGIN example.com.\n@ IN TXT \"\xc3(\"\n";

fn tlsrpt(dir: &Path, args: &[&str]) -> Output {
    support::command(dir, args)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn with_stdin(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = support::command(dir, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(output)))
}

/// A temporary directory holding `files` (path, contents).
fn repo(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, contents) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
    dir
}

/// The paths of the diagnostics in a JSON document.
fn diagnostic_paths(document: &Value) -> Vec<&str> {
    document["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect()
}

#[test]
fn clean_files_exit_0_with_the_summary() {
    let dir = repo(&[
        ("db.example.com", CLEAN_ZONE.as_bytes()),
        ("README.md", b"hi"),
    ]);
    let out = tlsrpt(dir.path(), &["check"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "No problems found (2 files scanned).\n");
}

#[test]
fn findings_exit_1_and_fail_on_decides() {
    let dir = repo(&[("bad.zone", BAD_ZONE)]);
    assert_eq!(code(&tlsrpt(dir.path(), &["check"])), 1);
    assert_eq!(
        code(&tlsrpt(dir.path(), &["check", "--fail-on", "info"])),
        1
    );
    assert_eq!(
        code(&tlsrpt(dir.path(), &["check", "--fail-on", "never"])),
        0
    );
}

#[test]
fn select_and_ignore_take_codes_and_names() {
    let dir = repo(&[("bad.zone", BAD_ZONE)]);
    let run = |args: &[&str]| code(&tlsrpt(dir.path(), args));
    assert_eq!(run(&["check", "--ignore", "unreadable-file"]), 0);
    assert_eq!(run(&["check", "--ignore", "tlsrpt003"]), 0);
    assert_eq!(run(&["check", "--select", "TLSRPT001,missing-rua"]), 0);
    assert_eq!(run(&["check", "--select", "TLSRPT001,unreadable-file"]), 1);
    assert_eq!(
        run(&["check", "--select", "TLSRPT003", "--ignore", "TLSRPT003"]),
        0
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = repo(&[]);
    let out = tlsrpt(dir.path(), &["check", "--select", "no-such-rule"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("unknown rule `no-such-rule`"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
    for args in [
        &["check", "--no-such-flag"][..],
        &["check", "--format", "xml"],
        &["check", "--threads", "many"],
        &["frobnicate"],
        &[],
        &["validate"],
        &["rule"],
        &["rule", "missing-rua", "--all"],
        &["rule", "no-such-rule"],
    ] {
        assert_eq!(code(&tlsrpt(dir.path(), args)), 2, "{args:?}");
    }
}

#[test]
fn a_missing_path_exits_2() {
    let dir = repo(&[("db.example.com", CLEAN_ZONE.as_bytes())]);
    let out = tlsrpt(dir.path(), &["check", "db.example.com", "no/such/dir"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "error: no/such/dir: no such file or directory\n"
    );
    assert!(stdout(&out).is_empty());
}

#[test]
fn concise_prints_one_line_per_finding() {
    let dir = repo(&[
        ("zones/bad.zone", BAD_ZONE),
        ("zones/ok.zone", CLEAN_ZONE.as_bytes()),
    ]);
    let out = tlsrpt(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(code(&out), 1);
    assert_eq!(
        stdout(&out),
        "zones/bad.zone:1:1: error[TLSRPT003 unreadable-file] file is not UTF-8 text \
         (invalid byte at offset 31)\n\
         Found 1 error, 0 warnings, 0 infos in 1 file (2 files scanned).\n"
    );
}

#[test]
fn human_output_names_the_rule_and_the_place() {
    let dir = repo(&[("bad.zone", BAD_ZONE)]);
    let out = tlsrpt(dir.path(), &["check", "--color", "never"]);
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "error[TLSRPT003 unreadable-file]: file is not UTF-8 text (invalid byte at offset 31)\n\
             --> bad.zone:1:1\n"
        ),
        "{text}"
    );
    assert!(text.ends_with("\nFound 1 error, 0 warnings, 0 infos in 1 file (1 file scanned).\n"));
}

#[test]
fn json_has_the_documented_shape() {
    let dir = repo(&[("zones/bad.zone", BAD_ZONE)]);
    let document = json(&tlsrpt(dir.path(), &["check", "--format", "json"]));
    let keys = |v: &Value| -> Vec<String> {
        let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        keys
    };
    assert_eq!(
        keys(&document),
        ["diagnostics", "records", "summary", "tool", "version"]
    );
    assert_eq!(document["version"], 1);
    assert_eq!(document["tool"]["name"], "tlsrpt-lint");
    assert_eq!(document["tool"]["version"], env!("CARGO_PKG_VERSION"));
    let d = &document["diagnostics"][0];
    assert_eq!(
        keys(d),
        [
            "code", "end", "fix", "help", "labels", "message", "name", "path", "record",
            "severity", "start"
        ]
    );
    assert_eq!(d["code"], "TLSRPT003");
    assert_eq!(d["name"], "unreadable-file");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["path"], "zones/bad.zone");
    assert_eq!(
        d["start"],
        serde_json::json!({"line": 1, "column": 1, "offset": 0})
    );
    assert_eq!(d["labels"], serde_json::json!([]));
    assert!(d["fix"].is_null() && d["record"].is_null() && d["help"].is_null());
    assert_eq!(
        keys(&document["summary"]),
        [
            "errors",
            "files_scanned",
            "files_with_records",
            "infos",
            "records",
            "unread_mentions",
            "warnings"
        ]
    );
    assert_eq!(document["summary"]["errors"], 1);
    assert_eq!(document["summary"]["files_scanned"], 1);
}

#[test]
fn validate_reads_stdin_verbatim_less_one_line_ending() {
    let dir = repo(&[]);
    let args = ["validate", "--format", "json", "-"];
    for (input, value) in [
        (
            &b"v=TLSRPTv1; rua=mailto:a@example.com\r\n"[..],
            "v=TLSRPTv1; rua=mailto:a@example.com",
        ),
        (b" v=TLSRPTv1;\trua=x\n\n", " v=TLSRPTv1;\trua=x\n"),
        (b"v=TLSRPTv1;", "v=TLSRPTv1;"),
        (b"\n", ""),
    ] {
        let out = with_stdin(dir.path(), &args, input);
        assert!(code(&out) <= 1, "{}", stderr(&out));
        let record = &json(&out)["records"][0];
        assert_eq!(record["value"], value, "{input:?}");
        assert_eq!(record["path"], "<stdin>");
        assert_eq!(record["format"], "value");
    }
    let out = with_stdin(dir.path(), &args, b"v=TLSRPTv1; rua=\xff");
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("not UTF-8"));
}

#[test]
fn validate_takes_the_argument_exactly() {
    let dir = repo(&[]);
    let out = tlsrpt(
        dir.path(),
        &[
            "validate",
            "--kind",
            "mta-sts",
            "--domain",
            "example.com",
            "--format",
            "json",
            "--",
            " -v=STSv1;\tid=1\n",
        ],
    );
    assert!(code(&out) <= 1, "{}", stderr(&out));
    let document = json(&out);
    let record = &document["records"][0];
    assert_eq!(record["value"], " -v=STSv1;\tid=1\n");
    assert_eq!(record["path"], "<value>");
    assert_eq!(record["kind"], "mta-sts");
    assert_eq!(record["name"], "_mta-sts.example.com.");
    assert_eq!(record["zone"], "example.com.");
    let mut keys: Vec<&String> = record.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        ["end", "format", "kind", "name", "path", "start", "type", "value", "zone"]
    );
}

#[test]
fn walking_respects_gitignore_and_hidden_directories() {
    let dir = repo(&[
        (".gitignore", b"ignored/\n"),
        ("ignored/bad.zone", BAD_ZONE),
        (".hidden/bad.zone", BAD_ZONE),
        ("zones/ok.zone", CLEAN_ZONE.as_bytes()),
    ]);
    let out = tlsrpt(dir.path(), &["check", "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(json(&out)["summary"]["files_scanned"], 1);
}

#[test]
fn named_files_are_linted_even_if_ignored_unless_force_exclude() {
    let dir = repo(&[
        (".gitignore", b"ignored/\n*.skip.zone\n"),
        ("ignored/bad.zone", BAD_ZONE),
        ("zones/bad.skip.zone", BAD_ZONE),
        ("zones/notes.txt", BAD_ZONE),
        (".hidden/bad.zone", BAD_ZONE),
    ]);
    let named = [
        "ignored/bad.zone",
        "zones/bad.skip.zone",
        "zones/notes.txt",
        ".hidden/bad.zone",
    ];
    let mut args = vec!["check", "--format", "json"];
    args.extend(named);
    let document = json(&tlsrpt(dir.path(), &args));
    let mut expected = named.to_vec();
    expected.sort();
    assert_eq!(diagnostic_paths(&document), expected);
    args.push("--force-exclude");
    let out = tlsrpt(dir.path(), &args);
    assert_eq!(diagnostic_paths(&json(&out)), ["zones/notes.txt"]);
    assert_eq!(code(&out), 1);
}

#[test]
fn files_are_classified_by_name_then_sniffed() {
    let zone_then_bad = [b"$TTL 3600\n".as_slice(), BAD_ZONE].concat();
    let prose_then_bad = b"Notes about the network, not\nIN zone\n\xc3(\n".to_vec();
    let dir = repo(&[
        ("zones/example.org", &zone_then_bad),
        ("zones/db.example.net", &zone_then_bad),
        ("zones/hosts.db", &zone_then_bad),
        ("zones/db.notes", &prose_then_bad),
        ("zones/notes.net", &prose_then_bad),
        ("zones/README.md", &zone_then_bad),
        ("zones/main.rs", &zone_then_bad),
        ("zones/any.zone", BAD_ZONE),
    ]);
    let out = tlsrpt(dir.path(), &["check", "--format", "json"]);
    let document = json(&out);
    assert_eq!(
        diagnostic_paths(&document),
        [
            "zones/any.zone",
            "zones/db.example.net",
            "zones/example.org",
            "zones/hosts.db"
        ]
    );
    assert_eq!(document["summary"]["files_scanned"], 8);
}

#[test]
fn output_does_not_depend_on_threads() {
    let mut files = Vec::new();
    for i in 0..60 {
        files.push((format!("d{}/sub{}/f{i}.zone", i % 5, i % 3), BAD_ZONE));
        files.push((format!("d{}/ok{i}.zone", i % 4), CLEAN_ZONE.as_bytes()));
    }
    let files: Vec<(&str, &[u8])> = files.iter().map(|(p, c)| (p.as_str(), *c)).collect();
    let dir = repo(&files);
    for format in ["human", "concise", "json"] {
        let one = tlsrpt(dir.path(), &["check", "--format", format, "--threads", "1"]);
        let many = tlsrpt(dir.path(), &["check", "--format", format]);
        let four = tlsrpt(dir.path(), &["check", "--format", format, "--threads", "4"]);
        assert_eq!(code(&one), 1);
        assert_eq!(stdout(&one), stdout(&many), "{format}");
        assert_eq!(stdout(&one), stdout(&four), "{format}");
    }
}

#[test]
fn colour_follows_color_and_no_color() {
    let dir = repo(&[("bad.zone", BAD_ZONE)]);
    let has_ansi = |out: &Output| stdout(out).contains('\x1b');
    assert!(has_ansi(&tlsrpt(
        dir.path(),
        &["check", "--color", "always"]
    )));
    assert!(!has_ansi(&tlsrpt(
        dir.path(),
        &["check", "--color", "never"]
    )));
    // Not a terminal: no colour by default.
    assert!(!has_ansi(&tlsrpt(dir.path(), &["check"])));

    // On a terminal (util-linux `script` gives one), `auto` colours unless NO_COLOR is set.
    let on_tty = |no_color: Option<&str>| {
        let mut command = Command::new("script");
        command
            .args(["-qec", &format!("{BIN} check"), "/dev/null"])
            .current_dir(dir.path())
            .env_remove("NO_COLOR");
        if let Some(value) = no_color {
            command.env("NO_COLOR", value);
        }
        command.output()
    };
    let Ok(plain_tty) = on_tty(None) else {
        eprintln!("skipped the terminal half: no `script`");
        return;
    };
    assert!(String::from_utf8_lossy(&plain_tty.stdout).contains('\x1b'));
    let no_color = on_tty(Some("1")).unwrap();
    let text = String::from_utf8_lossy(&no_color.stdout);
    assert!(
        text.contains("unreadable-file") && !text.contains('\x1b'),
        "{text}"
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let files: Vec<(String, &[u8])> = (0..1500)
        .map(|i| (format!("bad{i:03}.zone"), BAD_ZONE))
        .collect();
    let files: Vec<(&str, &[u8])> = files.iter().map(|(p, c)| (p.as_str(), *c)).collect();
    let dir = repo(&files);
    for args in [&["check"][..], &["rule", "--all"]] {
        // Like `| head -c1`: read one byte, then close the pipe.
        let mut child = support::command(dir.path(), args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut byte = [0];
        child.stdout.take().unwrap().read_exact(&mut byte).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(code(&out) <= 1, "{args:?}");
        assert_eq!(stderr(&out), "", "{args:?}");
    }
    // And through a shell pipeline.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("'{BIN}' check | head -c1"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "e");
    assert_eq!(stderr(&out), "");
}

#[test]
fn rule_prints_docs_in_three_formats() {
    let dir = repo(&[]);
    let text = stdout(&tlsrpt(dir.path(), &["rule", "TLSRPT105"]));
    assert!(
        text.starts_with("# missing-rua (TLSRPT105)\n\nSeverity: error\n"),
        "{text}"
    );
    assert_eq!(text, stdout(&tlsrpt(dir.path(), &["rule", "missing-rua"])));
    let one = json(&tlsrpt(
        dir.path(),
        &["rule", "missing-rua", "--format", "json"],
    ));
    assert_eq!(one["code"], "TLSRPT105");
    assert_eq!(one["severity"], "error");
    let all = json(&tlsrpt(dir.path(), &["rule", "--all", "--format", "json"]));
    assert_eq!(all.as_array().unwrap().len(), tlsrpt_lint::rules::ALL.len());
    let markdown = stdout(&tlsrpt(
        dir.path(),
        &["rule", "--all", "--format", "markdown"],
    ));
    assert_eq!(markdown, tlsrpt_lint::render::rule_docs::markdown_all());
}

/// A repository for `records`: example.com (zone file, `$INCLUDE`, BIND origin) sends
/// reports to itself, to a collector in the repository that authorized it, to one that did
/// not, and to one outside; example.org has DANE instead of MTA-STS; sts.example has
/// MTA-STS and no policy.
fn records_repo() -> tempfile::TempDir {
    repo(&[
        (
            "named.conf",
            b"zone \"example.com\" { type primary; file \"zones/primary.zone\"; };\n",
        ),
        (
            "zones/primary.zone",
            b"$TTL 3600\n_smtp._tls IN TXT \"v=TLSRPTv1; rua=mailto:r@example.com,\" \
              \"mailto:r@good.example.net,mailto:r@bad.example.net,https://c.example/x\"\n\
              $INCLUDE sts.inc\n",
        ),
        ("zones/sts.inc", b"_mta-sts IN TXT \"v=STSv1; id=1\"\n"),
        (
            "example.net.zone",
            b"$TTL 3600\nexample.com._report._tls.good IN TXT \"v=TLSRPTv1;\"\n",
        ),
        (
            "sts.example.zone",
            b"$TTL 3600\n_mta-sts IN TXT \"v=STSv1; id=1\"\n",
        ),
        (
            "example.org.zone",
            b"$TTL 3600\n@ IN MX 10 mx\n_25._tcp.mx IN TLSA 3 1 1 00ff\n\
              _smtp._tls IN TXT \"v=TLSRPTv1; rua=mailto:r@example.org\"\n",
        ),
    ])
}

#[test]
fn records_prints_policies_destinations_and_companions() {
    let dir = records_repo();
    let out = tlsrpt(dir.path(), &["records", "--no-config"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(|l| l.split_whitespace().collect())
        .collect();
    let expected = [
        [
            "example.com.",
            "example.com.",
            "mailto:r@example.com",
            "internal",
            "mta-sts",
        ],
        [
            "example.com.",
            "example.com.",
            "mailto:r@good.example.net",
            "authorized",
            "mta-sts",
        ],
        [
            "example.com.",
            "example.com.",
            "mailto:r@bad.example.net",
            "missing",
            "mta-sts",
        ],
        [
            "example.com.",
            "example.com.",
            "https://c.example/x",
            "external",
            "mta-sts",
        ],
        [
            "example.org.",
            "example.org.",
            "mailto:r@example.org",
            "internal",
            "dane",
        ],
    ];
    let last = rows.last().unwrap().clone();
    assert_eq!(
        last[..4],
        ["sts.example.", "sts.example.", "(no", "policy)"],
        "{text}"
    );
    let rows = &rows[..rows.len() - 1];
    assert_eq!(rows.len(), expected.len(), "{text}");
    for (row, want) in rows.iter().zip(expected) {
        assert_eq!(&row[..5], want, "{text}");
    }
    assert!(text.starts_with("ZONE "), "{text}");
    assert!(
        text.ends_with("\n2 policies in 3 zones; 1 domain has MTA-STS and no policy.\n"),
        "{text}"
    );
    // `authorized-destinations` moves the outside collector to `configured`.
    std::fs::write(
        dir.path().join("tlsrpt-lint.toml"),
        "authorized-destinations = [\"c.example\"]\n",
    )
    .unwrap();
    let text = stdout(&tlsrpt(dir.path(), &["records"]));
    let row = text.lines().find(|l| l.contains("c.example/x")).unwrap();
    assert_eq!(row.split_whitespace().nth(3), Some("configured"), "{text}");
}

#[test]
fn records_json_is_the_records_array_of_check() {
    let dir = records_repo();
    let records = json(&tlsrpt(dir.path(), &["records", "--format", "json"]));
    let check = json(&tlsrpt(dir.path(), &["check", "--format", "json"]));
    assert_eq!(records["version"], 1);
    assert_eq!(records["records"], check["records"]);
    let policy = check["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "_smtp._tls.example.com.")
        .unwrap();
    assert_eq!(policy["policy_domain"], "example.com.");
    assert_eq!(policy["companion"], "mta-sts");
    let statuses: Vec<&str> = policy["destinations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["authorization"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["internal", "authorized", "missing", "external"]);
    // The findings agree with the table: 503 for MTA-STS without a policy, 402 for the
    // collector without a record, 401 for the one outside the repository.
    let codes: Vec<&str> = check["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["TLSRPT503", "TLSRPT402", "TLSRPT401"]);
}

#[test]
fn records_with_no_policy_says_so() {
    let dir = repo(&[("a.zone", CLEAN_ZONE.as_bytes())]);
    let out = tlsrpt(dir.path(), &["records", "--no-config"]);
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), "No TLS-RPT policies found.\n");
}
