#!/usr/bin/env bash
# Installs the package as a consumer would and uses it there:
#   build + `npm pack` → a fresh cdk8s app in <workdir> (its own package.json, no path into
#   this repo) → `npm install` of the tarball and the peer dependencies → `tsc` (strict) on a
#   TypeScript app, `node` on a CommonJS app, `cdk8s synth` with the app's own cdk8s.yaml
#   (which runs the package's validation plugin).
#
# Usage: test/consumer/run.sh <workdir>
# Offline by default: the dependencies are the versions of this repo's lockfile, which
# `npm ci` has put in the npm cache. CONSUMER_ONLINE=1 allows the registry, e.g. to try
# other peer versions: CDK8S_VERSION=2.68.11 CONSTRUCTS_VERSION=10.3.0 CONSUMER_ONLINE=1 …
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${1:?usage: run.sh <workdir>}
mkdir -p "$work"
work=$(cd "$work" && pwd)

installed() { node -p "require('$repo/node_modules/$1/package.json').version"; }
cdk8s=${CDK8S_VERSION:-$(installed cdk8s)}
constructs=${CONSTRUCTS_VERSION:-$(installed constructs)}
plus=${CDK8S_PLUS_VERSION:-$(installed cdk8s-plus-28)}
typescript=${TYPESCRIPT_VERSION:-$(installed typescript)}

step() { printf '%s %s\n' "$(date +%s.%N | cut -c1-14)" "$*"; }

step pack
# prepack builds lib/ first
tarball=$(cd "$repo" && npm pack --silent --pack-destination "$work" 2>/dev/null | tail -n1)

step scaffold
cp "$here/app/main.ts" "$here/app/main.js" "$here/app/tsconfig.json" "$work/"
version=$(node -p "require('$repo/package.json').version")
sed "s/PACKAGE_VERSION/$version/" "$here/app/cdk8s.yaml" > "$work/cdk8s.yaml"
cat > "$work/package.json" <<JSON
{
  "name": "consumer-app",
  "version": "0.0.0",
  "private": true,
  "dependencies": {
    "cdk8s": "$cdk8s",
    "cdk8s-plus-28": "$plus",
    "cdk8s-pods-services": "file:./$tarball",
    "constructs": "$constructs"
  },
  "devDependencies": {
    "typescript": "$typescript"
  }
}
JSON

step install
offline=--offline
[[ ${CONSUMER_ONLINE:-} == 1 ]] && offline=--prefer-offline
(cd "$work" && npm install $offline --no-audit --no-fund --no-update-notifier --loglevel=error >/dev/null)

step tsc
(cd "$work" && node_modules/.bin/tsc -p tsconfig.json)

step node
(cd "$work" && node main.js dist-js)

step cdk8s synth
# the CLI is this repo's dev dependency; the app it runs resolves everything from $work
(cd "$work" && "$repo/node_modules/.bin/cdk8s" synth --no-check-upgrade > synth.log)

step done
