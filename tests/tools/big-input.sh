#!/usr/bin/env bash
# big-input.sh — the 100 MB input of issue 7: a generated manifest stream (an Instrumentation, Deployments asking
# for the Java agent, ConfigMaps with bulky data) run through the published binary under /usr/bin/time -v, as
# `render FILE` and as a ResourceList on stdin (the kpt path). Prints size, exit code, wall time and peak RSS.
# Then 300 MiB on stdin, beyond the 256 MiB input limit: refused. Too slow for a unit test; CI and people run it.
#   tests/tools/big-input.sh [MEGABYTES]    default 100
#   KRM_OTEL_BIN=path/to/krm-otel           test a binary built elsewhere (default: artifacts/bin/krm-otel)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${KRM_OTEL_BIN:-$root/artifacts/bin/krm-otel}
[ -x "$bin" ] || "$root/build.sh" publish
mb=${1:-100}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# one Deployment (~0.6 KB) for every three ConfigMaps (~2.3 KB each with their 2 KB blob): ~2 KB a document
awk -v target=$((mb * 1024 * 1024)) -v plain="$tmp/big.yaml" -v list="$tmp/big-list.yaml" '
function emit(text,   n, lines, i) {
  printf "%s", (docs++ ? "---\n" : "") text > plain
  n = split(text, lines, "\n")
  for (i = 1; i < n; i++) printf "%s%s\n", (i == 1 ? "- " : "  "), lines[i] > list
  size += length(text) + 4
}
BEGIN {
  blob = sprintf("%2048s", ""); gsub(/ /, "x", blob)
  print "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\nitems:" > list
  emit("apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata:\n  name: java\n  namespace: big\nspec:\n  exporter:\n    endpoint: http://otel-collector.observability:4318\n")
  for (i = 0; size < target; i++) {
    if (i % 4 == 0)
      emit(sprintf("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-%06d\n  namespace: big\n  labels:\n    app: app-%06d\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: app-%06d\n  template:\n    metadata:\n      labels:\n        app: app-%06d\n      annotations:\n        instrumentation.opentelemetry.io/inject-java: \"true\"\n    spec:\n      containers:\n      - name: app\n        image: example.com/app:%d\n        ports:\n        - containerPort: 8080\n        env:\n        - name: MODE\n          value: production\n", i, i, i, i, i))
    else
      emit(sprintf("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-%06d\n  namespace: big\ndata:\n  index: \"%d\"\n  blob: %s\n", i, i, blob))
  }
  printf "%d documents, %d Deployments\n", docs, int((i + 3) / 4) > "/dev/stderr"
}'

run() { # label, then the command; its stdout goes to $tmp/out
  local label=$1; shift
  local code=0
  /usr/bin/time -v -o "$tmp/time" "$@" > "$tmp/out" 2> "$tmp/err" || code=$?
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
  printf '%-22s exit %d  wall %s  peak RSS %d MiB  output %d MiB  javaagent injected into %d containers\n' \
    "$label" "$code" "$wall" $((rss / 1024)) $(($(stat -c %s "$tmp/out") / 1024 / 1024)) "$(grep -c -- '-javaagent:' "$tmp/out" || true)"
  grep -v '^krm-otel: info' "$tmp/err" | head -5 >&2 || true
}

printf 'input: %d MiB plain stream, %d MiB ResourceList; %s; %s\n' \
  $(($(stat -c %s "$tmp/big.yaml") / 1024 / 1024)) $(($(stat -c %s "$tmp/big-list.yaml") / 1024 / 1024)) \
  "$("$bin" --version)" "$(nproc) cores"
run "render FILE" "$bin" render "$tmp/big.yaml"
run "ResourceList (stdin)" sh -c '"$0" < "$1"' "$bin" "$tmp/big-list.yaml"
# beyond the input limit (256 MiB): refused after reading 256 MiB, never buffered further
run "300 MiB on stdin" sh -c 'yes "a: b" | head -c 300M | "$0" render -' "$bin"
