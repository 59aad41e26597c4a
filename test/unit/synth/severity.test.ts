/**
 * Severities in an app: a warning is printed once per object and rule and does not stop the
 * synth; the context value warningsAsErrors makes it stop; a rule turned off is said, with its
 * reason, in the synth's output.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { AppPod, setWarningSink, SKIP_RULES_CONTEXT, synthAtomically, ValidationError, WARNINGS_AS_ERRORS_CONTEXT } from '../../../src';

/**
 * Adds to `app` what has one problem, a warning: a negative grace period, which the API server only
 * warns about (and a construct of the library, which runs the engine at synth). (A Service after
 * its pods in one chart is no longer one: the library writes Services first.)
 */
function build(app: App, context: { [key: string]: unknown } = {}): App {
  for (const [key, value] of Object.entries(context)) app.node.setContext(key, value);
  const chart = new Chart(app, 'c');
  new AppPod(chart, 'other', { containers: [{ name: 'web', image: 'example/web:1', port: 8080 }] });
  new k8s.KubePod(chart, 'pod', { metadata: { name: 'p', labels: { app: 'p' } }, spec: { terminationGracePeriodSeconds: -1, containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } });
  new k8s.KubeService(chart, 'svc', { metadata: { name: 's' }, spec: { selector: { app: 'p' }, ports: [{ port: 80 }] } });
  return app;
}

const made: string[] = [];
const outdir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'severity-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});
const lateService = (context: { [key: string]: unknown } = {}) => build(new App({ outdir: outdir() }), context);

let lines: string[];
let previous: (line: string) => void;
beforeEach(() => {
  lines = [];
  previous = setWarningSink(line => lines.push(line));
});
afterEach(() => setWarningSink(previous));

describe('a warning', () => {
  test('does not stop app.synth(): it is printed once, in the library\'s format after "warning: "', () => {
    const app = lateService();
    app.synth();
    expect(fs.readdirSync(app.outdir)).toEqual(['c.k8s.yaml']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^warning: \[c\/pod\] spec\.terminationGracePeriodSeconds: -1 is not valid: .* \[termination-grace-period\]$/);
  });

  test('does not stop synthAtomically either, and is printed once', () => {
    const dir = path.join(outdir(), 'dist');
    synthAtomically(dir, app => build(app));
    expect(fs.readdirSync(dir)).toEqual(['c.k8s.yaml']);
    expect(lines.filter(l => l.startsWith('warning: '))).toHaveLength(1);
  });

  test('fails app.synth() under the context value warningsAsErrors, as an error', () => {
    const app = lateService({ [WARNINGS_AS_ERRORS_CONTEXT]: true });
    expect(() => app.synth()).toThrow(/\[c\/pod\] spec\.terminationGracePeriodSeconds: -1 is not valid: .*\[termination-grace-period\]/);
    expect(() => synthAtomically(path.join(outdir(), 'dist'), app => build(app, { [WARNINGS_AS_ERRORS_CONTEXT]: 'true' }))).toThrow(ValidationError);
    expect(lines).toEqual([]);
  });

  test('fails on a warningsAsErrors that is no boolean', () => {
    expect(() => lateService({ [WARNINGS_AS_ERRORS_CONTEXT]: 'yes' }).synth()).toThrow(/context "cdk8s-pods-services:warningsAsErrors": "yes" is not valid: true or false/);
  });
});

describe('a rule turned off', () => {
  test('is said with its reason in the synth\'s output, once', () => {
    const app = lateService({ [SKIP_RULES_CONTEXT]: { 'termination-grace-period': 'the pod is deleted by hand, never drained' } });
    app.synth();
    expect(lines).toEqual(['note: rule termination-grace-period is off: the pod is deleted by hand, never drained']);
  });
});
