#!/usr/bin/env bash
# build.sh — the project's entry points.
#   ./build.sh example   publish the Native AOT binary and print the rendered examples/kustomization
#   ./build.sh test      publish the binary, then run the whole test suite (dotnet test KrmOtel.sln)
#   ./build.sh publish   only publish artifacts/bin/krm-otel
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
bin="$root/artifacts/bin/krm-otel"

publish() {
  dotnet publish "$root/src/KrmFunction/KrmFunction.csproj" -c Release -r linux-x64 -o "$root/artifacts/bin" -nologo -v quiet >&2
  # kustomize finds legacy exec plugins at $KUSTOMIZE_PLUGIN_HOME/<group>/<version>/<lowercase kind>/<Kind>
  mkdir -p "$root/artifacts/plugins/fn.krm-otel.dev/v1alpha1/krmotel"
  ln -sf "$bin" "$root/artifacts/plugins/fn.krm-otel.dev/v1alpha1/krmotel/KrmOtel"
}

case "${1:-}" in
  publish) publish ;;
  example)
    publish
    KUSTOMIZE_PLUGIN_HOME="$root/artifacts/plugins" kubectl kustomize --enable-alpha-plugins "$root/examples/kustomization"
    ;;
  test)
    publish
    KRM_OTEL_BIN="$bin" dotnet test "$root/KrmOtel.sln" -nologo "${@:2}"
    ;;
  *) echo "usage: $0 example|test|publish" >&2; exit 2 ;;
esac
