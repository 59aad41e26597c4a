/**
 * The tools our users run, over what we write: checkov and kube-score over dist/ and over the
 * tutorial under SecurityProfile.RESTRICTED, `helm lint` and `helm template` over the chart
 * `cdk8s synth --format helm` writes. Today's findings are the baseline (test/tools/baseline.json);
 * any finding not in it fails. The tools are pinned in test/tools/ and installed by the
 * integration project's setup (test/tools/install.sh).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO } from '../paths';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const tools = require('../tools/findings.js') as {
  run(tool: string, dir: string, dir2?: string): object[];
  newFindings(findings: object[], baseline: object[]): object[];
  loadBaseline(): { [tool: string]: any };
  synthHelmChart(out: string): string;
  synthHardened(out: string): string;
  figures(dir: string, found: { [tool: string]: object[] }): { [tool: string]: Figures };
};

/** Findings per workload of one tool over one directory (test/tools/findings.js `perWorkload`). */
interface Figures { workloads: number; findings: number; mean: number; max: number; byWorkload: { [workload: string]: number } }

/**
 * What the same two scanners find per workload in the Bitnami nginx chart (its defaults): the
 * bar the tutorial under SecurityProfile.RESTRICTED must meet, workload by workload.
 */
const BITNAMI_NGINX_PER_WORKLOAD: { [tool: string]: number } = { 'checkov': 7, 'kube-score': 3 };

/** Each tool runs once per directory (checkov takes seconds). */
const runs = new Map<string, object[]>();
function runOnce(tool: string, dir: string): object[] {
  const key = `${tool} ${dir}`;
  if (!runs.has(key)) runs.set(key, tools.run(tool, dir));
  return runs.get(key)!;
}

const DIST = path.join(REPO, 'dist');
const baseline = tools.loadBaseline();
let tmp: string;
let hardened: string;
let chart: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tools-'));
  hardened = tools.synthHardened(path.join(tmp, 'hardened'));
  chart = tools.synthHelmChart(path.join(tmp, 'chart'));
}, 120_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each(['checkov', 'kube-score'])('%s', tool => {
  test('finds nothing new in dist/', () => {
    const found = runOnce(tool, DIST);
    expect(tools.newFindings(found, baseline[tool])).toEqual([]);
    // the baseline is today's: a finding fixed is taken out of it (npm test tells when)
    expect(tools.newFindings(baseline[tool], found)).toEqual([]);
  }, 120_000);

  test('finds nothing new in the tutorial under SecurityProfile.RESTRICTED, and fewer findings than in dist/', () => {
    const found = runOnce(tool, hardened);
    expect(tools.newFindings(found, baseline.hardened[tool])).toEqual([]);
    expect(tools.newFindings(baseline.hardened[tool], found)).toEqual([]);
    expect(found.length).toBeLessThan(baseline[tool].length);
  }, 120_000);
});

describe('findings per workload', () => {
  const figuresOf = (dir: string) => tools.figures(dir, { 'checkov': runOnce('checkov', dir), 'kube-score': runOnce('kube-score', dir) });

  test.each(['checkov', 'kube-score'])('%s: no workload of dist/ or of the RESTRICTED tutorial has more findings than the baseline records', tool => {
    for (const [profile, dir] of [['default', DIST], ['hardened', hardened]] as const) {
      const now = figuresOf(dir)[tool];
      const recorded = baseline.perWorkload[profile][tool] as Figures;
      expect({ profile, ...now }).toEqual({ profile, ...recorded });
    }
  }, 240_000);

  test.each(['checkov', 'kube-score'])('%s: under SecurityProfile.RESTRICTED every workload is at or below the Bitnami nginx chart\'s per-workload figure', tool => {
    const recorded = baseline.perWorkload.hardened[tool] as Figures;
    expect(recorded.max).toBeLessThanOrEqual(BITNAMI_NGINX_PER_WORKLOAD[tool]);
    const over = Object.entries(figuresOf(hardened)[tool].byWorkload).filter(([, n]) => n > BITNAMI_NGINX_PER_WORKLOAD[tool]);
    expect(over).toEqual([]);
  }, 240_000);

  test('the RESTRICTED tutorial has fewer findings per workload than dist/', () => {
    for (const tool of ['checkov', 'kube-score']) {
      expect(baseline.perWorkload.hardened[tool].mean).toBeLessThan(baseline.perWorkload.default[tool].mean);
    }
  });
});

describe('helm', () => {
  test('helm lint --strict passes the chart cdk8s synth --format helm writes, with nothing new to say', () => {
    const found = tools.run('helm-lint', chart);
    expect(tools.newFindings(found, baseline['helm-lint'])).toEqual([]);
    expect((found as { severity: string }[]).filter(f => f.severity !== 'INFO')).toEqual([]);
  }, 60_000);

  test('helm template renders exactly the manifests of dist/, object for object', () => {
    expect(tools.run('helm-template', chart, DIST)).toEqual([]);
  }, 60_000);
});
