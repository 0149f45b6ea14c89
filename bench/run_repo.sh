#!/usr/bin/env bash
# The repository-model benchmark: `tlsrpt-lint check` on generated repositories of 100,
# 1,000 and 10,000 zones (bench/gen_repo.py), to show that the model's cost grows linearly.
# See bench/README.md.
#
# Usage: bench/run_repo.sh          (from anywhere)
# Environment: SIZES (default "100 1000 10000"), RUNS (best of, default 3),
#              TLSRPT_ARGS (default "check --format json"),
#              FORMATS (default "zone,octodns,terraform,dnscontrol").
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=${SIZES:-100 1000 10000}
RUNS=${RUNS:-3}
TLSRPT_ARGS=${TLSRPT_ARGS:-check --format json}
FORMATS=${FORMATS:-zone,octodns,terraform,dnscontrol}
WORK=bench/work
BIN=target/release/tlsrpt-lint

# shellcheck source=bench/lib.sh
source bench/lib.sh
require_time
cargo build --release --quiet
mkdir -p "$WORK"

echo "| zones | files | records | MB | wall (s) | peak RSS (MB) | µs / zone | findings |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
    repo=$WORK/repo-$n
    rm -rf "$repo"
    read -r zones _ records _ < <(python3 bench/gen_repo.py --zones "$n" --formats "$FORMATS" "$repo")
    files=$(find "$repo" -type f | wc -l)
    bytes=$(du -sb "$repo" | cut -f1)
    best_wall="" best_rss=""
    for _ in $(seq "$RUNS"); do
        # shellcheck disable=SC2086 # TLSRPT_ARGS is a word list on purpose
        /usr/bin/time -f '%e %M' -o "$WORK/repo.time" "$BIN" $TLSRPT_ARGS "$repo" \
            >"$WORK/repo-$n.out" 2>&1 || true
        read -r wall rss < <(tail -n 1 "$WORK/repo.time")
        if [[ -z $best_wall ]] || python3 -c "import sys; sys.exit(not $wall < $best_wall)"; then
            best_wall=$wall best_rss=$rss
        fi
    done
    findings=$(python3 -c '
import json, sys
print(len(json.load(open(sys.argv[1]))["diagnostics"]))' "$WORK/repo-$n.out" 2>/dev/null || echo "-")
    python3 - "$zones" "$files" "$records" "$bytes" "$best_wall" "$best_rss" "$findings" <<'PY'
import sys
zones, files, records, size, wall, rss, findings = sys.argv[1:]
per_zone = float(wall) / int(zones) * 1e6
print(f"| {int(zones):,} | {int(files):,} | {int(records):,} | {int(size) / 1e6:.1f} "
      f"| {float(wall):.2f} | {int(rss) / 1024:.1f} | {per_zone:.0f} | {findings} |")
PY
done
