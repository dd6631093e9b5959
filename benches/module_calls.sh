#!/usr/bin/env bash
# Times irlint on Terraform roots of many module calls: one root calling one child module N times
# (each call an instance with regions of its own), the best of five runs.
# usage: benches/module_calls.sh   (the roots go to $CARGO_TARGET_DIR/bench-module-calls)
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
roots=$target/bench-module-calls
source benches/best_of_five.sh
cargo build --release --locked --quiet
echo "| module calls | sets | findings | wall | CPU (user + system) | peak memory |"
echo "|---|---|---|---|---|---|"
for calls in 100 1000 4000; do
  dir=$roots/calls-$calls
  rm -rf "$dir"
  python3 benches/generate_tree.py "$dir" --module-calls "$calls" >/dev/null
  counts=$("$target/release/irlint" --format json "$dir" 2>/dev/null | python3 -c '
import json, sys
summary = json.load(sys.stdin)["summary"]
print(summary["replication_sets"], summary["findings"])
' || echo "? ?")
  read -r sets findings <<<"$counts"
  best=$(best_of_five "$roots/time" "$target/release/irlint" --format json \
    --output "$roots/report" "$dir")
  read -r wall user system peak <<<"$best"
  cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
  echo "| $calls | $sets | $findings | $wall s | $cpu s | $((peak / 1024)) MiB |"
done
