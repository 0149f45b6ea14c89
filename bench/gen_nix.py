#!/usr/bin/env python3
"""Writes a synthetic Nix file of dns.nix zones for the Nix throughput benchmark (bench/nix.sh).

Deterministic (fixed seed): the same arguments give the same bytes. The file is one set of
zones, `zones."dN.example" = { ... }`, each written as real dns.nix configurations write
theirs: a `let` of shared literals, `inherit`, an interpolated report address, SOA, NS, MX,
an SPF TXT, a TLS-RPT policy at `"_smtp._tls"` (one in ten broken), an MTA-STS record in
the nested form, a DKIM key in an indented string and a handful of A/CNAME sub-domains,
until the file reaches the size asked for.

Usage: gen_nix.py --bytes N [--seed S] OUT
"""

import argparse
import random

HEAD = """{ dns, ... }:
with dns.lib.combinators;
let
  common = rec {
    ttl = 3600;
    hostmaster = "hostmaster@example.net";
    nameServers = [ "ns1.example.net." "ns2.example.net." ];
  };
  mkTlsrpt = domain: "v=TLSRPTv1; rua=mailto:tlsrpt@${domain}";
in
{
  zones = {
"""

ZONE = """    "{d}" = let
      domain = "{d}";
    in {{
      inherit (common) ttl;
      SOA = {{
        nameServer = "ns1.example.net.";
        adminEmail = common.hostmaster;
        serial = {serial};
      }};
      NS = common.nameServers;
      MX = [ (mx.mx 10 "mail.{d}.") {{ exchange = "backup.{d}."; preference = 20; }} ];
      TXT = [ "v=spf1 mx include:_spf.example.net -all" ];
      subdomains = {{
        "_smtp._tls".TXT = [ {policy} ];
        _mta-sts.TXT = [ "v=STSv1; id={sts}" ];
        mail._domainkey.TXT = [ ''
          v=DKIM1; k=rsa; p={key}
        '' ];
{hosts}      }};
    }};
"""

TAIL = """  };
}
"""


def zone(rng, i):
    d = f"d{i}.example"
    policy = (
        '"v=TLSRPTv1; rua=https://reports.example.net/tlsrpt; rua=mailto:x"'
        if rng.random() < 0.1
        else "(mkTlsrpt domain)"
    )
    key = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(180))
    hosts = "".join(
        f'        {name}.A = [ "192.0.2.{rng.randint(1, 254)}" ];\n'
        for name in rng.sample(["www", "api", "vpn", "git", "ci", "cdn", "chat", "cloud"], 4)
    ) + '        mta-sts.CNAME = [ "sts.example.net." ];\n'
    return ZONE.format(
        d=d, serial=2025060100 + i % 100, policy=policy, sts=20250601 + i % 7, key=key, hosts=hosts
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bytes", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("out")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    parts, size, i = [HEAD], len(HEAD) + len(TAIL), 0
    while size < args.bytes:
        z = zone(rng, i)
        parts.append(z)
        size += len(z)
        i += 1
    parts.append(TAIL)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("".join(parts))
    print(f"{args.out}: {size} bytes, {i} zones")


if __name__ == "__main__":
    main()
