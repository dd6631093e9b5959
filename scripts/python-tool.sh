#!/usr/bin/env bash
# Prints the directory of a virtual environment that holds PACKAGE==VERSION from PyPI, made the
# first time below Cargo's target directory (CARGO_TARGET_DIR is honoured) and reused while the
# version holds: the tools the checks and scripts run (zizmor, maturin, pre-commit) stay pinned
# and out of the system's Python.
#   "$(scripts/python-tool.sh zizmor 1.32.0)/bin/zizmor" --version
set -euo pipefail

if [ "$#" -ne 2 ]; then
  echo "usage: $0 PACKAGE VERSION" >&2
  exit 2
fi
package=$1
version=$2
root=$(cd "$(dirname "$0")/.." && pwd)
target_dir=$(cd "$root" && python3 -c 'import os, sys; print(os.path.abspath(sys.argv[1]))' \
  "${CARGO_TARGET_DIR:-target}")
env="$target_dir/$package-$version"
if [ ! -x "$env/bin/python" ] || ! "$env/bin/python" -m pip show --quiet "$package" 2>/dev/null; then
  rm -rf "$env"
  python3 -m venv "$env"
  "$env/bin/python" -m pip install --quiet --disable-pip-version-check "$package==$version" >&2
fi
echo "$env"
