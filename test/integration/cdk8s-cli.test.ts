import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';

import { REPO } from '../paths';
const CDK8S = path.join(REPO, 'node_modules', '.bin', 'cdk8s');

/** Runs `cdk8s synth` in the repo with our cdk8s.yaml; offline (no upgrade check). */
function cdk8sSynth(...args: string[]): string {
  return execFileSync(CDK8S, ['synth', '--no-check-upgrade', ...args], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function files(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

describe('cdk8s synth with our cdk8s.yaml', () => {
  let tmp: string;
  beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-cli-')); });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('writes the same manifests and topology diagrams as npm run synth', () => {
    const out = path.join(tmp, 'plain');
    cdk8sSynth('--output', out);
    const dist = path.join(REPO, 'dist');
    const written = files(out).filter(f => f !== 'construct-metadata.json');
    expect(written).toEqual(files(dist));
    for (const f of written) expect([f, fs.readFileSync(path.join(out, f), 'utf8')]).toEqual([f, fs.readFileSync(path.join(dist, f), 'utf8')]);
  }, 60_000);

  test('--format helm writes a valid Helm chart: Chart.yaml, and the manifests as templates', () => {
    const chart = path.join(tmp, 'chart');
    cdk8sSynth('--format', 'helm', '--chart-version', '1.2.3', '--output', chart);

    const meta = parse(fs.readFileSync(path.join(chart, 'Chart.yaml'), 'utf8'));
    // cdk8s names the chart after the directory it runs in
    expect(meta).toEqual({
      apiVersion: 'v2', name: path.basename(REPO), version: '1.2.3', type: 'application',
      description: `Generated chart for ${path.basename(REPO)}`,
    });

    const manifests = files(path.join(REPO, 'dist')).filter(f => f.endsWith('.k8s.yaml'));
    // Helm renders every file in templates/: only manifests may be there
    expect(files(path.join(chart, 'templates'))).toEqual(manifests);
    for (const f of manifests) {
      const text = fs.readFileSync(path.join(chart, 'templates', f), 'utf8');
      expect(text).toEqual(fs.readFileSync(path.join(REPO, 'dist', f), 'utf8'));
      expect(text).not.toContain('{{'); // nothing Helm's template engine would interpret
      for (const doc of parseAllDocuments(text).map(d => d.toJS())) {
        expect(doc).toEqual(expect.objectContaining({ apiVersion: expect.any(String), kind: expect.any(String), metadata: expect.objectContaining({ name: expect.any(String) }) }));
      }
    }
    // the diagrams go to the chart's root, beside its README
    expect(files(chart)).toEqual(expect.arrayContaining(['Chart.yaml', 'README.md', 'templates', '02-cluster-ip.md']));
  }, 60_000);
});
