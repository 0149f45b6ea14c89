#!/usr/bin/env python3
"""Prints checkdmarc's verdict on each record of a corpus: the oracle side of tests/checkdmarc.rs.

Usage: checkdmarc_verdicts.py RECORDS.jsonl

The corpus has one JSON string per line. For each record this prints one JSON line,
{"valid": bool, "error": str|null, "warnings": [str]}, from checkdmarc's offline parser
`parse_smtp_tls_reporting_record`. A record is invalid when that parser raises one of its
`SMTPTLSReportingError` subclasses; anything else it raises is a crash of the oracle and
stops the run, so that it is never mistaken for a verdict.
"""

import json
import sys

from checkdmarc.smtp_tls_reporting import (
    SMTPTLSReportingError,
    parse_smtp_tls_reporting_record,
)


def verdict(record):
    try:
        parsed = parse_smtp_tls_reporting_record(record)
    except SMTPTLSReportingError as error:
        return {"valid": False, "error": str(error), "warnings": []}
    return {"valid": True, "error": None, "warnings": parsed["warnings"]}


def main():
    (corpus,) = sys.argv[1:]
    with open(corpus, encoding="utf-8") as lines:
        for line in lines:
            print(json.dumps(verdict(json.loads(line))))


if __name__ == "__main__":
    main()
