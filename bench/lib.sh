# shellcheck shell=bash
# shellcheck disable=SC2034 # WALL, CPU, RSS_MB, CODE, LINES are for the sourcing script
# Shared by the benchmark scripts: one way to time a command. Source it; needs WORK set.
#
# measure NAME RUNS COMMAND...: one /usr/bin/time run (CPU, peak RSS, exit code, output kept in
# $WORK/NAME.out), then hyperfine for the wall time when it is installed. Sets WALL (s), SPREAD
# (s, or empty), CPU (user+sys s), RSS_MB, CODE and LINES (output lines) for the caller's row.
measure() {
    local name=$1 runs=$2
    shift 2
    local stats=$WORK/$name.time out=$WORK/$name.out
    CODE=0
    /usr/bin/time -f '%e %U %S %M' -o "$stats" "$@" >"$out" 2>&1 || CODE=$?
    # With -o, time appends "Command exited with non-zero status N" before the figures.
    local elapsed user sys rss_kb
    read -r elapsed user sys rss_kb < <(tail -n 1 "$stats")
    WALL=$elapsed SPREAD=""
    if command -v hyperfine >/dev/null; then
        hyperfine --runs "$runs" --warmup 1 --ignore-failure --shell=none --style none \
            --export-json "$WORK/$name.json" --command-name "$name" -- "$(printf '%q ' "$@")" >&2
        read -r WALL SPREAD < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(r["mean"], r["stddev"] or 0)' "$WORK/$name.json")
    fi
    CPU=$(awk "BEGIN { print $user + $sys }")
    RSS_MB=$(awk "BEGIN { printf \"%.0f\", $rss_kb / 1024 }")
    LINES=$(wc -l <"$out")
}

# The wall time as a table cell: "mean ± sd" with DIGITS decimals.
wall_cell() {
    local digits=$1
    if [[ -n $SPREAD ]]; then
        awk "BEGIN { printf \"%.${digits}f ± %.${digits}f\", $WALL, $SPREAD }"
    else
        awk "BEGIN { printf \"%.${digits}f\", $WALL }"
    fi
}

# Sets LINT to the binary to measure: LINT as given, else the release build, built now.
lint_binary() {
    if [[ -z ${LINT:-} ]]; then
        cargo build --release --quiet
        LINT=target/release/tlsrpt-lint
    fi
}

require_time() {
    if [[ ! -x /usr/bin/time ]]; then
        echo "bench: /usr/bin/time is missing (apt-get install -y time)" >&2
        exit 2
    fi
}
