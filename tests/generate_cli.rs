//! `tlsrpt-lint generate` end to end: the output as printed, the format taken from the
//! repository in the working directory, and bad input as a usage error (exit 2) with the
//! rule's message and help.

mod support;

use std::fs;
use std::path::Path;
use std::process::Output;

fn generate(dir: &Path, args: &[&str]) -> Output {
    support::run(dir, &[&["generate"], args].concat())
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

const ARGS: &[&str] = &[
    "--domain",
    "example.com",
    "--rua",
    "mailto:tlsrpt@example.com",
    "--rua",
    "https://tlsrpt.collector.example.net/v1",
    "--mta-sts",
    "enforce",
    "--mx",
    "mx1.example.com",
    "--id",
    "20261203",
];

#[test]
fn prints_each_file_under_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = generate(dir.path(), &[ARGS, &["--format", "zone"]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let expected = "\
==> example.com.zone (the zone of example.com) <==
; SMTP TLS Reporting policy of example.com (RFC 8460 §3): where senders report TLS failures.
; MTA-STS record (RFC 8461 §3.1): change its `id` whenever the policy file changes.
$ORIGIN example.com.
_smtp._tls 86400 IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@example.com,https://tlsrpt.collector.example.net/v1\"
_mta-sts   3600 IN TXT \"v=STSv1; id=20261203\"

==> .well-known/mta-sts.txt (served at https://mta-sts.example.com/.well-known/mta-sts.txt) <==
version: STSv1\r
mode: enforce\r
mx: mx1.example.com\r
max_age: 604800\r

==> example.net.zone (published by the collector, in the zone of example.net) <==
; Published by the collector at example.net, not by example.com: it says that
; example.net accepts TLS reports about example.com. A convention borrowed from
; DMARC (RFC 7489 §7.1), not part of RFC 8460; some collectors ask for it.
$ORIGIN example.net.
example.com._report._tls.tlsrpt.collector 86400 IN TXT \"v=TLSRPTv1;\"
";
    assert_eq!(text(&out.stdout), expected);
}

#[test]
fn the_format_is_the_repositorys() {
    let repos: &[(&str, &str, &str)] = &[
        ("empty.txt", "nothing here\n", "example.com.zone"),
        (
            "zones/example.org.yaml",
            "_smtp._tls:\n  type: TXT\n  value: v=TLSRPTv1\\; rua=mailto:a@example.org\n",
            "example.com.yaml",
        ),
        (
            "dns.tf",
            "resource \"cloudflare_record\" \"tlsrpt\" {\n  zone_id = \"abc\"\n  name    = \"_smtp._tls.example.org.\"\n  type    = \"TXT\"\n  content = \"v=TLSRPTv1; rua=mailto:a@example.org\"\n}\n",
            "example_com.tf",
        ),
    ];
    for (file, content, first) in repos {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, content).unwrap();
        let out = generate(dir.path(), &ARGS[..4]);
        let stdout = text(&out.stdout);
        assert!(
            stdout.starts_with(&format!("==> {first} ")),
            "{file}: {stdout}"
        );
        if file.ends_with(".tf") {
            assert!(
                stdout.contains("resource \"cloudflare_record\""),
                "{stdout}"
            );
        }
    }
}

#[test]
fn bad_input_exits_2_with_the_rules_message_and_help() {
    let dir = tempfile::tempdir().unwrap();
    let out = generate(
        dir.path(),
        &["--domain", "example.com", "--rua", "tls@example.com"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: `rua` URI `tls@example.com` has no scheme [TLSRPT201 missing-uri-scheme]\n\
         help: write an address as a `mailto:` URI\n"
    );
    assert!(out.stdout.is_empty());
    let out = generate(
        dir.path(),
        &[
            "--domain",
            "example.com",
            "--rua",
            "mailto:a@example.com",
            "--mx",
            "mx",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "--mx needs --mta-sts");
    let out = generate(
        dir.path(),
        &[ARGS, &["--format", "terraform-nosuch"]].concat(),
    );
    assert_eq!(out.status.code(), Some(2));
}
