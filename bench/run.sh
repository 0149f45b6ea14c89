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

if [[ ! -x /usr/bin/time ]]; then
    echo "bench: /usr/bin/time is missing (apt-get install -y time)" >&2
    exit 2
fi
command -v named-checkzone >/dev/null ||
    { echo "bench: named-checkzone is missing (apt-get install -y bind9-utils)" >&2; exit 2; }

cargo build --release --quiet
mkdir -p "$WORK"
python3 bench/gen_zone.py --records "$RECORDS" "$ZONE" >&2
BYTES=$(stat -c %s "$ZONE")

# measure NAME COMMAND...: one /usr/bin/time run (CPU, peak RSS, exit code, output), then
# hyperfine for the wall time when it is installed; prints one Markdown table row.
measure() {
    local name=$1
    shift
    local stats=$WORK/$name.time out=$WORK/$name.out code=0
    /usr/bin/time -f '%e %U %S %M' -o "$stats" "$@" >"$out" 2>&1 || code=$?
    # With -o, time appends "Command exited with non-zero status N" before the figures.
    read -r elapsed user sys rss_kb < <(tail -n 1 "$stats")
    local wall=$elapsed spread="-"
    if command -v hyperfine >/dev/null; then
        hyperfine --runs "$RUNS" --warmup 1 --ignore-failure --shell=none --style none \
            --export-json "$WORK/$name.json" --command-name "$name" -- "$(printf '%q ' "$@")" >&2
        read -r wall spread < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(r["mean"], r["stddev"] or 0)' "$WORK/$name.json")
    fi
    python3 - "$name" "$wall" "$spread" "$user" "$sys" "$rss_kb" "$BYTES" "$RECORDS" "$code" \
        "$(wc -l <"$out")" <<'EOF'
import sys
name, wall, spread, user, sys_, rss_kb, size, records, code, lines = sys.argv[1:]
wall = float(wall)
spread = "" if spread == "-" else f" ± {float(spread):.2f}"
print(
    f"| {name} | {wall:.2f}{spread} | {float(user) + float(sys_):.2f} | {int(rss_kb) / 1024:.0f} "
    f"| {int(size) / 1e6 / wall:.1f} | {int(records) / wall:,.0f} | {code} | {lines} |"
)
EOF
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
    measure tlsrpt-lint target/release/tlsrpt-lint $TLSRPT_ARGS "$ZONE"
    measure named-checkzone named-checkzone example.com "$ZONE"
    if command -v kzonecheck >/dev/null; then
        measure kzonecheck kzonecheck -o example.com "$ZONE"
    fi
} | tee "$WORK/results.md"
