import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { AppPod, NginxPod } from '../src';
import { synthAtomically } from '../src/synth';

function tree(dir: string): { [file: string]: string } {
  const out: { [file: string]: string } = {};
  for (const f of fs.readdirSync(dir).sort()) out[f] = fs.readFileSync(path.join(dir, f), 'utf8');
  return out;
}

describe('synthAtomically', () => {
  let root: string;
  let outdir: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-test-'));
    outdir = path.join(root, 'dist');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test('writes one file per chart', () => {
    synthAtomically(outdir, app => {
      new NginxPod(new Chart(app, 'a'), 'web', { name: 'a' });
      new NginxPod(new Chart(app, 'b'), 'web', { name: 'b' });
    });
    expect(Object.keys(tree(outdir))).toEqual(['a.k8s.yaml', 'b.k8s.yaml']);
  });

  test('fails without touching the previous output, and leaves no staging directory', () => {
    synthAtomically(outdir, app => { new NginxPod(new Chart(app, 'a'), 'web', { name: 'a' }); });
    const before = tree(outdir);
    expect(() => synthAtomically(outdir, app => {
      new NginxPod(new Chart(app, 'a'), 'web', { name: 'changed' });
      new AppPod(new Chart(app, 'b'), 'empty'); // no containers: fails validation at synth
    })).toThrow(/a Pod needs at least one container/);
    expect(tree(outdir)).toEqual(before);
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('a chart that no longer exists leaves no stale file', () => {
    synthAtomically(outdir, app => {
      new NginxPod(new Chart(app, 'a'), 'web', { name: 'a' });
      new NginxPod(new Chart(app, 'gone'), 'web', { name: 'gone' });
    });
    synthAtomically(outdir, app => { new NginxPod(new Chart(app, 'a'), 'web', { name: 'a' }); });
    expect(Object.keys(tree(outdir))).toEqual(['a.k8s.yaml']);
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });
});
