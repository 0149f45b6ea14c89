"""Writes the `check --fix` inputs: one record per value rule with a fix, in every format.

Each format's file holds the same decoded values (taken from the rule fixtures), written
with that format's own escaping, so that tests/fix.rs can fix them all and compare.
Run from the crate root: python3 tests/fix/generate.py
"""

import json
import os

# (label, owner relative to example.com, value) -- one per value rule with a fix.
RECORDS = [
    ("r101", "_smtp._tls.r101", " v=TLSRPTv1; rua=mailto:tlsrpt@example.com"),
    ("r101u", "_smtp._tls.r101u", "rua=mailto:tlsrpt@example.com"),
    ("r102", "_smtp._tls.r102", "v=tlsrptv1; rua=mailto:tlsrpt@example.com"),
    ("r103", "_smtp._tls.r103", "v=TLSRPTv1 rua=mailto:tlsrpt@example.com"),
    ("r104", "_smtp._tls.r104", "v=TLSRPTv1 ; rua=mailto:tlsrpt@example.com"),
    ("r106", "_smtp._tls.r106", "v=TLSRPTv1;; rua=mailto:tlsrpt@example.com"),
    ("r107", "_smtp._tls.r107", "v=TLSRPTv1; rua = mailto:tlsrpt@example.com"),
    ("r110", "_smtp._tls.r110", "v=TLSRPTv1; RUA=mailto:tlsrpt@example.com"),
    ("r112", "_smtp._tls.r112", "v=TLSRPTv1;\u200b rua=mailto:tlsrpt@example.com"),
    ("r113", "_smtp._tls.r113", "v=TLSRPTv1; rua=mailto:tlsrpt@exam\tple.com"),
    ("r201", "_smtp._tls.r201", "v=TLSRPTv1; rua=tlsrpt@example.com"),
    ("r202", "_smtp._tls.r202", "v=TLSRPTv1; rua=http://reports.example.com/tlsrpt"),
    ("r203", "_smtp._tls.r203", "v=TLSRPTv1; rua=mailto;tlsrpt@example.com"),
    ("r205", "_smtp._tls.r205", "v=TLSRPTv1; rua=mailto:tls!rpt@example.com"),
    ("r206", "_smtp._tls.r206", "v=TLSRPTv1; rua=mailto:tlsrpt@example.com,"),
    ("r207", "_smtp._tls.r207", "v=TLSRPTv1; rua=mailto:tlsrpt@example.com,mailto:tlsrpt@EXAMPLE.com"),
    ("r208", "_smtp._tls.r208", "v=TLSRPTv1; rua=mailto:tlsrpt@example.com?subject=tlsrpt"),
    ("r403", "example.org._report._tls", "v=tlsrptv1;"),
    ("r501", "_mta-sts.r501", "v=STSv1 id=20240101"),
]


def zone_string(value):
    out = ""
    for c in value:
        if c in '"\\':
            out += "\\" + c
        elif ord(c) < 32:
            out += "\\%03d" % ord(c)
        else:
            out += c
    return '"' + out + '"'


def c_string(value, dollar=False):
    """A double-quoted string with C-like escapes: YAML, HCL, JavaScript."""
    out = json.dumps(value, ensure_ascii=False)
    if dollar:
        out = out.replace("${", "$${").replace("%{", "%%{")
    return out


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def main():
    base = "tests/fix"
    zone = "$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns.example.com. h.example.com. 1 3600 600 86400 300\n@ IN NS ns.example.com.\nns IN A 192.0.2.1\n"
    for _, owner, value in RECORDS:
        zone += "%s IN TXT %s\n" % (owner, zone_string(value))
    write(base + "/zone/example.com.zone", zone)

    octodns = "---\n"
    # OctoDNS wants its keys sorted.
    for _, owner, value in sorted(RECORDS, key=lambda r: r[1]):
        # OctoDNS wants `\;`; the YAML double-quoted scalar writes its backslash as `\\`.
        written = c_string(value.replace(";", "\\;"))
        octodns += "%s:\n  type: TXT\n  value: %s\n" % (owner, written)
    write(base + "/octodns/zones/example.com.yaml", octodns)
    write(
        base + "/octodns/config.yaml",
        "providers:\n  config:\n    class: octodns.provider.yaml.YamlProvider\n"
        "    directory: ./zones\nzones:\n  example.com.:\n    sources: [config]\n"
        "    targets: [config]\n",
    )

    tf = ""
    for label, owner, value in RECORDS:
        tf += (
            'resource "aws_route53_record" "%s" {\n  zone_id = "Z123"\n'
            '  name    = "%s.example.com"\n  type    = "TXT"\n  ttl     = 3600\n'
            "  records = [%s]\n}\n\n" % (label, owner, c_string(value, dollar=True))
        )
    write(base + "/terraform/main.tf", tf)

    js = 'var REG_NONE = NewRegistrar("none");\nvar DNS = NewDnsProvider("none");\n\n'
    js += 'D("example.com", REG_NONE, DnsProvider(DNS),\n'
    js += ",\n".join("  TXT(%s, %s)" % (c_string(o), c_string(v)) for _, o, v in RECORDS)
    js += "\n);\n"
    write(base + "/dnscontrol/dnsconfig.js", js)

    cfn = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n"
    for label, owner, value in RECORDS:
        cfn += (
            "  %s:\n    Type: AWS::Route53::RecordSet\n    Properties:\n"
            "      HostedZoneName: example.com.\n      Name: %s.example.com.\n"
            "      Type: TXT\n      TTL: '3600'\n      ResourceRecords:\n        - %s\n"
            % (label.upper(), owner, c_string('"' + value + '"'))
        )
    write(base + "/cloudformation/template.yaml", cfn)

    k8s = (
        "apiVersion: externaldns.k8s.io/v1alpha1\nkind: DNSEndpoint\nmetadata:\n"
        "  name: reporting\nspec:\n  endpoints:\n"
    )
    for _, owner, value in RECORDS:
        k8s += (
            "    - dnsName: %s.example.com\n      recordType: TXT\n      targets:\n"
            "        - %s\n" % (owner, c_string(value))
        )
    write(base + "/external-dns/endpoints.yaml", k8s)


main()
