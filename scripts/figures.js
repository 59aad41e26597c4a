'use strict';
/**
 * `npm run figures`: rewrites the parts of README.md and of the guides in docs/ that a command
 * produces, each between `<!-- figure:NAME -->` and `<!-- /figure -->` (each figure in one file).
 * Nothing in those spans is typed by hand; the tests compare each span with what they measure
 * (test/unit/app/readme-figures.test.ts, and test/integration/consumer.test.ts for `pack`, which
 * stays in README.md), and .ci/run fails when README.md or docs/ differ from what this writes.
 *
 * Figures:
 * - `pack`: the tarball's packed and unpacked size and file count, as `npm pack` reports them.
 *   The README is in the tarball, so its own figures change the size: rewritten until stable.
 * - `rules` (docs/checks.md): the table of every rule the engine checks from the registry (src/core/rules/index.ts).
 * - `tools` (docs/oracle.md): the counts of today's findings of the third-party tools (test/tools/baseline.json).
 * - `bench` (docs/performance.md): the summary of the last full or quick `npm run bench`, from
 *   bench/results.json (which the bench writes; the figure is not measured here: timings differ
 *   run to run, the figure is what the last run measured).
 * - `versions` (README.md): the table of Kubernetes minors (scripts/kubernetes-versions.ts): the
 *   tutorial at each judged by that minor's oracle (needs the oracles built: `npm test` builds them,
 *   or `test/tools/install.sh oracle`), the rules that run there, and what changes.
 * - `ci` (README.md): how long `.ci/run` took from empty caches, as its last run wrote it to
 *   `.ci/timing.json` (commit that file to publish the figure).
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const README = path.join(ROOT, 'README.md');

/** README.md and the guides in docs/: the files figures live in. */
function docFiles() {
  const docs = path.join(ROOT, 'docs');
  return [README, ...fs.readdirSync(docs).filter(f => f.endsWith('.md')).sort().map(f => path.join(docs, f))];
}

/** Every figure of README.md and docs/, by name, with the file it is in (each name in one file only). */
function allFigures() {
  const found = {};
  const where = {};
  for (const file of docFiles()) {
    for (const [name, value] of Object.entries(figuresIn(fs.readFileSync(file, 'utf8')))) {
      if (name in where) throw new Error(`<!-- figure:${name} --> is in both ${where[name]} and ${file}`);
      found[name] = value;
      where[name] = file;
    }
  }
  return { figures: found, where };
}

/** `npm pack --json`'s report in the README's words. */
function packFigure(report) {
  const kB = n => `${(n / 1000).toFixed(1)} kB`;
  return `${kB(report.size)} packed, ${kB(report.unpackedSize)} unpacked, ${report.entryCount} files`;
}

/** What `npm pack --dry-run` would put in the tarball now (prepack builds lib/ first). */
function packReport() {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.slice(out.indexOf('[')))[0];
}

/** The rules table: every rule of the registry, its id, its severity, who refuses what it catches, and what it checks. */
let tsRegistered = false;
/** Lets the figures below require the library's TypeScript sources. */
function registerTs() {
  if (!tsRegistered) require('esbuild-register/dist/node').register();
  tsRegistered = true;
}

function rulesFigure() {
  registerTs();
  const { RULE_LIST, RULE_SOURCES } = require('../src/core/rules/index.ts');
  const rows = RULE_LIST.map(r => `| \`${r.id}\` | ${r.severity} | ${RULE_SOURCES[r.source]} | ${r.summary} |`);
  return ['', '| rule | severity | without us | what it checks |', '|---|---|---|---|', ...rows, ''].join('\n');
}

/** The counts of the tools' baseline findings. */
function toolsFigure() {
  const b = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'tools', 'baseline.json'), 'utf8'));
  const c = b.counts;
  return `checkov ${c.checkov} failed checks over dist/ and ${c['hardened checkov']} under \`SecurityProfile.RESTRICTED\`; `
    + `kube-score ${c['kube-score']} and ${c['hardened kube-score']}; \`helm lint --strict\` ${c['helm-lint']} (INFO); `
    + `\`helm template\` ${c['helm-template']} differences from dist/`;
}

/** The benchmark's summary, as bench/results.json holds it from the last `npm run bench`. */
function benchFigure() {
  const r = JSON.parse(fs.readFileSync(path.join(ROOT, 'bench', 'results.json'), 'utf8'));
  const rows = r.summary.map(({ what, result }) => `| ${what} | ${result} |`);
  return ['', r.measured, '', '| benchmark | result |', '| --- | --- |', ...rows, ''].join('\n');
}

/** The last `.ci/run`'s time from empty caches (`.ci/timing.json`, which .ci/run writes at its end). */
function ciFigure() {
  const file = path.join(ROOT, '.ci', 'timing.json');
  if (!fs.existsSync(file)) return 'not measured yet (run `.ci/run`, commit the timing file it writes, .ci/timing.json, then `npm run figures`)';
  const t = JSON.parse(fs.readFileSync(file, 'utf8'));
  return `${(t.seconds / 60).toFixed(1)} min from empty caches on ${t.cpus} CPUs `
    + `(${t.passed} passed, ${t.failed} failed; commit ${t.commit}, ${t.finished.slice(0, 10)})`;
}

/** The versions table (scripts/kubernetes-versions.ts). */
function versionsFigure() {
  registerTs();
  return `\n${require('./kubernetes-versions.ts').versionsTable()}\n`;
}

const PRODUCERS = { rules: rulesFigure, tools: toolsFigure, bench: benchFigure, versions: versionsFigure, ci: ciFigure };

const SPAN = /(<!-- figure:([a-z-]+) -->)([\s\S]*?)(<!-- \/figure -->)/g;

/** The figures of a README text, by name. */
function figuresIn(text) {
  const found = {};
  for (const m of text.matchAll(SPAN)) found[m[2]] = m[3];
  return found;
}

function replaceFigure(text, name, value) {
  return text.replace(SPAN, (all, open, n, _old, close) => (n === name ? `${open}${value}${close}` : all));
}

function main() {
  const { where } = allFigures();
  for (const name of Object.keys(PRODUCERS)) {
    if (!(name in where)) throw new Error(`neither README.md nor docs/ has a <!-- figure:${name} --> span`);
    const file = where[name];
    fs.writeFileSync(file, replaceFigure(fs.readFileSync(file, 'utf8'), name, PRODUCERS[name]()));
  }
  let text = fs.readFileSync(README, 'utf8');
  if (!('pack' in figuresIn(text))) throw new Error('README.md has no <!-- figure:pack --> span');
  for (let round = 0; round < 5; round++) {
    const value = packFigure(packReport());
    if (figuresIn(text).pack === value) {
      process.stdout.write(`README.md: pack = ${value}\n`);
      return;
    }
    text = replaceFigure(text, 'pack', value);
    fs.writeFileSync(README, text);
  }
  throw new Error('the pack figure did not settle after 5 rounds');
}

module.exports = { packFigure, figuresIn, allFigures, PRODUCERS };

if (require.main === module) main();
