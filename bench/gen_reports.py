#!/usr/bin/env python3
"""Writes a deterministic TLS report workload for bench/report.sh.

--files N DIR: N gzip-compressed reports, named as reporters name them
(`submitter!policy-domain!start!end.json.gz`), over 50 policy domains and 30 days; one in
four has failure details (one to four), the rest only a summary, like a day's mail of a
mid-size operator. --mbox M FILE: the same kind of reports as M RFC 8460 §5.3 messages
(multipart/report, base64 `application/tlsrpt+gzip`) in one mbox.
"""

import argparse
import base64
import gzip
import json
import random
from pathlib import Path

SUBMITTERS = ["google.com", "microsoft.com", "yahoo.com", "comcast.net", "mail.ru"]
RESULTS = [
    "starttls-not-supported",
    "certificate-host-mismatch",
    "certificate-expired",
    "validation-failure",
    "sts-policy-fetch-error",
]


def report(rng, i):
    domain = f"d{rng.randrange(50)}.example"
    day = 1714521600 + 86400 * rng.randrange(30)
    submitter = rng.choice(SUBMITTERS)
    details = []
    if rng.random() < 0.25:
        for _ in range(rng.randint(1, 4)):
            details.append({
                "result-type": rng.choice(RESULTS),
                "sending-mta-ip": f"198.51.100.{rng.randrange(256)}",
                "receiving-mx-hostname": f"mx{rng.randrange(3)}.{domain}",
                "receiving-ip": f"192.0.2.{rng.randrange(256)}",
                "failed-session-count": rng.randint(1, 50),
            })
    failed = sum(d["failed-session-count"] for d in details)
    start = f"{_date(day)}T00:00:00Z"
    body = {
        "organization-name": submitter,
        "date-range": {"start-datetime": start, "end-datetime": f"{_date(day)}T23:59:59Z"},
        "contact-info": f"tlsrpt@{submitter}",
        "report-id": f"{i}-{submitter}-{domain}",
        "policies": [{
            "policy": {
                "policy-type": "sts",
                "policy-string": ["version: STSv1", "mode: enforce", f"mx: *.{domain}",
                                  "max_age: 604800"],
                "policy-domain": domain,
                "mx-host": [f"*.{domain}"],
            },
            "summary": {"total-successful-session-count": rng.randint(1, 20000),
                        "total-failure-session-count": failed},
            **({"failure-details": details} if details else {}),
        }],
    }
    name = f"{submitter}!{domain}!{day}!{day + 86399}.json.gz"
    return name, gzip.compress(json.dumps(body).encode(), mtime=0), domain, submitter


def _date(epoch):
    import datetime
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%d")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", nargs=2, metavar=("N", "DIR"))
    parser.add_argument("--mbox", nargs=2, metavar=("M", "FILE"))
    args = parser.parse_args()
    if args.files:
        rng = random.Random(8460)
        out = Path(args.files[1])
        out.mkdir(parents=True, exist_ok=True)
        for i in range(int(args.files[0])):
            name, data, _, _ = report(rng, i)
            (out / f"{i:05}-{name}").write_bytes(data)
    if args.mbox:
        rng = random.Random(5303)
        with open(args.mbox[1], "w", newline="") as mbox:
            for i in range(int(args.mbox[0])):
                name, data, domain, submitter = report(rng, i)
                encoded = base64.encodebytes(data).decode().replace("\n", "\r\n")
                mbox.write(
                    f"From tlsrpt@{submitter} Thu Jan  1 00:00:00 2024\r\n"
                    f"From: TLS Reporting <tlsrpt@{submitter}>\r\nTo: tlsrpt@{domain}\r\n"
                    f"Subject: Report Domain: {domain} Submitter: {submitter} Report-ID: <{i}@{submitter}>\r\n"
                    f"Message-ID: <{i}@{submitter}>\r\nDate: Thu, 02 May 2024 00:00:00 +0000\r\n"
                    f"TLS-Report-Domain: {domain}\r\nTLS-Report-Submitter: {submitter}\r\n"
                    "MIME-Version: 1.0\r\n"
                    "Content-Type: multipart/report; report-type=\"tlsrpt\"; boundary=\"b\"\r\n\r\n"
                    "--b\r\nContent-Type: text/plain\r\n\r\nThis is an aggregate TLS report.\r\n"
                    "--b\r\nContent-Type: application/tlsrpt+gzip\r\n"
                    "Content-Transfer-Encoding: base64\r\n"
                    f"Content-Disposition: attachment; filename=\"{name}\"\r\n\r\n"
                    f"{encoded}--b--\r\n"
                )


if __name__ == "__main__":
    main()
