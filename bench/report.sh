#!/usr/bin/env bash
# The report benchmark: `tlsrpt-lint report` against parsedmarc's parser on the same files:
# a directory of generated `.json.gz` reports and an mbox of report messages, then a ten
# times larger mbox to show that memory follows the reports read, not the mailbox's bytes.
# See bench/README.md ("The report benchmark").
#
# Usage: bench/report.sh          (from anywhere; works in the crate root)
# Environment: FILES (default 10000), MESSAGES (default 1000), RUNS (hyperfine runs,
#              default 3), PYTHON (default .venv/bin/python, with parsedmarc installed).
set -euo pipefail

cd "$(dirname "$0")/.."
FILES=${FILES:-10000}
MESSAGES=${MESSAGES:-1000}
RUNS=${RUNS:-3}
PYTHON=${PYTHON:-.venv/bin/python}
WORK=bench/work

# shellcheck source=bench/lib.sh
source bench/lib.sh
require_time
"$PYTHON" -c 'import parsedmarc' 2>/dev/null ||
    { echo "bench: $PYTHON lacks parsedmarc (pip install -r tests/oracle/requirements.txt)" >&2; exit 2; }

cargo build --release --quiet
mkdir -p "$WORK"
rm -rf "$WORK/reports"
python3 bench/gen_reports.py --files "$FILES" "$WORK/reports" \
    --mbox "$MESSAGES" "$WORK/reports.mbox"
python3 bench/gen_reports.py --mbox "$((MESSAGES * 10))" "$WORK/reports-large.mbox"

# row NAME REPORTS COMMAND...: measures one run and prints its Markdown table row.
row() {
    local name=$1 reports=$2
    shift 2
    measure "$name" "$RUNS" "$@"
    echo "| $name | $reports | $(wall_cell 2) | $CPU | $RSS_MB" \
        "| $(awk "BEGIN { printf \"%d\", $reports / $WALL }") | $CODE |"
}

mb() { awk "BEGIN { printf \"%.1f\", $(du -sb "$1" | cut -f1) / 1e6 }"; }
{
    echo "Reports: $FILES \`.json.gz\` files ($(mb "$WORK/reports") MB), an mbox of $MESSAGES" \
        "messages ($(mb "$WORK/reports.mbox") MB) and one of $((MESSAGES * 10))" \
        "($(mb "$WORK/reports-large.mbox") MB); $(nproc) CPUs;" \
        "$(command -v hyperfine >/dev/null && echo "wall time: mean of $RUNS hyperfine runs" ||
            echo "wall time: one /usr/bin/time run")."
    echo
    echo "| run | reports | wall (s) | user+sys (s) | peak RSS (MB) | reports/s | exit |"
    echo "|---|---|---|---|---|---|---|"
    row "tlsrpt-lint, files" "$FILES" target/release/tlsrpt-lint report --no-config --format json "$WORK/reports"
    row "parsedmarc, files" "$FILES" "$PYTHON" bench/parsedmarc_parse.py "$WORK/reports"
    row "tlsrpt-lint, mbox" "$MESSAGES" target/release/tlsrpt-lint report --no-config --format json "$WORK/reports.mbox"
    row "parsedmarc, mbox" "$MESSAGES" "$PYTHON" bench/parsedmarc_parse.py "$WORK/reports.mbox"
    row "tlsrpt-lint, mbox x10" "$((MESSAGES * 10))" target/release/tlsrpt-lint report --no-config --format json "$WORK/reports-large.mbox"
    row "tlsrpt-lint, mbox x10, csv" "$((MESSAGES * 10))" target/release/tlsrpt-lint report --no-config --format csv "$WORK/reports-large.mbox"
} | tee "$WORK/report-results.md"
