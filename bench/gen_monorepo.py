#!/usr/bin/env python3
"""Writes a synthetic monorepo for the repository benchmark in bench/repo.sh.

The tree is deterministic (fixed seed): the same arguments give the same files, so runs
before and after a change, and on different machines, walk the same input.

Shape, for the default 100,000 files (about 560 MB):
- 98% ordinary files in nested folders (services/<team>/<svc>/src/...), 1-3 levels below a
  service: Rust, Go, Python, TypeScript and JavaScript sources, Markdown, JSON
  (package.json-like and data), YAML (CI workflows, Kubernetes manifests, Helm values),
  Terraform without DNS resources, plain text. Sizes 200 B to 8 KB, one in a hundred 50-200 KB.
  Markdown and text files mention `_smtp._tls` in prose; code and configuration use words
  like `min_tls_version` and `txt` that a careless pre-filter would take for DNS.
- 2% DNS configurations, spread over every format the linter reads: BIND zones (`*.zone`,
  `db.*`), `.well-known/mta-sts.txt`, OctoDNS zone files with their config, CloudFormation
  templates, external-dns manifests, Terraform `aws_route53_record` modules and dnscontrol
  `dnsconfig.js` files. Each holds a TLS-RPT policy and an MTA-STS record; one in ten has a
  mistake the linter reports.
- A `.gitignore` naming `target/`, and a `target/` of 20,000 junk build files; a `.git`
  directory of 5,000 object-like files. Neither counts towards the 100,000 files.

Usage: gen_monorepo.py [--files N] [--seed S] OUT
"""

import argparse
import os
import random

WORDS = (
    "alpha beta gamma delta request response handler config value record domain mail "
    "server client token cache queue worker report policy retry timeout buffer stream "
    "min_tls_version enable_tls txt dns zone route table index cluster node"
).split()
# Documentation also names the records.
DOC_WORDS = WORDS + ["_smtp._tls", "tlsrpt", "_mta-sts"]

GOOD = "v=TLSRPTv1; rua=mailto:tlsrpt@{d}"
BAD = [
    "v=TLSRPTv1; rua=http://reports.{d}/tlsrpt",
    "v=TLSRPTv1 rua=mailto:tlsrpt@{d}",
    "v=TLSRPTv1; rua=tlsrpt@{d}",
]


def text(rng, size, prefix="", suffix="", words=WORDS):
    """About `size` bytes of word salad, `prefix` per line."""
    lines, total = [], 0
    while total < size:
        line = prefix + " ".join(rng.choice(words) for _ in range(rng.randint(4, 14))) + suffix
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines) + "\n"


def ordinary(rng, size):
    """(extension, content) of a non-DNS file."""
    kind = rng.choices(
        ["rs", "go", "py", "ts", "js", "md", "json", "yaml", "tf", "txt"],
        [14, 12, 14, 12, 10, 8, 10, 10, 5, 5],
    )[0]
    if kind in ("rs", "go", "ts", "js"):
        body = text(rng, size, "    // ")
        return kind, f"// generated source\nfn main() {{\n{body}}}\n"
    if kind == "py":
        return kind, "def main():\n" + text(rng, size, "    # ")
    if kind == "json":
        items = ",\n".join(
            f'  "{rng.choice(WORDS)}{i}": "{rng.choice(WORDS)}"' for i in range(size // 24)
        )
        return kind, "{\n" + items + "\n}\n"
    if kind == "yaml":
        shape = rng.choice(["workflow", "k8s", "values"])
        if shape == "workflow":
            head = "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
            steps = "".join(f"      - run: echo {rng.choice(WORDS)}\n" for _ in range(size // 30))
            return kind, head + steps
        if shape == "k8s":
            head = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      containers:\n"
            env = "".join(
                f"        - name: {rng.choice(WORDS)}{i}\n          value: \"{rng.choice(WORDS)}\"\n"
                for i in range(size // 60)
            )
            return kind, head + env
        return kind, "".join(f"{rng.choice(WORDS)}{i}: {rng.choice(WORDS)}\n" for i in range(size // 20))
    if kind == "tf":
        blocks = "".join(
            f'resource "aws_instance" "i{i}" {{\n  ami           = "ami-{i:08x}"\n'
            f'  instance_type = "t3.micro"\n  tags = {{ Name = "{rng.choice(WORDS)}" }}\n}}\n\n'
            for i in range(size // 120)
        )
        return kind, blocks
    return kind, text(rng, size, words=DOC_WORDS)


def policy(rng, domain):
    bad = rng.random() < 0.1
    return (rng.choice(BAD) if bad else GOOD).format(d=domain)


def dns_file(rng, n, folder):
    """Writes DNS config number `n` into `folder`; returns the files written."""
    domain = f"d{n}.example"
    value = policy(rng, domain)
    sts = "v=STSv1; id=20240101"
    fmt = n % 8
    if fmt == 0:
        return {
            f"{domain}.zone": f"$ORIGIN {domain}.\n$TTL 3600\n@ IN SOA ns1 host 1 7200 3600 1209600 3600\n"
            f"@ IN NS ns1\nns1 IN A 192.0.2.1\n_smtp._tls IN TXT \"{value}\"\n"
            f"_mta-sts IN TXT \"{sts}\"\n"
        }
    if fmt == 1:
        return {
            f"db.{domain}": f"$TTL 300\n@ SOA ns1 host ( 1 7200 3600 1209600 3600 )\n  NS ns1\n"
            f"_smtp._tls TXT ( \"{value}\" ) ; policy\n_mta-sts TXT \"{sts}\"\n"
        }
    if fmt == 2:
        return {".well-known/mta-sts.txt": "version: STSv1\nmode: enforce\nmx: mx.example\nmax_age: 86400\n"}
    if fmt == 3:
        escaped = value.replace(";", "\\;")
        return {
            "octodns.yaml": "providers:\n  config:\n    class: octodns.provider.yaml.YamlProvider\n"
            "    directory: ./zones\nzones:\n  " + domain + ".:\n    sources: [config]\n",
            f"zones/{domain}.yaml": f"---\n'':\n  type: A\n  value: 192.0.2.1\n_smtp._tls:\n"
            f"  type: TXT\n  value: {escaped}\n_mta-sts:\n  type: TXT\n  value: {sts.replace(';', chr(92) + ';')}\n",
        }
    if fmt == 4:
        return {
            "template.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  TlsRpt:\n"
            "    Type: AWS::Route53::RecordSet\n    Properties:\n"
            f"      HostedZoneName: {domain}.\n      Name: _smtp._tls.{domain}.\n      Type: TXT\n"
            f"      TTL: '3600'\n      ResourceRecords:\n        - '\"{value}\"'\n"
        }
    if fmt == 5:
        return {
            "dnsendpoint.yaml": "apiVersion: externaldns.k8s.io/v1alpha1\nkind: DNSEndpoint\n"
            "metadata:\n  name: tlsrpt\nspec:\n  endpoints:\n"
            f"    - dnsName: _smtp._tls.{domain}\n      recordType: TXT\n      targets:\n"
            f"        - \"{value}\"\n"
        }
    if fmt == 6:
        return {
            "dns.tf": f'resource "aws_route53_record" "tlsrpt" {{\n  zone_id = "Z123"\n'
            f'  name    = "_smtp._tls.{domain}"\n  type    = "TXT"\n  ttl     = 300\n'
            f'  records = ["{value}"]\n}}\n'
        }
    return {
        "dnsconfig.js": f'var REG = NewRegistrar("none");\nvar DNS = NewDnsProvider("none");\n'
        f'D("{domain}", REG, DnsProvider(DNS),\n  TXT("_smtp._tls", "{value}"),\n'
        f'  TXT("_mta-sts", "{sts}")\n);\n'
    }


def write(path, content):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(content)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=8460)
    parser.add_argument("out")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = args.out

    write(os.path.join(out, ".gitignore"), "/target\n")
    for i in range(5000):
        write(os.path.join(out, ".git", "objects", f"{i % 256:02x}", f"{i:038x}"), "x" * 200)
    for i in range(20000):
        write(os.path.join(out, "target", "debug", f"d{i % 50}", f"junk{i}.o"), "_smtp._tls " * 40)

    written, dns = 0, 0
    dns_every = 50  # 2%
    while written < args.files:
        team, svc = rng.randrange(40), rng.randrange(25)
        base = os.path.join(out, "services", f"team{team}", f"svc{svc}")
        if written % dns_every == 0:
            folder = os.path.join(base, "dns", f"cfg{dns}")
            for name, content in dns_file(rng, dns, folder).items():
                if written < args.files:
                    write(os.path.join(folder, name), content)
                    written += 1
            dns += 1
            continue
        depth = rng.randint(1, 3)
        folder = os.path.join(base, "src", *(f"m{rng.randrange(8)}" for _ in range(depth)))
        size = rng.randint(50_000, 200_000) if rng.random() < 0.01 else rng.randint(200, 8000)
        ext, content = ordinary(rng, size)
        write(os.path.join(folder, f"f{written}.{ext}"), content)
        written += 1
    print(f"gen_monorepo: {written} files ({dns} DNS configurations) in {out}")


if __name__ == "__main__":
    main()
