#!/usr/bin/env bash
# The Nix throughput benchmark: MB/s of the Nix reader (parse, evaluation, record search and
# every rule) on one generated file of dns.nix zones at 1 MB and 10 MB (bench/gen_nix.py), on
# one thread. The target is 50 MB/s per core, and the same MB/s at both sizes (linear). See
# bench/README.md for how to read it.
#
# Usage: bench/nix.sh     (from anywhere)
# Environment: RUNS (hyperfine runs, default 5), LINT (the binary, default the release build).
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
WORK=bench/work/nix

# shellcheck source=bench/lib.sh
source bench/lib.sh
require_time

lint_binary
mkdir -p "$WORK"

{
    echo "Nix: one file, one thread; wall time: mean of $RUNS hyperfine runs; $(nproc) CPUs."
    echo
    echo "| file | bytes | wall (s) | user+sys (s) | MB/s (wall) | MB/s (CPU) | peak RSS (MB) | exit | output lines |"
    echo "|---|---|---|---|---|---|---|---|---|"
    for mb in 1 10; do
        file=$WORK/zones-${mb}mb.nix
        [[ -f $file ]] || python3 bench/gen_nix.py --bytes $((mb * 1000000)) "$file" >&2
        bytes=$(wc -c <"$file")
        measure "nix-${mb}mb" "$RUNS" "$LINT" check --no-config --format concise --threads 1 "$file"
        echo "| \`zones-${mb}mb.nix\` | $bytes | $(wall_cell 3) | $CPU" \
            "| $(awk "BEGIN { printf \"%.1f\", $bytes / 1e6 / $WALL }")" \
            "| $(awk "BEGIN { printf \"%.1f\", $bytes / 1e6 / $CPU }") | $RSS_MB | $CODE | $LINES |"
    done
} | tee "$WORK/results.md"
