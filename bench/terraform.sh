#!/usr/bin/env bash
# The Terraform scale benchmark: does a Terraform file cost the same whether its module
# directory holds 10 files or 1,000? One module directory of 10, 100 and 1,000 generated files
# (DNS and non-DNS resources mixed), a tree of 100 modules of 100 files, and a monorepo with
# Terraform at 5% of its files in directories of 100 to 200 files, against `rg -l`. See
# bench/README.md for how to read it.
#
# Usage: bench/terraform.sh     (from anywhere)
# Environment: RUNS (hyperfine runs, default 5), LINT (the binary, default the release build),
#              MONOREPO_FILES (default 100000).
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
MONOREPO_FILES=${MONOREPO_FILES:-100000}
WORK=bench/work/terraform

# shellcheck source=bench/lib.sh
source bench/lib.sh
require_time
command -v rg >/dev/null || { echo "bench: rg is missing (apt-get install -y ripgrep)" >&2; exit 2; }

lint_binary
mkdir -p "$WORK"

# generate NAME ARGS...: the workload NAME, generated once.
generate() {
    local name=$1
    shift
    if [[ ! -f $WORK/$name/.complete ]]; then
        rm -rf "${WORK:?}/$name"
        python3 bench/gen_terraform.py "$@" "$WORK/$name" >&2
        touch "$WORK/$name/.complete"
    fi
}

# tf_row NAME: times a one-thread run on the workload NAME; prints its row with the cost
# per file.
tf_row() {
    local name=$1 files
    files=$(find "$WORK/$name" -name '*.tf' | wc -l)
    measure "$name" "$RUNS" "$LINT" check --format json --threads 1 "$WORK/$name"
    echo "| $name | $files | $(wall_cell 3) | $CPU" \
        "| $(awk "BEGIN { printf \"%.3f\", $WALL * 1000 / $files }")" \
        "| $(awk "BEGIN { printf \"%.3f\", $CPU * 1000 / $files }") | $RSS_MB | $CODE | $LINES |"
}

generate module-10 module --files 10
generate module-100 module --files 100
generate module-1000 module --files 1000
generate tree-100x100 tree --modules 100 --files 100
generate monorepo-tf monorepo --files "$MONOREPO_FILES"

{
    echo "Terraform: one thread; wall time: mean of $RUNS hyperfine runs; $(nproc) CPUs."
    echo
    echo "| workload | .tf files | wall (s) | user+sys (s) | wall ms per file | CPU ms per file | peak RSS (MB) | exit | output lines |"
    echo "|---|---|---|---|---|---|---|---|---|"
    tf_row module-10
    tf_row module-100
    tf_row module-1000
    tf_row tree-100x100
    echo
    REPO=$WORK/monorepo-tf
    COUNT=$(find "$REPO" -type f ! -name .complete | wc -l)
    TF=$(find "$REPO" -name '*.tf' | wc -l)
    echo "Monorepo: \`$REPO\`, $COUNT files, $TF of them \`.tf\` in directories of 100 to 200."
    echo
    echo "| tool | wall (s) | user+sys (s) | peak RSS (MB) | exit | output lines |"
    echo "|---|---|---|---|---|---|"
    for tool in tlsrpt-lint "rg -l"; do
        if [[ $tool == tlsrpt-lint ]]; then
            measure "$tool" "$RUNS" "$LINT" check --format json "$REPO"
        else
            measure "$tool" "$RUNS" rg -l '_smtp\._tls|_report\._tls' "$REPO"
        fi
        echo "| $tool | $(wall_cell 3) | $CPU | $RSS_MB | $CODE | $LINES |"
    done
} | tee "$WORK/results.md"
