#!/usr/bin/env bash
# Times irlint on a generated tree of mostly unrelated infrastructure code, beside the floor of
# merely reading the same files (grep for the resource type names).
# usage: benches/run.sh [FILES]   (default 5000; the tree goes to target/bench-tree-FILES)
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-5000}
tree=target/bench-tree-$files
cargo build --release --locked --quiet
if [ ! -d "$tree" ]; then
  python3 benches/generate_tree.py "$tree" --files "$files"
fi
bytes=$(du -sb "$tree" | cut -f1)
echo "tree: $tree, $files files, $((bytes / 1024 / 1024)) MiB"
measure() {
  local label=$1
  shift
  # Warm the page cache once so that every command reads from memory.
  "$@" >/dev/null 2>&1 || true
  for run in 1 2 3; do
    /usr/bin/time -f "$label run $run: %e s wall, %U s user, %S s system, %M KiB peak" \
      "$@" >/dev/null 2>>target/bench-times.txt || true
  done
}
: >target/bench-times.txt
measure "grep (floor)" grep -rlE 'ssmincidents|SsmIncidents|SSMIncidents' "$tree"
measure irlint target/release/irlint --format json --output /dev/null "$tree"
grep -v 'exited with non-zero' target/bench-times.txt
target/release/irlint --format json "$tree" | python3 -c '
import json, sys
summary = json.load(sys.stdin)["summary"]
print("irlint found {findings} findings in {replication_sets} replication sets ({files} candidate files)".format(**summary))
'
