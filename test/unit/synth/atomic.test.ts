/**
 * `synthAtomically` and `runSynth` (src/synth/atomic.ts), what `npm run synth` runs: all or
 * nothing, the previous output untouched on failure, no stale files on success.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Lazy, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { parseAllDocuments } from 'yaml';
import { AppPod, ExposedService, formatProblem, NginxPod, runSynth, ServiceType, setWarningSink, SKIP_RULES_CONTEXT, synthAtomically, validateApp } from '../../../src';
import * as engine from '../../../src/core/engine';
import { judgeApp, synthJudged } from '../../../src/synth/app-checks';
import { npmScript, runAsNpm } from '../../npm-script';
import { REPO } from '../../paths';
import { problemsOf } from '../../util';

const k8s = kplus.k8s;

/** Every file of a directory tree, by relative path, with its content. */
function tree(dir: string): { [file: string]: string } {
  const out: { [file: string]: string } = {};
  const walk = (d: string) => {
    for (const f of fs.readdirSync(d).sort()) {
      const full = path.join(d, f);
      if (fs.statSync(full).isDirectory()) walk(full);
      else out[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** An app of one valid chart `a`. */
const valid = (name = 'a') => (app: App) => { new NginxPod(new Chart(app, 'a'), 'web', { name }); };

/** An app whose synth fails: the engine's problems, at synth (a Service on a port its pod does not declare). */
const failing = (app: App) => {
  const chart = new Chart(app, 'a');
  new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.CLUSTER_IP, target: new NginxPod(chart, 'web', { name: 'changed' }), port: 80, targetPort: 8080 });
};

/** Each test's own temporary directory, and `dist/` in it. */
let root: string;
let outdir: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'atomic-test-'));
  outdir = path.join(root, 'dist');
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
  jest.restoreAllMocks();
});

describe('synthAtomically', () => {
  test('writes one file per chart, and nothing beside the output directory', () => {
    synthAtomically(outdir, app => {
      new NginxPod(new Chart(app, 'a'), 'web', { name: 'a' });
      new NginxPod(new Chart(app, 'b'), 'web', { name: 'b' });
    });
    expect(Object.keys(tree(outdir))).toEqual(['a.k8s.yaml', 'b.k8s.yaml']);
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('a failing synth throws the engine\'s problems and leaves the previous output byte-identical, with no staging directory', () => {
    synthAtomically(outdir, valid());
    const before = tree(outdir);
    const problems = problemsOf(() => synthAtomically(outdir, failing));
    expect(problems.map(p => [p.rule, p.path, p.field, p.value])).toEqual([['target-port-is-exposed', 'a/svc', 'spec.ports[0].targetPort', 8080]]);
    expect(tree(outdir)).toEqual(before);
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('a failing first synth leaves no output directory at all', () => {
    problemsOf(() => synthAtomically(outdir, failing));
    expect(fs.readdirSync(root)).toEqual([]);
  });

  test('a chart that no longer exists leaves no stale file', () => {
    synthAtomically(outdir, app => {
      new NginxPod(new Chart(app, 'a'), 'web', { name: 'a' });
      new NginxPod(new Chart(app, 'gone'), 'web', { name: 'gone' });
    });
    synthAtomically(outdir, valid());
    expect(Object.keys(tree(outdir))).toEqual(['a.k8s.yaml']);
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('fails with a ValidationError of every problem: other validations, construct rules, the engine\'s across objects', () => {
    const problems = problemsOf(() => synthAtomically(outdir, app => {
      const chart = new Chart(app, 'a');
      new AppPod(chart, 'empty', { name: 'empty' });
      const web = new NginxPod(chart, 'web', { name: 'web' });
      new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.CLUSTER_IP, target: web, port: 80, targetPort: 8080 });
      chart.node.addValidation({ validate: () => ['a check of the user\'s own'] });
    }));
    expect(problems.map(p => [p.rule, p.path, p.field, p.message])).toEqual([
      ['containers', 'a/empty', 'spec.containers', undefined],
      ['target-port-is-exposed', 'a/svc', 'spec.ports[0].targetPort', undefined],
      ['validation', 'a', '', 'a check of the user\'s own'],
    ]);
    expect(fs.readdirSync(root)).toEqual([]);
  });

  test('an escape hatch that breaks an object fails it like anything else', () => {
    synthAtomically(outdir, valid());
    const before = tree(outdir);
    const problems = problemsOf(() => synthAtomically(outdir, app => {
      const pod = new NginxPod(new Chart(app, 'a'), 'web', { name: 'web' });
      pod.apiObject.addJsonPatch(JsonPatch.replace('/spec/containers/0/image', 'NGINX:Latest'));
    }));
    expect(problems.map(p => [p.rule, p.path, p.field, p.value])).toEqual([['image-reference', 'a/web', 'spec.containers[0].image', 'NGINX:Latest']]);
    expect(tree(outdir)).toEqual(before);
  });

  test('a construct that refuses its props (what it cannot write) fails the synth with its ValidationError, before anything is written', () => {
    const problems = problemsOf(() => synthAtomically(outdir, app => { new NginxPod(new Chart(app, 'a'), 'web', { name: 5 as never }); }));
    expect(problems.map(p => [p.rule, p.path, p.field, p.value])).toEqual([['props', 'a/web', 'name', 5]]);
    expect(fs.readdirSync(root)).toEqual([]);
  });

  test('any other error is rethrown as it is, and leaves the output as it was', () => {
    synthAtomically(outdir, valid());
    const before = tree(outdir);
    const boom = new TypeError('boom');
    expect(() => synthAtomically(outdir, () => { throw boom; })).toThrow(boom);
    expect(() => synthAtomically(outdir, valid('b'), () => { throw boom; })).toThrow(boom);
    expect(tree(outdir)).toEqual(before);
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('afterSynth writes beside the manifests before the swap', () => {
    synthAtomically(outdir, valid(), dir => fs.writeFileSync(path.join(dir, 'a.md'), '# a'));
    expect(Object.keys(tree(outdir))).toEqual(['a.k8s.yaml', 'a.md']);
  });
});

describe('synthAtomically judges the app once', () => {
  /** Three valid charts: a plain `app.synth()` validates the app once, then once per chart. */
  const threeCharts = (app: App) => {
    for (const id of ['a', 'b', 'c']) {
      const chart = new Chart(app, id);
      new ExposedService(chart, 'svc', { name: `svc-${id}`, type: ServiceType.CLUSTER_IP, target: new NginxPod(chart, 'web', { name: `web-${id}` }) });
    }
  };

  test('the engine runs once (validateApp), as in a plain app.synth() of the same app (once per synth, not once plus once per chart)', () => {
    const judge = jest.spyOn(engine, 'judgeModel');
    synthAtomically(outdir, threeCharts);
    expect(judge).toHaveBeenCalledTimes(1);
    expect(Object.keys(tree(outdir))).toEqual(['a.k8s.yaml', 'b.k8s.yaml', 'c.k8s.yaml']);
    judge.mockClear();
    const app = new App({ outdir: path.join(root, 'plain') });
    threeCharts(app);
    app.synth();
    expect(judge).toHaveBeenCalledTimes(1);
    expect(tree(path.join(root, 'plain'))).toEqual(tree(outdir));
  });

  test('other constructs\' validations still run inside the synth, as cdk8s runs them (once, then once per chart)', () => {
    let calls = 0;
    synthAtomically(outdir, app => {
      threeCharts(app);
      app.node.findChild('a').node.addValidation({ validate: () => { calls++; return []; } });
    });
    expect(calls).toBe(1 + 1 + 3); // validateApp's, then App.synth()'s and one per chart
  });

  test('a change after synthAtomically returns is judged by a later app.synth()', () => {
    let built: App | undefined;
    synthAtomically(outdir, threeCharts, (_dir, app) => { built = app; });
    const chart = built!.node.findChild('a') as Chart;
    new ExposedService(chart, 'bad', { name: 'bad', type: ServiceType.CLUSTER_IP, target: chart.node.findChild('web') as NginxPod, port: 80, targetPort: 8080 });
    expect(() => built!.synth()).toThrow(/target-port-is-exposed/);
  });

  test('a validation that fails only inside the synth fails it, leaves the output byte-identical, and the engine judges the app again afterwards', () => {
    synthAtomically(outdir, valid());
    const before = tree(outdir);
    let built: App | undefined;
    let calls = 0;
    expect(() => synthAtomically(outdir, app => {
      built = app;
      threeCharts(app);
      app.node.findChild('b').node.addValidation({ validate: () => (++calls > 1 ? ['fails the second time'] : []) });
    })).toThrow(/fails the second time/);
    expect(tree(outdir)).toEqual(before);
    expect(fs.readdirSync(root)).toEqual(['dist']);
    const chart = built!.node.findChild('a') as Chart;
    new ExposedService(chart, 'bad', { name: 'bad', type: ServiceType.CLUSTER_IP, target: chart.node.findChild('web') as NginxPod, port: 80, targetPort: 8080 });
    expect(validateApp(built!).map(p => p.rule)).toContain('target-port-is-exposed');
    const judge = jest.spyOn(engine, 'judgeModel');
    expect(() => built!.synth()).toThrow(/target-port-is-exposed/);
    expect(judge).toHaveBeenCalledTimes(1); // App.synth()'s first validation, which throws
  });
});

describe('synthAtomically writes each object as it was judged', () => {
  /** Two charts of a pod behind a Service, and a raw ConfigMap changed by an escape hatch. */
  const build = (app: App) => {
    for (const id of ['a', 'b']) {
      const chart = new Chart(app, id);
      new ExposedService(chart, 'svc', { name: `svc-${id}`, type: ServiceType.CLUSTER_IP, target: new NginxPod(chart, 'web', { name: `web-${id}` }) });
    }
    const raw = new k8s.KubeConfigMap(app.node.findChild('a'), 'config', { metadata: { name: 'config' }, data: { a: 'b' } });
    raw.addJsonPatch(JsonPatch.add('/data/patched', 'yes'));
  };

  test('every object is rendered once: for the judgment, and that render is written', () => {
    const render = jest.spyOn(ApiObject.prototype, 'toJson');
    synthAtomically(outdir, build);
    expect(render).toHaveBeenCalledTimes(5);
  });

  test.each([
    ['one file per chart', YamlOutputType.FILE_PER_CHART],
    ['one file for the app', YamlOutputType.FILE_PER_APP],
    ['one file per object', YamlOutputType.FILE_PER_RESOURCE],
    ['a folder per chart, a file per object', YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE],
  ])('%s: the files are byte-identical to a plain app.synth()\'s, construct metadata included', (_name, yamlOutputType) => {
    const synthesized = (write: (app: App) => void) => {
      const app = new App({ outdir: path.join(root, String(write === plain)), yamlOutputType, recordConstructMetadata: true });
      // (one file per object applies Pod.* before Service.*: the rule that says so is not the point here)
      app.node.setContext(SKIP_RULES_CONTEXT, { 'service-before-its-pods': 'the test writes one file per object' });
      build(app);
      write(app);
      return tree(app.outdir);
    };
    const plain = (app: App) => app.synth();
    const judged = (app: App) => {
      const { problems, rendered } = judgeApp(app);
      expect(problems).toEqual([]);
      synthJudged(app, rendered);
    };
    const expected = synthesized(plain);
    expect(Object.keys(expected).length).toBeGreaterThan(1);
    expect(synthesized(judged)).toEqual(expected);
  });

  test('synthAtomically writes what a plain app.synth() writes', () => {
    const plain = new App({ outdir: path.join(root, 'plain') });
    build(plain);
    plain.synth();
    synthAtomically(outdir, build);
    expect(tree(outdir)).toEqual(tree(path.join(root, 'plain')));
    expect(tree(outdir)['a.k8s.yaml']).toContain('patched: "yes"');
  });

  test('a Lazy that answers differently each time is written as the engine judged it', () => {
    let calls = 0;
    synthAtomically(outdir, app => {
      new k8s.KubeConfigMap(new Chart(app, 'a'), 'config', {
        metadata: { name: 'config' },
        data: { answer: Lazy.any({ produce: () => `answer-${++calls}` }) as unknown as string },
      });
      new NginxPod(app.node.findChild('a'), 'web', { name: 'web' });
    });
    expect(calls).toBe(1);
    expect(tree(outdir)['a.k8s.yaml']).toContain('answer: answer-1');
  });

  test('nothing is left on the objects: a later render renders them as they are then', () => {
    let built: App | undefined;
    synthAtomically(outdir, valid(), (_dir, app) => { built = app; });
    const pod = built!.node.findAll().find(ApiObject.isApiObject)!;
    expect(Object.prototype.hasOwnProperty.call(pod, 'toJson')).toBe(false);
    pod.metadata.addLabel('later', 'yes');
    expect(pod.toJson().metadata.labels).toEqual(expect.objectContaining({ later: 'yes' }));
  });

  test('when the write fails, nothing is left on the objects either', () => {
    let built: App | undefined;
    expect(() => synthAtomically(outdir, app => {
      built = app;
      valid()(app);
      let calls = 0;
      app.node.findChild('a').node.addValidation({ validate: () => (++calls > 1 ? ['fails in the write'] : []) });
    })).toThrow(/fails in the write/);
    const pod = built!.node.findAll().find(ApiObject.isApiObject)!;
    expect(Object.prototype.hasOwnProperty.call(pod, 'toJson')).toBe(false);
  });
});

describe('runSynth', () => {
  test('returns 0, writes nothing on stderr and one summary line on stdout when the synth succeeds', () => {
    let stderr = '';
    let stdout = '';
    expect(runSynth(outdir, app => { valid()(app); new NginxPod(new Chart(app, 'b'), 'web', { name: 'b' }); }, t => { stderr += t; }, undefined, t => { stdout += t; })).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(`wrote 2 objects in 2 files to ${outdir}/; 0 errors, 0 warnings\n`);
    expect(Object.keys(tree(outdir))).toEqual(['a.k8s.yaml', 'b.k8s.yaml']);
  });

  test('the summary counts the objects and the manifest files, not the files written beside them', () => {
    let stdout = '';
    const cwd = process.cwd();
    process.chdir(root); // `dist` is then this test's own
    try {
      runSynth('dist', valid(), () => undefined, dir => fs.writeFileSync(path.join(dir, 'a.md'), '# a'), t => { stdout += t; });
    } finally {
      process.chdir(cwd);
    }
    expect(Object.keys(tree(outdir))).toEqual(['a.k8s.yaml', 'a.md']);
    expect(stdout).toBe('wrote 1 object in 1 file to dist/; 0 errors, 0 warnings\n');
  });

  test('reports every problem on stderr, one per line in the library\'s format, and returns 1, leaving the output as it was', () => {
    synthAtomically(outdir, valid());
    const before = tree(outdir);
    const app = new App({ outdir: path.join(root, 'unused') });
    failing(app);
    const expected = validateApp(app);
    let stderr = '';
    expect(runSynth(outdir, failing, t => { stderr += t; })).toBe(1);
    const [header, ...lines] = stderr.trimEnd().split('\n');
    expect(header).toContain(outdir);
    expect(header).toContain(`${expected.length} problem`);
    expect(lines).toEqual([...expected.map(formatProblem), `wrote 0 objects in 0 files to ${outdir}/; ${expected.length} error${expected.length === 1 ? '' : 's'}, 0 warnings`]);
    expect(tree(outdir)).toEqual(before);
  });

  test('writes the output and returns 0 when the app has only warnings, which it reports on stderr in the library\'s format', () => {
    // A route to a Gateway the app does not write: rule route-gateway-outside-app, a warning.
    const warned = (app: App) => {
      const chart = new Chart(app, 'a');
      const web = new NginxPod(chart, 'web', { name: 'web' });
      new ExposedService(chart, 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: web, port: 80 })
        .exposeViaRoute({ parents: [{ gateway: 'shared' }] });
    };
    let stderr = '';
    let stdout = '';
    const warnings: string[] = [];
    const previous = setWarningSink(line => warnings.push(line));
    try {
      expect(runSynth(outdir, warned, t => { stderr += t; }, undefined, t => { stdout += t; })).toBe(0);
    } finally {
      setWarningSink(previous);
    }
    expect(Object.keys(tree(outdir))).toEqual(['a.k8s.yaml']);
    expect(stderr).toBe('');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: \[a\/svc\/Route\] spec\.parentRefs\[0\]\.name: "shared" is not valid: .* \[route-gateway-outside-app\]$/);
    expect(stdout).toMatch(/; 0 errors, 1 warning/);
  });

  test('reports another error with its stack, and returns 1', () => {
    let stderr = '';
    expect(runSynth(outdir, () => { throw new TypeError('boom'); }, t => { stderr += t; })).toBe(1);
    expect(stderr).toContain('TypeError: boom');
    expect(fs.existsSync(outdir)).toBe(false);
  });
});

describe('the output directory a synth leaves', () => {
  test('has the modes mkdir and writeFile give under the user\'s umask (0755 and 0644 under 022), and is still swapped in whole', () => {
    const previous = process.umask(0o022);
    try {
      synthAtomically(outdir, valid());
      expect((fs.statSync(outdir).mode & 0o777).toString(8)).toBe('755');
      expect((fs.statSync(path.join(outdir, 'a.k8s.yaml')).mode & 0o777).toString(8)).toBe('644');
      process.umask(0o027);
      synthAtomically(outdir, valid('b'));
      expect((fs.statSync(outdir).mode & 0o777).toString(8)).toBe('750');
      expect((fs.statSync(path.join(outdir, 'a.k8s.yaml')).mode & 0o777).toString(8)).toBe('640');
      expect(fs.readdirSync(root)).toEqual(['dist']);
    } finally {
      process.umask(previous);
    }
  });
});

describe('npm run synth (app/main.ts)', () => {
  test('writes the tutorial and its pictures, byte-identical to dist/, and removes stale files', () => {
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, '06-removed-chart.k8s.yaml'), 'stale');
    const run = runAsNpm(npmScript('synth'), { SYNTH_OUTDIR: outdir, CDK8S_OUTDIR: '' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const manifests = fs.readdirSync(path.join(REPO, 'dist')).filter(f => f.endsWith('.k8s.yaml'));
    const objects = manifests.flatMap(f => parseAllDocuments(fs.readFileSync(path.join(REPO, 'dist', f), 'utf8'))).length;
    expect(run.stdout.trimEnd().split('\n').pop()).toBe(`wrote ${objects} objects in ${manifests.length} files to ${outdir}/; 0 errors, 0 warnings`);
    expect(tree(outdir)).toEqual(tree(path.join(REPO, 'dist')));
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });

  test('a failing run exits 1, prints the problems and leaves a populated output byte-identical', () => {
    synthAtomically(outdir, valid());
    const before = tree(outdir);
    const script = `
      const { Chart } = require('cdk8s');
      const { ExposedService, NginxPod, runSynth, ServiceType } = require('./src');
      process.exitCode = runSynth(process.env.SYNTH_OUTDIR, app => {
        const chart = new Chart(app, 'a');
        new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.CLUSTER_IP, target: new NginxPod(chart, 'web', { name: 'web' }), port: 80, targetPort: 8080 });
      });`;
    const run = spawnSync(process.execPath, ['-r', 'esbuild-register', '-e', script], {
      cwd: REPO, env: { ...process.env, SYNTH_OUTDIR: outdir }, encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    const app = new App({ outdir: path.join(root, 'unused') });
    const chart = new Chart(app, 'a');
    new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.CLUSTER_IP, target: new NginxPod(chart, 'web', { name: 'web' }), port: 80, targetPort: 8080 });
    const [expected] = validateApp(app);
    expect(run.stderr.split('\n')).toContain(formatProblem(expected));
    expect(tree(outdir)).toEqual(before);
    expect(fs.readdirSync(root)).toEqual(['dist']);
  });
});

test('fails on a value a construct writes as given (an image with a space), at synthAtomically, with the engine\'s rule and the written field, writing nothing', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctors-'));
  const target = path.join(outdir, 'dist');
  const problems = problemsOf(() => synthAtomically(target, app => {
    new AppPod(new Chart(app, 'a'), 'web', { name: 'web', containers: [{ name: 'web', image: ' nginx', port: 80 }] });
  }));
  expect(problems.map(p => ({ rule: p.rule, field: p.field, value: p.value, object: p.object }))).toEqual([
    { rule: 'container-image', field: 'spec.containers[0].image', value: ' nginx', object: 'Pod/web' },
  ]);
  expect(fs.existsSync(target)).toBe(false);
  fs.rmSync(outdir, { recursive: true, force: true });
});
