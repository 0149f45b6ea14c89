#!/usr/bin/env python3
"""Writes a synthetic Pulumi YAML program or ARM template of about SIZE megabytes, for the
reader throughput benchmark: MB/s at 1 and 10 MB, timing `tlsrpt-lint check` (release) on
the file alone.

Deterministic: the same arguments give the same bytes. Each domain gets a TLS-RPT policy,
an MTA-STS record and an MX; one policy in ten has no `rua=`. Pulumi values fold a
variable; ARM names fold a parameter's default and values a `concat`.

Usage: gen_pulumi_arm.py pulumi|arm SIZE_MB OUT
"""

import json
import sys


def pulumi(size):
    out = ["name: bench\nruntime: yaml\nvariables:\n  rua: mailto:tlsrpt@example.com\nresources:\n"]
    total, i = len(out[0]), 0
    while total < size:
        d = f"d{i}.example.com"
        value = "v=TLSRPTv1;" if i % 10 == 0 else "v=TLSRPTv1; rua=${rua}"
        block = (
            f"  policy{i}:\n    type: cloudflare:Record\n    properties:\n      zoneId: z{i}\n"
            f"      name: _smtp._tls.{d}\n      type: TXT\n      ttl: 86400\n      content: {value}\n"
            f"  sts{i}:\n    type: aws:route53:Record\n    properties:\n      zoneId: Z{i}\n"
            f"      name: _mta-sts.{d}\n      type: TXT\n      ttl: 3600\n      records:\n"
            f"        - v=STSv1; id=2024{i}\n"
            f"  mx{i}:\n    type: gcp:dns:RecordSet\n    properties:\n      managedZone: z{i}\n"
            f"      name: {d}.\n      type: MX\n      ttl: 3600\n      rrdatas:\n        - 10 mx.{d}.\n"
        )
        out.append(block)
        total += len(block)
        i += 1
    return "".join(out)


def arm(size):
    resources = []
    total, i = 0, 0
    while total < size:
        value = "v=TLSRPTv1;" if i % 10 == 0 else "[concat('v=TLSRPTv1; rua=', variables('rua'))]"
        zone = f"[concat(parameters('zone'), '{i}')]"
        resource = {
            "type": "Microsoft.Network/dnsZones",
            "apiVersion": "2018-05-01",
            "name": zone,
            "location": "global",
            "resources": [
                {"type": "TXT", "apiVersion": "2018-05-01", "name": "_smtp._tls",
                 "properties": {"TTL": 86400, "TXTRecords": [{"value": [value]}]}},
                {"type": "TXT", "apiVersion": "2018-05-01", "name": "_mta-sts",
                 "properties": {"TTL": 3600, "TXTRecords": [{"value": [f"v=STSv1; id=2024{i}"]}]}},
                {"type": "MX", "apiVersion": "2018-05-01", "name": "@",
                 "properties": {"TTL": 3600, "MXRecords": [{"preference": 10, "exchange": f"mx{i}.example.com"}]}},
            ],
        }
        total += len(json.dumps(resource, indent=2))
        resources.append(resource)
        i += 1
    template = {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {"zone": {"type": "string", "defaultValue": "example"}},
        "variables": {"rua": "mailto:tlsrpt@example.com"},
        "resources": resources,
    }
    return json.dumps(template, indent=2) + "\n"


def main():
    kind, size, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    text = {"pulumi": pulumi, "arm": arm}[kind](int(size * 1_000_000))
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
