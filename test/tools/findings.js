#!/usr/bin/env node
/*
 * Runs one of the third-party tools pinned in test/tools/ over a directory and prints its
 * findings, normalized and sorted, as JSON in exactly the shape of test/tools/baseline.json,
 * so a test can require `findings ⊆ baseline` (any new finding fails).
 *
 *   node test/tools/findings.js checkov <dir>        failed checks:   { file, resource, check }
 *   node test/tools/findings.js kube-score <dir>     failed checks:   { file, object, check }
 *   node test/tools/findings.js helm-lint <chart>    lint messages:   { file, severity, message }
 *   node test/tools/findings.js helm-template <chart> <dir>
 *                                                    objects where `helm template <chart>` differs
 *                                                    from the manifests in <dir>: { file, object, check }
 *   node test/tools/findings.js baseline [--write]   all of the above over dist/ (and a chart synthesized
 *                                                    from src/main.ts); prints, or writes baseline.json
 *   node test/tools/findings.js compare <tool> <dir> [<dir2>]
 *                                                    prints the findings missing from baseline.json; exit 1 if any
 *
 * The tools come from <repo>/.tools (or $TOOLS_DIR): run test/tools/install.sh first.
 * Exit codes: 0 (findings printed, even if not empty), 1 (compare found new findings),
 * 2 (usage error, or a tool did not run: missing, crashed, or its output could not be read).
 *
 * Also usable from jest: require('./tools/findings') exports { run, newFindings, loadBaseline, TOOLS }.
 */
'use strict';

const { spawnSync, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const HERE = __dirname;
const REPO = path.resolve(HERE, '..', '..');
const TOOLS_DIR = process.env.TOOLS_DIR || path.join(REPO, '.tools');
const TOOLS = {
  checkov: path.join(TOOLS_DIR, 'venv', 'bin', 'checkov'),
  'kube-score': path.join(TOOLS_DIR, 'bin', 'kube-score'),
  helm: path.join(TOOLS_DIR, 'bin', 'helm'),
};
const BASELINE = path.join(HERE, 'baseline.json');

/** Kubernetes version the lints assume: our constructs build on cdk8s-plus-28. */
const KUBERNETES_VERSION = 'v1.28';

/**
 * checkov without the network: --skip-download skips every call to the Bridgecrew/Prisma
 * platform (guidelines, policy metadata, suppressions), BC_SKIP_MAPPING=TRUE does the same for
 * the check-id mapping, and CKV_SKIP_PACKAGE_UPDATE_CHECK=true stops the "newer checkov on
 * PyPI?" lookup. Verified with strace (no AF_INET connect) and under `unshare -n`.
 */
const CHECKOV_ENV = { BC_SKIP_MAPPING: 'TRUE', CKV_SKIP_PACKAGE_UPDATE_CHECK: 'true', LOG_LEVEL: 'WARNING' };
const CHECKOV_ARGS = ['--framework', 'kubernetes', '-o', 'json', '--quiet', '--compact', '--skip-download', '--soft-fail'];

class ToolError extends Error {}

function exec(tool, cmd, args, opts = {}) {
  if (!fs.existsSync(cmd)) throw new ToolError(`${tool}: ${cmd} is missing; run test/tools/install.sh`);
  const r = spawnSync(cmd, args, {
    encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'], ...opts,
    env: { ...process.env, ...(opts.env || {}) },
  });
  if (r.error) throw new ToolError(`${tool}: ${r.error.message}`);
  return r;
}

function fail(tool, what, r) {
  const tail = (s) => (s || '').trim().split('\n').slice(-15).join('\n');
  return new ToolError(`${tool}: ${what} (exit ${r.status}${r.signal ? `, signal ${r.signal}` : ''})\n${tail(r.stderr)}\n${tail(r.stdout)}`);
}

function yamlFiles(dir) {
  return fs.readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort();
}

function cmp(keys) {
  return (a, b) => {
    for (const k of keys) {
      const x = String(a[k] ?? ''), y = String(b[k] ?? '');
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

function uniqSorted(list, keys) {
  const seen = new Set();
  const out = [];
  for (const f of list) {
    const o = {}; for (const k of keys) o[k] = f[k] ?? null; // fixed key order
    const id = JSON.stringify(o);
    if (!seen.has(id)) { seen.add(id); out.push(o); }
  }
  return out.sort(cmp(keys));
}

// ---- checkov ---------------------------------------------------------------------------------

function checkov(dir) {
  const r = exec('checkov', TOOLS.checkov, ['-d', path.resolve(dir), ...CHECKOV_ARGS], { env: CHECKOV_ENV });
  let reports;
  try { reports = JSON.parse(r.stdout); } catch { throw fail('checkov', 'output is not JSON', r); }
  if (r.status !== 0) throw fail('checkov', 'failed', r);
  reports = Array.isArray(reports) ? reports : [reports];
  const findings = [];
  const scanned = new Set();
  for (const rep of reports) {
    const results = rep.results || {}; // a run that found no file prints only a summary
    // file_path is relative to the scanned dir ("/02-cluster-ip.k8s.yaml")
    for (const c of results.passed_checks || []) scanned.add(path.basename(c.file_path));
    for (const c of results.failed_checks || []) {
      scanned.add(path.basename(c.file_path));
      findings.push({ file: path.basename(c.file_path), resource: c.resource, check: c.check_id });
    }
    for (const p of results.parsing_errors || []) findings.push({ file: path.basename(p), resource: null, check: 'PARSING_ERROR' });
  }
  // checkov skips a file it cannot parse without a word (parsing_errors stays 0): catch that
  for (const f of yamlFiles(dir)) {
    if (!scanned.has(f)) findings.push({ file: f, resource: null, check: 'NOT_SCANNED' });
  }
  return uniqSorted(findings, ['file', 'resource', 'check']);
}

// ---- kube-score (stands in for kube-linter, which the Go module proxy does not serve here) -----

function kubeScore(dir) {
  const files = yamlFiles(dir).map(f => path.join(dir, f));
  if (files.length === 0) return [];
  const r = exec('kube-score', TOOLS['kube-score'],
    ['score', '-o', 'json', '--color', 'never', '--kubernetes-version', KUBERNETES_VERSION, ...files]);
  // exit 1 means "critical findings" and also "could not parse a file" (then stdout is empty):
  // kube-score stops at the first file it cannot parse; it silently ignores YAML with an unknown kind
  let objects;
  try { objects = JSON.parse(r.stdout); } catch { throw fail('kube-score', 'did not score the files', r); }
  if (r.status !== 0 && r.status !== 1) throw fail('kube-score', 'failed', r);
  const findings = [];
  for (const o of objects || []) {
    const kind = o.type_meta.kind;
    const object = `${kind}/${o.object_meta.namespace ? o.object_meta.namespace + '/' : ''}${o.object_meta.name}`;
    for (const c of o.checks || []) {
      // grades: 1 critical, 5 warning, 7 almost OK, 10 all OK; skipped checks carry no verdict
      if (c.skipped || c.grade >= 7) continue;
      findings.push({ file: path.basename(o.file_name), object, check: c.check.id });
    }
  }
  return uniqSorted(findings, ['file', 'object', 'check']);
}

// ---- helm -------------------------------------------------------------------------------------

function helmEnv() {
  // keep helm away from ~: its cache, config and data go to a throwaway dir
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-home-'));
  return { home, env: { HELM_CACHE_HOME: path.join(home, 'cache'), HELM_CONFIG_HOME: path.join(home, 'config'), HELM_DATA_HOME: path.join(home, 'data') } };
}

function helm(args) {
  const { home, env } = helmEnv();
  try { return exec('helm', TOOLS.helm, args, { env }); } finally { fs.rmSync(home, { recursive: true, force: true }); }
}

function helmLint(chart) {
  const r = helm(['lint', '--strict', '--kube-version', KUBERNETES_VERSION, path.resolve(chart)]);
  const findings = [];
  for (const line of r.stdout.split('\n')) {
    // "[INFO] Chart.yaml: icon is recommended", "[ERROR] templates/x.yaml: ..." or "[WARNING] message"
    const m = /^\[(INFO|WARNING|ERROR)\]\s+(?:([^\s:]+):\s+)?(.*)$/.exec(line.trim());
    if (m) findings.push({ file: m[2] || null, severity: m[1], message: m[3] });
  }
  if (!/\d+ chart\(s\) linted/.test(r.stdout)) throw fail('helm-lint', 'did not lint', r);
  return uniqSorted(findings, ['file', 'severity', 'message']);
}

function parseDocs(text) {
  const { parseAllDocuments } = require(require.resolve('yaml', { paths: [REPO] }));
  return parseAllDocuments(text).map(d => {
    if (d.errors.length) throw new ToolError(`YAML error: ${d.errors[0].message}`);
    return d.toJS();
  }).filter(d => d != null);
}

function objectId(o) {
  return `${o.kind}/${o.metadata && o.metadata.namespace ? o.metadata.namespace + '/' : ''}${o.metadata && o.metadata.name}`;
}

function canonical(v) {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map(k => [k, canonical(v[k])]));
  return v;
}

/** `helm template <chart>` against the manifests in <dir>, file by file and object by object. */
function helmTemplate(chart, dir) {
  const r = helm(['template', '--kube-version', KUBERNETES_VERSION, path.resolve(chart)]);
  if (r.status !== 0) throw fail('helm-template', 'failed', r);
  const rendered = new Map(); // file -> Map(objectId -> JSON)
  // helm groups the documents by kind (install order) and tags each with its template file
  for (const chunk of r.stdout.split(/^---\s*$/m)) {
    const src = /^# Source: [^/]+\/templates\/(.+)$/m.exec(chunk);
    const docs = parseDocs(chunk);
    if (!docs.length) continue;
    const file = src ? path.basename(src[1]) : '(no source)';
    if (!rendered.has(file)) rendered.set(file, new Map());
    for (const d of docs) rendered.get(file).set(objectId(d), JSON.stringify(canonical(d)));
  }
  const findings = [];
  for (const file of yamlFiles(dir)) {
    const want = new Map(parseDocs(fs.readFileSync(path.join(dir, file), 'utf8')).map(d => [objectId(d), JSON.stringify(canonical(d))]));
    const got = rendered.get(file) || new Map();
    for (const [id, json] of want) {
      if (!got.has(id)) findings.push({ file, object: id, check: 'missing-from-helm-template' });
      else if (got.get(id) !== json) findings.push({ file, object: id, check: 'differs-in-helm-template' });
    }
    for (const id of got.keys()) if (!want.has(id)) findings.push({ file, object: id, check: 'only-in-helm-template' });
    rendered.delete(file);
  }
  for (const [file, objs] of rendered) for (const id of objs.keys()) findings.push({ file, object: id, check: 'only-in-helm-template' });
  return uniqSorted(findings, ['file', 'object', 'check']);
}

// ---- the baseline -----------------------------------------------------------------------------

/** Our app as a Helm chart, as a user would make it (runs app/main.ts through cdk8s-cli). */
function synthHelmChart(out) {
  execFileSync(path.join(REPO, 'node_modules', '.bin', 'cdk8s'),
    ['synth', '--format', 'helm', '--chart-version', '0.1.0', '--output', out, '--no-check-upgrade'],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  return out;
}

/** The tutorial with every pod under SecurityProfile.RESTRICTED (test/tools/synth-hardened.ts). */
function synthHardened(out) {
  execFileSync(process.execPath, ['-r', 'esbuild-register', 'test/tools/synth-hardened.ts', out], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  return out;
}

function versions() {
  const v = (cmd, args, env) => exec(path.basename(cmd), cmd, args, { env }).stdout.trim().split('\n')[0];
  return {
    checkov: v(TOOLS.checkov, ['--version'], CHECKOV_ENV),
    'kube-score': (/v\d+\.\d+\.\d+[^\s,]*/.exec(v(TOOLS['kube-score'], ['version'])) || ['?'])[0],
    helm: helm(['version', '--template', '{{.Version}}']).stdout.trim(),
  };
}

function baseline(distDir = path.join(REPO, 'dist')) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tools-baseline-'));
  try {
    const chart = synthHelmChart(path.join(tmp, 'chart'));
    const hardened = synthHardened(path.join(tmp, 'hardened'));
    const b = {
      about: 'Findings of the pinned third-party tools over dist/ today (helm: over `cdk8s synth --format helm` of app/main.ts), '
        + 'and over the tutorial under SecurityProfile.RESTRICTED (`hardened`, test/tools/synth-hardened.ts). '
        + 'Regenerate with `node test/tools/findings.js baseline --write`; a test fails on any finding not listed here.',
      versions: versions(),
      kubernetesVersion: KUBERNETES_VERSION,
      counts: {},
      checkov: checkov(distDir),
      'kube-score': kubeScore(distDir),
      'helm-lint': helmLint(chart),
      'helm-template': helmTemplate(chart, distDir),
      hardened: { checkov: checkov(hardened), 'kube-score': kubeScore(hardened) },
    };
    for (const k of ['checkov', 'kube-score', 'helm-lint', 'helm-template']) b.counts[k] = b[k].length;
    for (const k of ['checkov', 'kube-score']) b.counts[`hardened ${k}`] = b.hardened[k].length;
    b.perWorkload = { default: figures(distDir, b), hardened: figures(hardened, b.hardened) };
    return b;
  } finally { fs.rmSync(tmp, { recursive: true, force: true }); }
}

/** The kinds whose objects run pods: a workload, as the per-workload figures count them. */
const WORKLOAD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'];

/**
 * The workload a finding is about, as `Kind/namespace/name`, or undefined for another object
 * (a Service, a ConfigMap). checkov names a controller's pod template apart
 * (`Pod.default.flask-deployment.app-flask-replicas`): it counts for its controller.
 * kube-score names no namespace (`Deployment/flask-config`): `default`, as checkov says.
 */
function workloadOf(tool, finding, controllers) {
  if (tool === 'checkov') {
    if (!finding.resource) return undefined;
    const [kind, ns, name, ...rest] = finding.resource.split('.');
    if (!WORKLOAD_KINDS.includes(kind)) return undefined;
    if (rest.length > 0) return controllers.get(`${ns}/${name}`) ?? `?/${ns}/${name}`;
    return `${kind}/${ns}/${name}`;
  }
  const [kind, name] = finding.object.split('/');
  return WORKLOAD_KINDS.includes(kind) ? `${kind}/default/${name}` : undefined;
}

/**
 * Findings per workload of one tool over one directory's findings: `{ workloads, findings, mean,
 * max, byWorkload }`, findings on other objects (Services, ConfigMaps) not counted. `workloads`
 * is every workload with or without findings (from checkov's list of what it scanned when
 * `scanned` is given, else those with findings).
 */
function perWorkload(tool, findings, scanned) {
  const controllers = new Map();
  for (const w of scanned) { const [, ns, name] = w.split('/'); controllers.set(`${ns}/${name}`, w); }
  const byWorkload = Object.fromEntries([...scanned].sort().map(w => [w, 0]));
  for (const f of findings) {
    const w = workloadOf(tool, f, controllers);
    if (w !== undefined) byWorkload[w] = (byWorkload[w] ?? 0) + 1;
  }
  const counts = Object.values(byWorkload);
  const total = counts.reduce((a, b) => a + b, 0);
  return { workloads: counts.length, findings: total, mean: counts.length ? Math.round(100 * total / counts.length) / 100 : 0, max: Math.max(0, ...counts), byWorkload };
}

/** Every workload of the YAML files of `dir`, as `Kind/namespace/name`. */
function workloadsIn(dir) {
  const out = new Set();
  for (const file of yamlFiles(dir)) {
    for (const o of parseDocs(fs.readFileSync(path.join(dir, file), 'utf8'))) {
      if (o && WORKLOAD_KINDS.includes(o.kind)) out.add(`${o.kind}/${(o.metadata && o.metadata.namespace) || 'default'}/${o.metadata && o.metadata.name}`);
    }
  }
  return out;
}

/** The per-workload figures of both tools over `dir` whose findings are given. */
function figures(dir, found) {
  const scanned = workloadsIn(dir);
  return { checkov: perWorkload('checkov', found.checkov, scanned), 'kube-score': perWorkload('kube-score', found['kube-score'], scanned) };
}

function loadBaseline() { return JSON.parse(fs.readFileSync(BASELINE, 'utf8')); }

/** The findings that are not in the baseline list (compared as whole objects). */
function newFindings(findings, baselineList) {
  const known = new Set(baselineList.map(f => JSON.stringify(f)));
  return findings.filter(f => !known.has(JSON.stringify(f)));
}

function run(tool, dir, dir2) {
  switch (tool) {
    case 'checkov': return checkov(dir);
    case 'kube-score': return kubeScore(dir);
    case 'helm-lint': return helmLint(dir);
    case 'helm-template': return helmTemplate(dir, dir2);
    default: throw new ToolError(`unknown tool '${tool}' (checkov, kube-score, helm-lint, helm-template)`);
  }
}

module.exports = { run, newFindings, loadBaseline, baseline, synthHelmChart, synthHardened, figures, TOOLS, KUBERNETES_VERSION, ToolError };

function main(argv) {
  const [cmd, ...rest] = argv;
  const usage = 'usage: findings.js checkov|kube-score|helm-lint <dir> | helm-template <chart> <dir> | baseline [--write] | compare <tool> <dir> [<dir2>]';
  if (cmd === 'baseline') {
    const b = baseline();
    const text = JSON.stringify(b, null, 2) + '\n';
    if (rest.includes('--write')) { fs.writeFileSync(BASELINE, text); console.error(`wrote ${path.relative(process.cwd(), BASELINE)}: ${JSON.stringify(b.counts)}`); } else process.stdout.write(text);
    return 0;
  }
  if (cmd === 'compare') {
    const [tool, dir, dir2] = rest;
    if (!tool || !dir) { console.error(usage); return 2; }
    const extra = newFindings(run(tool, dir, dir2), loadBaseline()[tool] || []);
    process.stdout.write(JSON.stringify(extra, null, 2) + '\n');
    return extra.length ? 1 : 0;
  }
  const [dir, dir2] = rest;
  if (!cmd || !dir || (cmd === 'helm-template' && !dir2)) { console.error(usage); return 2; }
  process.stdout.write(JSON.stringify(run(cmd, dir, dir2), null, 2) + '\n');
  return 0;
}

if (require.main === module) {
  try { process.exitCode = main(process.argv.slice(2)); } catch (e) {
    console.error(e instanceof ToolError ? `findings.js: ${e.message}` : e);
    process.exitCode = 2;
  }
}
