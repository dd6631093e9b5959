#!/usr/bin/env bash
# Builds the Python package as a release would, and proves that what pip installs works:
#   1. the sdist, checked to hold what builds the binary and none of the test corpus or target/;
#   2. the wheel, built from that unpacked sdist (so a trimmed sdist that no longer builds fails
#      here, not on a user's machine);
#   3. the wheel's metadata, checked against Cargo.toml;
#   4. a fresh virtual environment with the wheel installed, where `irlint --version` and a lint
#      of examples/infra (which has findings on purpose) must behave.
# Needs python3 with venv and a Rust toolchain; maturin comes from PyPI, pinned, into a virtual
# environment below Cargo's target directory (CARGO_TARGET_DIR is honoured), kept between runs.
# Everything it makes is below that directory too. A release build: minutes on two cores the
# first time; afterwards only irlint itself is compiled again.
set -euo pipefail

# The maturin the release workflow builds the published wheels with.
maturin_version=1.14.1

fail() {
  echo "wheel.sh: FAILED: $*" >&2
  exit 1
}

started=$SECONDS
root=$(cd "$(dirname "$0")/.." && pwd)
# Resolved against the caller's directory, as cargo resolves it, and exported so that the build
# in the unpacked sdist uses the same directory (and its compiled dependencies).
target_dir=$(python3 -c 'import os, sys; print(os.path.abspath(sys.argv[1]))' \
  "${CARGO_TARGET_DIR:-$root/target}")
export CARGO_TARGET_DIR="$target_dir"
cd "$root"

# Cargo.toml is the source of truth the package's metadata must agree with.
cargo_metadata=$(cargo metadata --no-deps --format-version 1 --manifest-path Cargo.toml)
package_field() {
  python3 -c '
import json, sys
package = next(p for p in json.load(sys.stdin)["packages"] if p["name"] == "irlint")
value = package[sys.argv[1]]
print(",".join(value) if isinstance(value, list) else value)
' "$1" <<<"$cargo_metadata"
}
version=$(package_field version)

maturin="$(scripts/python-tool.sh maturin "$maturin_version")/bin/maturin"

dist="$target_dir/wheel-dist"
rm -rf "$dist"
mkdir -p "$dist"

echo "== sdist"
"$maturin" sdist --out "$dist"
sdist="$dist/irlint-$version.tar.gz"
[ -f "$sdist" ] || fail "maturin wrote no $sdist"
tar -tzf "$sdist" >"$dist/sdist-files.txt"
for needed in Cargo.toml Cargo.lock pyproject.toml README.md LICENSE-MIT LICENSE-APACHE \
  src/main.rs src/lib.rs rules/IRL001.md; do
  grep -qx "irlint-$version/$needed" "$dist/sdist-files.txt" || fail "the sdist lacks $needed"
done
repository_only=$(grep -E "^irlint-$version/(target|test-corpus|tests|benches|examples|fuzz|\.git)/" \
  "$dist/sdist-files.txt" || true)
[ -z "$repository_only" ] ||
  fail "the sdist holds files only the repository needs, such as $(head -1 <<<"$repository_only")"

echo "== wheel, built from the sdist"
build_dir="$target_dir/wheel-build"
rm -rf "$build_dir"
mkdir -p "$build_dir"
# -m: the sdist's files all carry one fixed timestamp; cargo, which compares times, could take
# an earlier build of other sources as current.
tar -xzmf "$sdist" -C "$build_dir"
"$maturin" build --release --manifest-path "$build_dir/irlint-$version/Cargo.toml" --out "$dist"
wheels=("$dist"/irlint-"$version"-*.whl)
[ "${#wheels[@]}" -eq 1 ] && [ -f "${wheels[0]}" ] || fail "expected one wheel, found: ${wheels[*]}"
wheel=${wheels[0]}

echo "== wheel contents and metadata"
python3 - "$wheel" "$version" "$(package_field description)" "$(package_field license)" \
  "$(package_field keywords)" <<'EOF'
import email.parser, sys, zipfile

wheel, version, description, license_expression, keywords = sys.argv[1:]
problems = []
with zipfile.ZipFile(wheel) as archive:
    names = archive.namelist()
    dist_info = f"irlint-{version}.dist-info/"
    payload = [name for name in names if not name.startswith(dist_info)]
    if payload != [f"irlint-{version}.data/scripts/irlint"]:
        problems.append(f"the wheel should hold the binary alone, not {payload}")
    metadata = email.parser.Parser().parsestr(archive.read(dist_info + "METADATA").decode())
    for name in ("LICENSE-MIT", "LICENSE-APACHE"):
        if not any(n.startswith(dist_info) and n.endswith("/" + name) for n in names):
            problems.append(f"the wheel lacks {name}")
expected = {
    "Name": "irlint",
    "Version": version,
    "Summary": description,
    "License-Expression": license_expression,
}
for field, value in expected.items():
    if metadata.get(field) != value:
        problems.append(f"{field} is {metadata.get(field)!r}, Cargo.toml says {value!r}")
if not (metadata.get("Description-Content-Type") or "").startswith("text/markdown"):
    problems.append("the README is not declared as Markdown")
if set((metadata.get("Keywords") or "").split(",")) != set(keywords.split(",")):
    problems.append(f"Keywords are {metadata.get('Keywords')!r}, Cargo.toml says {keywords!r}")
if problems:
    sys.exit("wheel.sh: FAILED:\n  " + "\n  ".join(problems))
EOF

echo "== install into a fresh virtual environment"
venv="$target_dir/wheel-venv"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index --no-deps "$wheel"
# As an activated environment (or pipx, or uvx) puts it on the PATH.
export PATH="$venv/bin:$PATH"
[ "$(command -v irlint)" = "$venv/bin/irlint" ] || fail "irlint on PATH is $(command -v irlint)"

reported=$(irlint --version)
[ "$reported" = "irlint $version" ] || fail "irlint --version says '$reported', not 'irlint $version'"

# examples/infra has findings on purpose: exit status 1, and the report names rules.
status=0
irlint examples/infra >"$dist/lint-examples.txt" 2>&1 || status=$?
[ "$status" -eq 1 ] || {
  cat "$dist/lint-examples.txt" >&2
  fail "irlint examples/infra exited with $status, not 1"
}
grep -Eq '^(error|warning)\[IRL[0-9]{3}\]' "$dist/lint-examples.txt" ||
  fail "irlint examples/infra reported no finding: $dist/lint-examples.txt"

echo "== ok"
echo "$reported, installed from $(basename "$wheel") in $venv"
grep -E '^Found ' "$dist/lint-examples.txt" || true
echo "wheel $(wc -c <"$wheel" | tr -d ' ') bytes, sdist $(wc -c <"$sdist" | tr -d ' ') bytes ($(wc -l <"$dist/sdist-files.txt" | tr -d ' ') files), in $((SECONDS - started)) s"
