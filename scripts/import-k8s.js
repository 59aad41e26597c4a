#!/usr/bin/env node
/**
 * Regenerates src/imports/k8s.ts, the L1 types of the Kubernetes API, with `cdk8s import k8s`'s
 * own generator (cdk8s-cli's ImportKubernetesApi over json2jsii) from the OpenAPI that the
 * `k8s.io/kubernetes` module of that release ships (`api/openapi-spec/swagger.json`). The module
 * comes from the Go module proxy through `go mod download` only: `cdk8s import k8s@1.x` downloads
 * its schema from raw.githubusercontent.com, which is the one thing this script replaces (any other
 * download is refused).
 *
 * Usage: node scripts/import-k8s.js [1.M.P]   (default: the version pinned below)
 */
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

/** The release whose API the library's types follow: the newest supported minor (src/core/versions.ts). */
const PINNED = '1.37.2';

const version = process.argv[2] ?? PINNED;
if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`expected a Kubernetes release 1.M.P, got "${version}"`);
const root = path.join(__dirname, '..');
const outdir = path.join(root, 'src', 'imports');

// the module, through the Go module proxy (GOPROXY, GOMODCACHE, GOFLAGS from the environment)
const info = JSON.parse(execFileSync('go', ['mod', 'download', '-json', `k8s.io/kubernetes@v${version}`], {
  cwd: os.tmpdir(), encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? 'local', GO111MODULE: 'on' },
}));
if (info.Error) throw new Error(`go mod download k8s.io/kubernetes@v${version}: ${info.Error}`);
const swagger = JSON.parse(fs.readFileSync(path.join(info.Dir, 'api', 'openapi-spec', 'swagger.json'), 'utf8'));

// What openapi2jsonschema --kubernetes does to the definitions cdk8s's own schemas are made of:
// an int-or-string is a string or an integer, a Quantity a string or a number (so json2jsii writes
// the IntOrString and Quantity classes with fromString/fromNumber, as in every cdk8s import).
function kubernetesTypes(schema) {
  if (Array.isArray(schema)) return schema.map(kubernetesTypes);
  if (schema === null || typeof schema !== 'object') return schema;
  if (schema.format === 'int-or-string') {
    const rest = { ...schema };
    delete rest.type;
    delete rest.format;
    return { ...rest, oneOf: [{ type: 'string' }, { type: 'integer' }] };
  }
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, kubernetesTypes(v)]));
}
const definitions = kubernetesTypes(swagger.definitions);
const quantity = definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'];
if (quantity) {
  delete quantity.type;
  quantity.oneOf = [{ type: 'string' }, { type: 'number' }];
}
const schemaText = JSON.stringify({ definitions });

// cdk8s-cli exports no API: its modules are read from the installed package (a devDependency)
const cli = path.dirname(require.resolve('cdk8s-cli/package.json'));
const util = require(path.join(cli, 'lib', 'util'));
const { ImportKubernetesApi } = require(path.join(cli, 'lib', 'import', 'k8s'));
const expected = `https://raw.githubusercontent.com/cdk8s-team/cdk8s/master/kubernetes-schemas/v${version}/_definitions.json`;
util.download = async (url) => {
  if (url !== expected) throw new Error(`import-k8s: refusing to download ${url}`);
  return schemaText;
};

/**
 * The generator drops the undefined values of each object it renders with
 * `Object.entries(x).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {})`,
 * which copies the object once per defined key; the same values in the same order come from one
 * loop (definedValues, written once into the file). Every object synth writes goes through it:
 * see docs/performance.md for the figure.
 */
const REDUCE = 'Object.entries(RESULT).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {})';
const DEFINED_VALUES = `
/**
 * The defined values of an object, in their order: what the generator's
 * \`${REDUCE.replace('RESULT', 'x')}\` returns, without a copy of the object per key (written by
 * scripts/import-k8s.js; a key "__proto__", which a ConfigMap's data may have, stays an own property).
 */
function definedValues(x: { readonly [key: string]: any }): Record<string, any> {
  const out: Record<string, any> = {};
  for (const key of Object.keys(x)) {
    const value = x[key];
    if (value === undefined) continue;
    if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}
`;
function definedValuesInPlace(text) {
  const [before, after] = REDUCE.split('RESULT').map(p => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`${before}([A-Za-z_.]+)${after}`, 'g');
  const count = (text.match(pattern) ?? []).length;
  const out = text.replace(pattern, (_, x) => `definedValues(${x})`);
  // (a map whose values are converted too, `[i[0]]: toJson_X(i[1])`, keeps the generator's own reduce: few kinds have one)
  if (count === 0) throw new Error('import-k8s: the generator no longer writes the filter this script replaces; look at its output');
  const lastImport = out.indexOf("import { Construct } from 'constructs';");
  if (lastImport < 0) throw new Error('import-k8s: no constructs import in the generated file');
  const at = out.indexOf('\n', lastImport) + 1;
  return out.slice(0, at) + DEFINED_VALUES + out.slice(at);
}

(async () => {
  const importer = new ImportKubernetesApi({ apiVersion: version });
  await importer.import({ outdir, targetLanguage: 'typescript', classNamePrefix: 'Kube' });
  const file = path.join(outdir, 'k8s.ts');
  const text = definedValuesInPlace(fs.readFileSync(file, 'utf8'));
  const header = `// Generated by \`npm run import-k8s\` (scripts/import-k8s.js): cdk8s import k8s's generator over the\n`
    + `// OpenAPI of k8s.io/kubernetes v${version} (api/openapi-spec/swagger.json, from the Go module proxy). Do not edit.\n`
    + '/* eslint-disable */\n';
  fs.writeFileSync(file, header + text);
  process.stdout.write(`src/imports/k8s.ts: Kubernetes v${version}, ${text.split('\n').length} lines\n`);
})().catch(e => { process.stderr.write(`${e.stack ?? e}\n`); process.exit(1); });
