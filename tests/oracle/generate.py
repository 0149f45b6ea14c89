#!/usr/bin/env python3
"""Writes tests/oracle/records.jsonl: the corpus of the checkdmarc differential test.

One JSON string per line, so tabs, NULs, CR/LF and non-ASCII round-trip exactly.
The corpus is hand-written cases (the domain.md §3.1 table, every item of §1.4, each
1xx/2xx rule of RULES.md, valid variants) followed by deterministic generated records: a
small grammar-driven builder and single-character mutations of valid records, both drawn
from a seeded PRNG. The committed records.jsonl is this script's output; tests never
generate anything. Rerun after editing and commit both:

    python3 tests/oracle/generate.py > tests/oracle/records.jsonl
"""

import json
import random
import sys

SEED = 8460
BUILT = 130  # grammar-driven records
MUTATED = 170  # single-edit mutations of valid records

V = "v=TLSRPTv1"
M = "mailto:tlsrpt@example.com"
H = "https://reports.example.com/tlsrpt"

HAND = [
    # --- domain.md §3.1: the observed checkdmarc table, row by row ---
    f"{V};rua=mailto:a@example.com,https://r.example.net/tlsrpt;",
    f"{V} ; rua=mailto:a@example.com",
    f"{V};rua=mailto:a@example.com;rua=https://x.example/p",
    f"{V}; rua={M}; ext=ok-1",
    f"{V}; rua={M}; x=a b",
    f"{V}; rua={M}; RUA=mailto:b@example.com",
    f"{V}; ruf=mailto:a@example.com",
    V,
    f"{V};",
    "V=TLSRPTv1; rua=mailto:a@example.com",
    "v=tlsrptv1; rua=mailto:a@example.com",
    f"{V}; rua=http://r.example.com/x",
    f"{V}; rua=mailto:a!b@example.com",
    f"{V}; rua=mailto:a@example.com!10m",
    f"{V}; rua=https://r.example.com/a b",
    f"{V}; rua=https://r.example.com/a%2Cb",
    f"{V}; rua=https://[2001:db8::1]/r",
    f"{V}; rua=https://h:8443/x?y=1",
    f"{V}; rua=MAILTO:a@example.com",
    f"{V}; rua = {M}",
    f"{V};;rua={M}",
    f"{V}; rua=mailto:a@example.com?subject=x",
    f"{V}; rua={M}; v=TLSRPTv1",
    "v=spf1 -all",
    "v=spf1 include:_spf.example.com ~all",
    # --- domain.md §1.4: facts read off the grammar ---
    f"V=TLSRPTv1;rua={M}",
    f"v=TLSRPTV1;rua={M}",
    f"{V};RUA={M}",
    f"{V};Rua={M}",
    f"rua={M};{V}",
    f"rua={M}",
    f" {V};rua={M}",
    f"\t{V};rua={M}",
    f"  {V};rua={M}",
    f"{V} ;rua={M}",
    f"{V}\t;rua={M}",
    f"{V};\trua={M}",
    f"{V} ; rua={M}",
    f"{V}\t;\trua={M}",
    f"{V}; rua={M} ; ",
    f"v ={V[2:]};rua={M}",
    f"v= {V[2:]};rua={M}",
    f"{V};rua ={M}",
    f"{V};rua= {M}",
    f"{V};rua=mailto:a@example.com , mailto:b@example.com",
    f"{V};rua=mailto:a@example.com\t,\tmailto:b@example.com",
    f"{V};rua=mailto:a@example.com,mailto:b@example.com",
    f"{V};rua={M};",
    f"{V};rua={M};;",
    f"{V};rua={M}; ",
    f"{V};rua={M} ",
    f"{V};rua={M}\t",
    f"{V};rua={M};\t",
    f"{V};;",
    f"{V}; ",
    f"{V} ",
    f"{V};rua={M},https://r.example.com/a%21b",
    f"{V};rua=https://r.example.com/a,b",
    f"{V};rua=https://r.example.com/a!b",
    f"{V};rua=https://r.example.com/a%3Bb",
    f"{V};rua=https://r.example.com/a b",
    f"{V};rua=ftp://reports.example.com/tlsrpt",
    f"{V};rua=urn:example:tlsrpt",
    f"{V};rua=HTTPS://reports.example.com/tlsrpt",
    f"{V};rua=Https://reports.example.com/tlsrpt",
    f"{V};rua=mailto:reports@example.com!10m",
    f"{V};rua=https://r.example.com/p!5m",
    f"{V};rua=mailto:reports@example.com?subject=tlsrpt",
    f"{V};rua=mailto:reports@example.com?subject=tls%20rpt&body=x",
    f"{V};rua={M};x.y_z-1=value",
    f"{V};rua={M};{'a' * 32}=v",
    f"{V};rua={M};{'a' * 33}=v",
    f"{V};rua={M};_x=v",
    f"{V};rua={M};-x=v",
    f"{V};rua={M};.x=v",
    f"{V};rua={M};1x=v",
    f"{V};rua=mailto:t@exämple.com",
    f"{V};rua=mailto:tlsrpt@xn--exmple-cua.com",
    f"{V};rua=mailto:tls%C3%A4@example.com",
    f"{V};rua={M};v=TLSRPTv1",
    f"{V};v=TLSRPTv1;rua={M}",
    # --- RULES.md 1xx ---
    # 101 version-not-first
    f'"{V};rua={M}"',
    f'"{V};rua={M}',
    f"{V};rua={M}\"",
    f"rua={M}; {V}",
    f"x=1;{V};rua={M}",
    f"tlsrpt {V};rua={M}",
    # 102 version-mismatch
    f"v=TLSRPTv2;rua={M}",
    f"v=TLSRPT1;rua={M}",
    f"v=TLSRPTv1.0;rua={M}",
    f"v=TLSRPTv10;rua={M}",
    f"v=TLSRPT;rua={M}",
    f"v=STSv1;rua={M}",
    f"v=DMARC1;rua={M}",
    f"v = TLSRPTv1;rua={M}",
    f"v:TLSRPTv1;rua={M}",
    f"version:TLSRPT1;rua={M}",
    # 103 missing-delimiter
    f"{V} rua={M}",
    f"{V},rua={M}",
    f"{V}\\;rua={M}",
    f"{V};rua={M} x=1",
    f"{V};rua={M},x=1",
    f"{V}rua={M}",
    f"{V}:rua={M}",
    # 104 whitespace-before-delimiter
    f"{V} ;rua={M}",
    f"{V}  ;  rua={M}",
    # 105 missing-rua
    f"{V};ruf={M}",
    f"{V};RUA={M}",
    f"{V};x=1",
    f"{V};ru={M}",
    f"{V};rua_={M}",
    # 106 empty-field
    f"{V};;rua={M}",
    f"{V};rua={M};;x=1",
    f"{V};rua",
    f"{V};rua=",
    f"{V};rua=;",
    f"{V};rua={M};name=",
    f"{V};rua={M};=x",
    f"{V};rua={M};x",
    # 107 stray-whitespace
    f" {V};rua={M}",
    f"{V} ;rua={M} ",
    f"{V};rua= {M}",
    f"{V};rua ={M}",
    f"{V};rua=mailto: tlsrpt@example.com",
    f"{V};rua=mailto:tlsrpt @example.com",
    f"{V};rua={M}   ",
    # 108 invalid-extension
    f"{V};rua={M};x=a=b",
    f"{V};rua={M};x=a b",
    f"{V};rua={M};x y=1",
    f"{V};rua={M};x!=1",
    f"{V};rua={M};x=é",
    f"{V};rua={M};x=\x7f",
    f"{V};rua={M};x=\"quoted\"",
    f"{V};rua={M};x=a,b",
    f"{V};rua={M};x=100%",
    # 109 unknown-field
    f"{V};rua={M};foo=bar",
    f"{V};rua={M};rua2=mailto:b@example.com",
    f"{V};foo=bar;rua={M}",
    # 110 suspicious-field
    f"{V};rua={M};ruf=mailto:f@example.com",
    f"{V};rua={M};p=reject",
    f"{V};rua={M};fo=1",
    f"{V};rua={M};pct=100",
    f"{V};Rua={M}",
    f"{V};rau={M}",
    f"{V};ura={M}",
    f"{V};rue={M}",
    # 111 duplicate-field
    f"{V};rua={M};rua={H}",
    f"{V};rua={M};rua={M}",
    f"{V};rua={M};v=TLSRPTv2",
    f"{V};rua={M};foo=1;foo=2",
    # 112 non-ascii
    f"{V};rua=mailto:tlsrpt@exämple.com",
    f"{V};rua=mailto:tlsrpté@example.com",
    f"{V};rua=https://exämple.com/r",
    f"{V};rua=mailto:ſ@example.com",
    f"{V};rua=mailto:\u212a@example.com",
    f"{V};rua=mailto:ı@example.com",
    f"{V};rua={M};x=ü",
    f"{V}\u00a0;rua={M}",
    f"{V};rua={M}\u00a0",
    f"\ufeff{V};rua={M}",
    f"{V};rua={M}\u200b",
    f"{V}；rua={M}",
    # 113 control-character
    f"{V};rua={M}\x00",
    f"{V};rua=mailto:tls\x00rpt@example.com",
    f"{V};rua={M}\r\n",
    f"{V};rua={M}\n",
    f"{V};\nrua={M}",
    f"{V};rua={M};\n x=1",
    f"{V};rua=mailto:tls\trpt@example.com",
    f"{V};rua={M};x=a\tb",
    f"{V};rua={M}\x0b",
    f"{V};rua={M}\x0c",
    f"{V};rua={M}\x1b[0m",
    f"{V}\r;rua={M}",
    # --- RULES.md 2xx ---
    # 201 missing-uri-scheme
    f"{V};rua=tlsrpt@example.com",
    f"{V};rua=reports.example.com/tlsrpt",
    f"{V};rua=//reports.example.com/tlsrpt",
    f"{V};rua=mailto:a@example.com,b@example.com",
    # 202 unsupported-uri-scheme
    f"{V};rua=http://reports.example.com/tlsrpt",
    f"{V};rua=HTTP://reports.example.com/tlsrpt",
    f"{V};rua=mail:tlsrpt@example.com",
    f"{V};rua=mailto//tlsrpt@example.com",
    f"{V};rua=smtp:tlsrpt@example.com",
    f"{V};rua=httpss://reports.example.com/tlsrpt",
    f"{V};rua=xhttps://reports.example.com/tlsrpt",
    # 203 invalid-mailto
    f"{V};rua=mailto:",
    f"{V};rua=mailto:tlsrpt",
    f"{V};rua=mailto:@example.com",
    f"{V};rua=mailto:tlsrpt@",
    f"{V};rua=mailto:tlsrpt@example.com.",
    f"{V};rua=mailto:tlsrpt@@example.com",
    f"{V};rua=mailto:a@b@example.com",
    f"{V};rua=mailto;tlsrpt@example.com",
    f"{V};rua=mailto:.tlsrpt@example.com",
    f"{V};rua=mailto:tlsrpt.@example.com",
    f"{V};rua=mailto:tls..rpt@example.com",
    f"{V};rua=mailto:tlsrpt@example..com",
    f"{V};rua=mailto:tlsrpt@.example.com",
    f"{V};rua=mailto:tlsrpt@localhost",
    f"{V};rua=mailto:tlsrpt@[192.0.2.1]",
    f"{V};rua=mailto:%22tls%20rpt%22@example.com",
    f"{V};rua=mailto:tlsrpt@example.com,mailto:",
    f"{V};rua=mailto:tlsrpt@-example.com",
    f"{V};rua=mailto:tlsrpt@example_1.com",
    # 204 invalid-https-uri
    f"{V};rua=https://",
    f"{V};rua=https:///tlsrpt",
    f"{V};rua=https:reports.example.com",
    f"{V};rua=https://reports.example.com:/x",
    f"{V};rua=https://reports.example.com:99999/x",
    f"{V};rua=https://reports.example.com:65535/x",
    f"{V};rua=https://reports.example.com:0/x",
    f"{V};rua=https://reports.example.com:port/x",
    f"{V};rua=https://[::::]/r",
    f"{V};rua=https://[2001:db8::1/r",
    f"{V};rua=https://[fe80::1%25eth0]/r",
    f"{V};rua=https://192.0.2.1/r",
    f"{V};rua=https://user@reports.example.com/r",
    f"{V};rua=https://user:pw@reports.example.com/r",
    f"{V};rua=https://reports.example.com/r#frag",
    f"{V};rua=https://reports.example.com/r#a#b",
    f"{V};rua=https://reports.example.com/%zz",
    f"{V};rua=https://reports.example.com/%2",
    f"{V};rua=https://reports_example.com/r",
    f"{V};rua=https://-reports.example.com/r",
    f"{V};rua=https://reports.example.com./r",
    f"{V};rua=https://reports.example.com/[x]",
    f"{V};rua=https://reports.example.com/a\\b",
    f"{V};rua=https://reports.example.com/a|b",
    f"{V};rua=https://reports.example.com/a^b",
    f"{V};rua=https://reports.example.com/a`b",
    f"{V};rua=https://reports.example.com/{{domain}}",
    f"{V};rua=https://reports.example.com/a<b>",
    # 205 unencoded-uri-character
    f"{V};rua=mailto:a!b@example.com",
    f"{V};rua=https://reports.example.com/a!b",
    f"{V};rua=https://reports.example.com/?a=1,2",
    f"{V};rua=https://reports.example.com/?a=1%2C2",
    f"{V};rua=mailto:tls%2Crpt@example.com",
    f"{V};rua=mailto:tls%21rpt@example.com",
    f"{V};rua=mailto:tls\"rpt@example.com",
    # 206 empty-uri
    f"{V};rua=,{M}",
    f"{V};rua={M},",
    f"{V};rua={M},,{H}",
    f"{V};rua={M}, ,{H}",
    f"{V};rua=,",
    # 207 duplicate-uri
    f"{V};rua={M},{M}",
    f"{V};rua={M},MAILTO:tlsrpt@example.com",
    f"{V};rua={H},{H}",
    # 208 mailto-header-fields
    f"{V};rua=mailto:tlsrpt@example.com?subject=TLS-RPT",
    f"{V};rua=mailto:tlsrpt@example.com?cc=other@example.com",
    f"{V};rua=mailto:?to=tlsrpt@example.com",
    f"{V};rua=mailto:tlsrpt@example.com,other@example.com",
    # 209 placeholder-destination
    f"{V};rua=mailto:tlsrpt@{{domain}}",
    f"{V};rua=mailto:tlsrpt@%domain%",
    f"{V};rua=mailto:YOUR_EMAIL",
    f"{V};rua=mailto:YOUR_EMAIL@example.com",
    f"{V};rua=mailto:CHANGEME@example.com",
    f"{V};rua=none",
    f"{V};rua=mailto:tlsrpt@${{DOMAIN}}",
    f"{V};rua=mailto:tlsrpt@<domain>",
    # --- valid variants ---
    "v=TLSRPTv1;rua=mailto:reports@example.com",
    "v=TLSRPTv1; rua=https://reporting.example.com/v1/tlsrpt",
    f"{V}; rua={M}",
    f"{V}; rua={M};",
    f"{V};rua={M};",
    f"{V}; rua={M}; ",
    f"{V};\trua={M};\t",
    f"{V}; rua={M}, {H}",
    f"{V}; rua={M},{H},mailto:b@example.org",
    f"{V}; rua={H}, {M}",
    f"{V}; rua=https://reports.example.com:8443/tlsrpt",
    f"{V}; rua=https://reports.example.com:443",
    f"{V}; rua=https://reports.example.com",
    f"{V}; rua=https://reports.example.com/",
    f"{V}; rua=https://reports.example.com/tlsrpt?domain=example.com&v=1",
    f"{V}; rua=https://reports.example.com/tlsrpt?",
    f"{V}; rua=https://[2001:db8::1]:8443/tlsrpt",
    f"{V}; rua=https://[::1]/tlsrpt",
    f"{V}; rua=https://[::ffff:192.0.2.1]/tlsrpt",
    f"{V}; rua=https://reports.example.com/a%2Cb%21c%3Bd",
    f"{V}; rua=https://reports.example.com/~user/tls-rpt_1.json",
    f"{V}; rua=https://reports.example.com/a:b@c/$&'()*+=",
    f"{V}; rua=https://r.example.com/tlsrpt#section",
    f"{V}; rua=mailto:tls.rpt@example.com",
    f"{V}; rua=mailto:tls+rpt@example.com",
    f"{V}; rua=mailto:tls-rpt@mail.example.co.uk",
    f"{V}; rua=mailto:tls_rpt@example.com",
    f"{V}; rua=mailto:TLSRPT@EXAMPLE.COM",
    f"{V}; rua=mailto:a.b.c+tag-1@sub.example.com",
    f"{V}; rua=mailto:tls%2Brpt@example.com",
    f"{V}; rua=mailto:o'brien@example.com",
    f"{V}; rua=mailto:1234@123.example",
    f"{V}; rua=Mailto:{M[7:]}",
    f"{V}; rua=mailto:tlsrpt@xn--bcher-kva.example",
    f"{V}; rua={M}; ext=1",
    f"{V}; rua={M}; ext.name_1-x=a-b.c/d:e",
    f"{V}; rua={M}; x=!\"#$%&'()*+,-./:<>?@[\\]^_`{{|}}~",
    f"{V}; x=1; rua={M}",
    f"{V}; rua={M}; rua={H}",
    f"{V};rua={M},{H};",
    f"{V};rua={M}\t,\t{H}",
    f"{V};rua={M} ,{H}",
    f"{V};rua={M}, {H} ;",
    f"{V};rua={'mailto:' + 'a' * 200 + '@example.com'}",
    f"{V};rua={','.join(f'mailto:r{i}@example.com' for i in range(12))}",
]

# Parts for the grammar-driven builder: mostly valid, some not, so that generated records
# land on both sides of the verdict.
VERSIONS = [V] * 16 + ["v=TLSRPTv2", "V=TLSRPTv1", " v=TLSRPTv1", "v=tlsrptv1"]
DELIMS = [";", "; "] * 6 + [" ;", "\t;\t", " ; ", ";;", " ", ","]
GOOD_URIS = [
    M,
    H,
    "mailto:a.b+c@example.net",
    "https://[2001:db8::2]/r",
    "https://r.example.org:8443/p?q=1",
    "https://r.example.org/a%2Cb",
    "MAILTO:X@EXAMPLE.ORG",
    "HTTPS://R.EXAMPLE.ORG/",
]
URIS = GOOD_URIS * 4 + [
    "http://r.example.org/",
    "tlsrpt@example.org",
    "mailto:a@example.org?subject=x",
    "mailto:a@example.org!5m",
    "https://r.example.org/a,b",
    "mailto:",
    "",
]
URI_SEPS = [",", ", "] * 4 + [" ,", "\t,\t", ",,"]
EXTENSIONS = ["ext=1", "x-y.z=abc"] * 3 + ["foo=a=b", "RUA=" + M, "ruf=" + M, "e=a b", "z=%"]
TAILS = ["", ";"] * 4 + ["; ", " ", ";;"]


def build(rng):
    """A record assembled from grammar parts."""
    n_uris = rng.choice([1, 1, 1, 2, 2, 3])
    uris = rng.choice(URI_SEPS).join(rng.choice(URIS) for _ in range(n_uris))
    fields = [f"rua={uris}"]
    for _ in range(rng.choice([0, 0, 0, 1, 2])):
        fields.insert(rng.randrange(len(fields) + 1), rng.choice(EXTENSIONS))
    if rng.random() < 0.1:
        fields.append(f"rua={rng.choice(URIS)}")
    delim = rng.choice(DELIMS)
    return rng.choice(VERSIONS) + delim + delim.join(fields) + rng.choice(TAILS)


# Characters a mutation inserts or substitutes: the grammar's separators and the
# characters it forbids, plus a few that tools get wrong.
POOL = list(" \t;,=!\"%?#[]@.:/\\\x00\r\n\x7fé\u00a0ſ") + ["%2", "%2C", "%zz", "AB"]


def mutate(rng, record):
    """One edit of a record: insert, delete, replace, case-flip, duplicate or cut."""
    op = rng.choice(["insert", "insert", "delete", "replace", "case", "dup", "cut"])
    i = rng.randrange(len(record) + 1)  # a gap between characters
    c = min(i, len(record) - 1)  # a character
    if op == "insert":
        return record[:i] + rng.choice(POOL) + record[i:]
    if op == "delete":
        return record[:c] + record[c + 1 :]
    if op == "replace":
        return record[:c] + rng.choice(POOL) + record[c + 1 :]
    if op == "case":
        return record[:c] + record[c].swapcase() + record[c + 1 :]
    if op == "dup":
        lo, hi = sorted((i, rng.randrange(len(record) + 1)))
        return record[:hi] + record[lo:hi] + record[hi:]
    return record[:i]


def main():
    rng = random.Random(SEED)
    records = list(HAND)
    records += [build(rng) for _ in range(BUILT)]
    bases = [r for r in HAND if r.startswith(V + ";") and "rua=" in r][:60]
    records += [mutate(rng, rng.choice(bases)) for _ in range(MUTATED)]
    seen = set()
    out = sys.stdout
    for record in records:
        if record not in seen:
            seen.add(record)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
