#!/usr/bin/env bash
# Prints the hash of the source irlint is built from: every file of Cargo.toml, Cargo.lock, src/
# and rules/ (the rules' documents are compiled in), each by its path and git's hash of its bytes.
# The release workflow publishes it as irlint-source.txt; the action compares it with its own to
# run a release binary only when that binary was built from exactly the action's source, and
# keys its build cache on it.
set -euo pipefail
cd "$(dirname "$0")/.."

files=$(find Cargo.toml Cargo.lock src rules -type f | LC_ALL=C sort)
# --no-filters: the bytes as they are, whatever git's attributes or line-ending settings say
# where the script runs (the action's copy is not even a git repository).
printf '%s\n' "$files" | git hash-object --no-filters --stdin-paths |
  paste -d ' ' - <(printf '%s\n' "$files") |
  git hash-object --no-filters --stdin
