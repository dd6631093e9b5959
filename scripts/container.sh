#!/usr/bin/env bash
# Builds the container image (Dockerfile) and checks it as a user would run it: the repository
# mounted read-only at /src, irlint run as the image's non-root user. Where no docker engine is
# reachable it says that it skipped and exits 0: nothing was checked then.
#   scripts/container.sh                  # image tag irlint:dev
#   IRLINT_IMAGE=ghcr.io/irlint/irlint:test scripts/container.sh
set -euo pipefail

image=${IRLINT_IMAGE:-irlint:dev}

fail() {
  echo "container.sh: FAILED: $*" >&2
  exit 1
}

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if ! command -v docker >/dev/null 2>&1; then
  echo "container.sh: SKIPPED: docker is not installed; the image was not built or checked"
  exit 0
fi
if ! docker info >/dev/null 2>&1; then
  echo "container.sh: SKIPPED: no docker engine is reachable ('docker info' fails); the image was not built or checked"
  exit 0
fi

started=$SECONDS
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[ -n "$version" ] || fail "no version in Cargo.toml"
revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)

echo "== build $image"
docker build --build-arg "VERSION=$version" --build-arg "REVISION=$revision" -t "$image" .

echo "== image configuration"
user=$(docker image inspect --format '{{.Config.User}}' "$image")
[ "$user" = "65532:65532" ] || fail "the image runs as '$user', not 65532:65532"
label=$(docker image inspect --format '{{index .Config.Labels "org.opencontainers.image.version"}}' "$image")
[ "$label" = "$version" ] || fail "org.opencontainers.image.version is '$label', not $version"

echo "== irlint --version"
reported=$(docker run --rm "$image" --version)
[ "$reported" = "irlint $version" ] || fail "irlint --version says '$reported', not 'irlint $version'"

# examples/infra has findings on purpose: exit status 1, and the report names rules.
expect_findings() {
  local what=$1 status=0 report
  shift
  report=$(docker run --rm "$@" 2>&1) || status=$?
  [ "$status" -eq 1 ] || {
    echo "$report" >&2
    fail "$what exited with $status, not 1"
  }
  grep -Eq '^(error|warning)\[IRL[0-9]{3}\]' <<<"$report" || {
    echo "$report" >&2
    fail "$what reported no finding"
  }
  grep -E '^Found ' <<<"$report" || true
}

echo "== the repository mounted read-only, examples/infra named"
expect_findings "irlint examples/infra" -v "$root:/src:ro" "$image" examples/infra

echo "== examples/infra mounted read-only, no argument (the image lints .)"
expect_findings "irlint (default arguments)" -v "$root/examples/infra:/src:ro" "$image"

echo "== ok"
echo "$image: $(docker image inspect --format '{{.Size}}' "$image") bytes, in $((SECONDS - started)) s"
