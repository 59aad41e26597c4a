#!/usr/bin/env bash
# Installs the third-party tools our tests judge the synthesized YAML with, at the
# versions pinned in this folder, into <repo>/.tools/ (git-ignored):
#   .tools/bin/k8s-oracle   the upstream validation oracle (test/oracle/, its go.mod pins Kubernetes 1.28)
#   .tools/bin/k8s-oracle-1.M  the same sources at each newer release (test/oracle/v1.M/, one Go module each)
#   .tools/bin/helm         helm.sh/helm/v3, pinned by test/tools/helm/go.mod
#   .tools/bin/kube-score   github.com/zegl/kube-score, pinned by test/tools/kube-score/go.mod
#   .tools/venv/bin/checkov checkov + all its dependencies, pinned by test/tools/requirements.txt
#   .tools/controlplane/bin/{etcd,kube-apiserver,kube-controller-manager,kube-scheduler,kubectl,kwok}
#                           a Kubernetes control plane for test/controlplane/ (its go.mod pins
#                           Kubernetes, written by its pin.sh; kwok has its own go.mod in kwok/).
#                           Not in the default set: the control-plane tests install it themselves.
#
# Usage: test/tools/install.sh [oracle|helm|kube-score|checkov|controlplane ...]   (default: the first four)
#
# Idempotent: a tool is (re)built only when it is missing or its pin changed; a stamp
# file .tools/stamps/<tool> holds a sha256 of its pin files and of the toolchain.
# Only the ordinary package clients reach the network: `go` (Go module proxy) and `pip`
# (PyPI). GOMODCACHE, GOCACHE, GOPROXY, PIP_CACHE_DIR, ... are taken from the environment.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TOOLS="${TOOLS_DIR:-$ROOT/.tools}"
BIN="$TOOLS/bin"
STAMPS="$TOOLS/stamps"
LOGS="$TOOLS/logs"
PYTHON="${PYTHON:-python3}"
# Never let `go` fetch another toolchain behind our back (a CI that needs one sets GOTOOLCHAIN itself).
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
export PIP_DISABLE_PIP_VERSION_CHECK=1

mkdir -p "$BIN" "$STAMPS" "$LOGS"

ALL_TOOLS=(oracle helm kube-score checkov)
if [ "$#" -gt 0 ]; then WANT=("$@"); else WANT=("${ALL_TOOLS[@]}"); fi

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# run TOOL LOG CMD...: runs CMD with its output appended to LOG; on failure says which
# tool and command failed, shows the end of the output (the real cause), and exits 1.
run() {
  local tool="$1" log="$2"; shift 2
  echo "+ $*" >>"$log"
  local rc=0
  "$@" >>"$log" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    {
      echo "install.sh: FAILED installing $tool (exit $rc)"
      echo "install.sh: command: $*"
      echo "install.sh: in: $PWD"
      echo "install.sh: last lines of its output ($log):"
      tail -n 25 "$log" | sed 's/^/    /'
      # pip can bury a network failure above a long "No matching distribution" end: show it
      local net='retrying|refused|timed out|unreachable|resolve|ssl|certificate|forbidden|40[34] |50[0-9] '
      if ! tail -n 25 "$log" | grep -Eiq "$net" && grep -Eiq "$net" "$log"; then
        echo "install.sh: earlier network errors in that output:"
        grep -Ei "$net" "$log" | grep -v '^+ ' | tail -n 5 | sed 's/^/    /'
      fi
    } >&2
    exit 1
  fi
}

# stamp_of RECIPE FILES...: sha256 over the pin files' content and the recipe (toolchain
# version, package, build flags), so a change of any of them reinstalls that tool only
stamp_of() {
  local recipe="$1"; shift
  { printf '%s\n' "$recipe"; cat "$@"; } | sha256sum | cut -d' ' -f1
}

is_current() { # is_current TOOL STAMP PROBE_FILE
  [ -x "$3" ] && [ -f "$STAMPS/$1" ] && [ "$(cat "$STAMPS/$1")" = "$2" ]
}

# go_version_of MODDIR MODULE: the version go.mod in MODDIR requires of MODULE
go_version_of() {
  awk -v m="$2" '$1 == m { print $2; exit } $1 == "require" && $2 == m { print $3; exit }' "$1/go.mod"
}

# version_of TOOL: what the installed tool says of its version (the oracle has none to say)
version_of() {
  case "$1" in
    k8s-oracle) echo "Kubernetes $(go_version_of "$HERE/../oracle" k8s.io/kubernetes)" ;;
    k8s-oracle-*) echo "Kubernetes $(go_version_of "$HERE/../oracle/v${1#k8s-oracle-}" k8s.io/kubernetes)" ;;
    *) "$BIN/$1" version 2>/dev/null | head -n1 || true ;;
  esac
}

# install_go TOOL MODDIR PACKAGE LDFLAGS [SOURCES...]: builds PACKAGE of the module in MODDIR;
# SOURCES (a module's own code, beside its pins) are part of its stamp too
install_go() {
  local tool="$1" dir="$2" pkg="$3" ldflags="$4"; shift 4
  command -v go >/dev/null || { echo "install.sh: $tool needs 'go' on PATH" >&2; exit 1; }
  local stamp; stamp="$(stamp_of "$(go version) $pkg $ldflags" "$dir/go.mod" "$dir/go.sum" "$@")"
  if is_current "$tool" "$stamp" "$BIN/$tool"; then
    echo "$tool: up to date ($(version_of "$tool"))"
    return
  fi
  local t0 log="$LOGS/$tool.log"; t0="$(now)"; : >"$log"
  rm -f "$STAMPS/$tool"
  (
    cd "$dir"
    run "$tool" "$log" go mod download               # the pinned modules, checked against go.sum
    run "$tool" "$log" go build -trimpath -ldflags "$ldflags" -o "$BIN/.$tool.new" "$pkg"
  )
  mv -f "$BIN/.$tool.new" "$BIN/$tool"
  echo "$stamp" >"$STAMPS/$tool"
  echo "$tool: built in $(elapsed "$t0")s ($(version_of "$tool"))"
}

# The upstream validation oracle (test/oracle/): our own code over Kubernetes' modules, at 1.28
# (test/oracle/) and at each release of test/oracle/v1.M/ (the same sources, symlinked, and that
# release's version_compat.go). They share GOCACHE: a module version two of them use is compiled once.
install_oracle() {
  local dir="$HERE/../oracle" sources=() v vdir
  for f in "$dir"/*.go; do [[ $f == *_test.go ]] || sources+=("$f"); done
  install_go k8s-oracle "$dir" . "-s -w" "${sources[@]}"
  for vdir in "$dir"/v1.*/; do
    v="$(basename "$vdir")"
    sources=()
    for f in "$vdir"*.go; do [[ $f == *_test.go ]] || sources+=("$f"); done
    install_go "k8s-oracle-${v#v}" "${vdir%/}" . "-s -w" "${sources[@]}"
  done
}

install_helm() {
  local dir="$HERE/helm" v k8s minor
  v="$(go_version_of "$dir" helm.sh/helm/v3)"
  k8s="$(go_version_of "$dir" k8s.io/client-go)" # v0.M.P -> Kubernetes 1.M, as helm's Makefile does
  minor="$(echo "$k8s" | cut -d. -f2)"
  # the same -X flags as helm's release build: its version, and the Kubernetes version
  # `helm lint` and `helm template` assume (defaults to 1.20 without them)
  install_go helm "$dir" helm.sh/helm/v3/cmd/helm "-s -w \
    -X helm.sh/helm/v3/internal/version.version=$v \
    -X helm.sh/helm/v3/internal/version.gitTreeState=clean \
    -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=1 \
    -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$minor \
    -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=1 \
    -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$minor"
}

install_kube_score() {
  local dir="$HERE/kube-score" v
  v="$(go_version_of "$dir" github.com/zegl/kube-score)"
  install_go kube-score "$dir" github.com/zegl/kube-score/cmd/kube-score "-s -w -X main.version=$v"
}

# The control plane the tests apply dist/ to (test/controlplane/): etcd embedded at the
# version Kubernetes pins, the apiserver, controller-manager, scheduler and kubectl of the
# Kubernetes release in test/controlplane/kubernetes-version, and kwok in its own module graph.
install_controlplane() {
  local dir="$HERE/../controlplane" out="$TOOLS/controlplane/bin" tool=controlplane
  command -v go >/dev/null || { echo "install.sh: $tool needs 'go' on PATH" >&2; exit 1; }
  local k8s kwok; k8s="$(go_version_of "$dir" k8s.io/kubernetes)"; kwok="$(go_version_of "$dir/kwok" sigs.k8s.io/kwok)"
  # the versions are named in kubernetes-version and kwok-version; pin.sh writes the go.mod files from them
  if [ "$k8s" != "v$(tr -d ' \n' <"$dir/kubernetes-version")" ] || [ "$kwok" != "v$(tr -d ' \n' <"$dir/kwok-version")" ]; then
    echo "install.sh: test/controlplane/go.mod ($k8s, kwok $kwok) does not match kubernetes-version / kwok-version: run test/controlplane/pin.sh" >&2
    exit 1
  fi
  local minor; minor="$(echo "$k8s" | cut -d. -f2)"
  # the version stamps of Kubernetes' own release build (hack/lib/version.sh), so that
  # `kubectl version` and the apiserver's /version say which release they are
  local ld="-s -w" pkg
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=" -X $pkg.gitVersion=$k8s -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
  done
  local cmds=(k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl ./etcd)
  local sources=("$dir/kubernetes-version" "$dir/kwok-version" "$dir/tools.go" "$dir/etcd/main.go"
    "$dir/kwok/go.mod" "$dir/kwok/go.sum" "$dir/kwok/tools.go")
  local stamp; stamp="$(stamp_of "$(go version) ${cmds[*]} $ld" "$dir/go.mod" "$dir/go.sum" "${sources[@]}")"
  local b current=1
  for b in etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok; do [ -x "$out/$b" ] || current=0; done
  [ -f "$out/../kwok-stages.yaml" ] || current=0
  if [ "$current" = 1 ] && [ -f "$STAMPS/$tool" ] && [ "$(cat "$STAMPS/$tool")" = "$stamp" ]; then
    echo "$tool: up to date (Kubernetes $k8s, kwok $kwok)"
    return
  fi
  local t0 log="$LOGS/$tool.log"; t0="$(now)"; : >"$log"
  rm -f "$STAMPS/$tool"
  rm -rf "$out.new"; mkdir -p "$out.new"
  (
    cd "$dir"
    run "$tool" "$log" go mod download
    run "$tool" "$log" go build -trimpath -ldflags "$ld" -o "$out.new/" "${cmds[@]}"
    cd kwok
    run "$tool" "$log" go mod download
    run "$tool" "$log" go build -trimpath -ldflags "-s -w" -o "$out.new/kwok" sigs.k8s.io/kwok/cmd/kwok
    # kwok's own default stages, as kwokctl configures them (pkg/kwokctl/runtime/cluster.go
    # getDefaultNodeStages, getDefaultPodStages): nodes initialised and kept Ready by a
    # heartbeat, pods made Ready (init containers Completed), completed and deleted
    local src; src="$(go list -m -f '{{.Dir}}' sigs.k8s.io/kwok)/kustomize/stage"
    local f first=1
    for f in node/fast/node-initialize.yaml node/heartbeat/node-heartbeat.yaml \
      pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
      [ "$first" = 1 ] || echo "---"; first=0
      cat "$src/$f"
    done >"$out.new/kwok-stages.yaml"
  )
  rm -rf "$out"; mv "$out.new" "$out"
  mv -f "$out/kwok-stages.yaml" "$out/../kwok-stages.yaml"
  echo "$stamp" >"$STAMPS/$tool"
  echo "$tool: built in $(elapsed "$t0")s (Kubernetes $k8s, etcd $(go_version_of "$dir" go.etcd.io/etcd/server/v3), kwok $kwok)"
}

install_checkov() {
  local req="$HERE/requirements.txt" venv="$TOOLS/venv" log="$LOGS/checkov.log"
  command -v "$PYTHON" >/dev/null || { echo "install.sh: checkov needs '$PYTHON' on PATH" >&2; exit 1; }
  local pyv; pyv="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  local pip_flags=(--no-input --require-hashes --only-binary=:all:)
  local stamp; stamp="$(stamp_of "$("$PYTHON" --version 2>&1) ${pip_flags[*]}" "$req")"
  if is_current checkov "$stamp" "$venv/bin/checkov"; then
    echo "checkov: up to date ($(CKV_SKIP_PACKAGE_UPDATE_CHECK=true "$venv/bin/checkov" --version 2>/dev/null || true))"
    return
  fi
  [ "$pyv" = "3.11" ] || echo "install.sh: warning: requirements.txt hashes are for CPython 3.11, $PYTHON is $pyv" >&2
  local t0; t0="$(now)"; : >"$log"
  rm -f "$STAMPS/checkov"
  rm -rf "$venv"                                   # a changed pin gets a clean venv, no leftovers
  run checkov "$log" "$PYTHON" -m venv "$venv"
  # every requirement carries a hash, so pip refuses anything unpinned or altered
  run checkov "$log" "$venv/bin/pip" install "${pip_flags[@]}" -r "$req"
  run checkov "$log" "$venv/bin/pip" check
  run checkov "$log" env CKV_SKIP_PACKAGE_UPDATE_CHECK=true "$venv/bin/checkov" --version
  echo "$stamp" >"$STAMPS/checkov"
  echo "checkov: installed in $(elapsed "$t0")s ($(CKV_SKIP_PACKAGE_UPDATE_CHECK=true "$venv/bin/checkov" --version))"
}

for tool in "${WANT[@]}"; do
  case "$tool" in
    oracle) install_oracle ;;
    helm) install_helm ;;
    kube-score) install_kube_score ;;
    checkov) install_checkov ;;
    controlplane) install_controlplane ;;
    kube-linter)
      echo "install.sh: kube-linter cannot be installed here: the Go module proxy refuses golang.stackrox.io/kube-linter (403); see test/tools/README.md" >&2
      exit 1 ;;
    *) echo "install.sh: unknown tool '$tool' (known: ${ALL_TOOLS[*]} controlplane)" >&2; exit 2 ;;
  esac
done
