#!/usr/bin/env bash
# The repository benchmarks: tlsrpt-lint walking a synthetic 100,000-file monorepo, next to
# `rg -l` searching it for the record names and `rg --files` listing it; a pre-commit-sized
# run on 5 named files; and `--diff`, and `--fix` with nothing left to fix. See bench/README.md for what it measures and how to read it.
#
# Usage: bench/monorepo.sh           (from anywhere; works in the crate root)
# Environment: FILES (default 100000), RUNS (hyperfine runs, default 5),
#              PRECOMMIT_RUNS (default 50).
set -euo pipefail

cd "$(dirname "$0")/.."
FILES=${FILES:-100000}
RUNS=${RUNS:-5}
PRECOMMIT_RUNS=${PRECOMMIT_RUNS:-50}
WORK=bench/work
REPO=$WORK/monorepo-$FILES
LINT=target/release/tlsrpt-lint

# shellcheck source=bench/lib.sh
source bench/lib.sh
require_time
command -v rg >/dev/null || { echo "bench: rg is missing (apt-get install -y ripgrep)" >&2; exit 2; }

cargo build --release --quiet
mkdir -p "$WORK"
if [[ ! -f $REPO/.complete ]]; then
    rm -rf "$REPO"
    python3 bench/gen_monorepo.py --files "$FILES" "$REPO" >&2
    touch "$REPO/.complete"
fi
# A copy with every fix applied, for `--fix` with nothing to fix.
FIXED=$WORK/monorepo-$FILES-fixed
if [[ ! -f $FIXED/.complete ]]; then
    rm -rf "$FIXED"
    cp -a "$REPO" "$FIXED"
    "$LINT" check --fix --unsafe-fixes "$FIXED" >"$WORK/fixed-once.out" 2>&1 || true
fi
# What a walk that honours .gitignore and skips hidden entries has to look at.
read -r COUNT BYTES < <(find "$REPO/" -path "$REPO/target" -prune -o -name '.*' ! -name .well-known -prune -o \
    -type f -printf '%s\n' | awk '{ n++; b += $1 } END { print n, b }')

# row NAME COMMAND...: measures one tool on the repository and prints its table row.
row() {
    local name=$1
    shift
    measure "$name" "$RUNS" "$@"
    echo "| $name | $(wall_cell 3) | $CPU | $RSS_MB" \
        "| $(awk "BEGIN { printf \"%d\", $COUNT / $WALL }") | $CODE | $LINES |"
}

# precommit NAME COMMAND...: the same for the 5-file run, wall time in milliseconds.
precommit() {
    local name=$1
    shift
    measure "$name" "$PRECOMMIT_RUNS" "$@"
    echo "| $name | $(awk "BEGIN { printf \"%.1f\", $WALL * 1000 }")" \
        "$([[ -n $SPREAD ]] && awk "BEGIN { printf \"± %.1f\", $SPREAD * 1000 }")" \
        "| $CPU | $RSS_MB | $CODE | $LINES |"
}

# One DNS file of each of five formats, as pre-commit would name them.
mapfile -t NAMED < <(
    for pattern in '*.zone' 'db.*' 'dns.tf' 'dnsconfig.js' 'template.yaml'; do
        find "$REPO/services" -name "$pattern" -print -quit
    done
)

{
    echo "Repository: \`$REPO\`, $COUNT files outside \`target/\` and \`.git\`," \
        "$(awk "BEGIN { printf \"%.0f\", $BYTES / 1e6 }") MB; $(nproc) CPUs;" \
        "wall time: mean of $RUNS hyperfine runs."
    echo
    echo "| tool | wall (s) | user+sys (s) | peak RSS (MB) | files/s | exit | output lines |"
    echo "|---|---|---|---|---|---|---|"
    row tlsrpt-lint "$LINT" check --format json "$REPO"
    row "tlsrpt-lint --threads 1" "$LINT" check --format json --threads 1 "$REPO"
    row "rg -l" rg -l '_smtp\._tls|_report\._tls' "$REPO"
    row "rg --files" rg --files "$REPO"
    echo
    if cmp -s "$WORK/tlsrpt-lint.out" "$WORK/tlsrpt-lint --threads 1.out"; then
        echo "Output with \`--threads 1\` and with the default: byte-identical."
    else
        echo "Output with \`--threads 1\` and with the default: DIFFERENT."
    fi
    echo
    echo "Pre-commit: 5 named files (${NAMED[*]##*/}); wall time: mean of $PRECOMMIT_RUNS runs."
    echo
    echo "| tool | wall (ms) | user+sys (s) | peak RSS (MB) | exit | output lines |"
    echo "|---|---|---|---|---|---|"
    precommit "tlsrpt-lint (5 files)" "$LINT" check "${NAMED[@]}"
    precommit "rg -l (5 files)" rg -l '_smtp\._tls|_report\._tls' "${NAMED[@]}"
    echo
    echo "Fixing: \`--diff\` on the repository as generated; \`check\` and \`check --fix\` on a" \
        "copy fixed once with \`--unsafe-fixes\`, where nothing is left to fix."
    echo
    echo "| tool | wall (s) | user+sys (s) | peak RSS (MB) | files/s | exit | output lines |"
    echo "|---|---|---|---|---|---|---|"
    row "tlsrpt-lint --diff" "$LINT" check --diff --unsafe-fixes "$REPO"
    row "tlsrpt-lint (fixed copy)" "$LINT" check --format json "$FIXED"
    row "tlsrpt-lint --fix (fixed copy)" "$LINT" check --fix --format json "$FIXED"
} | tee "$WORK/monorepo-results.md"
