import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { Chart } from 'cdk8s';
import { AppPod, ExposedService, NginxPod, ServiceType, ValidationError } from '../src';
import { runSynth, synthAtomically } from '../src/synth';

const ROOT = path.join(__dirname, '..');

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

  test('fails with a ValidationError listing every problem, cross-object ones included', () => {
    let caught: unknown;
    try {
      synthAtomically(outdir, app => {
        const chart = new Chart(app, 'a');
        new AppPod(chart, 'empty');
        const web = new NginxPod(chart, 'web');
        new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, port: 80, targetPort: 8080 });
        chart.node.addValidation({ validate: () => ['a check of the user\'s own'] });
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const problems = (caught as ValidationError).problems;
    expect(problems.map(p => [p.path, p.field || p.message])).toEqual([
      ['a', "a check of the user's own"],
      ['a/empty', 'containers'],
      ['a/svc', 'targetPort'],
    ]);
    expect((caught as Error).message).toMatch(/^\[a\] a check of the user's own\n\[a\/empty\] containers: \[\] is not valid: a Pod needs at least one container/);
    expect(fs.existsSync(outdir)).toBe(false);
    expect(fs.readdirSync(root)).toEqual([]);
  });

  test('runSynth reports every problem on stderr and returns 1, leaving the output as it was', () => {
    synthAtomically(outdir, app => { new NginxPod(new Chart(app, 'a'), 'web', { name: 'a' }); });
    const before = tree(outdir);
    let stderr = '';
    const code = runSynth(outdir, app => { new AppPod(new Chart(app, 'a'), 'empty'); }, t => { stderr += t; });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^synth failed with 1 problem\(s\); .* is unchanged:\n\[a\/empty\] containers: \[\] is not valid/);
    expect(tree(outdir)).toEqual(before);
  });

  test('npm run synth end to end: the entry point writes the tutorial, byte-identical to dist/, and removes stale files', () => {
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, '06-removed-chart.k8s.yaml'), 'stale');
    const run = spawnSync(process.execPath, ['-r', './scripts/register.js', 'src/main.ts'], {
      cwd: ROOT, env: { ...process.env, SYNTH_OUTDIR: outdir, CDK8S_OUTDIR: '' }, encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(tree(outdir)).toEqual(tree(path.join(ROOT, 'dist')));
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('a failing run of the entry point exits 1 and leaves a populated output byte-identical', () => {
    synthAtomically(outdir, app => { new NginxPod(new Chart(app, 'a'), 'web', { name: 'a' }); });
    const before = tree(outdir);
    const script = `
      const { Chart } = require('cdk8s');
      const { ExposedService, NginxPod, ServiceType } = require('./src');
      const { runSynth } = require('./src/synth');
      process.exitCode = runSynth(process.env.SYNTH_OUTDIR, app => {
        const chart = new Chart(app, 'a');
        new ExposedService(chart, 'svc', { type: ServiceType.NODE_PORT, target: new NginxPod(chart, 'web'), nodePort: 80 });
      });`;
    const run = spawnSync(process.execPath, ['-r', './scripts/register.js', '-e', script], {
      cwd: ROOT, env: { ...process.env, SYNTH_OUTDIR: outdir }, encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/\[a\/svc\] nodePort: 80 is not valid: an integer from 30000 to 32767/);
    expect(tree(outdir)).toEqual(before);
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });
});
