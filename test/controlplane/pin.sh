#!/usr/bin/env bash
# Pins the control plane's Go modules (go.mod, go.sum here and in kwok/) to the Kubernetes
# version named in ./kubernetes-version, the one place that names it:
#   k8s.io/kubernetes vX.Y.Z, every staging module it replaces with ./staging/src/... pinned to
#   v0.Y.Z (replace directives of a dependency do not apply to us), and the etcd server at the
#   version that Kubernetes release requires (go.etcd.io/etcd/server/v3 in its go.mod).
# kwok keeps its own module graph (kwok/go.mod): its version is named in ./kwok-version.
# Only `go` reaches the network (the Go module proxy). Run it after changing either version,
# then commit the go.mod and go.sum files it writes; test/tools/install.sh builds from them.
#
# The switch to another Kubernetes release: `test/controlplane/pin.sh 1.36.3` writes that
# version into ./kubernetes-version first, then pins as above; `test/tools/install.sh
# controlplane` then builds that control plane (docs/controlplane.md).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -gt 0 ]; then
  [[ "$1" =~ ^1\.[0-9]+\.[0-9]+$ ]] || { echo "pin.sh: a Kubernetes release as 1.M.P (e.g. 1.36.3), not '$1'" >&2; exit 2; }
  echo "$1" >"$HERE/kubernetes-version"
fi
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}" GOFLAGS="${GOFLAGS:--mod=mod}"
K8S="$(tr -d ' \n' <"$HERE/kubernetes-version")"     # e.g. 1.37.2
KWOK="$(tr -d ' \n' <"$HERE/kwok-version")"          # e.g. 0.8.0
STAGING="v0.${K8S#*.}"                                 # 1.37.2 -> v0.37.2
upstream_mod="$(cd "$HERE" && go mod download -json "k8s.io/kubernetes@v$K8S" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
[ -f "$upstream_mod" ] || { echo "pin.sh: cannot download k8s.io/kubernetes@v$K8S" >&2; exit 1; }
etcd="$(awk '$1 == "go.etcd.io/etcd/server/v3" { print $2; exit }' "$upstream_mod")"
gover="$(awk '$1 == "go" { print $2; exit }' "$upstream_mod")"
# kwok first: its go.mod keeps kwok/ out of this module's packages
{
  echo "// Written by pin.sh from kwok-version ($KWOK): do not edit by hand."
  echo "module cdk8s-pods-services/controlplane/kwok"
  echo
  echo "go $gover"
  echo
  echo "require sigs.k8s.io/kwok v$KWOK"
} >"$HERE/kwok/go.mod"
(cd "$HERE/kwok" && rm -f go.sum && go mod tidy)
{
  echo "// Written by pin.sh from kubernetes-version ($K8S): do not edit by hand."
  echo "module cdk8s-pods-services/controlplane"
  echo
  echo "go $gover"
  echo
  echo "require ("
  echo "	go.etcd.io/etcd/server/v3 $etcd"
  echo "	k8s.io/kubernetes v$K8S"
  echo ")"
  echo
  echo "// k8s.io/kubernetes requires its staging modules at v0.0.0 and replaces them with"
  echo "// ./staging/src/...; a dependency's replace directives do not apply here, so each is pinned."
  echo "replace ("
  awk -v v="$STAGING" '$2 == "=>" && $3 ~ /^\.\/staging\// { printf "\t%s => %s %s\n", $1, $1, v }' "$upstream_mod"
  echo ")"
} >"$HERE/go.mod"
(cd "$HERE" && rm -f go.sum && go mod tidy)
echo "pin.sh: Kubernetes $K8S (staging $STAGING, etcd $etcd), kwok $KWOK"
