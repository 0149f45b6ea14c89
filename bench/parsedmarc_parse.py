#!/usr/bin/env python3
"""The parsedmarc side of bench/report.sh: parses every report file of a directory with
parsedmarc.parse_report_file, or an mbox with get_dmarc_reports_from_mbox, offline (no DNS,
no geolocation), and prints how many SMTP TLS reports it read."""

import sys
from pathlib import Path

import parsedmarc

path = Path(sys.argv[1])
if path.is_dir():
    count = 0
    for file in sorted(path.iterdir()):
        parsed = parsedmarc.parse_report_file(str(file), offline=True)
        count += parsed["report_type"] == "smtp_tls"
else:
    count = len(parsedmarc.get_dmarc_reports_from_mbox(str(path), offline=True)["smtp_tls_reports"])
print(f"{count} SMTP TLS reports")
