/**
 * Apps written the way cdk8s-plus's own docs (docs/plus/*.md) and Kubernetes' tutorials write
 * them synthesize with and without our constructs beside them, and the objects they write are the
 * same, byte for byte: our library judges the app and orders Services before their pods, and
 * changes nothing else of what others wrote.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Include } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { parse, parseAllDocuments } from 'yaml';
import { ExposedService, NginxPod, ServiceType, validateApp } from '../../../src';
import { CronTab } from '../../fixtures/foreign/imports/stable.example.com';
import { declareCustomResource } from '../../schema';

const FIXTURES = path.join(__dirname, '../../fixtures/foreign');
declareCustomResource(parse(fs.readFileSync(path.join(FIXTURES, 'crontab-crd.yaml'), 'utf8')));

/** Each idiomatic app, as a chart: what its docs write. */
const APPS: Record<string, (chart: Chart) => void> = {
  // docs/plus/ingress.md: a Deployment, exposeViaService, an Ingress rule to the Service.
  'Deployment + exposeViaService + Ingress': chart => {
    const helloDeployment = new kplus.Deployment(chart, 'Deployment', {
      containers: [{ image: 'hashicorp/http-echo', args: ['-text', 'hello ingress'], portNumber: 5678 }],
    });
    const helloService = helloDeployment.exposeViaService({ ports: [{ port: 5678 }] });
    const ingress = new kplus.Ingress(chart, 'ingress');
    ingress.addRule('/hello', kplus.IngressBackend.fromService(helloService));
  },
  // docs/plus/container.md and config-map.md: a ConfigMap with data, read as env.
  'ConfigMap + env': chart => {
    const config = new kplus.ConfigMap(chart, 'Config');
    config.addData('url', 'https://my-endpoint:8080');
    const deployment = new kplus.Deployment(chart, 'Backend', { containers: [{ image: 'node', portNumber: 8080 }] });
    deployment.containers[0].env.addVariable('endpoint', kplus.EnvValue.fromConfigMap(config, 'url'));
    deployment.containers[0].env.copyFrom(kplus.Env.fromConfigMap(config));
    deployment.exposeViaService();
  },
  // cdk8s's docs (ApiObject): a raw Pod, declared before the Service that selects it.
  'raw ApiObject Pod before its Service': chart => {
    new ApiObject(chart, 'pod', {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'hello', labels: { app: 'hello' } },
      spec: { containers: [{ name: 'hello', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
    });
    new ApiObject(chart, 'svc', {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: 'hello' },
      spec: { selector: { app: 'hello' }, ports: [{ port: 80, targetPort: 80 }] },
    });
  },
  // cdk8s's docs (Include): the guestbook's Redis leader, Deployment before Service, from YAML.
  'Include of a YAML file': chart => {
    new Include(chart, 'redis', { url: path.join(FIXTURES, 'redis-leader.yaml') });
  },
  // `cdk8s import crontab-crd.yaml`: the custom resource of Kubernetes' CRD docs.
  'imported CRD': chart => {
    new CronTab(chart, 'crontab', { spec: { cronSpec: '* * * * */5', image: 'my-awesome-cron-image', replicas: 1 } });
  },
};

/** Our constructs, in a chart of their own or in the app's own chart. */
function ours(scope: Construct): void {
  const web = new NginxPod(scope, 'web', { name: 'web' });
  new ExposedService(scope, 'web-svc', { name: 'web-svc', type: ServiceType.CLUSTER_IP, target: web, port: 80 });
}

/** What `app.synth()` writes: each file's documents, as YAML text, by `Kind/name`. */
function synthDocs(app: App): { docs: Map<string, string>; order: string[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'foreign-'));
  try {
    (app as { outdir: string }).outdir = outdir;
    app.synth();
    const docs = new Map<string, string>();
    const order: string[] = [];
    for (const file of fs.readdirSync(outdir).sort()) {
      const text = fs.readFileSync(path.join(outdir, file), 'utf8');
      for (const doc of parseAllDocuments(text)) {
        const json = doc.toJS() as { kind: string; metadata: { name: string } };
        const key = `${json.kind}/${json.metadata.name}`;
        order.push(key);
        // The document's text exactly as written (the range of the document in the file).
        docs.set(key, text.slice(doc.range[0], doc.range[1]).replace(/^---\n/, ''));
      }
    }
    return { docs, order };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function build(write: (chart: Chart) => void, withOurs: 'none' | 'own chart' | 'same chart'): App {
  const app = new App({ outdir: os.tmpdir() });
  const chart = new Chart(app, 'app');
  write(chart);
  if (withOurs === 'own chart') ours(new Chart(app, 'ours'));
  if (withOurs === 'same chart') ours(chart);
  return app;
}

describe.each(Object.entries(APPS))('%s', (_name, write) => {
  const without = synthDocs(build(write, 'none'));

  test.each(['own chart', 'same chart'] as const)('synthesizes beside our constructs (%s), its objects byte-identical', where => {
    const app = build(write, where);
    expect(validateApp(app)).toEqual([]);
    const withOurs = synthDocs(app);
    for (const [key, yaml] of without.docs) expect({ key, yaml: withOurs.docs.get(key) }).toEqual({ key, yaml });
    expect(withOurs.docs.has('Pod/web')).toBe(true);
    // Each app's Service selects its one workload: the Service is written first.
    const theirs = withOurs.order.filter(k => without.docs.has(k));
    const workload = theirs.findIndex(k => /^(Deployment|Pod)\//.test(k));
    const service = theirs.findIndex(k => k.startsWith('Service/'));
    if (service >= 0) expect(service).toBeLessThan(workload);
  });
});

test('a Service declared after the Deployment it selects is written first when our library is in the app', () => {
  const app = build(APPS['Deployment + exposeViaService + Ingress'], 'same chart');
  const { order } = synthDocs(app);
  const service = order.findIndex(k => k.startsWith('Service/') && k !== 'Service/web-svc');
  const deployment = order.findIndex(k => k.startsWith('Deployment/'));
  expect(service).toBeGreaterThanOrEqual(0);
  expect(service).toBeLessThan(deployment);
});

test('a raw Pod declared before its Service is written after it', () => {
  const { order } = synthDocs(build(APPS['raw ApiObject Pod before its Service'], 'own chart'));
  expect(order.indexOf('Service/hello')).toBeLessThan(order.indexOf('Pod/hello'));
});

test('where no dependency can order them (a cycle), the order stays and the synth reports it, without a crash', () => {
  const app = new App({ outdir: os.tmpdir() });
  const chart = new Chart(app, 'app');
  const pod = new ApiObject(chart, 'pod', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'hello', labels: { app: 'hello' } },
    spec: { containers: [{ name: 'hello', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
  });
  const svc = new ApiObject(chart, 'svc', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'hello' }, spec: { selector: { app: 'hello' }, ports: [{ port: 80 }] },
  });
  svc.node.addDependency(pod); // the user's own order: the Service after the Pod
  ours(new Chart(app, 'ours'));
  const problems = validateApp(app);
  expect(problems.map(p => ({ rule: p.rule, path: p.path }))).toEqual([{ rule: 'service-before-its-pods', path: 'app/svc' }]);
  expect(pod.node.dependencies).toEqual([]);
});

test('a Service in another chart than its pods is not ordered by a dependency (the charts would be renumbered)', () => {
  const app = new App({ outdir: os.tmpdir() });
  const a = new Chart(app, 'a');
  const b = new Chart(app, 'b');
  new ApiObject(a, 'pod', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'hello', labels: { app: 'hello' } },
    spec: { containers: [{ name: 'hello', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
  });
  new ApiObject(b, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'hello' }, spec: { selector: { app: 'hello' }, ports: [{ port: 80 }] } });
  ours(b);
  expect(validateApp(app).map(p => p.rule)).toEqual(['service-before-its-pods']);
  expect(a.node.dependencies).toEqual([]);
});
