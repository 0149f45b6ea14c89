//! Terraform layouts real repositories use, each a fixture repository under
//! `fixtures/ok/terraform-layouts/`: the fixtures test checks they stay silent, and this
//! test that their records are read (silence alone could mean nothing was read).

use std::path::PathBuf;

use tlsrpt_lint::{check_paths, Settings};

/// The owner names and source files of the TXT records read under `dir`, sorted.
fn records(dir: &str) -> Vec<(String, String)> {
    let path = PathBuf::from("fixtures/ok/terraform-layouts").join(dir);
    let outcome = check_paths(&[path], &Settings::default()).unwrap();
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    let mut names: Vec<(String, String)> = outcome
        .records
        .iter()
        .map(|r| {
            let file = r.source.path.rsplit('/').next().unwrap().to_string();
            (r.name.text.clone(), file)
        })
        .collect();
    names.sort();
    names
}

fn owned(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(n, f)| (n.to_string(), f.to_string()))
        .collect()
}

#[test]
fn a_typeless_record_map_in_a_sibling_file_is_read_through_for_and_if() {
    assert_eq!(
        records("typeless-sibling"),
        owned(&[
            ("_mta-sts.com.typeless.example.", "main.tf"),
            ("_mta-sts.net.typeless.example.", "main.tf"),
            ("_mta-sts.org.typeless.example.", "main.tf"),
            ("_smtp._tls.com.typeless.example.", "main.tf"),
            ("_smtp._tls.net.typeless.example.", "main.tf"),
            ("_smtp._tls.org.typeless.example.", "main.tf"),
        ])
    );
}

#[test]
fn nested_record_blocks_are_records_of_their_own() {
    assert_eq!(
        records("nested-records"),
        owned(&[
            ("_mta-sts.com.nested.example.", "main.tf"),
            ("_mta-sts.org.nested.example.", "main.tf"),
            ("_smtp._tls.com.nested.example.", "main.tf"),
            ("_smtp._tls.org.nested.example.", "main.tf"),
        ])
    );
}

#[test]
fn a_local_module_called_n_times_makes_its_records_once_per_call() {
    assert_eq!(
        records("module-calls"),
        owned(&[
            // The argument is the whole value: the record is the call's.
            ("_mta-sts.a.calls.example.", "main.tf"),
            ("_mta-sts.b.calls.example.", "main.tf"),
            ("_mta-sts.c.calls.example.", "main.tf"),
            // The module alone, with its defaults.
            ("_mta-sts.default.default.example.", "records.tf"),
            // The module builds the value around the argument: its bytes.
            ("_smtp._tls.a.calls.example.", "records.tf"),
            ("_smtp._tls.b.calls.example.", "records.tf"),
            ("_smtp._tls.c.calls.example.", "records.tf"),
            ("_smtp._tls.default.default.example.", "records.tf"),
        ])
    );
}

#[test]
fn a_zone_named_by_a_module_output_or_a_data_source_fills_the_record_zone() {
    assert_eq!(
        records("zone-outputs"),
        owned(&[
            ("_mta-sts.cloudflare.outputs.example.", "main.tf"),
            ("_mta-sts.data.outputs.example.", "main.tf"),
            ("_mta-sts.outputs.example.", "main.tf"),
            ("_smtp._tls.cloudflare.outputs.example.", "main.tf"),
            ("_smtp._tls.data.outputs.example.", "main.tf"),
            ("_smtp._tls.outputs.example.", "main.tf"),
        ])
    );
}

#[test]
fn a_module_called_with_for_each_or_count_makes_its_records_once_per_instance() {
    // Each instance's, and the module's alone with its defaults (`default`).
    let expected: Vec<(String, &str)> = ["a", "b", "c0", "c1", "default"]
        .iter()
        .flat_map(|i| {
            [
                (format!("_mta-sts.{i}.each.example."), "main.tf"),
                (format!("_smtp._tls.{i}.each.example."), "main.tf"),
            ]
        })
        .collect();
    let mut expected: Vec<(&str, &str)> = expected.iter().map(|(n, f)| (n.as_str(), *f)).collect();
    expected.sort();
    assert_eq!(records("module-for-each"), owned(&expected));
}

#[test]
fn each_instance_of_a_module_call_is_checked_with_its_own_arguments() {
    let dir = PathBuf::from("fixtures/missing-uri-scheme/terraform-module-for-each");
    let outcome = check_paths(&[dir], &Settings::default()).unwrap();
    let mut domains: Vec<&str> = outcome
        .records
        .iter()
        .filter_map(|r| r.zone.as_deref())
        .collect();
    domains.sort();
    assert_eq!(
        domains,
        [
            "a.each.example.",
            "b.each.example.",
            "c0.each.example.",
            "c1.each.example."
        ]
    );
    // Only the instance for `b.each.example` is broken.
    let broken: Vec<&str> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.rule.code == "TLSRPT201")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(broken, ["`rua` URI `tls@b.each.example` has no scheme"]);
}

#[test]
fn a_registry_module_s_record_arguments_are_checked_and_the_module_is_named_unread() {
    let file = PathBuf::from("fixtures/missing-uri-scheme/terraform-registry-records.tf");
    let outcome = check_paths(&[file], &Settings::default()).unwrap();
    let names: Vec<&str> = outcome
        .records
        .iter()
        .map(|r| r.name.text.as_str())
        .collect();
    assert_eq!(names, ["_smtp._tls.registry.example."]);
    let mut codes: Vec<&str> = outcome.diagnostics.iter().map(|d| d.rule.code).collect();
    codes.sort();
    assert_eq!(codes, ["TLSRPT002", "TLSRPT201", "TLSRPT504"]);
    let unread = outcome
        .diagnostics
        .iter()
        .find(|d| d.rule.code == "TLSRPT002")
        .unwrap();
    assert!(unread
        .message
        .contains("the module is not in this repository"));
}
