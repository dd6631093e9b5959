#!/usr/bin/env bash
# Builds the seed corpora fuzz/corpus/<target>/ from the fixtures in test-corpus/, in the input
# format of src/lib.rs: files separated by NUL bytes, the first one the target's main file
# without a path line, every other one starting with its path on a line of its own.
# The corpora are not committed: run this before `cargo fuzz run` (it adds, never deletes).
set -euo pipefail
cd "$(dirname "$0")"
fixtures=../test-corpus
corpus=corpus

# bundle OUT MAIN DIR: writes DIR's files to OUT, MAIN first and unnamed, then every other file
# (but expected.txt) with its path relative to DIR. With MAIN empty, every file is named.
bundle() {
  local out=$1 main=$2 dir=$3 first=1 file
  {
    if [ -n "$main" ]; then
      cat "$dir/$main"
      first=0
    fi
    while IFS= read -r file; do
      [ "$file" = "$main" ] && continue
      [ "$first" = 1 ] || printf '\0'
      first=0
      printf '%s\n' "$file"
      cat "$dir/$file"
    done < <(cd "$dir" && find . -type f ! -name expected.txt | sed 's|^\./||' | LC_ALL=C sort)
  } > "$out"
}

for target in cloudformation_yaml cloudformation_json terraform pulumi_yaml pulumi_typescript \
  pulumi_python pulumi_go pulumi_csharp pulumi_java pipeline configuration lsp_transport; do
  mkdir -p "$corpus/$target"
done

for dir in "$fixtures"/cloudformation/*/; do
  case=$(basename "$dir")
  for template in "$dir"template.yaml "$dir"template.yml; do
    [ -f "$template" ] && cp "$template" "$corpus/cloudformation_yaml/$case"
  done
  [ -f "$dir"template.json ] && cp "$dir"template.json "$corpus/cloudformation_json/$case"
done

for dir in "$fixtures"/terraform/*/; do
  main=$(cd "$dir" && ls main.tf 2>/dev/null || ls ./*.tf | head -n 1 | sed 's|^\./||')
  bundle "$corpus/terraform/$(basename "$dir")" "$main" "$dir"
done

for dir in "$fixtures"/pulumi-yaml/*/; do
  bundle "$corpus/pulumi_yaml/$(basename "$dir")" Pulumi.yaml "$dir"
done

for dir in "$fixtures"/pulumi-typescript/*/; do
  main=index.ts
  [ -f "$dir$main" ] || main=index.js
  bundle "$corpus/pulumi_typescript/$(basename "$dir")" "$main" "$dir"
done

for dir in "$fixtures"/pulumi-python/*/; do
  bundle "$corpus/pulumi_python/$(basename "$dir")" __main__.py "$dir"
done

for dir in "$fixtures"/pulumi-go/*/; do
  bundle "$corpus/pulumi_go/$(basename "$dir")" main.go "$dir"
done

for dir in "$fixtures"/pulumi-csharp/*/; do
  bundle "$corpus/pulumi_csharp/$(basename "$dir")" Program.cs "$dir"
done

for dir in "$fixtures"/pulumi-java/*/; do
  bundle "$corpus/pulumi_java/$(basename "$dir")" "$(cd "$dir" && find src -name App.java | head -n 1)" "$dir"
done

for format in "$fixtures"/*/; do
  for dir in "$format"*/; do
    bundle "$corpus/pipeline/$(basename "$format")-$(basename "$dir")" "" "$dir"
  done
done

# Configurations: every key, as `irlint --init` and the README write them.
printf '%s\n' 'select = ["IRL001", "single-region-unprotected"]' 'ignore = ["IRL004"]' \
  'region = "us-east-1"' 'exclude = ["legacy", "**/*.json"]' '[rules.IRL004]' 'level = "error"' \
  '[[per-path]]' 'paths = ["stacks/*.yaml"]' 'ignore = ["IRL005"]' >"$corpus/configuration/every-key"
printf 'ignore = []\nexclude = []\n' >"$corpus/configuration/empty-lists"

# Language server frames: an initialize request, a didOpen, a shutdown.
frame() {
  printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1"
}
{
  frame '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}'
  frame '{"jsonrpc":"2.0","method":"initialized","params":{}}'
  frame '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w/main.tf","languageId":"terraform","version":1,"text":"resource \"aws_ssmincidents_replication_set\" \"s\" {}"}}}'
  frame '{"jsonrpc":"2.0","id":2,"method":"shutdown"}'
} >"$corpus/lsp_transport/session"

for target in "$corpus"/*/; do
  echo "$(basename "$target"): $(find "$target" -type f | wc -l) seeds"
done
