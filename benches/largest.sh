#!/usr/bin/env bash
# Times irlint on the worst case of each front-end: one unit whose file is as large as irlint
# reads, holding thousands of replication sets or thousands of names to look up.
# usage: benches/largest.sh   (the units go to $CARGO_TARGET_DIR/bench-largest)
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
cases=$target/bench-largest
source benches/best_of_five.sh
cargo build --release --locked --quiet
python3 benches/largest_files.py "$cases"
echo "| unit | file | sets | findings | format | wall | CPU (user + system) | peak memory |"
echo "|---|---|---|---|---|---|---|---|"
for dir in "$cases"/*/; do
  case=$(basename "$dir")
  # The unit's largest file, wherever it is (a Java program's is below src/main/java).
  file=$(find "$dir" -type f -printf '%s\t%p\n' | sort -rn | head -1 | cut -f2-)
  size=$(du -b "$file" | cut -f1)
  counts=$("$target/release/irlint" --region us-east-1 --format json "$dir" 2>/dev/null | python3 -c '
import json, sys
summary = json.load(sys.stdin)["summary"]
print(summary["replication_sets"], summary["findings"])
' || echo "? ?")
  read -r sets findings <<<"$counts"
  for format in text json sarif github; do
    # The report goes to a file, as a CI job writes it: its whole cost is counted.
    best=$(best_of_five "$cases/time" "$target/release/irlint" --region us-east-1 \
      --format "$format" --output "$cases/report" "$dir")
    read -r wall user system peak <<<"$best"
    cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
    echo "| $case | $(basename "$file"), $((size / 1024)) KiB | $sets | $findings | $format | $wall s | $cpu s | $((peak / 1024)) MiB |"
  done
done
