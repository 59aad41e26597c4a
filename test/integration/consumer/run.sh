#!/usr/bin/env bash
# Installs the package as a consumer would and uses it there:
#   build + `npm pack` → a fresh cdk8s app in <workdir> (its own package.json, no path into
#   this repo) → `npm install` of the tarball and the peer dependencies → `tsc` (strict) on a
#   TypeScript app, `node` on a CommonJS app, `cdk8s synth` with the app's own cdk8s.yaml
#   (which runs the package's validation plugin).
#
# Usage: test/consumer/run.sh <workdir>   (CONSUMER_TARBALL=<file.tgz>: install that one, no pack)
# CONSUMER_PLUS names the cdk8s-plus the app installs and imports (default cdk8s-plus-28, any
# cdk8s-plus-NN), or `none`: then no cdk8s-plus is installed and the app is app/no-plus.ts.
# The peer dependencies are the versions of this repo's lockfile unless CDK8S_VERSION,
# CONSTRUCTS_VERSION, CDK8S_PLUS_VERSION or TYPESCRIPT_VERSION say otherwise (a CONSUMER_PLUS
# other than cdk8s-plus-28 needs CDK8S_PLUS_VERSION). npm takes them
# from its cache when it can and from the registry when it must (--prefer-offline): `npm ci`
# caches tarballs but not the registry metadata an `npm install` resolves versions with, so
# a strictly offline install works only on a machine where an earlier online install left it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
work=${1:?usage: run.sh <workdir>}
mkdir -p "$work"
work=$(cd "$work" && pwd)

installed() { node -p "require('$repo/node_modules/$1/package.json').version"; }
cdk8s=${CDK8S_VERSION:-$(installed cdk8s)}
constructs=${CONSTRUCTS_VERSION:-$(installed constructs)}
plus_package=${CONSUMER_PLUS:-cdk8s-plus-28}
if [[ $plus_package == none ]]; then
  plus=
elif [[ $plus_package == cdk8s-plus-28 ]]; then
  plus=${CDK8S_PLUS_VERSION:-$(installed cdk8s-plus-28)}
elif [[ $plus_package =~ ^cdk8s-plus-[0-9]+$ ]]; then
  plus=${CDK8S_PLUS_VERSION:?CONSUMER_PLUS=$plus_package needs CDK8S_PLUS_VERSION}
else
  echo "CONSUMER_PLUS must be cdk8s-plus-NN or none, not '$plus_package'" >&2
  exit 2
fi
typescript=${TYPESCRIPT_VERSION:-$(installed typescript)}

step() { printf '%s %s\n' "$(date +%s.%N | cut -c1-14)" "$*"; }

step pack
if [[ -n ${CONSUMER_TARBALL:-} ]]; then
  # a tarball packed before (the failure tests reuse the one the main run packed)
  cp "$CONSUMER_TARBALL" "$work/"
  tarball=$(basename "$CONSUMER_TARBALL")
else
  # prepack builds lib/ first
  (cd "$repo" && npm pack --json --silent --pack-destination "$work" >"$work/pack.json")
  tarball=$(node -p "require('$work/pack.json')[0].filename")
fi

step scaffold
cp "$here/app/main.js" "$here/app/tsconfig.json" "$work/"
if [[ -z $plus ]]; then
  cp "$here/app/no-plus.ts" "$work/main.ts"
  plus_dependency=
else
  sed "s/'cdk8s-plus-28'/'$plus_package'/" "$here/app/main.ts" > "$work/main.ts"
  plus_dependency="\"$plus_package\": \"$plus\","
fi
version=$(node -p "require('$repo/package.json').version")
sed "s/PACKAGE_VERSION/$version/" "$here/app/cdk8s.yaml" > "$work/cdk8s.yaml"
cat > "$work/package.json" <<JSON
{
  "name": "consumer-app",
  "version": "0.0.0",
  "private": true,
  "dependencies": {
    "cdk8s": "$cdk8s",
    $plus_dependency
    "cdk8s-pods-services": "file:./$tarball",
    "constructs": "$constructs"
  },
  "devDependencies": {
    "typescript": "$typescript"
  }
}
JSON

step install
install_log="$work/npm-install.log"
if ! (cd "$work" && npm install --prefer-offline --no-audit --no-fund --no-update-notifier --loglevel=error \
    --logs-dir "$work/npm-logs" >"$install_log" 2>&1); then
  {
    echo "consumer install failed: npm install --prefer-offline in $work"
    # npm reports a package it could not fetch as a peer conflict (ERESOLVE, "Found:
    # cdk8s@undefined"): ask for each package alone, which names the real cause.
    for spec in "cdk8s@$cdk8s" "constructs@$constructs" ${plus:+"$plus_package@$plus"} "typescript@$typescript"; do
      if ! out=$(cd "$work" && npm view "$spec" version --prefer-offline --loglevel=error 2>&1); then
        # "code ENOTCACHED" / "code ECONNREFUSED" and the request that failed
        echo "cause: npm cannot fetch $spec: $(grep -oE 'code E[A-Z_]+|request to .*' <<<"$out" | head -n 2 | paste -sd ' ' -)"
      fi
    done
    echo "npm said:"
    tail -n 20 "$install_log"
  } >&2
  exit 1
fi

step tsc
(cd "$work" && node_modules/.bin/tsc -p tsconfig.json)

step node
(cd "$work" && node main.js dist-js)

step cdk8s synth
# the CLI is this repo's dev dependency; the app it runs resolves everything from $work
(cd "$work" && "$repo/node_modules/.bin/cdk8s" synth --no-check-upgrade > synth.log)

step done
