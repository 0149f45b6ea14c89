#!/usr/bin/env bash
# The Pulumi YAML and ARM template readers' throughput: one generated file of 1 MB and one of
# 10 MB of each (`gen_pulumi_arm.py`), linted alone on one thread. Is it at least 50 MB/s per
# core, and is the 10 MB file ten times the 1 MB one (linear)? See bench/README.md.
#
# Usage: bench/pulumi_arm.sh     (from anywhere)
# Environment: RUNS (hyperfine runs, default 5), LINT (the binary, default the release build).
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
WORK=bench/work/pulumi-arm

# shellcheck source=bench/lib.sh
source bench/lib.sh
require_time

lint_binary
mkdir -p "$WORK"

# row KIND MB FILE: generates the workload once, times a one-thread run, prints its row.
row() {
    local kind=$1 mb=$2 file=$3 dir bytes
    dir=$WORK/$kind-$mb
    if [[ ! -f $dir/$file ]]; then
        mkdir -p "$dir"
        python3 bench/gen_pulumi_arm.py "$kind" "$mb" "$dir/$file"
    fi
    bytes=$(stat -c %s "$dir/$file")
    measure "$kind-$mb" "$RUNS" "$LINT" check --format json --threads 1 "$dir/$file"
    echo "| $kind | $(awk "BEGIN { printf \"%.1f\", $bytes / 1e6 }") | $(wall_cell 3) | $CPU" \
        "| $(awk "BEGIN { printf \"%.1f\", $bytes / 1e6 / $WALL }")" \
        "| $(awk "BEGIN { printf \"%.1f\", $bytes / 1e6 / ($CPU > 0 ? $CPU : 0.001) }")" \
        "| $RSS_MB | $CODE | $LINES |"
}

echo "Pulumi YAML and ARM templates: one file, one thread; wall time: mean of $RUNS hyperfine runs; $(nproc) CPUs."
echo
echo "| source | MB | wall (s) | user+sys (s) | MB/s (wall) | MB/s (CPU) | peak RSS (MB) | exit | output lines |"
echo "|---|---|---|---|---|---|---|---|---|"
row pulumi 1 Pulumi.yaml
row pulumi 10 Pulumi.yaml
row arm 1 azuredeploy.json
row arm 10 azuredeploy.json
