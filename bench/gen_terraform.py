#!/usr/bin/env python3
"""Writes synthetic Terraform for the Terraform scale benchmark in bench/terraform.sh.

Deterministic (fixed seed): the same arguments give the same bytes.

- `module OUT --files N`: one module directory of N files of about 1.3 KB each. One file in
  five holds DNS records (an `aws_route53_record` TLS-RPT policy and MTA-STS record, a
  `cloudflare_dns_record` CNAME); the others hold compute and storage resources. Every file
  declares a `locals` block and a `variable`, as real modules spread them over their files,
  so every file is one the reader must index; the DNS files use a local declared in the
  module's first file.
- `tree OUT --modules M --files N`: M such module directories under `OUT/modules/`.
- `monorepo OUT --files N`: N files, Terraform 5% of them, in directories of 100 to 200
  `.tf` files (the rest ordinary sources, as `gen_monorepo.py` writes them).

Usage: gen_terraform.py module|tree|monorepo [--files N] [--modules M] [--seed S] OUT
"""

import argparse
import os
import random

from gen_monorepo import ordinary, write

GOOD = "v=TLSRPTv1; rua=mailto:tlsrpt@{d}"
BAD = "v=TLSRPTv1; rua=https://reports.{d}/tlsrpt"


def dns_file(rng, i, domain):
    value = (BAD if rng.random() < 0.1 else GOOD).format(d=domain)
    return (
        f'locals {{\n  ttl_{i} = 300\n}}\n\n'
        f'variable "mx_{i}" {{\n  type    = string\n  default = "mx{i}.{domain}"\n}}\n\n'
        f'resource "aws_route53_record" "tlsrpt_{i}" {{\n  zone_id = aws_route53_zone.main.zone_id\n'
        f'  name    = "_smtp._tls.h{i}"\n  type    = "TXT"\n  ttl     = local.ttl_{i}\n'
        f'  records = ["{value}"]\n}}\n\n'
        f'resource "aws_route53_record" "sts_{i}" {{\n  zone_id = aws_route53_zone.main.zone_id\n'
        f'  name    = "_mta-sts.h{i}"\n  type    = "TXT"\n  ttl     = local.default_ttl\n'
        f'  records = ["v=STSv1; id=2024010{i % 10}"]\n}}\n\n'
        f'resource "cloudflare_dns_record" "www_{i}" {{\n  zone_id = var.cloudflare_zone\n'
        f'  name    = "www{i}"\n  type    = "CNAME"\n  content = "lb.{domain}"\n  ttl     = 1\n}}\n\n'
        f'resource "aws_s3_bucket" "logs_{i}" {{\n  bucket = "logs-{i}-{domain}"\n'
        f'  tags   = {{ team = "mail", env = "prod" }}\n}}\n'
    )


def plain_file(rng, i):
    words = ["alpha", "beta", "gamma", "delta", "queue", "worker", "cache", "stream"]
    blocks = [
        f'locals {{\n  name_{i} = "{rng.choice(words)}-{i}"\n  size_{i} = {rng.randint(1, 64)}\n}}\n',
        f'variable "instance_{i}" {{\n  type    = string\n  default = "t3.micro"\n}}\n',
    ]
    for j in range(4):
        blocks.append(
            f'resource "aws_instance" "app_{i}_{j}" {{\n  ami           = "ami-{i * 4 + j:08x}"\n'
            f'  instance_type = var.instance_{i}\n  subnet_id     = "subnet-{j:04x}"\n'
            f'  tags = {{\n    Name = local.name_{i}\n    role = "{rng.choice(words)}"\n  }}\n}}\n'
        )
    blocks.append(
        f'resource "aws_security_group" "sg_{i}" {{\n  name = "sg-{i}"\n  ingress {{\n'
        f'    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n'
        f'    cidr_blocks = ["10.0.0.0/8"]\n  }}\n}}\n'
    )
    return "\n".join(blocks)


def module(rng, out, files, domain="example.com"):
    write(
        os.path.join(out, "main.tf"),
        f'locals {{\n  default_ttl = 3600\n}}\n\nvariable "cloudflare_zone" {{\n  type = string\n}}\n\n'
        f'resource "aws_route53_zone" "main" {{\n  name = "{domain}"\n}}\n',
    )
    for i in range(1, files):
        if i % 5 == 0:
            write(os.path.join(out, f"dns_{i:04}.tf"), dns_file(rng, i, domain))
        else:
            write(os.path.join(out, f"infra_{i:04}.tf"), plain_file(rng, i))


def monorepo(rng, out, files):
    written, dirs = 0, 0
    while written < files:
        if written % 3000 == 0:
            # 100 to 200 Terraform files in one directory: 5% of the files overall.
            n = min(100 + rng.randrange(101), files - written)
            module(rng, os.path.join(out, "infra", f"stack{dirs}"), n, f"d{dirs}.example")
            written += n
            dirs += 1
        others = min(3000 - n, files - written)
        for _ in range(others):
            team, svc = rng.randrange(40), rng.randrange(25)
            folder = os.path.join(out, "services", f"team{team}", f"svc{svc}", f"m{rng.randrange(8)}")
            ext, content = ordinary(rng, rng.randint(200, 8000))
            if ext == "tf":
                ext = "txt"
            write(os.path.join(folder, f"f{written}.{ext}"), content)
            written += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shape", choices=["module", "tree", "monorepo"])
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--modules", type=int, default=100)
    parser.add_argument("--seed", type=int, default=8460)
    parser.add_argument("out")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.shape == "module":
        module(rng, args.out, args.files)
    elif args.shape == "tree":
        for m in range(args.modules):
            module(rng, os.path.join(args.out, "modules", f"m{m:03}"), args.files, f"m{m}.example")
    else:
        monorepo(rng, args.out, args.files)
    print(f"gen_terraform: {args.shape} in {args.out}")


if __name__ == "__main__":
    main()
