#!/usr/bin/env bash
# The zone benchmark: tlsrpt-lint against named-checkzone (and kzonecheck, when installed) on
# one large generated zone. See bench/README.md for what it measures and how to read it.
#
# Usage: bench/run.sh            (from anywhere; works in the crate root)
# Environment: RECORDS (default 1000000), RUNS (hyperfine runs, default 3),
#              TLSRPT_ARGS (default "check --format json").
set -euo pipefail

cd "$(dirname "$0")/.."
RECORDS=${RECORDS:-1000000}
RUNS=${RUNS:-3}
TLSRPT_ARGS=${TLSRPT_ARGS:-check --format json}
WORK=bench/work
ZONE=$WORK/example.com.zone

# shellcheck source=bench/lib.sh
source bench/lib.sh
require_time
command -v named-checkzone >/dev/null ||
    { echo "bench: named-checkzone is missing (apt-get install -y bind9-utils)" >&2; exit 2; }

cargo build --release --quiet
mkdir -p "$WORK"
python3 bench/gen_zone.py --records "$RECORDS" "$ZONE" >&2
BYTES=$(stat -c %s "$ZONE")

# row NAME COMMAND...: measures one tool and prints its Markdown table row.
row() {
    local name=$1
    shift
    measure "$name" "$RUNS" "$@"
    echo "| $name | $(wall_cell 2) | $CPU | $RSS_MB" \
        "| $(awk "BEGIN { printf \"%.1f\", $BYTES / 1e6 / $WALL }")" \
        "| $(awk "BEGIN { printf \"%d\", $RECORDS / $WALL }") | $CODE | $LINES |"
}

{
    echo "Zone: \`$ZONE\`, $RECORDS records, $(awk "BEGIN { printf \"%.1f\", $BYTES / 1e6 }") MB;" \
        "$(nproc) CPUs;" \
        "$(command -v hyperfine >/dev/null && echo "wall time: mean of $RUNS hyperfine runs" ||
            echo "wall time: one /usr/bin/time run")."
    echo
    echo "| tool | wall (s) | user+sys (s) | peak RSS (MB) | MB/s | records/s | exit | output lines |"
    echo "|---|---|---|---|---|---|---|---|"
    # shellcheck disable=SC2086 # TLSRPT_ARGS is a list of words on purpose
    row tlsrpt-lint target/release/tlsrpt-lint $TLSRPT_ARGS "$ZONE"
    row named-checkzone named-checkzone example.com "$ZONE"
    if command -v kzonecheck >/dev/null; then
        row kzonecheck kzonecheck -o example.com "$ZONE"
    fi
} | tee "$WORK/results.md"
