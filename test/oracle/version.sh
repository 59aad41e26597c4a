#!/usr/bin/env bash
# Writes the Go module of the oracle at one more Kubernetes release: test/oracle/v1.M/ with its
# own go.mod (k8s.io/kubernetes v1.M.P, every staging module it requires at v0.M.P, as the
# 1.28 module's replace block does) and the shared sources of test/oracle/ as symlinks, so one
# set of Go sources builds at every version (what differs from 1.28, version_compat.go, is
# test/oracle/_newer/'s at every newer release). Only the Go module proxy is reached.
#
# Usage: test/oracle/version.sh 1.37.2
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
v="${1:?usage: version.sh 1.M.P}"
minor="$(echo "$v" | cut -d. -f1,2)"
staging="0.$(echo "$v" | cut -d. -f2-)"
dir="$HERE/v$minor"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}" GOFLAGS="${GOFLAGS:-} -mod=mod"
mkdir -p "$dir"
cd "$dir"
info="$(go mod download -json "k8s.io/kubernetes@v$v")"
kdir="$(printf '%s' "$info" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
{
  echo "module cdk8s-pods-services/oracle"
  echo
  echo "go $(awk '$1 == "go" { print $2; exit }' "$kdir/go.mod")"
  echo
  echo "require k8s.io/kubernetes v$v"
  echo
  echo "// every staging module k8s.io/kubernetes requires at v0.0.0, at this release's version"
  echo "replace ("
  awk -v s="$staging" '/^replace \(/ { on = 1; next } on && /^\)/ { on = 0 } on && $2 == "=>" { printf "\t%s => %s v%s\n", $1, $1, s }' "$kdir/go.mod"
  echo ")"
} >go.mod
for f in "$HERE"/*.go; do
  case "$f" in *_test.go|*/version_*.go) continue ;; esac
  ln -sf "../$(basename "$f")" "$(basename "$f")"
done
[ -e "$HERE/oracle_test.go" ] && ln -sf ../oracle_test.go oracle_test.go
# what differs from 1.28 is the same at every newer release: one file, test/oracle/_newer/
ln -sf ../_newer/version_compat.go version_compat.go
go mod tidy
echo "test/oracle/v$minor: k8s.io/kubernetes v$v"
