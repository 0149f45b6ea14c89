//! The Ansible reader end to end, with a repository held in memory.

use std::sync::Arc;

use crate::extract::yaml::tests::summary;
use crate::extract::{Extracted, Loader};
use crate::model::RData;
use crate::text::Source;

/// Files by path; `..` in a requested path is resolved.
struct Repo(Vec<(&'static str, &'static str)>);

impl Repo {
    fn resolve(from: &Source, path: &str) -> String {
        let mut parts: Vec<&str> = from.path.split('/').collect();
        parts.pop();
        for part in path.split('/') {
            match part {
                "." | "" => {}
                ".." => {
                    parts.pop();
                }
                p => parts.push(p),
            }
        }
        parts.join("/")
    }
}

impl Loader for Repo {
    fn load(&self, from: &Source, path: &str) -> Result<Arc<Source>, String> {
        let full = Repo::resolve(from, path);
        let (path, text) = self
            .0
            .iter()
            .find(|(p, _)| *p == full)
            .ok_or_else(|| "file not found".to_string())?;
        Ok(Arc::new(Source::new(*path, *text)))
    }

    fn list(&self, from: &Source, dir: &str) -> Vec<String> {
        let prefix = format!("{}/", Repo::resolve(from, dir));
        let mut names: Vec<String> = self
            .0
            .iter()
            .filter_map(|(p, _)| p.strip_prefix(prefix.as_str()))
            .map(|rest| rest.split('/').next().unwrap_or(rest).to_string())
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

fn read(path: &str, text: &str, repo: &Repo) -> Extracted {
    crate::extract::yaml::extract(&Arc::new(Source::new(path, text)), repo, None)
}

const ROLE_TASKS: &str = "\
- name: TLS-RPT
  community.general.cloudflare_dns:
    zone: \"{{ zone }}\"
    record: _smtp._tls
    type: TXT
    value: \"v=TLSRPTv1; rua=mailto:{{ address }}\"
- name: nested
  block:
    - name: MTA-STS
      cloudflare_dns:
        zone: \"{{ zone }}\"
        record: _mta-sts.{{ zone }}
        type: TXT
        value: v=STSv1; id=1
      vars:
        zone: example.net
  rescue:
    - name: removed
      route53:
        command: delete
        zone: example.org
        record: _smtp._tls.example.org
        type: TXT
        value: '\"v=TLSRPTv1; rua=mailto:a@example.org\"'
";

#[test]
fn role_tasks_fold_defaults_group_vars_and_task_vars() {
    let repo = Repo(vec![
        (
            "repo/roles/mail/defaults/main.yml",
            "zone: example.org\naddress: \"tls@{{ zone }}\"\n",
        ),
        ("repo/group_vars/all.yml", "zone: example.com\n"),
        ("repo/group_vars/all/extra.yml", "unused: 1\n"),
    ]);
    let out = read("repo/roles/mail/tasks/main.yml", ROLE_TASKS, &repo);
    let (records, diagnostics) = summary(&out);
    // group_vars wins over the role's defaults; the task's vars over both.
    assert_eq!(
        records,
        [
            "_smtp._tls.example.com. example.com. v=TLSRPTv1; rua=mailto:tls@example.com",
            "_mta-sts.example.net. example.net. v=STSv1; id=1",
        ]
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    // The folded text maps to the whole `{{ }}`.
    let RData::Txt(txt) = &out.records[0].data else {
        panic!()
    };
    let span = txt.value.source_span(23..38);
    assert_eq!(&ROLE_TASKS[span.range()], "{{ address }}");
}

#[test]
fn hosts_that_disagree_leave_a_variable_unknown() {
    let repo = Repo(vec![
        ("repo/host_vars/a.yml", "zone: a.example\n"),
        ("repo/host_vars/b.yml", "zone: b.example\n"),
    ]);
    let out = read("repo/tasks/dns.yml", ROLE_TASKS, &repo);
    let (records, diagnostics) = summary(&out);
    assert_eq!(
        records,
        [
            "_smtp._tls - v=TLSRPTv1; rua=mailto:{{ address }}",
            "_mta-sts.example.net. example.net. v=STSv1; id=1"
        ]
    );
    // The placeholder left in the value is reported by `extract::placeholders`.
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn a_playbook_reads_its_plays_and_the_other_modules() {
    let text = "\
- hosts: dns
  vars:
    domain: example.com
  tasks:
    - google.cloud.gcp_dns_resource_record_set:
        name: _smtp._tls.{{ domain }}.
        managed_zone: {name: zone, dnsName: \"{{ domain }}.\"}
        type: TXT
        target:
          - v=TLSRPTv1; rua=mailto:a@example.com
    - community.dns.hosttech_dns_record_set:
        zone_name: \"{{ domain }}\"
        record: _mta-sts.example.com
        type: TXT
        value: ['\"v=STSv1; id=2\"']
        txt_transformation: quoted
    - azure.azcollection.azure_rm_dnsrecordset:
        zone_name: \"{{ domain }}\"
        relative_name: \"@\"
        record_type: MX
        records: [{preference: 10, exchange: mx.example.com}]
    - amazon.aws.route53:
        zone: \"{{ domain }}\"
        record: \"_smtp._tls.{{ undefined }}\"
        type: TXT
        value: '\"v=TLSRPTv1; rua=mailto:a@example.com\"'
";
    let (records, diagnostics) = summary(&read("site.yml", text, &Repo(Vec::new())));
    assert_eq!(
        records,
        [
            "_smtp._tls.example.com. example.com. v=TLSRPTv1; rua=mailto:a@example.com",
            "_mta-sts.example.com. example.com. v=STSv1; id=2",
            "example.com. example.com. MX mx.example.com.",
        ]
    );
    assert_eq!(
        diagnostics,
        [
            "TLSRPT603 v=TLSRPTv1; rua=mailto:a@example.com",
            "TLSRPT002 {{ undefined }}",
        ]
    );
}

#[test]
fn ansible_data_is_not_an_octodns_zone_and_broken_yaml_is_reported() {
    let data = "dns_records:\n  - name: _smtp._tls\n    type: TXT\n    value: v=TLSRPTv1\n";
    for path in [
        "group_vars/all.yml",
        "roles/mail/vars/main.yml",
        "roles/m/defaults/x.yml",
        "vars/dns.yml",
    ] {
        let (records, diagnostics) = summary(&read(path, data, &Repo(Vec::new())));
        assert!(records.is_empty() && diagnostics.is_empty(), "{path}");
    }
    let broken = "- name: a: b\n  route53:\n    value: \"{{ x }}\"\n";
    let (_, diagnostics) = summary(&read("tasks/main.yml", broken, &Repo(Vec::new())));
    assert_eq!(diagnostics.len(), 1);
    assert!(diagnostics[0].starts_with("TLSRPT001"));
    // The `key=value` form is not read.
    let free = "- route53: command=create zone=example.com record=_smtp._tls.example.com\n";
    assert!(read("tasks/x.yml", free, &Repo(Vec::new()))
        .records
        .is_empty());
}

/// Where a record's value and name are written: file and text.
fn located(out: &Extracted, i: usize) -> (String, String, String) {
    let r = &out.records[i];
    (
        r.source.path.clone(),
        r.source.text[r.value_span().range()].to_string(),
        r.source.text[r.name.span.range()].to_string(),
    )
}

const LOOPS: &str = "\
- hosts: mail
  vars:
    inline_zone: example.com
  tasks:
    - name: inline items
      community.general.cloudflare_dns:
        zone: \"{{ inline_zone }}\"
        record: \"{{ item.name }}\"
        type: TXT
        value: \"{{ item.value }}\"
      loop:
        - { name: _smtp._tls, value: \"v=TLSRPTv1; rua=mailto:tls@example.com\" }
        - name: _mta-sts
          value: \"v=STSv1; id=2024\"
    - name: a list from group_vars
      cloudflare_dns:
        zone: example.net
        record: \"{{ rec['name'] }}\"
        type: TXT
        value: \"{{ rec.value }}\"
      with_items: \"{{ mail_records }}\"
      loop_control:
        loop_var: rec
    - name: a dict, the address joined into the task's text
      cloudflare_dns:
        zone: example.org
        record: \"{{ item.key }}\"
        type: TXT
        value: \"v=TLSRPTv1; rua=mailto:{{ item.value }}\"
      with_dict:
        _smtp._tls: tls@example.org
";

#[test]
fn loops_read_one_record_per_item_located_at_the_item() {
    let repo = Repo(vec![(
        "repo/group_vars/all.yml",
        "mail_records:\n  - name: _smtp._tls\n    value: \"v=TLSRPTv1; rua=mailto:a@{{ domain }}\"\ndomain: example.net\n",
    )]);
    let out = read("repo/site.yml", LOOPS, &repo);
    let (records, diagnostics) = summary(&out);
    assert_eq!(
        records,
        [
            "_smtp._tls.example.com. example.com. v=TLSRPTv1; rua=mailto:tls@example.com",
            "_mta-sts.example.com. example.com. v=STSv1; id=2024",
            "_smtp._tls.example.net. example.net. v=TLSRPTv1; rua=mailto:a@example.net",
            "_smtp._tls.example.org. example.org. v=TLSRPTv1; rua=mailto:tls@example.org",
        ]
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let site = "repo/site.yml".to_string();
    assert_eq!(
        located(&out, 1),
        (site.clone(), "v=STSv1; id=2024".into(), "_mta-sts".into())
    );
    // In another file: the record is there, its folded `{{ domain }}` at its expression.
    let vars = "repo/group_vars/all.yml".to_string();
    assert_eq!(
        located(&out, 2),
        (
            vars,
            "v=TLSRPTv1; rua=mailto:a@{{ domain }}".into(),
            "_smtp._tls".into()
        )
    );
    let via = out.records[2].via.as_ref().unwrap();
    assert_eq!(&LOOPS[via.span.range()], "with_items");
    // An item joined into the task's text maps to its own bytes in the same file.
    let RData::Txt(txt) = &out.records[3].data else {
        panic!()
    };
    assert_eq!(
        &LOOPS[txt.value.source_span(23..38).range()],
        "tls@example.org"
    );
}

#[test]
fn unknown_self_naming_and_long_lists_leave_the_item_unknown() {
    let task = |list: &str| {
        format!(
            "- cloudflare_dns:\n    zone: example.com\n    record: \"{{{{ item }}}}\"\n    type: TXT\n    value: v=TLSRPTv1\n  loop: {list}\n"
        )
    };
    let long = format!("[{}]", vec!["_smtp._tls"; 1001].join(", "));
    let repo = Repo(vec![(
        "repo/group_vars/all.yml",
        "self: \"{{ self }}\"\nfiltered: [a]\n",
    )]);
    for list in [
        "\"{{ self }}\"",
        "\"{{ filtered | map('upper') }}\"",
        "\"{{ missing }}\"",
        long.as_str(),
    ] {
        let out = read("repo/tasks/dns.yml", &task(list), &repo);
        let (records, diagnostics) = summary(&out);
        assert!(records.is_empty(), "{list}: {records:?}");
        assert_eq!(diagnostics, ["TLSRPT002 {{ item }}"], "{list}");
    }
    // A thousand items are read.
    let thousand = format!("[{}]", vec!["_smtp._tls"; 1000].join(", "));
    let out = read("repo/tasks/dns.yml", &task(&thousand), &repo);
    // The same record a thousand times is written once.
    assert_eq!(out.records.len(), 1);
    // A file's loops are read for 10,000 items in all, whatever its documents.
    let eleven = vec![task(&thousand); 11].join("---\n");
    let (records, diagnostics) = summary(&read("repo/tasks/dns.yml", &eleven, &repo));
    assert_eq!((records.len(), diagnostics.len()), (10, 1));
}

#[test]
fn set_fact_defines_for_later_tasks_unless_it_may_not_run_or_disagrees() {
    let text = "\
- cloudflare_dns: {zone: \"{{ zone }}\", record: _smtp._tls, type: TXT, value: v=TLSRPTv1}
- ansible.builtin.set_fact:
    zone: example.com
    records: [_smtp._tls]
- cloudflare_dns: {zone: \"{{ zone }}\", record: \"{{ item }}\", type: TXT, value: v=TLSRPTv1}
  loop: \"{{ records }}\"
  vars:
    zone: example.org
- block:
    - set_fact: {maybe: example.net}
  when: false
- cloudflare_dns: {zone: \"{{ maybe }}\", record: _smtp._tls, type: TXT, value: v=TLSRPTv1}
- set_fact: {zone: example.edu}
- cloudflare_dns: {zone: \"{{ zone }}\", record: _smtp._tls, type: TXT, value: v=TLSRPTv1}
";
    let (records, _) = summary(&read("tasks/main.yml", text, &Repo(Vec::new())));
    assert_eq!(
        records,
        [
            // Before the fact: the zone is not known.
            "_smtp._tls - v=TLSRPTv1",
            // The fact is above the task's vars.
            "_smtp._tls.example.com. example.com. v=TLSRPTv1",
            "_smtp._tls - v=TLSRPTv1",
            // Two facts that disagree.
            "_smtp._tls - v=TLSRPTv1",
        ]
    );
}
