/**
 * One judgment and one render of each object per synth (src/synth/app-checks.ts, the synth
 * session): cdk8s validates an app once in `App.synth()` and again in every chart's `toJson()`;
 * the engine judges at the first and answers the others with that judgment, and each object is
 * written as it was rendered for it. A change made between two synths, or between two validations
 * outside a synth, is judged. Run with the newest cdk8s and the lowest of the peer range (jest
 * project cdk8s-lowest): the session wraps `synth`, `synthYaml` and `toJson` on the App and Chart
 * instances.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing, YamlOutputType } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { ExposedService, NginxPod, ServiceType, validateApp } from '../../../src';
import * as engine from '../../../src/core/engine';
import { CrossObjectValidation, PluginViolation } from '../../../src/plugin';
import { writtenFileNames } from '../../../src/synth/cdk8s-mirror/written-files';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'judge-once-'));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
  jest.restoreAllMocks();
});

/** `charts` charts, each a pod behind a ClusterIP Service: 2 objects each. */
function build(app: App, charts = 3): void {
  for (let i = 0; i < charts; i++) {
    const chart = new Chart(app, `c${i}`);
    new ExposedService(chart, 'svc', { name: `svc-${i}`, type: ServiceType.CLUSTER_IP, target: new NginxPod(chart, 'web', { name: `web-${i}` }), port: 80 });
  }
}

/**
 * Counts the engine's judgments (the app's `judgeModel`, the plugin's and `checkManifests`'s
 * `judge`: one calls the other inside the module, unseen by the spies, so nothing counts twice)
 * and the renders of every object (cdk8s's own `ApiObject.toJson`).
 */
function counting(): { judgments: () => number; renders: () => number } {
  const judgeModel = jest.spyOn(engine, 'judgeModel');
  const judge = jest.spyOn(engine, 'judge');
  const render = jest.spyOn(ApiObject.prototype, 'toJson');
  return { judgments: () => judgeModel.mock.calls.length + judge.mock.calls.length, renders: () => render.mock.calls.length };
}

/** Whether any object of the app is left with an own `toJson` (the session's answers are all gone). */
function leftOnObjects(app: App): number {
  return app.node.findAll().filter(c => c instanceof ApiObject && Object.prototype.hasOwnProperty.call(c, 'toJson')).length;
}

/** The files of a directory, by name, with their content. */
function files(dir: string): { [file: string]: string } {
  return Object.fromEntries(fs.readdirSync(dir).sort().map(f => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

describe('a plain app.synth() judges and renders each object once', () => {
  test.each([
    ['one file per chart', YamlOutputType.FILE_PER_CHART],
    ['one file for the app', YamlOutputType.FILE_PER_APP],
    ['one file per object', YamlOutputType.FILE_PER_RESOURCE],
    ['a folder per chart', YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE],
  ])('three charts, %s: 1 judgment (not 1 + 3), 6 renders (not 6 × 5)', (_name, yamlOutputType) => {
    const app = new App({ outdir: path.join(root, 'out'), yamlOutputType });
    build(app);
    const count = counting();
    app.synth();
    expect(count.judgments()).toBe(1);
    expect(count.renders()).toBe(6);
    expect(leftOnObjects(app)).toBe(0);
  });

  test('the files are what each object renders to now', () => {
    const app = new App({ outdir: path.join(root, 'out') });
    build(app);
    app.synth();
    const written = files(path.join(root, 'out'));
    const objects = app.charts.flatMap(c => c.node.findAll().filter((o): o is ApiObject => o instanceof ApiObject));
    for (const o of objects) expect(Object.values(written).join('\n')).toContain(`name: ${o.name}\n`);
    expect(Object.keys(written)).toEqual(['c0.k8s.yaml', 'c1.k8s.yaml', 'c2.k8s.yaml']);
  });

  test('app.synthYaml(): 1 judgment, 6 renders', () => {
    const app = new App({ outdir: path.join(root, 'out') });
    build(app);
    const count = counting();
    expect(app.synthYaml()).toContain('name: svc-2');
    expect(count.judgments()).toBe(1);
    expect(count.renders()).toBe(6);
  });

  test('Testing.synth(chart): 1 judgment of the whole app, each object rendered once', () => {
    const app = Testing.app();
    build(app);
    const count = counting();
    const manifests = Testing.synth(app.node.findChild('c1') as Chart);
    expect(manifests.map(m => (m as { metadata: { name: string } }).metadata.name)).toEqual(['svc-1', 'web-1']);
    expect(count.judgments()).toBe(1);
    expect(count.renders()).toBe(6); // every object judged; chart c1's two written as judged
    expect(leftOnObjects(app)).toBe(0);
  });

  test('a failing synth judges once, throws the engine\'s problem, and leaves nothing on the objects', () => {
    const app = new App({ outdir: path.join(root, 'out') });
    build(app);
    const chart = app.node.findChild('c0') as Chart;
    new ExposedService(chart, 'bad', { name: 'bad', type: ServiceType.CLUSTER_IP, target: chart.node.findChild('web') as NginxPod, port: 80, targetPort: 8080 });
    const count = counting();
    expect(() => app.synth()).toThrow(/target-port-is-exposed/);
    expect(count.judgments()).toBe(1);
    expect(leftOnObjects(app)).toBe(0);
  });
});

describe('a change made between two judgments is judged', () => {
  test('app.synth(), an escape hatch that breaks a name, app.synth() again: the second fails', () => {
    const app = new App({ outdir: path.join(root, 'out') });
    build(app);
    app.synth();
    const pod = app.node.findAll().find((c): c is ApiObject => c instanceof ApiObject && c.kind === 'Pod')!;
    pod.addJsonPatch(JsonPatch.replace('/metadata/name', 'Not_A_Name'));
    const count = counting();
    expect(() => app.synth()).toThrow(/object-name/);
    expect(count.judgments()).toBe(1);
  });

  test('Testing.synth twice with a change between: the second judges the change', () => {
    const app = Testing.app();
    build(app, 1);
    const chart = app.node.findChild('c0') as Chart;
    expect(() => Testing.synth(chart)).not.toThrow();
    new ExposedService(chart, 'bad', { name: 'bad', type: ServiceType.CLUSTER_IP, target: chart.node.findChild('web') as NginxPod, port: 80, targetPort: 8080 });
    expect(() => Testing.synth(chart)).toThrow(/target-port-is-exposed/);
  });

  test('validations outside a synth (node.validate(), validateApp) each judge the app as it is then', () => {
    const app = new App({ outdir: path.join(root, 'out') });
    build(app, 1);
    const count = counting();
    expect(validateApp(app)).toEqual([]);
    const pod = app.node.findAll().find((c): c is ApiObject => c instanceof ApiObject && c.kind === 'Pod')!;
    pod.metadata.addLabel('bad key!', 'x');
    expect(validateApp(app).map(p => p.rule)).toContain('labels');
    const checks = app.node.findChild('cdk8s-pods-services');
    expect(checks.node.validate().join('\n')).toMatch(/labels/);
    expect(count.judgments()).toBe(3);
    expect(leftOnObjects(app)).toBe(0);
  });

  test('a subclass\'s synth() still runs, inside the session', () => {
    let ran = 0;
    class MyApp extends App {
      public synth(): void {
        ran++;
        super.synth();
      }
    }
    const app = new MyApp({ outdir: path.join(root, 'out') });
    build(app, 2);
    const count = counting();
    app.synth();
    expect(ran).toBe(1);
    expect(count.judgments()).toBe(1);
    expect(count.renders()).toBe(4);
  });
});

describe('cdk8s synth with the validation plugin', () => {
  test('the app judges once as it writes, and the plugin once over the files it wrote (a process of its own: the CLI\'s)', async () => {
    const out = path.join(root, 'out');
    const app = new App({ outdir: out });
    build(app);
    const count = counting();
    app.synth();
    expect(count.judgments()).toBe(1);
    const violations: PluginViolation[] = [];
    let status = '';
    const manifests = Object.keys(files(out)).map(f => path.join(out, f));
    await new CrossObjectValidation().validate({
      manifests,
      report: { addViolation: v => violations.push(v), submit: s => { status = s; } },
      parseManifest: f => parseAllDocuments(fs.readFileSync(f, 'utf8')).map(d => d.toJSON() as unknown),
    });
    expect(status).toBe('success');
    expect(violations).toEqual([]);
    expect(count.judgments()).toBe(2);
    expect(count.renders()).toBe(6);
  });

  /** Runs the plugin over every YAML file of `out`, as the CLI does; its status and violations. */
  async function plugin(out: string, props = {}): Promise<{ status: string; violations: PluginViolation[] }> {
    const violations: PluginViolation[] = [];
    let status = '';
    const manifests = Object.keys(files(out)).filter(f => f.endsWith('.yaml')).map(f => path.join(out, f));
    await new CrossObjectValidation(props).validate({
      manifests,
      report: { addViolation: v => violations.push(v), submit: s => { status = s; } },
      parseManifest: f => parseAllDocuments(fs.readFileSync(f, 'utf8')).map(d => d.toJSON() as unknown),
    });
    return { status, violations };
  }

  test('with construct metadata recorded (as cdk8s synth has it), the plugin trusts the app\'s clean judgment of the same files: one judgment in all', async () => {
    const out = path.join(root, 'out');
    const app = new App({ outdir: out, recordConstructMetadata: true });
    build(app);
    const count = counting();
    app.synth();
    expect(count.judgments()).toBe(1);
    const metadata = JSON.parse(fs.readFileSync(path.join(out, 'construct-metadata.json'), 'utf8')) as { [key: string]: unknown };
    expect(metadata['cdk8s-pods-services:cleanJudgment']).toMatch(/^[0-9a-f]{64}$/);
    expect(await plugin(out)).toEqual({ status: 'success', violations: [] });
    expect(count.judgments()).toBe(1);
  });

  test('a file edited after the app wrote it is judged again, and its problem reported', async () => {
    const out = path.join(root, 'out');
    const app = new App({ outdir: out, recordConstructMetadata: true });
    build(app, 1);
    app.synth();
    const file = path.join(out, 'c0.k8s.yaml');
    // the pod's label no longer matches its Service's selector: the plugin must judge it (and find it)
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/labels:\n(\s+)app: web-0/, 'labels:\n$1app: nobody'));
    expect(fs.readFileSync(file, 'utf8')).toContain('nobody');
    const count = counting();
    const { status, violations } = await plugin(out);
    expect(count.judgments()).toBe(1);
    expect(violations.length).toBeGreaterThan(0);
    expect(['success', 'failure']).toContain(status);
  });

  test('an edit that changes no object (a comment) still matches; another file, other settings, or other objects mean a full judgment', async () => {
    const out = path.join(root, 'out');
    const app = new App({ outdir: out, recordConstructMetadata: true });
    build(app, 2);
    app.synth();
    const count = counting();
    // the same objects, other settings: judged
    await plugin(out, { warningsAsErrors: true });
    expect(count.judgments()).toBe(1);
    // a stale file beside the written ones: judged
    fs.writeFileSync(path.join(out, 'stale.k8s.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stale\n');
    await plugin(out);
    expect(count.judgments()).toBe(2);
    fs.rmSync(path.join(out, 'stale.k8s.yaml'));
    // back to the written files: trusted again
    await plugin(out);
    expect(count.judgments()).toBe(2);
    // one file less: judged
    fs.rmSync(path.join(out, 'c1.k8s.yaml'));
    await plugin(out);
    expect(count.judgments()).toBe(3);
  });

  /** The plugin over `out` with the parses and the report's summary counted. */
  async function pluginCounted(out: string, props = {}): Promise<{ status: string; parses: number; summary?: { readonly [key: string]: string } }> {
    let status = '';
    let parses = 0;
    let summary: { readonly [key: string]: string } | undefined;
    const manifests = Object.keys(files(out)).filter(f => f.endsWith('.yaml')).map(f => path.join(out, f));
    await new CrossObjectValidation(props).validate({
      manifests,
      report: { addViolation: () => undefined, submit: (s, m) => { status = s; summary = m; } },
      parseManifest: f => { parses++; return parseAllDocuments(fs.readFileSync(f, 'utf8')).map(d => d.toJSON() as unknown); },
    });
    return { status, parses, summary };
  }

  test.each([
    ['one file per chart', YamlOutputType.FILE_PER_CHART, false],
    ['one file per chart, the charts depending on each other (numbered files)', YamlOutputType.FILE_PER_CHART, true],
    ['one file for the app', YamlOutputType.FILE_PER_APP, false],
  ])('%s: the plugin that finds the very files the app wrote reads none of them as YAML, and its report says what a full reading says', async (_name, yamlOutputType, dependant) => {
    const out = path.join(root, 'out');
    const app = new App({ outdir: out, recordConstructMetadata: true, yamlOutputType });
    build(app);
    if (dependant) app.node.findAll().filter(c => Chart.isChart(c))[1].node.addDependency(app.node.findAll().filter(c => Chart.isChart(c))[0]);
    app.synth();
    const written = fs.readdirSync(out).filter(f => f.endsWith('.yaml')).sort();
    if (dependant) expect(written[0]).toMatch(/^0000-/);
    expect(writtenFileNames(app)?.sort()).toEqual(written);
    const count = counting();
    const trusted = await pluginCounted(out);
    expect(trusted.parses).toBe(0);
    expect(count.judgments()).toBe(0);
    // without the record of the files: read, and the objects' record trusted (the same summary)
    const metadataFile = path.join(out, 'construct-metadata.json');
    const metadata = JSON.parse(fs.readFileSync(metadataFile, 'utf8')) as { [key: string]: unknown };
    delete metadata['cdk8s-pods-services:cleanJudgmentFiles'];
    fs.writeFileSync(metadataFile, JSON.stringify(metadata));
    const read = await pluginCounted(out);
    expect(read.parses).toBe(written.length);
    expect(count.judgments()).toBe(0);
    expect(trusted).toEqual({ ...read, parses: 0 });
    expect(trusted.summary?.Checked).toBe(`6 objects in ${written.length} file${written.length === 1 ? '' : 's'}, ${trusted.summary?.Checked.split(', ')[1]}`);
  });

  test('a comment added to a file: the files differ from the record, the objects do not: read, and not judged again', async () => {
    const out = path.join(root, 'out');
    const app = new App({ outdir: out, recordConstructMetadata: true });
    build(app, 2);
    app.synth();
    const file = path.join(out, 'c0.k8s.yaml');
    fs.writeFileSync(file, `# a comment\n${fs.readFileSync(file, 'utf8')}`);
    const count = counting();
    const { status, parses } = await pluginCounted(out);
    expect(parses).toBe(2);
    expect(count.judgments()).toBe(0);
    expect(status).toBe('success');
    // other settings: the files' record does not hold, the objects' neither: judged
    await pluginCounted(out, { warningsAsErrors: true });
    expect(count.judgments()).toBe(1);
  });

  test('one file per object: no record of the files (their names are not mirrored): the plugin reads them', async () => {
    const out = path.join(root, 'out');
    const app = new App({ outdir: out, recordConstructMetadata: true, yamlOutputType: YamlOutputType.FILE_PER_RESOURCE });
    build(app, 1);
    app.synth();
    expect(writtenFileNames(app)).toBeUndefined();
    const metadata = JSON.parse(fs.readFileSync(path.join(out, 'construct-metadata.json'), 'utf8')) as { [key: string]: unknown };
    expect(metadata['cdk8s-pods-services:cleanJudgmentFiles']).toBeUndefined();
    expect((await pluginCounted(out)).parses).toBe(2);
  });

  test('a judgment that found warnings is not recorded: the plugin judges and reports them', async () => {
    const out = path.join(root, 'out');
    const app = new App({ outdir: out, recordConstructMetadata: true });
    const chart = new Chart(app, 'c0');
    // a Service that selects nothing in the app: a warning, not an error, so the synth writes
    new ApiObject(chart, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'lonely' }, spec: { selector: { app: 'nobody' }, ports: [{ port: 80 }] } });
    app.synth();
    const metadata = JSON.parse(fs.readFileSync(path.join(out, 'construct-metadata.json'), 'utf8')) as { [key: string]: unknown };
    const count = counting();
    const { violations } = await plugin(out);
    expect(count.judgments()).toBe(1);
    expect(Object.keys(metadata).filter(k => k.startsWith('cdk8s-pods-services'))).toEqual([]);
    expect(violations.map(v => v.ruleName)).toContain('service-selects-a-pod');
  });
});
