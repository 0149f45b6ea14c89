#!/usr/bin/env bash
# Fuzzing in CI. With a nightly toolchain on the machine, each cargo-fuzz target (fuzz/) runs
# for FUZZ_SECONDS (default 60) under libFuzzer, seeded with the committed fixtures and test
# zones (target `zone`), the checkdmarc corpus (target `record`), the YAML and JSON fixtures
# (target `yaml`), the Terraform fixtures (target `terraform`), the fixtures' JavaScript
# (target `dnscontrol`), the Nix fixtures (target `nix`), the received-report fixtures
# (target `report`) and the ARM template fixtures' expressions (target `arm_expression`);
# cargo-fuzz comes from crates.io. Without nightly, the stable harness (tests/fuzz.rs) runs
# the same entry points over the same seeds with FUZZ_MUTATIONS (default 300) mutations
# each, in a release build.
# A crash fails the script either way; the executions and crashes are printed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz: no nightly toolchain; running the stable harness"
    TLSRPT_FUZZ_MUTATIONS=${FUZZ_MUTATIONS:-300} \
        cargo test --release --locked --test fuzz -- --nocapture 2>&1 | grep -E "fuzz harness|test result"
    exit "${PIPESTATUS[0]}"
fi

command -v cargo-fuzz >/dev/null 2>&1 || cargo install --locked --quiet cargo-fuzz
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# seed TARGET FIND-TEST...: copies the matching fixtures into TARGET's seed directory.
seed() {
    local target=$1
    shift
    mkdir -p "$work/seeds/$target"
    find fixtures "$@" -print0 |
        while IFS= read -r -d '' f; do cp "$f" "$work/seeds/$target/${f//\//_}"; done
}
seed zone tests/bind -type f ! -name expected.txt
seed yaml -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \)
seed terraform -type f \( -name '*.tf' -o -name '*.tfvars' -o -name '*.tf.json' \)
seed dnscontrol -type f -name '*.js'
seed nix -type f -name '*.nix'
seed report -path 'fixtures/report/*' -type f ! -name expected.txt
# ARM expressions: the bracketed strings of the ARM template fixtures, one seed each.
mkdir -p "$work/seeds/arm_expression"
grep -rhoE '"\[[^"]*\]"' --include='*.json' fixtures | sort -u |
    while IFS= read -r s; do
        s=${s#\"}
        printf '%s' "${s%\"}" >"$work/seeds/arm_expression/$(printf '%s' "$s" | md5sum | cut -c1-16)"
    done
mkdir -p "$work/seeds/record"
python3 - "$work/seeds/record" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
for i, line in enumerate(open("tests/oracle/records.jsonl", encoding="utf-8")):
    (out / f"{i:04}").write_bytes(json.loads(line).encode("utf-8", "surrogatepass"))
PY
for target in zone record yaml terraform dnscontrol nix report arm_expression; do
    mkdir -p "$work/corpus/$target"
    if ! (cd fuzz && cargo +nightly fuzz run -O "$target" "$work/corpus/$target" "$work/seeds/$target" \
        -- -max_total_time="${FUZZ_SECONDS:-60}" -rss_limit_mb=2048 -max_len=65536 \
        -timeout=10 -print_final_stats=1) >"$work/$target.log" 2>&1; then
        tail -n 40 "$work/$target.log"
        echo "fuzz: $target crashed (artifacts under fuzz/artifacts/$target)" >&2
        exit 1
    fi
    runs=$(grep -oE '^Done [0-9]+ runs' "$work/$target.log" | grep -oE '[0-9]+' || echo "?")
    echo "fuzz: $target: $runs executions in ${FUZZ_SECONDS:-60} s, 0 crashes"
done
