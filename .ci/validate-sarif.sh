#!/usr/bin/env bash
# Validates SARIF files the way GitHub code scanning ingests them, with two independent checks
# (each catches what the other misses; see shared ecosystem notes, SARIF validators):
#
#  1. the OASIS SARIF 2.1.0 JSON schema with Python `jsonschema`; the schema is the copy the
#     `serde-sarif` crate ships (src/schema.json), fetched with `cargo fetch` and checked
#     against a pinned SHA-256;
#  2. Microsoft's SARIF multitool (npm `@microsoft/sarif-multitool-linux`), rule kinds Sarif
#     and Ghas, with GitHub's ingestion rules GH1001-GH1007 turned on by .ci/sarif-ghas.xml.
#     It exits 0 even when it finds errors, so the gate reads its own SARIF output.
#
# Usage: .ci/validate-sarif.sh FILE.sarif...
# Exits 1 if any file has a schema violation or a multitool error (warnings are printed).
# Needs cargo, python3 with venv, and npm; the network only while the tools are installed into
# $TLSRPT_CI_TOOLS (default target/ci-tools), where later runs reuse them.
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 FILE.sarif..." >&2
    exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
tools=${TLSRPT_CI_TOOLS:-$here/../target/ci-tools}
mkdir -p "$tools"
tools=$(cd "$tools" && pwd)

SERDE_SARIF=0.8.0
SCHEMA_SHA256=af47e7b67f24efe74076621fd3a5fbe7398add9e84fe820c971219a385895cea
JSONSCHEMA=4.26.0
MULTITOOL=5.7.0

# The OASIS schema, out of the serde-sarif crate in cargo's own cache.
fetch=$tools/serde-sarif-fetch
if [ ! -f "$fetch/Cargo.toml" ]; then
    mkdir -p "$fetch/src"
    : >"$fetch/src/lib.rs"
    printf '[package]\nname = "serde-sarif-fetch"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[workspace]\n\n[dependencies]\nserde-sarif = "=%s"\n' \
        "$SERDE_SARIF" >"$fetch/Cargo.toml"
fi
cargo fetch --quiet --manifest-path "$fetch/Cargo.toml"
crate_manifest=$(cargo metadata --format-version 1 --manifest-path "$fetch/Cargo.toml" |
    python3 -c 'import json, sys; print(next(p["manifest_path"] for p in json.load(sys.stdin)["packages"] if p["name"] == "serde-sarif"))')
schema=$(dirname "$crate_manifest")/src/schema.json
echo "$SCHEMA_SHA256  $schema" | sha256sum --check --quiet

# Python jsonschema in its own virtual environment.
if [ ! -x "$tools/venv/bin/python" ]; then
    python3 -m venv "$tools/venv"
fi
if ! "$tools/venv/bin/python" -c "import jsonschema, sys; sys.exit(jsonschema.__version__ != '$JSONSCHEMA')" 2>/dev/null; then
    "$tools/venv/bin/pip" install --quiet --disable-pip-version-check "jsonschema==$JSONSCHEMA"
fi

# The multitool: a self-contained .NET binary inside the npm package.
multitool=$tools/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ ! -x "$multitool" ] || ! "$multitool" --version 2>/dev/null | grep -q "^SARIF Multitool $MULTITOOL"; then
    npm install --silent --no-audit --no-fund --prefix "$tools/npm" "@microsoft/sarif-multitool-linux@$MULTITOOL"
    chmod u+x "$multitool" # npm may skip the package's own postinstall `chmod`
fi

status=0
for file in "$@"; do
    "$tools/venv/bin/python" "$here/validate-sarif-schema.py" "$schema" "$file" || status=1

    report=$tools/multitool-report.sarif
    rm -f "$report"
    "$multitool" validate "$file" --rule-kind Sarif Ghas -c "$here/sarif-ghas.xml" \
        -o "$report" --log ForceOverwrite >"$tools/multitool.log" 2>&1 || true
    if [ ! -s "$report" ]; then
        cat "$tools/multitool.log" >&2
        echo "$file: the multitool wrote no report" >&2
        status=1
        continue
    fi
    # Every finding, then a count of errors (a finding without `level` is a warning).
    python3 - "$file" "$report" <<'PY' || status=1
import json, sys
file, report = sys.argv[1], sys.argv[2]
with open(report, encoding="utf-8") as f:
    runs = json.load(f)["runs"]
errors = 0
for run in runs:
    for result in run.get("results", []):
        level = result.get("level", "warning")
        errors += level == "error"
        text = result.get("message", {}).get("text") or " ".join(result.get("message", {}).get("arguments", []))
        print(f"{file}: {level} {result.get('ruleId')}: {text}")
    for invocation in run.get("invocations", []):
        if not invocation.get("executionSuccessful", False):
            errors += 1
            print(f"{file}: the multitool did not run successfully")
print(f"{file}: multitool {'OK' if errors == 0 else str(errors) + ' error(s)'} (Sarif, Ghas, GH1001-GH1007)")
sys.exit(1 if errors else 0)
PY
done
exit $status
