//! Never wrong: on `tests/never-wrong/`, a repository of our own making that mirrors the
//! real shapes that once drew false alarms (a PowerDNS zone, deploy-time placeholders, a
//! Jinja-templated zone file, a walked zone file that another one `$INCLUDE`s), the default `check .` exits 0 and says
//! exactly the infos below, and every record read belongs to a zone.

mod support;

use std::path::Path;
use std::sync::Arc;

use tlsrpt_lint::extract::FileClass;
use tlsrpt_lint::extract::NoIncludes;
use tlsrpt_lint::pipeline::check_source;
use tlsrpt_lint::text::Source;
use tlsrpt_lint::{check_paths, Settings};

const REPO: &str = "tests/never-wrong";

#[test]
fn default_check_exits_0_with_only_the_true_infos() {
    let output = support::run(
        Path::new(REPO),
        &["check", ".", "--format", "concise", "--color", "never"],
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    let findings: Vec<&str> = stdout.lines().filter(|l| l.contains("[TLSRPT")).collect();
    assert_eq!(
        findings,
        [
            "ansible/roles/mail/templates/mail.example.org.zone.j2:11:34: info[TLSRPT002 unevaluated-value] `{{ mta_sts_id }}` is filled in at deploy time, so the value is checked without what it becomes",
            "deploy/db.deploy.example.org:6:52: info[TLSRPT002 unevaluated-value] `{{ domain }}` is filled in at deploy time, so the value is checked without what it becomes",
            "deploy/db.deploy.example.org:6:73: info[TLSRPT002 unevaluated-value] `${REPORTS_HOST}` is filled in at deploy time, so the value is checked without what it becomes",
        ]
    );
}

#[test]
fn an_included_zone_file_is_read_through_its_parent_only() {
    let outcome = check_paths(&[Path::new(REPO).to_path_buf()], &Settings::default()).unwrap();
    let mut names: Vec<(&str, Option<&str>)> = outcome
        .records
        .iter()
        .filter(|r| r.source.path.ends_with("common.zone"))
        .map(|r| (r.name.text.as_str(), r.zone.as_deref()))
        .collect();
    names.sort();
    // Once per `$INCLUDE`, each under its origin; never again as a zone without one.
    let zone = Some("inc.example.com.");
    assert_eq!(
        names,
        [
            ("_mta-sts.inc.example.com.", zone),
            ("_mta-sts.shop.inc.example.com.", zone),
            ("_smtp._tls.inc.example.com.", zone),
            ("_smtp._tls.shop.inc.example.com.", zone),
        ]
    );
}

/// One problem, one finding: an MTA-STS record published under `_tls` beside a policy is
/// `mta-sts-record-at-wrong-name`'s, and no other rule takes `_tls.example.net` for a
/// domain that publishes MTA-STS without TLS-RPT.
#[test]
fn an_mta_sts_record_under_tls_is_one_finding() {
    let source = Arc::new(Source::new(
        "example.net.zone".to_string(),
        "$ORIGIN example.net.\n$TTL 3600\n@ IN MX 10 mx.example.net.\n\
         _smtp._tls IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@example.net\"\n\
         _mta-sts._tls IN TXT \"v=STSv1; id=20250601\"\n"
            .to_string(),
    ));
    let loader = NoIncludes("no includes here");
    let outcome = check_source(&source, FileClass::Zone, &loader, &Settings::default());
    let rules: Vec<&str> = outcome.diagnostics.iter().map(|d| d.rule.name).collect();
    assert_eq!(
        rules,
        ["tlsrpt-without-mta-sts", "mta-sts-record-at-wrong-name"]
    );
}

/// A domain whose TLS-RPT policy sits at a misspelt name has a policy in the wrong place
/// (`policy-at-wrong-name`), not "MTA-STS but no TLS-RPT policy" as well.
#[test]
fn a_misplaced_policy_is_not_also_a_missing_one() {
    let source = Arc::new(Source::new(
        "example.dev.zone".to_string(),
        "$ORIGIN example.dev.\n$TTL 3600\n@ IN MX 10 mx.example.dev.\n\
         _smpt._tls IN TXT \"v=TLSRPTv1; rua=mailto:tlsrpt@example.dev\"\n\
         _mta-sts IN TXT \"v=STSv1; id=20250601\"\n"
            .to_string(),
    ));
    let loader = NoIncludes("no includes here");
    let outcome = check_source(&source, FileClass::Zone, &loader, &Settings::default());
    let rules: Vec<&str> = outcome.diagnostics.iter().map(|d| d.rule.name).collect();
    assert_eq!(rules, ["policy-at-wrong-name"]);
}
