//! End-to-end tests of configuration files and inline suppressions through the binary:
//! discovery upward, `--config`, `--no-config`, errors with line:col, the command line over
//! the file, `--show-settings`, `include` / `exclude`, `[zones]` origins, and suppressions
//! of extractor findings.

mod support;

use std::fs;
use std::path::Path;
use std::process::Output;

/// A policy without `rua`: TLSRPT105, an error.
const NO_RUA: &str =
    "$ORIGIN example.com.\n_smtp._tls IN TXT \"v=TLSRPTv1\"\n_mta-sts IN TXT \"v=STSv1; id=1\"\n";
/// A relative policy name: which zone it is in decides what it is.
const RELATIVE: &str = "_smtp._tls IN TXT \"v=TLSRPTv1\"\n";

fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    support::command(dir, &["check"])
        .args(args)
        .args(["--format", "concise", "--color", "never"])
        .output()
        .unwrap()
}

fn code(output: &Output) -> i32 {
    output.status.code().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn the_closest_file_above_the_working_directory_applies() {
    let dir = repo(&[
        ("tlsrpt-lint.toml", "ignore = [\"missing-rua\"]\n"),
        ("zones/a.zone", NO_RUA),
        ("zones/.tlsrpt-lint.toml", "fail-on = \"never\"\n"),
    ]);
    let top = run(dir.path(), &[]);
    assert_eq!(code(&top), 0, "{}", stdout(&top));
    assert!(stdout(&top).starts_with("No problems found"));
    // In zones/ the closer file wins whole: missing-rua runs, but never fails the run.
    let inner = run(&dir.path().join("zones"), &[]);
    assert_eq!(code(&inner), 0);
    assert!(stdout(&inner).contains("TLSRPT105"));
    let both = repo(&[("tlsrpt-lint.toml", ""), (".tlsrpt-lint.toml", "")]);
    let output = run(both.path(), &[]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("both `tlsrpt-lint.toml` and `.tlsrpt-lint.toml`"));
}

#[test]
fn config_and_no_config_choose_the_file() {
    let dir = repo(&[
        ("tlsrpt-lint.toml", "ignore = [\"missing-rua\"]\n"),
        (
            "other.toml",
            "exclude = [\"conf/*.zone\"]\n[severity]\nmissing-rua = \"info\"\n",
        ),
        ("conf/excluding.toml", "exclude = [\"b.zone\"]\n"),
        ("a.zone", NO_RUA),
        ("conf/b.zone", NO_RUA),
    ]);
    // Globs are relative to the named file's directory.
    let output = run(dir.path(), &["--config", "conf/excluding.toml"]);
    assert!(stdout(&output).contains("a.zone:2:"), "{}", stdout(&output));
    assert!(!stdout(&output).contains("b.zone"));
    let output = run(dir.path(), &["--no-config"]);
    assert_eq!(code(&output), 1);
    let output = run(dir.path(), &["--config", "other.toml"]);
    assert_eq!(code(&output), 0);
    assert!(stdout(&output).contains("info[TLSRPT105"));
    assert!(!stdout(&output).contains("b.zone"));
    let output = run(dir.path(), &["--config", "missing.toml"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).starts_with("error: cannot read `missing.toml`"));
}

#[test]
fn unknown_keys_and_bad_values_exit_2_with_their_place() {
    let dir = repo(&[("tlsrpt-lint.toml", "# rules\n\nselct = [\"TLSRPT105\"]\n")]);
    let output = run(dir.path(), &[]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).starts_with("error: tlsrpt-lint.toml:3:1: unknown key `selct`"),
        "{}",
        stderr(&output)
    );
    let dir = repo(&[("tlsrpt-lint.toml", "fail-on = \"sometimes\"\n")]);
    let output = run(dir.path(), &[]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output)
        .starts_with("error: tlsrpt-lint.toml:1:11: invalid `fail-on` value `sometimes`"));
}

#[test]
fn the_command_line_overrides_the_file() {
    let dir = repo(&[
        (
            "tlsrpt-lint.toml",
            "select = [\"empty-field\"]\nfail-on = \"never\"\n",
        ),
        ("a.zone", NO_RUA),
    ]);
    assert_eq!(code(&run(dir.path(), &[])), 0);
    let output = run(dir.path(), &["--select", "missing-rua"]);
    assert!(stdout(&output).contains("TLSRPT105"));
    assert_eq!(code(&output), 0, "the file's fail-on still holds");
    let output = run(
        dir.path(),
        &["--select", "missing-rua", "--fail-on", "error"],
    );
    assert_eq!(code(&output), 1);
}

#[test]
fn show_settings_prints_the_resolved_settings() {
    let dir = repo(&[(
        ".tlsrpt-lint.toml",
        "select = [\"TLSRPT105\", \"unused-suppression\"]\nshort-ttl = 300\n\
         authorized-destinations = [\"Reports.Example.NET.\"]\n\
         exclude = [\"legacy/**\"]\ndialect = \"powerdns\"\nunsafe-fixes = true\n[severity]\nmissing-rua = \"warning\"\n\
         [zones]\n\"zones/primary\" = \"example.com\"\n[dialects]\n\"zones/knot/*\" = \"knot\"\n",
    )]);
    let output = run(
        dir.path(),
        &["--show-settings", "--fail-on", "warning", "--show-fixes"],
    );
    assert_eq!(code(&output), 0);
    assert_eq!(
        stdout(&output),
        "# config file: .tlsrpt-lint.toml\n\
         include = []\n\
         exclude = [\"legacy/**\"]\n\
         fail-on = \"warning\"\n\
         short-ttl = 300\n\
         fix = false\n\
         unsafe-fixes = true\n\
         show-fixes = true\n\
         authorized-destinations = [\"reports.example.net\"]\n\
         dialect = \"powerdns\"\n\
         \n[zones]\n\"zones/primary\" = \"example.com.\"\n\
         \n[dialects]\n\"zones/knot/*\" = \"knot\"\n\
         \n# the enabled rules, each with its severity\n[severity]\n\
         unused-suppression = \"warning\"  # TLSRPT004\n\
         missing-rua = \"warning\"  # TLSRPT105\n"
    );
    let output = run(dir.path(), &["--show-settings", "--no-config"]);
    assert!(stdout(&output).starts_with("# config file: none\n"));
}

#[test]
fn include_and_exclude_steer_the_walk() {
    let dir = repo(&[
        (
            "tlsrpt-lint.toml",
            "include = [\"zones/**\"]\nexclude = [\"legacy\"]\n",
        ),
        ("zones/a.zone", NO_RUA),
        ("zones/legacy/b.zone", NO_RUA),
        ("other/c.zone", NO_RUA),
    ]);
    let output = run(dir.path(), &[]);
    let out = stdout(&output);
    assert!(out.contains("zones/a.zone:2:"), "{out}");
    assert!(!out.contains("b.zone") && !out.contains("c.zone"), "{out}");
    // A named file is the user's choice, unless --force-exclude.
    let named = run(dir.path(), &["zones/legacy/b.zone"]);
    assert!(stdout(&named).contains("b.zone"));
    let forced = run(dir.path(), &["--force-exclude", "zones/legacy/b.zone"]);
    assert!(stdout(&forced).starts_with("No problems found"));
}

#[test]
fn zones_give_files_their_origin() {
    let dir = repo(&[
        (
            "tlsrpt-lint.toml",
            "[zones]\n\"zones/primary\" = \"example.com\"\n",
        ),
        ("zones/primary", RELATIVE),
    ]);
    let output = support::run(dir.path(), &["check", "zones/primary", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        json["records"][0]["name"], "_smtp._tls.example.com.",
        "{json}"
    );
    let output = support::run(
        dir.path(),
        &["check", "zones/primary", "--format", "json", "--no-config"],
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["records"][0]["name"], "_smtp._tls");
}

#[test]
fn suppressions_cover_extractor_findings_and_report_unused_ones() {
    let dir = repo(&[(
        "a.zone",
        "$ORIGIN example.com.\n; tlsrpt-lint: allow source-syntax-error -- vendor file\n\
         @ IN TXT \"open\n_smtp._tls IN TXT \"v=TLSRPTv1\" ; tlsrpt-lint: allow empty-field\n",
    )]);
    let output = run(dir.path(), &[]);
    let out = stdout(&output);
    assert!(!out.contains("TLSRPT001"), "{out}");
    assert!(out.contains("a.zone:4:32: warning[TLSRPT004 unused-suppression] unused suppression of `empty-field`"), "{out}");
    assert!(out.contains("TLSRPT105"), "{out}");
}

/// The PowerDNS fixture: `LUA`, `ALIAS`, a 400-octet DKIM string and a valid policy.
fn powerdns_zone() -> String {
    fs::read_to_string("fixtures/ok/powerdns/db.pdns.example.net").unwrap()
}

#[test]
fn a_powerdns_zone_is_silent_by_detection_and_by_dialect() {
    let zone = powerdns_zone();
    // Without `LUA` and `ALIAS`, nothing reveals PowerDNS: read as BIND, the DKIM string
    // stops the zone loading (one finding), unless the configuration names the dialect.
    let plain: String = zone
        .lines()
        .filter(|l| !l.contains(" LUA ") && !l.contains(" ALIAS "))
        .map(|l| format!("{l}\n"))
        .collect();
    for (config, file, found) in [
        ("", zone.as_str(), 0),
        ("dialect = \"powerdns\"\n", zone.as_str(), 0),
        ("dialect = \"powerdns\"\n", plain.as_str(), 0),
        ("[dialects]\n\"zones/*\" = \"knot\"\n", plain.as_str(), 0),
        ("", plain.as_str(), 1),
        ("dialect = \"nsd\"\n", plain.as_str(), 1),
        // A configured dialect is not changed by the records: `LUA` is unknown to BIND,
        // skipped silently at a name no rule reads.
        ("dialect = \"bind\"\n", zone.as_str(), 1),
    ] {
        let dir = repo(&[
            ("tlsrpt-lint.toml", config),
            ("zones/db.pdns.example.net", file),
        ]);
        let output = run(dir.path(), &[]);
        let out = stdout(&output);
        let findings = out.lines().filter(|l| l.contains("TLSRPT")).count();
        assert_eq!(findings, found, "{config}: {out}");
        if found == 1 {
            assert!(out.contains("TLSRPT308"), "{out}");
            assert_eq!(code(&output), 1);
        } else {
            assert_eq!(code(&output), 0, "{config}: {out}");
        }
    }
    let dir = repo(&[("tlsrpt-lint.toml", "dialect = \"pdns\"\n")]);
    let output = run(dir.path(), &[]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains(
            "tlsrpt-lint.toml:1:11: invalid dialect `pdns`: expected `bind`, `powerdns`, `knot`, `nsd`"
        ),
        "{}",
        stderr(&output)
    );
}
