#!/usr/bin/env bash
# Runs docs/your-own-app.md's recipe as a user would: its files (recipe/, which the doc quotes
# verbatim), the package's tarball for `cdk8s-pods-services`, `npm install`, `npm run typecheck`
# and `npx cdk8s synth` (the app's own cdk8s-cli, with the package's validation plugin).
#
# Usage: recipe.sh <workdir> <cjs|esm> <5|7>   (the module system of the app; the TypeScript major)
#   CONSUMER_TARBALL=<file.tgz>  the package to install (else: npm pack of this repo)
#   npm_config_cache=<dir>       the npm cache (the consumer test gives an empty one)
# With TypeScript 7, which ts-node cannot load (it has no JavaScript compiler API), the app runs
# with tsx instead, as the doc says; an ESM app runs with tsx under either major (ts-node runs
# it on Node 20 only with the experimental `node --loader ts-node/esm`, which warns at every run).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
work=${1:?usage: recipe.sh <workdir> <cjs|esm> <5|7>}
module=${2:?module: cjs or esm}
ts=${3:?TypeScript major: 5 or 7}
mkdir -p "$work"
work=$(cd "$work" && pwd)
step() { printf '%s %s\n' "$(date +%s.%N | cut -c1-14)" "$*"; }

step pack
if [[ -n ${CONSUMER_TARBALL:-} ]]; then
  cp "$CONSUMER_TARBALL" "$work/"
  tarball=$(basename "$CONSUMER_TARBALL")
else
  (cd "$repo" && npm pack --json --silent --pack-destination "$work" >"$work/pack.json")
  tarball=$(node -p "require('$work/pack.json')[0].filename")
fi

step "scaffold ($module, TypeScript $ts)"
cp "$here/recipe/main.ts" "$here/recipe/tsconfig.json" "$here/recipe/cdk8s.yaml" "$here/recipe/package.json" "$work/"
# The doc's two variations, applied as it states them: ESM ("type": "module"), and the runner
# for TypeScript 7 (tsx in place of ts-node, in package.json and in cdk8s.yaml's app line).
WORK="$work" MODULE="$module" TS="$ts" TARBALL="$tarball" node -e '
  const fs = require("fs");
  const { WORK, MODULE, TS, TARBALL } = process.env;
  const pkg = JSON.parse(fs.readFileSync(`${WORK}/package.json`, "utf8"));
  pkg.dependencies["cdk8s-pods-services"] = `file:./${TARBALL}`;
  if (MODULE === "esm") pkg.type = "module";
  const tsx = TS === "7" || MODULE === "esm";
  if (TS === "7") pkg.devDependencies.typescript = "^7.0.2";
  if (tsx) { delete pkg.devDependencies["ts-node"]; pkg.devDependencies.tsx = "^4.20.0"; }
  fs.writeFileSync(`${WORK}/package.json`, JSON.stringify(pkg, null, 2) + "\n");
  if (tsx) {
    const yaml = `${WORK}/cdk8s.yaml`;
    fs.writeFileSync(yaml, fs.readFileSync(yaml, "utf8").replace("app: npx ts-node main.ts", "app: npx tsx main.ts"));
  }
'

step install
(cd "$work" && npm install --no-audit --no-fund --no-update-notifier --loglevel=warn >"$work/npm-install.log" 2>&1) || {
  echo "recipe install failed in $work:" >&2; tail -n 30 "$work/npm-install.log" >&2; exit 1; }

step typecheck
(cd "$work" && npm run --silent typecheck)
(cd "$work" && node_modules/.bin/tsc --version)

step "cdk8s synth"
(cd "$work" && npx --no-install cdk8s synth --no-check-upgrade > synth.log 2>&1) || { cat "$work/synth.log" >&2; exit 1; }

step done
