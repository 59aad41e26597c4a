#!/usr/bin/env bash
# Builds the upstream validation oracle into .tools/bin/k8s-oracle, only when
# the binary is missing or its sources changed (a sha256 of *.go but tests,
# go.mod, go.sum and the Go version, kept in .tools/stamps/k8s-oracle).
# GOCACHE, GOMODCACHE, GOFLAGS and GOPROXY are taken from the environment as
# they are. Usage: test/oracle/build.sh [--force]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tools="${TOOLS_DIR:-$root/.tools}"
bin="$tools/bin/k8s-oracle"
stampfile="$tools/stamps/k8s-oracle"

if ! command -v go >/dev/null 2>&1; then
  echo "k8s-oracle: 'go' not found on PATH; install Go 1.20+ to build the oracle" >&2
  exit 1
fi
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
stamp=$( (cd "$here" && for f in $(ls *.go go.mod go.sum | grep -v '_test\.go$'); do echo "$f"; cat "$f"; done; go version) | sha256sum | cut -d' ' -f1)

reason=""
if [[ "${1:-}" == "--force" ]]; then
  reason="forced"
elif [[ ! -x "$bin" ]]; then
  reason="missing"
elif [[ "$(cat "$stampfile" 2>/dev/null)" != "$stamp" ]]; then
  reason="its sources changed"
fi

if [[ -z "$reason" ]]; then
  echo "k8s-oracle: up to date (${bin#"$root"/})"
  exit 0
fi

echo "k8s-oracle: building (${reason}) with $(go version | cut -d' ' -f3), GOCACHE=$(go env GOCACHE) GOMODCACHE=$(go env GOMODCACHE)"
mkdir -p "$(dirname "$bin")" "$(dirname "$stampfile")"
start=$(date +%s%N)
(cd "$here" && go build -o "$bin.tmp" . && mv -f "$bin.tmp" "$bin")
echo "$stamp" > "$stampfile"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
printf 'k8s-oracle: built %s in %d.%01d s (%s)\n' "${bin#"$root"/}" $((ms / 1000)) $((ms % 1000 / 100)) "$(du -h "$bin" | cut -f1)"
