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
};

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
    const found = tools.run(tool, DIST);
    expect(tools.newFindings(found, baseline[tool])).toEqual([]);
    // the baseline is today's: a finding fixed is taken out of it (npm test tells when)
    expect(tools.newFindings(baseline[tool], found)).toEqual([]);
  }, 120_000);

  test('finds nothing new in the tutorial under SecurityProfile.RESTRICTED, and fewer findings than in dist/', () => {
    const found = tools.run(tool, hardened);
    expect(tools.newFindings(found, baseline.hardened[tool])).toEqual([]);
    expect(tools.newFindings(baseline.hardened[tool], found)).toEqual([]);
    expect(found.length).toBeLessThan(baseline[tool].length);
  }, 120_000);
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
