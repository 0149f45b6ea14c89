#!/usr/bin/env python3
"""A generated Ansible role of one tasks file of about SIZE megabytes, for bench/ansible.sh.

The tasks are what a mail-server role holds, deterministically varied: DNS tasks of every
module the reader knows (Cloudflare, Route 53, community.dns, Cloud DNS, Azure) for TLS-RPT,
MTA-STS, MX and unrelated TXT records, with `{{ var }}` names and values folded from the
role's defaults, mixed with the package, template and service tasks around them (two in
three tasks are not DNS). One name in fifty is misspelt and one Route 53 value in twenty
lacks its quotes, so the run has findings to print.

Usage: gen_ansible.py SIZE_MB OUT_DIR   (writes OUT_DIR/roles/mail/{tasks,defaults}/main.yml)
"""

import os
import sys

DEFAULTS = """\
mail_domain: example.org
tlsrpt_address: "tlsrpt@{{ mail_domain }}"
mta_sts_id: "20261101"
"""


def dns_task(i):
    zone = f"d{i % 1000}.example"
    label = "_smpt._tls" if i % 50 == 7 else "_smtp._tls"
    kind = i % 5
    if kind == 0:
        return f"""- name: TLS-RPT for {zone}
  community.general.cloudflare_dns:
    zone: {zone}
    record: {label}
    type: TXT
    value: "v=TLSRPTv1; rua=mailto:{{{{ tlsrpt_address }}}}"
    ttl: 86400
"""
    if kind == 1:
        quoted = "v=STSv1; id={{ mta_sts_id }}" if i % 20 == 1 else '"v=STSv1; id={{ mta_sts_id }}"'
        return f"""- name: MTA-STS for {zone}
  amazon.aws.route53:
    state: present
    zone: {zone}
    record: "_mta-sts.{zone}"
    type: TXT
    ttl: 86400
    value:
      - '{quoted}'
    overwrite: true
"""
    if kind == 2:
        return f"""- name: MX for {zone}
  community.dns.hetzner_dns_record_set:
    zone_name: {zone}
    prefix: ""
    type: MX
    value:
      - "10 mx.{{{{ mail_domain }}}}."
"""
    if kind == 3:
        return f"""- name: SPF for {zone}
  google.cloud.gcp_dns_resource_record_set:
    name: "{zone}."
    managed_zone: {{name: z{i}, dnsName: "{zone}."}}
    type: TXT
    target: ['"v=spf1 mx -all"']
"""
    return f"""- name: TLS-RPT for {zone} in Azure
  azure.azcollection.azure_rm_dnsrecordset:
    resource_group: dns
    zone_name: {zone}
    relative_name: {label}
    record_type: TXT
    records:
      - entry: "v=TLSRPTv1; rua=mailto:tlsrpt@{zone}"
"""


def other_task(i):
    if i % 2:
        return f"""- name: Install package {i}
  ansible.builtin.apt:
    name: [postfix, dovecot-imapd, opendkim-{i}]
    state: present
    update_cache: true
"""
    return f"""- name: Configure service {i}
  ansible.builtin.template:
    src: "main.cf.j2"
    dest: "/etc/postfix/main-{i}.cf"
    mode: "0644"
  notify: restart postfix
  when: mail_domain is defined
"""


def main():
    size = float(sys.argv[1]) * 1_000_000
    out = sys.argv[2]
    os.makedirs(f"{out}/roles/mail/tasks", exist_ok=True)
    os.makedirs(f"{out}/roles/mail/defaults", exist_ok=True)
    with open(f"{out}/roles/mail/defaults/main.yml", "w") as f:
        f.write(DEFAULTS)
    written = 0
    i = 0
    with open(f"{out}/roles/mail/tasks/main.yml", "w") as f:
        f.write("---\n")
        while written < size:
            task = dns_task(i // 3) if i % 3 == 0 else other_task(i)
            f.write(task)
            written += len(task)
            i += 1
    print(f"{out}: {i} tasks, {written / 1e6:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
