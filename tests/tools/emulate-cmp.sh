#!/usr/bin/env bash
# emulate-cmp.sh PLUGIN_YAML REPO_DIR APP_PATH [OUT_FILE]
#   passes through ARGOCD_APP_NAME, ARGOCD_APP_NAMESPACE, ARGOCD_ENV_*, PARAM_*, ARGOCD_APP_PARAMETERS
#   CMP_AS_UID=999 runs init/generate as that uid (the sidecar runs as 999)
set -euo pipefail
plugin=$(realpath "$1"); repo=$(realpath "$2"); app=$3; out=${4:-/dev/stdout}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# 1. the repo arrives as a tarball; without preserveFileMode files are 0644 and dirs 0755
tar -C "$repo" --exclude=.git -cf - . | tar -C "$work" --no-same-owner -xf -
find "$work" -type d -exec chmod 0755 {} +
find "$work" -type f -exec chmod 0644 {} +
appdir="$work/$app"

# 2. build environment (the real server adds the sidecar's own environment too)
export ARGOCD_APP_NAME=${ARGOCD_APP_NAME:-test-app}
export ARGOCD_APP_NAMESPACE=${ARGOCD_APP_NAMESPACE:-default}
export ARGOCD_APP_PROJECT_NAME=${ARGOCD_APP_PROJECT_NAME:-default}
export ARGOCD_APP_REVISION=${ARGOCD_APP_REVISION:-0000000000000000000000000000000000000000}
export ARGOCD_APP_REVISION_SHORT=${ARGOCD_APP_REVISION:0:7}
export ARGOCD_APP_REVISION_SHORT_8=${ARGOCD_APP_REVISION:0:8}
export ARGOCD_APP_SOURCE_PATH=$app
export ARGOCD_APP_SOURCE_REPO_URL=${ARGOCD_APP_SOURCE_REPO_URL:-https://example.invalid/repo.git}
export ARGOCD_APP_SOURCE_TARGET_REVISION=${ARGOCD_APP_SOURCE_TARGET_REVISION:-HEAD}
export KUBE_VERSION=${KUBE_VERSION:-1.32.0}
export KUBE_API_VERSIONS=${KUBE_API_VERSIONS:-v1,apps/v1}

# 3. argv of init/generate: command + args, exec'd directly in the app directory
argv() { python3 - "$plugin" "$1" <<'EOF'
import sys, yaml
spec = (yaml.safe_load(open(sys.argv[1])) or {}).get("spec", {})
step = spec.get(sys.argv[2]) or {}
sys.stdout.write("".join(str(a) + "\0" for a in (step.get("command") or []) + (step.get("args") or [])))
EOF
}
run() {
  if [ -n "${CMP_AS_UID:-}" ]; then chown -R "$CMP_AS_UID:$CMP_AS_UID" "$work"
    (cd "$appdir" && setpriv --reuid="$CMP_AS_UID" --regid="$CMP_AS_UID" --clear-groups "$@")
  else (cd "$appdir" && "$@"); fi
}
mapfile -d '' init < <(argv init)
mapfile -d '' gen < <(argv generate)
[ ${#gen[@]} -gt 0 ] || { echo "emulate-cmp: plugin has no generate.command" >&2; exit 2; }
if [ ${#init[@]} -gt 0 ]; then run "${init[@]}" >/dev/null || { echo "emulate-cmp: init failed ($?)" >&2; exit 1; }; fi
set +e; run "${gen[@]}" > "$work/.out"; rc=$?; set -e
if [ $rc -ne 0 ]; then echo "emulate-cmp: generate failed with exit code $rc (Argo CD shows stderr above as the error)" >&2; exit 1; fi

# 4. parse like the repo-server: YAML-or-JSON stream, YAML 1.1 scalars, Lists unwrapped
python3 - "$work/.out" <<'EOF'
import sys, yaml
bad = []; n = 0
def check(o, where):
    global n
    if not isinstance(o, dict): bad.append(f"{where}: not an object"); return
    if isinstance(o.get("items"), list) and o.get("kind", "").endswith("List"):
        for i, it in enumerate(o["items"]): check(it, f"{where}.items[{i}]")
        return
    n += 1
    for f in ("apiVersion", "kind"):
        if not o.get(f): bad.append(f"{where}: missing {f}")
    md = o.get("metadata") or {}
    if not md.get("name") and not md.get("generateName"): bad.append(f"{where}: missing metadata.name")
    ann = md.get("annotations") or {}
    if str(ann.get("config.kubernetes.io/local-config", "")).lower() == "true":
        bad.append(f"{where}: {o.get('kind')}/{md.get('name')} is local-config (Argo CD would apply it)")
    if o.get("kind") == "ResourceList": bad.append(f"{where}: ResourceList wrapper (Argo CD would unwrap items and drop results)")
    for k in ann:
        if k.startswith(("internal.config.kubernetes.io/", "config.k8s.io/id", "kustomize.config.k8s.io/")) or k in ("config.kubernetes.io/index", "config.kubernetes.io/path"):
            bad.append(f"{where}: tool annotation {k} left in output")
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d is not None]
for i, d in enumerate(docs): check(d, f"doc[{i}]")
for b in bad: print("emulate-cmp: " + b, file=sys.stderr)
print(f"emulate-cmp: {n} objects, {len(bad)} problems", file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
cat "$work/.out" > "$out"
