# syntax=docker/dockerfile:1
# irlint as a container image: one static (musl) binary on an empty base, run as a non-root user
# in /src, where the repository to lint is mounted:
#   docker build -t irlint .
#   docker run --rm -v "$PWD:/src:ro" irlint            # lints /src (.)
#   docker run --rm -v "$PWD:/src:ro" irlint --format sarif infra
# The image holds no git: --base and --config-from, which read revisions through git, need the
# binary or the Python wheel. scripts/container.sh builds the image and checks it.

# Rust 1.95.0 (the crate's rust-version) on Alpine 3.23, whose native target is musl and which
# comes with gcc and musl-dev: the C code of mimalloc and of the tree-sitter grammars compiles
# against musl, and the binary links statically. The digest is the multi-platform index
# (linux/amd64, linux/arm64, linux/ppc64le) that docker-library/repo-info records for this image.
FROM rust:1.95.0-alpine3.23@sha256:606fd313a0f49743ee2a7bd49a0914bab7deedb12791f3a846a34a4711db7ed2 AS builder
WORKDIR /build
COPY . .
# The registry and target caches make a rebuild after a source change compile irlint alone; the
# binary is copied out of the cache, which the next stage cannot see.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/build/target \
    CARGO_PROFILE_RELEASE_STRIP=true cargo build --release --locked --bin irlint \
    && cp target/release/irlint /irlint \
    && /irlint --version

# Nothing but the binary: irlint reads files and needs no shell, libc, certificates or home
# directory. The user is numeric because the empty base has no /etc/passwd to name one in.
FROM scratch
ARG VERSION
ARG REVISION
LABEL org.opencontainers.image.title="irlint" \
      org.opencontainers.image.description="A fast, precise linter for AWS Systems Manager Incident Manager replication sets in CloudFormation, Terraform, Pulumi and AWS CDK code" \
      org.opencontainers.image.url="https://github.com/irlint/irlint" \
      org.opencontainers.image.source="https://github.com/irlint/irlint" \
      org.opencontainers.image.documentation="https://github.com/irlint/irlint#readme" \
      org.opencontainers.image.licenses="MIT OR Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"
COPY --from=builder /irlint /usr/local/bin/irlint
ENV PATH=/usr/local/bin
USER 65532:65532
WORKDIR /src
ENTRYPOINT ["irlint"]
CMD ["."]
