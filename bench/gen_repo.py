#!/usr/bin/env python3
"""Writes a DNS repository of N zones for the repository-model benchmark (bench/run_repo.sh).

Each zone has SOA, NS, A, AAAA and MX records and a TLS-RPT policy; the policies send
reports to their own domain (70%), to a collector zone in the repository (20%; nine in ten
of those are authorized there, the rest are TLSRPT402 findings) or to an outside collector
(10%, TLSRPT401). Companions: an `_mta-sts` record (60%), DANE TLSA records at
`_25._tcp.<mx>` (20%) or neither (20%, TLSRPT504). One zone in twenty keeps its policy in an
`$INCLUDE`d file. Collector zones (one per 100 zones, at least one) hold the authorization
records, so every cross-zone lookup of the model is exercised.

Files: one zone in three is `zones/db.<domain>`, one in three `zones/<domain>.zone`, and one
in three `zones/bind/z<N>.zone`, whose origin only `named.conf` gives.

Writers (WRITERS): BIND zone files (`zone`), OctoDNS zone files with their YamlProvider
config (`octodns`), Terraform `aws_route53_record` resources (`terraform`) and one dnscontrol
`dnsconfig.js` (`dnscontrol`); `--formats zone,octodns` spreads the zones over them
round-robin, so a policy and the collector zone holding its authorization are often in
different formats. Each writer is a function from a list of zones and the output directory
to files.

The output is deterministic for a given N and seed.

Usage: gen_repo.py --zones N [--seed S] [--formats zone] OUT
"""

import argparse
import os
import random

TLSA = "3 1 1 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1"


class Zone:
    """One zone: its domain (no trailing dot) and its records (relative owner, type, data),
    plus records a writer may move to an included file."""

    def __init__(self, domain):
        self.domain = domain
        self.records = []
        self.included = []

    def add(self, owner, rtype, data, include=False):
        (self.included if include else self.records).append((owner, rtype, data))


def build(n, rng):
    collectors = [f"collector{c}.example.net" for c in range(max(1, n // 100))]
    collector_zones = {c: Zone(c) for c in collectors}
    zones = []
    for i in range(n):
        domain = f"d{i:05d}.example"
        z = Zone(domain)
        z.add("@", "SOA", "ns1 hostmaster 1 7200 3600 1209600 3600")
        z.add("@", "NS", "ns1")
        z.add("ns1", "A", f"192.0.2.{i % 250 + 1}")
        z.add("www", "A", f"198.51.100.{i % 250 + 1}")
        z.add("www", "AAAA", f"2001:db8::{i % 65535:x}")
        z.add("@", "MX", "10 mx")
        z.add("mx", "A", f"203.0.113.{i % 250 + 1}")
        z.add("@", "TXT", '"v=spf1 mx -all"')
        roll = rng.random()
        if roll < 0.7:
            rua = f"mailto:tlsrpt@{domain}"
        elif roll < 0.9:
            collector = rng.choice(collectors)
            rua = f"mailto:{domain}@{collector}"
            if rng.random() < 0.9:
                collector_zones[collector].add(f"{domain}._report._tls", "TXT", '"v=TLSRPTv1;"')
        else:
            rua = f"https://reports.outside{i % 7}.example.org/v1"
        z.add("_smtp._tls", "TXT", f'"v=TLSRPTv1; rua={rua}"', include=(i % 20 == 0))
        companion = rng.random()
        if companion < 0.6:
            z.add("_mta-sts", "TXT", f'"v=STSv1; id={20250000 + i}"')
        elif companion < 0.8:
            z.add("_25._tcp.mx", "TLSA", TLSA)
        zones.append(z)
    return zones + list(collector_zones.values())


def zone_text(z, origin):
    lines = ["$TTL 3600"]
    if origin:
        lines.insert(0, f"$ORIGIN {z.domain}.")
    lines += [f"{owner:<24} IN {rtype:<5} {data}" for owner, rtype, data in z.records]
    return lines


def write_zone_files(zones, out):
    """BIND master files: three naming schemes, named.conf for the third."""
    os.makedirs(os.path.join(out, "zones/bind"), exist_ok=True)
    os.makedirs(os.path.join(out, "zones/includes"), exist_ok=True)
    named = []
    for k, z in enumerate(zones):
        scheme = k % 3
        if scheme == 0:
            path = f"zones/db.{z.domain}"
        elif scheme == 1:
            path = f"zones/{z.domain}.zone"
        else:
            path = f"zones/bind/z{k:05d}.zone"
            named.append(f'zone "{z.domain}" {{ type primary; file "{path}"; }};')
        lines = zone_text(z, origin=False)
        if z.included:
            # Not a name the walk takes for a zone file: it is read through `$INCLUDE` only.
            inc = f"zones/includes/policy-{k:05d}.inc"
            lines.append(f"$INCLUDE {os.path.relpath(inc, os.path.dirname(path))}")
            with open(os.path.join(out, inc), "w") as f:
                f.write("".join(f"{o:<24} IN {t:<5} {d}\n" for o, t, d in z.included))
        with open(os.path.join(out, path), "w") as f:
            f.write("\n".join(lines) + "\n")
    with open(os.path.join(out, "named.conf"), "w") as f:
        f.write('options { directory "."; };\n' + "\n".join(named) + "\n")


def txt(data):
    """The text of a zone-file TXT data `"..."` (the generator writes one string)."""
    return data.strip('"')


def absolute(host, domain):
    return host if host.endswith(".") else f"{host}.{domain}."


def write_octodns(zones, out):
    """OctoDNS: one YAML file per zone under octodns/zones, escaped semicolons."""
    os.makedirs(os.path.join(out, "octodns/zones"), exist_ok=True)
    config = ["providers:", "  config:", "    class: octodns.provider.yaml.YamlProvider",
              "    directory: ./zones", "zones:"]
    for z in zones:
        config.append(f"  {z.domain}.:\n    sources: [config]")
        by_name = {}
        for owner, rtype, data in z.records + z.included:
            if rtype in ("SOA", "NS"):
                continue
            name = "" if owner == "@" else owner
            if rtype == "TXT":
                value = "'" + txt(data).replace(";", "\\;") + "'"
            elif rtype == "MX":
                pref, host = data.split()
                value = f"{{preference: {pref}, exchange: {absolute(host, z.domain)}}}"
            elif rtype == "TLSA":
                u, s_, m, cert = data.split()
                value = (f"{{certificate_usage: {u}, selector: {s_}, matching_type: {m}, "
                         f"certificate_association_data: {cert}}}")
            else:
                value = data
            by_name.setdefault(name, {}).setdefault(rtype, []).append(value)
        lines = ["---"]
        for name in sorted(by_name):
            lines.append(f"'{name}':")
            for rtype, values in by_name[name].items():
                lines.append(f"  - type: {rtype}")
                lines.append("    values:")
                lines += [f"      - {v}" for v in values]
        with open(os.path.join(out, f"octodns/zones/{z.domain}.yaml"), "w") as f:
            f.write("\n".join(lines) + "\n")
    with open(os.path.join(out, "octodns/config.yaml"), "w") as f:
        f.write("\n".join(config) + "\n")


def write_terraform(zones, out):
    """Terraform: one module per 100 zones, an aws_route53_zone and its record sets."""
    for start in range(0, len(zones), 100):
        blocks = []
        for z in zones[start : start + 100]:
            zid = z.domain.replace(".", "_")
            blocks.append(f'resource "aws_route53_zone" "{zid}" {{\n  name = "{z.domain}"\n}}\n')
            sets = {}
            for owner, rtype, data in z.records + z.included:
                if rtype in ("SOA", "NS"):
                    continue
                value = txt(data) if rtype == "TXT" else data
                if rtype == "MX":
                    pref, host = data.split()
                    value = f"{pref} {absolute(host, z.domain)}"
                sets.setdefault((owner, rtype), []).append(value)
            for k, ((owner, rtype), values) in enumerate(sets.items()):
                name = z.domain if owner == "@" else f"{owner}.{z.domain}"
                records = ", ".join('"' + v.replace('"', '\\"') + '"' for v in values)
                blocks.append(
                    f'resource "aws_route53_record" "{zid}_{k}" {{\n'
                    f"  zone_id = aws_route53_zone.{zid}.zone_id\n"
                    f'  name    = "{name}"\n  type    = "{rtype}"\n  ttl     = 3600\n'
                    f"  records = [{records}]\n}}\n"
                )
        path = os.path.join(out, f"terraform/dns{start // 100:03d}")
        os.makedirs(path, exist_ok=True)
        with open(os.path.join(path, "main.tf"), "w") as f:
            f.write("\n".join(blocks))


def write_dnscontrol(zones, out):
    """dnscontrol: one dnsconfig.js with a D() per zone."""
    os.makedirs(os.path.join(out, "dnscontrol"), exist_ok=True)
    lines = ['var REG = NewRegistrar("none");', 'var DNS = DnsProvider(NewDnsProvider("bind"));']
    for z in zones:
        items = []
        for owner, rtype, data in z.records + z.included:
            if rtype in ("SOA", "NS"):
                continue
            if rtype == "TXT":
                items.append(f'TXT("{owner}", "{txt(data)}")')
            elif rtype == "MX":
                pref, host = data.split()
                items.append(f'MX("{owner}", {pref}, "{host}")')
            elif rtype == "TLSA":
                u, s_, m, cert = data.split()
                items.append(f'TLSA("{owner}", {u}, {s_}, {m}, "{cert}")')
            else:
                items.append(f'{rtype}("{owner}", "{data}")')
        lines.append(f'D("{z.domain}", REG, DNS,\n    ' + ",\n    ".join(items) + "\n);")
    with open(os.path.join(out, "dnscontrol/dnsconfig.js"), "w") as f:
        f.write("\n".join(lines) + "\n")


WRITERS = {
    "zone": write_zone_files,
    "octodns": write_octodns,
    "terraform": write_terraform,
    "dnscontrol": write_dnscontrol,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones", type=int, required=True)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--formats", default="zone", help="comma-separated: " + ",".join(WRITERS))
    parser.add_argument("out")
    args = parser.parse_args()
    formats = args.formats.split(",")
    zones = build(args.zones, random.Random(args.seed))
    os.makedirs(args.out, exist_ok=True)
    for k, name in enumerate(formats):
        WRITERS[name](zones[k :: len(formats)], args.out)
    records = sum(len(z.records) + len(z.included) for z in zones)
    print(f"{len(zones)} zones, {records} records in {args.out}")


if __name__ == "__main__":
    main()
