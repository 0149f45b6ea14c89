//! Round trip of `tlsrpt-lint generate`: for every `--format` and a set of option
//! combinations, the generated files, read back by `check`, give the records asked for and
//! no finding (but `tlsrpt-without-mta-sts` where no MTA-STS was asked for); and the
//! formats' own tools accept them: `named-checkzone` the zone files, `octodns-validate` the
//! OctoDNS zones, python-hcl2 the Terraform files. Each oracle is skipped where it is not
//! installed, except under `CI`.

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tlsrpt_lint::generate::{generate, Mode, MtaSts, Request, Section, Writer};
use tlsrpt_lint::model::RData;
use tlsrpt_lint::{check_paths, Settings};

/// One `rua`, three (one of them external, the value over 255 octets), an external
/// collector alone; with and without MTA-STS.
fn requests() -> Vec<Request> {
    let long = format!("https://reports.example.com/{}tlsrpt", "v1/".repeat(80));
    let sts = |mode, mx: &[&str]| MtaSts {
        mode,
        mx: mx.iter().map(|m| m.to_string()).collect(),
        max_age: 86400,
        id: "20261203T140000".to_string(),
    };
    vec![
        Request {
            domain: "example.com".to_string(),
            rua: vec!["mailto:tlsrpt@example.com".to_string()],
            mta_sts: None,
        },
        Request {
            domain: "Example.COM.".to_string(),
            rua: vec![
                "mailto:tlsrpt@example.com".to_string(),
                long,
                "mailto:reports@collector.example.net".to_string(),
            ],
            mta_sts: Some(sts(Mode::Enforce, &["mx1.example.com", "*.mx.example.com"])),
        },
        Request {
            domain: "mail.example.org".to_string(),
            rua: vec!["https://tlsrpt.collector.example.net/v1".to_string()],
            mta_sts: Some(sts(Mode::Testing, &["mx.example.org"])),
        },
        Request {
            domain: "example.co.uk".to_string(),
            rua: vec![
                "mailto:a@reports.example.co.uk".to_string(),
                "mailto:b@example.net".to_string(),
                "mailto:c@example.org".to_string(),
            ],
            mta_sts: None,
        },
    ]
}

/// Writes each section in a directory of its own (several may be `dnsconfig.js`).
fn write_sections(root: &Path, sections: &[Section]) -> Vec<PathBuf> {
    sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let path = root.join(i.to_string()).join(&s.file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, &s.text).unwrap();
            path
        })
        .collect()
}

/// Every TXT and policy record read back: (name, value).
fn read_back(root: &Path) -> (BTreeSet<(String, String)>, Vec<String>) {
    let outcome = check_paths(&[root.to_path_buf()], &Settings::default()).unwrap();
    let records = outcome
        .records
        .iter()
        .map(|r| {
            let value = match &r.data {
                RData::Txt(t) => t.value.text().to_string(),
                RData::StsPolicy(_) => r.source.text.clone(),
                other => format!("{other:?}"),
            };
            (r.name.text.to_ascii_lowercase(), value)
        })
        .collect();
    let findings = outcome
        .diagnostics
        .iter()
        .map(|d| format!("{} {}: {}", d.rule.name, d.location.source.path, d.message))
        .collect();
    (records, findings)
}

#[test]
fn every_format_reads_back_the_records_with_no_finding() {
    for request in requests() {
        let zone = tempfile::tempdir().unwrap();
        write_sections(zone.path(), &generate(&request, Writer::Zone).unwrap());
        let (expected, _) = read_back(zone.path());
        // The policy, the MTA-STS record and policy file, one authorization per host.
        assert!(expected.iter().any(|(n, _)| n.starts_with("_smtp._tls.")));
        for writer in Writer::all() {
            let sections = generate(&request, writer).unwrap();
            let dir = tempfile::tempdir().unwrap();
            write_sections(dir.path(), &sections);
            let (records, findings) = read_back(dir.path());
            let what = format!("{} for {}", writer.name(), request.domain);
            assert_eq!(records, expected, "{what}");
            let allowed =
                |f: &String| request.mta_sts.is_none() && f.starts_with("tlsrpt-without-mta-sts ");
            let unexpected: Vec<_> = findings.iter().filter(|f| !allowed(f)).collect();
            assert!(unexpected.is_empty(), "{what}: {unexpected:#?}");
            assert_eq!(
                findings.len(),
                usize::from(request.mta_sts.is_none()),
                "{what}: {findings:#?}"
            );
        }
    }
}

#[test]
fn zone_output_holds_the_values_asked_for() {
    let request = &requests()[1];
    let sections = generate(request, Writer::Zone).unwrap();
    let files: Vec<_> = sections.iter().map(|s| s.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "example.com.zone",
            ".well-known/mta-sts.txt",
            "example.net.zone"
        ]
    );
    assert!(sections[0]
        .text
        .contains("_mta-sts   3600 IN TXT \"v=STSv1; id=20261203T140000\"\n"));
    // Over 255 octets: two character-strings.
    let policy = sections[0]
        .text
        .lines()
        .find(|l| l.starts_with("_smtp"))
        .unwrap();
    assert_eq!(policy.matches("\" \"").count(), 1, "{policy}");
    assert_eq!(
        sections[1].text,
        "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmx: *.mx.example.com\r\nmax_age: 86400\r\n"
    );
    assert!(sections[2]
        .text
        .contains("example.com._report._tls.collector 86400 IN TXT \"v=TLSRPTv1;\"\n"));
}

#[test]
fn bad_input_is_refused_with_the_rules_message_and_help() {
    let mut request = requests()[0].clone();
    request.rua = vec!["tls@example.com".to_string()];
    let problem = generate(&request, Writer::OctoDns).unwrap_err();
    assert_eq!(
        problem.message,
        "`rua` URI `tls@example.com` has no scheme [TLSRPT201 missing-uri-scheme]"
    );
    assert_eq!(
        problem.help.as_deref(),
        Some("write an address as a `mailto:` URI")
    );
    request.rua = vec!["mailto:a@example.com".to_string()];
    request.domain = "exa mple.com".to_string();
    let problem = generate(&request, Writer::Zone).unwrap_err();
    assert!(
        problem.message.starts_with("domain contains ` `"),
        "{problem}"
    );
    request.domain = "example.com".to_string();
    request.mta_sts = Some(MtaSts {
        mode: Mode::Enforce,
        mx: Vec::new(),
        max_age: 86400,
        id: "1".to_string(),
    });
    let problem = generate(&request, Writer::Zone).unwrap_err();
    assert!(problem.message.contains("TLSRPT505"), "{problem}");
}

/// The generated sections of every request in `writer`'s format, with their zone.
fn zone_sections(writer: Writer) -> Vec<(String, String)> {
    requests()
        .iter()
        .flat_map(|r| generate(r, writer).unwrap())
        .filter(|s| !s.file.ends_with("mta-sts.txt"))
        .map(|s| (zone_of(&s.title), s.text))
        .collect()
}

fn zone_of(title: &str) -> String {
    title.rsplit(' ').next().unwrap().to_string()
}

#[test]
fn named_checkzone_accepts_zone_output() {
    if !support::on_path("named-checkzone", "-v") {
        support::skip(
            "the named-checkzone oracle",
            "named-checkzone is not on PATH (bind9-utils)",
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (i, (zone, text)) in zone_sections(Writer::Zone).into_iter().enumerate() {
        // A zone needs its SOA and NS records; the output is the lines to add to one.
        let file = dir.path().join(format!("{i}.zone"));
        let head = format!(
            "$TTL 3600\n$ORIGIN {zone}.\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ IN NS ns1\nns1 IN A 192.0.2.1\n"
        );
        fs::write(&file, head + &text).unwrap();
        let out = Command::new("named-checkzone")
            .args(["-k", "fail", &zone])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{zone}:\n{text}\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn octodns_validate_accepts_octodns_output() {
    let Some(python) =
        support::oracle_python("the octodns-validate oracle", "octodns.cmds.validate")
    else {
        return;
    };
    for (zone, text) in zone_sections(Writer::OctoDns) {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("zones")).unwrap();
        fs::write(dir.path().join(format!("zones/{zone}.yaml")), &text).unwrap();
        let config = format!(
            "providers:\n  config:\n    class: octodns.provider.yaml.YamlProvider\n    directory: ./zones\n\
             zones:\n  {zone}.:\n    sources: [config]\n    targets: [config]\n"
        );
        fs::write(dir.path().join("config.yaml"), config).unwrap();
        let out = Command::new(&python)
            .args(["-m", "octodns.cmds.validate", "--config-file=./config.yaml"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{zone}:\n{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn python_hcl2_parses_terraform_output() {
    let Some(python) = support::oracle_python("the python-hcl2 oracle", "hcl2") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for writer in Writer::all()
        .into_iter()
        .filter(|w| w.name().starts_with("terraform-"))
    {
        for (i, (_, text)) in zone_sections(writer).into_iter().enumerate() {
            let path = dir.path().join(format!("{}-{i}.tf", writer.name()));
            fs::write(&path, text).unwrap();
            paths.push(path);
        }
    }
    assert!(paths.len() >= 8 * 4, "{} files", paths.len());
    let out = Command::new(&python)
        .args([
            "-c",
            "import sys, hcl2\nfor p in sys.argv[1:]:\n    hcl2.load(open(p))",
        ])
        .args(&paths)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
