/**
 * One engine: the checks inside an app (at synth) and the validation plugin (over the files
 * synth wrote) judge one corpus of good and broken apps, and find the same problems: the same
 * rule, object, field and value, in the same order. The one named exception: `restricted-profile`
 * is judged from what a construct promises (SecurityProfile.RESTRICTED), which the written
 * manifests do not carry.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { parseAllDocuments } from 'yaml';
import { buildTutorial } from '../../app/tutorial';
import {
  AppPod, ExposedService, FlaskPod, formatProblem, NginxPod, Problem, SecurityProfile, ServiceType, validateApp, Workload,
} from '../../src';
import { CrossObjectValidation, PluginViolation } from '../../src/plugin';
import { FIXTURES } from '../paths';

const k8s = kplus.k8s;

/** The apps of the corpus: each builds its charts into the app it is given. */
const CORPUS: { [name: string]: (app: App) => void } = {
  'the tutorial': buildTutorial,
  'a generated Service name in a chart whose id starts with a digit (an L1 Service: ExposedService refuses it when it is built)': app => {
    const chart = new Chart(app, '02-cluster-ip');
    const svc = new k8s.KubeService(chart, 'svc', { spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    new NginxPod(chart, 'web', { labels: { app: 'web' } }).apiObject.node.addDependency(svc);
  },
  'two pods share a label and listen on different ports': app => {
    const chart = new Chart(app, 'shared');
    const a = new AppPod(chart, 'a', { labels: { app: 'x' }, containers: [{ name: 'a', image: 'nginx', port: 80 }] });
    new AppPod(chart, 'b', { labels: { app: 'x' }, containers: [{ name: 'b', image: 'nginx', port: 8080 }] });
    new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.CLUSTER_IP, target: a });
  },
  'a pod declares the port over UDP only': app => {
    const chart = new Chart(app, 'udp');
    const dns = new AppPod(chart, 'dns', { labels: { app: 'dns' }, containers: [{ name: 'dns', image: 'coredns/coredns:1.11.1', ports: [{ number: 53, protocol: 'UDP' as never }] }] });
    new k8s.KubeService(chart, 'svc', { metadata: { name: 'dns' }, spec: { selector: { app: 'dns' }, ports: [{ port: 53 }] } });
    dns.node.addDependency(chart.node.findChild('svc'));
  },
  'a JsonPatch changes a pod\'s label after its Service targets it': app => {
    const chart = new Chart(app, 'patched');
    const web = new NginxPod(chart, 'web', { name: 'web', labels: { app: 'web' } });
    new ExposedService(chart, 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: web });
    web.apiObject.addJsonPatch(JsonPatch.replace('/metadata/labels/app', 'other'));
  },
  'escape hatches write what the API server or a runtime refuses': app => {
    const chart = new Chart(app, 'hatches');
    const api = new FlaskPod(chart, 'api', { name: 'api', workload: Workload.deployment({ replicas: 2 }) });
    api.apiObject.addJsonPatch(JsonPatch.replace('/spec/replicas', 2147483648));
    const web = new NginxPod(chart, 'web', { name: 'web' });
    web.apiObject.addJsonPatch(JsonPatch.replace('/spec/containers/0/image', 'NGINX:Latest'));
    web.apiObject.metadata.addAnnotation('big', 'x'.repeat(256 * 1024));
    const svc = new ExposedService(chart, 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, ports: [{ port: 80, name: 'http' }, { port: 81, targetPort: 80, name: 'web' }], target: web });
    svc.apiObject.addJsonPatch(JsonPatch.replace('/spec/ports/1/name', 'http'));
  },
  'raw objects: a Service after its pod, node ports taken twice and out of range, a name used twice': app => {
    const chart = new Chart(app, 'raw');
    new k8s.KubePod(chart, 'pod', { metadata: { name: 'p', labels: { app: 'p' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } });
    new k8s.KubeService(chart, 'late', { metadata: { name: 'late' }, spec: { selector: { app: 'p' }, ports: [{ port: 80 }] } });
    // (The engine puts a Service of one chart before its pods; a Service in a chart written after
    // its pods' chart (files in name order, raw < z-late) is not reordered, and is reported.)
    new k8s.KubeService(new Chart(app, 'z-late'), 'later', { metadata: { name: 'later' }, spec: { selector: { app: 'p' }, ports: [{ port: 80 }] } });
    for (const [id, nodePort] of [['a', 30100], ['b', 30100], ['c', 20000]] as const) {
      new k8s.KubeService(chart, id, { metadata: { name: `np-${id}` }, spec: { type: 'NodePort', selector: { app: 'p' }, ports: [{ port: 80, nodePort }] } });
    }
    new k8s.KubeConfigMap(chart, 'cm1', { metadata: { name: 'settings' } });
    new k8s.KubeConfigMap(chart, 'cm2', { metadata: { name: 'settings' } });
  },
  'a restricted pod whose container turns privilege escalation back on': app => {
    const chart = new Chart(app, 'hardened');
    new AppPod(chart, 'app', {
      securityProfile: SecurityProfile.RESTRICTED,
      containers: [{ name: 'app', image: 'example/app:1', port: 8080, securityContext: { allowPrivilegeEscalation: true } }],
    });
  },
  'policies that keep a Service\'s port out, an Ingress to a port its Service lacks, and Service fields of the wrong type (escape hatches and L1 objects)': app => {
    const chart = new Chart(app, 'network');
    const web = new NginxPod(chart, 'web', { name: 'web' });
    const svc = new ExposedService(chart, 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: web, port: 4050 });
    web.isolate({ ports: [] });
    new k8s.KubeNetworkPolicy(chart, 'deny', { metadata: { name: 'deny' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } });
    const ingress = svc.exposeViaIngress({ name: 'web' });
    ingress.apiObject.addJsonPatch(JsonPatch.replace('/spec/rules/0/http/paths/0/backend/service/port/number', 4051));
    ingress.apiObject.addJsonPatch(JsonPatch.replace('/spec/rules/0/http/paths/0/path', 'web'));
    svc.apiObject.addJsonPatch(JsonPatch.add('/spec/externalTrafficPolicy', 'Local'));
  },
  'the broken fixture, as objects of an app': app => {
    // (cdk8s's Include names objects by kind and name, and the fixture uses one name twice on purpose)
    const chart = new Chart(app, 'broken');
    const docs = parseAllDocuments(fs.readFileSync(path.join(FIXTURES, 'broken', 'broken.k8s.yaml'), 'utf8')).map(d => d.toJS());
    docs.forEach((doc, i) => new ApiObject(chart, `object-${i}`, doc));
  },
};

/** A problem as both sides can tell it: rule, object, and "field: value is not valid: allowed" (the fix may name a knob of its own). */
type Key = [rule: string, object: string, text: string];

/** The text of a problem between its path and its fix. */
function statement(message: string): string {
  return message.replace(/^(warning: )?\[[^\]]*\] /, '').replace(/( Fix: .*)? \[[a-z-]+\]$/, '');
}

/** What the app finds, and what the plugin finds in the files the same app writes. */
async function bothWays(build: (app: App) => void): Promise<{ app: Key[]; plugin: Key[] }> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'one-engine-'));
  try {
    const app = new App({ outdir });
    build(app);
    const found = validateApp(app);
    // Write the files without the app's own checks (they would stop the synth), as a plugin user's app would.
    app.node.tryRemoveChild('cdk8s-pods-services');
    app.synth();
    const files = fs.readdirSync(outdir).filter(f => f.endsWith('.k8s.yaml')).map(f => path.join(outdir, f));
    const violations: PluginViolation[] = [];
    await new CrossObjectValidation().validate({
      manifests: files,
      report: { addViolation: v => violations.push(v), submit: () => undefined },
      parseManifest: file => parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS()),
    });
    return {
      app: found.filter(p => p.rule !== 'restricted-profile').map((p: Problem): Key => [p.rule, p.object!, statement(formatProblem(p))]),
      plugin: violations.map((v): Key => [v.ruleName, /^(?:warning: )?\[([^\]]+)\]/.exec(v.recommendation)![1], statement(v.recommendation)]),
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe.each(Object.entries(CORPUS))('%s', (_name, build) => {
  test('the app and the plugin find the same problems', async () => {
    const { app, plugin } = await bothWays(build);
    expect(plugin).toEqual(app);
  });
});

test('the corpus holds good apps and broken ones, and every rule a manifest can break', async () => {
  const rules = new Set<string>();
  let clean = 0;
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'one-engine-rules-'));
  try {
    for (const build of Object.values(CORPUS)) {
      const app = new App({ outdir });
      build(app);
      const found = validateApp(app);
      if (found.length === 0) clean++;
      for (const p of found) rules.add(p.rule);
    }
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  expect(clean).toBeGreaterThanOrEqual(1);
  expect([...rules].sort()).toEqual(expect.arrayContaining([
    'annotations', 'containers', 'controller-selector', 'external-name', 'image-reference', 'no-port-clash-in-pod', 'node-port', 'object-name',
    'replicas', 'resources', 'restart-policy', 'restricted-profile', 'service-before-its-pods', 'service-ports', 'service-selects-a-pod',
    'target-port-is-exposed', 'unique-object-names', 'volumes', 'service-port-allowed', 'ingress', 'ingress-backend', 'traffic-policy',
  ]));
});
