#!/usr/bin/env bash
# Times irlint on a generated tree of mostly unrelated infrastructure code.
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
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 1 --ignore-failure "target/release/irlint --format json --output /dev/null $tree"
else
  for run in 1 2 3; do
    /usr/bin/env time -f "run $run: %e s wall, %U s user, %S s system, %M KiB peak" \
      target/release/irlint --format json --output /dev/null "$tree" || true
  done
fi
