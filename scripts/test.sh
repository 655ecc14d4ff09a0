#!/usr/bin/env bash
# What `make test` and CI run, step by step, with the seconds each step took.
# Stops at the first failing step; the summary is printed either way.
set -euo pipefail
cd "$(dirname "$0")/.."
make="${MAKE:-make} --no-print-directory"

summary=()
current=""
started=0

step() {
    current=$1
    shift
    started=$SECONDS
    echo "==> $current"
    "$@"
    summary+=("$(printf '  %-18s %5d s' "$current" $((SECONDS - started)))")
    current=""
}

print_summary() {
    [[ -z $current ]] || summary+=("$(printf '  %-18s %5d s  FAILED' "$current" $((SECONDS - started)))")
    echo "== timing"
    printf '%s\n' "${summary[@]}"
    printf '  %-18s %5d s\n' total "$SECONDS"
}
trap print_summary EXIT

step setup $make setup
step system-deps $make system-deps
step lint $make lint
step "pytest sqlite" $make test-fast
step "pytest e2e" $make e2e
step "pytest postgres" scripts/with_postgres.py -- .venv/bin/pytest -m "not e2e" -n auto
