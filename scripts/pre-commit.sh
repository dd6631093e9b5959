#!/usr/bin/env bash
# Proves that the pre-commit hook (.pre-commit-hooks.yaml) works as a user's repository uses it:
# `pre-commit try-repo` installs the hook from this checkout (uncommitted changes included) into a
# small repository of its own and runs it
#   1. on a clean template, where it must pass;
#   2. on the main.tf of a module whose provider region comes from its variables.tf, where it must
#      fail with IRL003 (seen only when the file is read with its module);
#   3. on every file (`--all-files`), where it must fail too.
# Needs python3 with venv, git and a Rust toolchain (pre-commit builds the package with maturin,
# a release build: minutes on two cores the first time). pre-commit comes from PyPI, pinned
# (scripts/python-tool.sh); its cache and the build stay below Cargo's target directory
# (CARGO_TARGET_DIR is honoured), kept between runs.
set -euo pipefail

pre_commit_version=4.3.0

fail() {
  echo "pre-commit.sh: FAILED: $*" >&2
  exit 1
}

root=$(cd "$(dirname "$0")/.." && pwd)
target_dir=$(python3 -c 'import os, sys; print(os.path.abspath(sys.argv[1]))' \
  "${CARGO_TARGET_DIR:-$root/target}")
export CARGO_TARGET_DIR="$target_dir"
export PRE_COMMIT_HOME="$target_dir/pre-commit-home"

pre_commit="$("$root/scripts/python-tool.sh" pre-commit "$pre_commit_version")/bin/pre-commit"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
repo="$work/repo"
mkdir -p "$repo/infra"
cat >"$repo/infra/main.tf" <<'TF'
provider "aws" {
  region = var.region
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }
  regions {
    name = "us-west-2"
  }
}
TF
cat >"$repo/infra/variables.tf" <<'TF'
variable "region" {
  type    = string
  default = "eu-central-1"
}
TF
cat >"$repo/template.yaml" <<'YAML'
Resources:
  ReplicationSet:
    Type: AWS::SSMIncidents::ReplicationSet
    Properties:
      Regions:
        - RegionName: us-east-1
        - RegionName: us-west-2
YAML
git_in_repo() {
  git -C "$repo" -c user.name=irlint -c user.email=irlint@invalid -c commit.gpgsign=false "$@"
}
git_in_repo init --quiet
git_in_repo add .
git_in_repo commit --quiet -m "a repository with a replication set"

run_hook() {
  (cd "$repo" && "$pre_commit" try-repo "$root" irlint --color never "$@")
}

echo "== the hook on a clean template (installs the hook the first time)"
output=$(run_hook --files template.yaml 2>&1) || fail "the hook failed on a clean template:
$output"
echo "$output"

echo "== the hook on main.tf, whose module's variables.tf makes it wrong"
if output=$(run_hook --files infra/main.tf 2>&1); then
  fail "the hook passed on main.tf:
$output"
fi
echo "$output"
grep -q 'IRL003' <<<"$output" || fail "the hook failed, but not with IRL003"
grep -q 'infra/main.tf:5' <<<"$output" || fail "IRL003 is not placed on infra/main.tf:5"

echo "== the hook on every file"
if output=$(run_hook --all-files 2>&1); then
  fail "the hook passed on every file:
$output"
fi
grep -q 'IRL003' <<<"$output" || fail "the hook failed on every file, but not with IRL003"

echo "pre-commit.sh: the hook passes on a clean file and fails on a violation"
