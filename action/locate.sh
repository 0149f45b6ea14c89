#!/usr/bin/env bash
# The "Locate tlsrpt-lint" step of action.yml: use a tlsrpt-lint already on PATH, or say
# where to install one from the action's own source and under which cache key.
#
# Outputs: `bin` (the binary to run) and, unless one is on PATH or was built earlier in this
# job, `root` (the `cargo install --root` to restore or fill) and `key`. The key holds the
# runner OS and architecture, the action ref (ACTION_REF, empty for a local `uses: ./`) and
# a hash of the sources that go into the binary: a moving tag such as `v0`, or a local
# checkout, names different sources over time, and a binary built from other sources must
# not be restored. (Cache keys may not hold commas; git refs may.)
set -euo pipefail

if bin=$(command -v tlsrpt-lint); then
  echo "bin=$bin" >>"$GITHUB_OUTPUT"
  exit 0
fi

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi
}
sources=$(
  cd "$GITHUB_ACTION_PATH"
  find Cargo.toml Cargo.lock src -type f | LC_ALL=C sort | while IFS= read -r file; do
    printf '%s\0' "$file"
    cat "$file"
  done | sha256
)
ref=${ACTION_REF:-local}
root="$RUNNER_TEMP/tlsrpt-lint-${sources:0:16}"
echo "bin=$root/bin/tlsrpt-lint" >>"$GITHUB_OUTPUT"
# Built by an earlier use of the action in this job: nothing to restore or install.
[[ ! -x $root/bin/tlsrpt-lint ]] || exit 0
{
  echo "root=$root"
  echo "key=tlsrpt-lint-$RUNNER_OS-$RUNNER_ARCH-${ref//,/_}-${sources:0:16}"
} >>"$GITHUB_OUTPUT"
