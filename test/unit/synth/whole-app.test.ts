/**
 * The whole app is judged: the capacity, platform and cross-object rules run over every object
 * the app writes (raw `ApiObject`s, cdk8s-plus objects, an imported CRD), with no construct of
 * ours in it, once the app names the cluster (`ClusterCapacity.declare`, `Platform.applyTo`), and
 * in the validation plugin over the files the same app writes, with the same rules.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { parse, parseAllDocuments } from 'yaml';
import { ClusterCapacity, Platform } from '../../../src';
import { CrossObjectValidation, PluginValidationContext, PluginViolation } from '../../../src/plugin';
import { CronTab } from '../../fixtures/foreign/imports/stable.example.com';
import { declareCustomResource } from '../../schema';

declareCustomResource(parse(fs.readFileSync(path.join(__dirname, '../../fixtures/foreign/crontab-crd.yaml'), 'utf8')));

const BUDGET = { nodes: 1, cpu: '2', memory: '2Gi' };

/** An app of no construct of ours: a cdk8s-plus Deployment too big for the node, a raw Pod on the host's network in a Namespace enforcing "baseline", a raw Service selecting nothing, a custom resource. */
function foreignApp(outdir: string, context: { [key: string]: unknown } = {}): App {
  const app = new App({ outdir });
  for (const [key, value] of Object.entries(context)) app.node.setContext(key, value);
  const chart = new Chart(app, 'foreign');
  new kplus.Deployment(chart, 'big', {
    replicas: 1,
    containers: [{ image: 'nginx:1.27', portNumber: 80, resources: { cpu: { request: kplus.Cpu.units(3), limit: kplus.Cpu.units(3) } } }],
  });
  new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } });
  new ApiObject(chart, 'pod', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'agent', namespace: 'shop', labels: { app: 'agent' } },
    spec: { hostNetwork: true, containers: [{ name: 'agent', image: 'busybox:1.36', resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '16Mi' } } }] },
  });
  new ApiObject(chart, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nothing' }, spec: { selector: { app: 'nothing' }, ports: [{ port: 80 }] } });
  new CronTab(chart, 'crontab', { spec: { cronSpec: '* * * * */5', image: 'my-awesome-cron-image', replicas: 1 } });
  return app;
}

/** The rule ids of what the synth refused, from cdk8s's validation message. */
function refusedAtSynth(app: App): string[] {
  try {
    app.synth();
  } catch (err) {
    return [...new Set([...(err as Error).message.matchAll(/\[([a-z0-9-]+)\]$/gm)].map(m => m[1]))].sort();
  }
  return [];
}

async function pluginRules(dir: string, props: object): Promise<string[]> {
  const manifests = fs.readdirSync(dir).filter(f => f.endsWith('.k8s.yaml')).map(f => path.join(dir, f));
  const violations: PluginViolation[] = [];
  const ctx: PluginValidationContext = {
    manifests,
    report: { addViolation: v => violations.push(v), submit: () => undefined },
    parseManifest: file => parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS()),
  };
  await new CrossObjectValidation(props).validate(ctx);
  return [...new Set(violations.filter(v => !v.recommendation.includes('warning: ')).map(v => v.ruleName))].sort();
}

const EXPECTED = ['capacity', 'namespace-pod-security', 'platform-admission', 'service-selects-a-pod'];

describe('an app with no construct of ours', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'whole-app-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('fails at app.synth() on capacity, platform and cross-object rules once it declares its cluster', () => {
    const app = foreignApp(dir, { 'cdk8s-pods-services:platform': 'gke-autopilot' });
    ClusterCapacity.declare(app, BUDGET);
    expect(refusedAtSynth(app)).toEqual(EXPECTED);
  });

  test('fails at app.synth() on its platform\'s admission once Platform.applyTo names it', () => {
    const app = foreignApp(dir);
    Platform.GKE_AUTOPILOT.applyTo(app);
    expect(refusedAtSynth(app)).toContain('platform-admission');
  });

  test('fails in the validation plugin on the same rules, over the files it writes', async () => {
    // (nothing of ours in the app and nothing declared: cdk8s writes it unjudged, and the plugin judges the files)
    expect(refusedAtSynth(foreignApp(dir))).toEqual([]);
    expect(await pluginRules(dir, { capacity: BUDGET, platform: 'gke-autopilot' })).toEqual(EXPECTED);
  });
});
