#!/usr/bin/env bash
# Prints irlint's version, the one in the [package] table of Cargo.toml: the release workflow
# checks that the tag names it, and the action installs that release by default.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n '/^\[package\]/,/^\[/ s/^version = "\([^"]*\)"[[:space:]]*$/\1/p' Cargo.toml)
if [ -z "$version" ]; then
  echo "Cargo.toml: no version in [package]" >&2
  exit 1
fi
echo "$version"
