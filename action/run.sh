#!/usr/bin/env bash
# The "Run tlsrpt-lint" step of action.yml, kept in a file so that tests/action.rs can run
# exactly what the runner runs.
#
# Inputs arrive as environment variables set in action.yml from `${{ inputs.* }}` (composite
# actions get no INPUT_* variables of their own, and a value spliced into a script could
# run as code): INPUT_PATHS, INPUT_ARGS, INPUT_CONFIG, INPUT_FAIL_ON, INPUT_SARIF_FILE,
# INPUT_ANNOTATIONS, INPUT_SUMMARY. TLSRPT_LINT names the binary (default: `tlsrpt-lint` on
# PATH).
#
# Runs the linter once: annotations (or concise lines) on stdout, SARIF to the requested
# file, and JSON to a temporary file that only the counts are read from. Writes the outputs
# `sarif-file`, `errors` and `warnings` to $GITHUB_OUTPUT, appends the posture of the mail
# domains as Markdown to $GITHUB_STEP_SUMMARY (unless `summary` is false), and exits with the
# linter's code (0 clean, 1 findings at or above fail-on, 2 usage or I/O error).
set -uo pipefail

fail() {
  printf '::error title=tlsrpt-lint action::%s\n' "$1"
  exit 2
}

case "${INPUT_ANNOTATIONS:-true}" in
  true) format=github ;;
  false) format=concise ;;
  *) fail "input annotations must be true or false" ;;
esac
case "${INPUT_SUMMARY:-true}" in
  true | false) ;;
  *) fail "input summary must be true or false" ;;
esac
for value in "${INPUT_SARIF_FILE:-}" "${INPUT_CONFIG:-}"; do
  [[ $value != *[$'\n\r']* ]] || fail "inputs sarif-file and config take one path"
done

# `paths` and `args` are split on whitespace, never glob-expanded or evaluated.
read -r -d '' -a paths <<<"${INPUT_PATHS:-.}"
read -r -d '' -a extra <<<"${INPUT_ARGS:-}"
((${#paths[@]})) || paths=(.)

json=$(mktemp "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/tlsrpt-lint.XXXXXX")
trap 'rm -f "$json"' EXIT

command=(check --format "$format" --fail-on "${INPUT_FAIL_ON:-error}" --output-json "$json")
[[ -z ${INPUT_CONFIG:-} ]] || command+=(--config "$INPUT_CONFIG")
[[ -z ${INPUT_SARIF_FILE:-} ]] || command+=(--output-sarif "$INPUT_SARIF_FILE")
# Paths after `--`, so a path cannot be taken for an option. (`${a[@]+...}`: bash 3.2, the
# macOS /bin/bash, calls an empty array unbound under `set -u`.)
command+=(${extra[@]+"${extra[@]}"} -- "${paths[@]}")

# A SARIF file left by an earlier run must not be reported as this run's.
[[ -z ${INPUT_SARIF_FILE:-} ]] || rm -f -- "$INPUT_SARIF_FILE"
"${TLSRPT_LINT:-tlsrpt-lint}" "${command[@]}"
code=$?

# The counts of the JSON document's `summary`, its last object; a key inside a string is
# escaped (`\"errors\"`) and cannot match.
summary=$(<"$json")
summary=${summary##*\"summary\":}
count() {
  [[ $summary =~ \"$1\":[[:space:]]*([0-9]+) ]] && printf '%s' "${BASH_REMATCH[1]}"
}
sarif=
[[ -z ${INPUT_SARIF_FILE:-} || ! -f $INPUT_SARIF_FILE ]] || sarif=$INPUT_SARIF_FILE
{
  printf 'sarif-file=%s\n' "$sarif"
  printf 'errors=%s\n' "$(count errors)"
  printf 'warnings=%s\n' "$(count warnings)"
} >>"${GITHUB_OUTPUT:-/dev/null}"

# The posture table for the job summary; a failure here is the check's to report, not this.
if [[ ${INPUT_SUMMARY:-true} == true && -n ${GITHUB_STEP_SUMMARY:-} && $code != 2 ]]; then
  posture=(records --posture --format markdown)
  [[ -z ${INPUT_CONFIG:-} ]] || posture+=(--config "$INPUT_CONFIG")
  "${TLSRPT_LINT:-tlsrpt-lint}" "${posture[@]}" -- "${paths[@]}" >>"$GITHUB_STEP_SUMMARY" ||
    printf '::warning title=tlsrpt-lint action::the posture summary could not be written\n'
fi
exit "$code"
