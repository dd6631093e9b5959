#!/usr/bin/env bash
# Times irlint beside the tools a user would otherwise run over the same files (cfn-lint, checkov,
# cfn-guard) and beside merely reading them (cat, ripgrep), on generated trees; writes the results
# table to $CARGO_TARGET_DIR/bench/results.md (target/bench/results.md without CARGO_TARGET_DIR).
#
# usage: benches/compare.sh
# needs: cargo, python3 with venv, GNU time, ripgrep; valgrind for the instruction counts
#   (Debian: apt-get install -y time ripgrep valgrind python3-venv)
# The first run installs pinned cfn-lint and checkov (PyPI, into a virtual environment) and
# cfn-guard (crates.io) below the target directory; every run after that is offline: the tools run
# without a network (unshare --net), with checkov's downloads and update checks turned off too.
# It takes about 20 minutes on 2 cores, most of it cfn-lint and checkov.
set -euo pipefail
cd "$(dirname "$0")/.."
target=$(realpath -m "${CARGO_TARGET_DIR:-target}")
bench=$target/bench
tools=$target/bench-tools
cfn_lint_version=1.58.0
checkov_version=3.3.30
cfn_guard_version=3.2.1
# Runs of each fast command (irlint, cat, ripgrep, cfn-guard); cfn-lint and checkov run once.
runs=${BENCH_RUNS:-10}
# checkov runs on the whole 20,000-file tree only when its rate on the 2,500-file tree predicts it
# finishes within this many seconds; otherwise the report extrapolates that rate.
checkov_budget=600

for tool in rg python3; do
  command -v "$tool" >/dev/null || { echo "benches/compare.sh needs $tool" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "benches/compare.sh needs GNU time (/usr/bin/time)" >&2; exit 1; }

venv=$tools/venv
if ! "$venv/bin/cfn-lint" --version 2>/dev/null | grep -qx "cfn-lint $cfn_lint_version" ||
  ! "$venv/bin/checkov" --version 2>/dev/null | grep -qx "$checkov_version"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    "cfn-lint==$cfn_lint_version" "checkov==$checkov_version"
fi
guard=$tools/cfn-guard/bin/cfn-guard
if ! "$guard" --version 2>/dev/null | grep -q "$cfn_guard_version"; then
  cargo install cfn-guard --version "$cfn_guard_version" --locked --root "$tools/cfn-guard"
fi
cargo build --release --locked --quiet
irlint=$target/release/irlint

# checkov's own switches for staying offline; the network namespace below makes sure of it.
export BC_SKIP_MAPPING=TRUE CHECKOV_RUN_SCA_PACKAGE_SCAN_V2=false CKV_SKIP_PACKAGE_UPDATE_CHECK=true
if unshare --net true 2>/dev/null; then
  offline=(unshare --net)
else
  echo "warning: cannot drop the network (unshare --net); relying on the tools' own switches" >&2
  offline=()
fi

mkdir -p "$bench/logs" "$bench/trees"
trees=$bench/trees
# A tree is generated again when the generator changed since it was written.
tree() {
  local name=$1 kind=$2 files=$3
  local dir=$trees/$name
  if [ ! -f "$dir.done" ] || [ benches/generate_tree.py -nt "$dir.done" ]; then
    rm -rf "$dir"
    python3 benches/generate_tree.py "$dir" --kind "$kind" --files "$files" >"$dir.summary"
    touch "$dir.done"
  fi
}
tree cloudformation-1500 cloudformation 1500
for files in 2500 10000 20000 40000; do
  tree "mixed-$files" mixed "$files"
done
mkdir -p "$trees/empty"

times=$bench/times.tsv
: >"$times"
: >"$bench/instructions.tsv"
# measure LABEL TREE RUNS COMMAND...: times RUNS runs of the command over the tree (after one
# untimed run that warms the page cache, when there are several).
measure() {
  local label=$1 name=$2 count=$3
  shift 3
  local log=$bench/logs/$label-$name.txt
  if [ "$count" -gt 1 ]; then
    "$@" >/dev/null 2>"$log" || true
  fi
  for ((run = 1; run <= count; run++)); do
    /usr/bin/time -f "%e %U %S %M" -o "$bench/time.txt" "$@" >/dev/null 2>"$log" || true
    printf '%s\t%s\t%s\n' "$label" "$name" "$(tail -n 1 "$bench/time.txt" | tr ' ' '\t')" >>"$times"
  done
  echo "$label on $name: $(tail -n 1 "$bench/time.txt") (last run: wall s, user s, system s, KiB)"
}
# instructions LABEL TREE COMMAND...: the instructions the command executes in user space, all
# threads together (callgrind), which the other load on the machine does not change.
instructions() {
  local label=$1 name=$2
  shift 2
  command -v valgrind >/dev/null || return 0
  local count
  # The linters exit non-zero when they find something; the count is all that matters here.
  count=$( (valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null || true) |
    sed -n 's/.*Collected : *//p')
  printf '%s\t%s\t%s\n' "$label" "$name" "$count" >>"$bench/instructions.tsv"
  echo "$label on $name: $count instructions"
}
read_all() { find "$1" -type f -print0 | xargs -0 cat >/dev/null; }
export -f read_all

cat /proc/loadavg >"$bench/load-before.txt"

cfn=$trees/cloudformation-1500
measure cat cloudformation-1500 "$runs" bash -c 'read_all "$0"' "$cfn"
measure rg cloudformation-1500 "$runs" rg -l 'ssmincidents|SsmIncidents|SSMIncidents' "$cfn"
measure irlint cloudformation-1500 "$runs" "$irlint" --format json "$cfn"
measure cfn-guard cloudformation-1500 "$runs" \
  "$guard" validate --rules benches/replication-set.guard --data "$cfn" --show-summary none
measure cfn-lint cloudformation-1500 1 \
  "${offline[@]}" "$venv/bin/cfn-lint" "$cfn/**/*.yaml" "$cfn/**/*.json"
measure checkov cloudformation-1500 1 "${offline[@]}" "$venv/bin/checkov" --directory "$cfn" \
  --framework cloudformation --skip-download --quiet --compact

for files in 2500 10000 20000 40000; do
  mixed=$trees/mixed-$files
  measure cat "mixed-$files" "$runs" bash -c 'read_all "$0"' "$mixed"
  measure rg "mixed-$files" "$runs" rg -l 'ssmincidents|SsmIncidents|SSMIncidents' "$mixed"
  measure irlint "mixed-$files" "$runs" "$irlint" --format json "$mixed"
done
"$irlint" --format json "$trees/mixed-20000" >"$bench/irlint-mixed-20000.json" || true
rg -l 'ssmincidents|SsmIncidents|SSMIncidents' "$trees/mixed-20000" | wc -l >"$bench/rg-mixed-20000.count"

checkov_mixed() {
  measure checkov "$1" 1 "${offline[@]}" "$venv/bin/checkov" --directory "$trees/$1" \
    --framework cloudformation terraform --skip-download --quiet --compact
}
checkov_mixed empty
checkov_mixed mixed-2500
predicted=$(awk -F'\t' '$1 == "checkov" && $2 == "empty" { start = $3 }
  $1 == "checkov" && $2 == "mixed-2500" { run = $3 }
  END { printf "%d", start + (run - start) * 8 }' "$times")
if [ "$predicted" -le "$checkov_budget" ]; then
  checkov_mixed mixed-20000
else
  echo "checkov on mixed-20000 would take about $predicted s: extrapolated, not run"
fi

# cfn-lint reads the templates it is given: the mixed tree's CloudFormation templates, listed as
# a user would list them.
rg -l --null -g '*.yaml' -g '*.yml' -g '*.json' AWSTemplateFormatVersion "$trees/mixed-20000" \
  >"$bench/templates-mixed-20000"
tr -cd '\0' <"$bench/templates-mixed-20000" | wc -c >"$bench/templates-mixed-20000.count"
measure cfn-lint mixed-20000 1 \
  "${offline[@]}" xargs -0 -a "$bench/templates-mixed-20000" "$venv/bin/cfn-lint"

for files in 2500 10000 20000 40000; do
  instructions irlint "mixed-$files" "$irlint" --format json "$trees/mixed-$files"
done
instructions rg mixed-20000 rg -l 'ssmincidents|SsmIncidents|SSMIncidents' "$trees/mixed-20000"
instructions irlint cloudformation-1500 "$irlint" --format json "$cfn"
instructions cfn-guard cloudformation-1500 \
  "$guard" validate --rules benches/replication-set.guard --data "$cfn" --show-summary none

cat /proc/loadavg >"$bench/load-after.txt"
{
  echo -e "irlint\t$("$irlint" --version)"
  echo -e "ripgrep\t$(rg --version | sed -n 1p)"
  echo -e "cat\t$(cat --version | sed -n 1p)"
  echo -e "cfn-guard\t$("$guard" --version)"
  echo -e "cfn-lint\t$("$venv/bin/cfn-lint" --version)"
  echo -e "checkov\t$("$venv/bin/checkov" --version)"
  echo -e "Python\t$("$venv/bin/python" --version)"
} >"$bench/versions.tsv"
python3 benches/report.py "$bench" >"$bench/results.md"
echo "wrote $bench/results.md"
