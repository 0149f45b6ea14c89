"""Prints parsedmarc's session totals for each report file named on the command line.

One JSON line per argument, in order: {"ok": true, "totals": [[domain, successful,
failed, {result-type: failed sessions}], ...]} summed over the file's TLS reports, or
{"ok": false, "why": "..."} when parsedmarc does not read the file as SMTP TLS reports
(it rejects the report, or a count is not an integer, which parsedmarc passes through
as written). An mbox (`*.mbox`) is read with get_dmarc_reports_from_mbox. Offline: no
DNS or geolocation look-ups.
"""

import json
import sys

import parsedmarc


def reports(path):
    if path.endswith(".mbox"):
        found = parsedmarc.get_dmarc_reports_from_mbox(path, offline=True)
        return found["smtp_tls_reports"]
    parsed = parsedmarc.parse_report_file(path, offline=True)
    if parsed["report_type"] != "smtp_tls":
        raise ValueError(f"report type {parsed['report_type']}")
    return [parsed["report"]]


def totals(found):
    by_domain = {}
    for report in found:
        for policy in report["policies"]:
            domain = policy["policy_domain"].lower().rstrip(".")
            entry = by_domain.setdefault(domain, [0, 0, {}])
            counts = [policy["successful_session_count"], policy["failed_session_count"]]
            counts += [d["failed_session_count"] for d in policy.get("failure_details", [])]
            if not all(isinstance(c, int) and not isinstance(c, bool) for c in counts):
                raise ValueError("a count that is not an integer")
            entry[0] += policy["successful_session_count"]
            entry[1] += policy["failed_session_count"]
            for detail in policy.get("failure_details", []):
                kind = detail["result_type"]
                entry[2][kind] = entry[2].get(kind, 0) + detail["failed_session_count"]
    return [[d, s, f, r] for d, (s, f, r) in sorted(by_domain.items())]


for path in sys.argv[1:]:
    try:
        line = {"ok": True, "totals": totals(reports(path))}
    except Exception as e:  # parsedmarc's verdict on this file: not read
        line = {"ok": False, "why": f"{type(e).__name__}: {e}"}
    print(json.dumps(line), flush=True)
