/**
 * The engine inside an app (src/synth/app-checks.ts): at every synth it judges every object of
 * the app as synth writes it (escape hatches applied), in output order. Problems are about the
 * written manifest: the field is the manifest's, the path the construct that wrote it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Testing, Yaml, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import {
  AppPod, ContainerProps, ExposedService, FlaskPod, formatProblem, IPodTarget, NginxPod, NODE_PORT_RANGE_CONTEXT, Problem, SecurityProfile, ServiceType, SKIP_RULES_CONTEXT, validateApp, Volume, Workload,
} from '../../../src';
import { checkManifests } from '../../../src/check';
import { CrossObjectValidation, PluginViolation } from '../../../src/plugin';
import { objectsInOutputOrder } from '../../../src/synth/cdk8s-mirror/output-order';
import * as schema from '../../schema';
import { brief, Brief, problemsOf, synth, synthProblemsOf } from '../../util';

const k8s = kplus.k8s;

afterEach(() => jest.restoreAllMocks());

/** Asserts that `run` fails with every one of `problems`, printed in the library's format, and no other of ours. */
function expectFailsWith(run: () => unknown, problems: readonly Problem[]): void {
  expect(problems.length).toBeGreaterThan(0);
  let message = '';
  try {
    run();
  } catch (err) {
    message = (err as Error).message;
  }
  const ours = message.split('\n').filter(line => line.includes('[cdk8s-pods-services]'));
  expect(ours).toEqual(problems.map(p => `  [cdk8s-pods-services] ${formatProblem(p)}`));
}

/** Brief problems with the object and the construct path. */
const located = (problems: readonly Problem[]) => problems.map(p => ({ rule: p.rule, field: p.field, value: p.value, path: p.path, object: p.object }));

/** A bare L1 Pod of one nginx container. */
function kubePod(scope: Construct, id: string, name: string, labels: { [k: string]: string }, ports: kplus.k8s.ContainerPort[] = [{ containerPort: 80 }]): kplus.k8s.KubePod {
  return new k8s.KubePod(scope, id, { metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'nginx', ports }] } });
}

/** A pod target that is not one of our constructs: the labels given, pods created by `apiObject`. */
function rawTarget(apiObject: ApiObject, labels: { [k: string]: string }, ports: number[] = [80]): IPodTarget {
  return {
    node: apiObject.node, selectorLabels: labels, apiObject,
    exposedPorts: ports.map(number => ({ container: 'c', number, protocol: 'TCP' })),
  } as unknown as IPodTarget;
}

describe('the engine runs at every synth', () => {
  test('Testing.synth(chart) and app.synth() fail with the engine\'s problems, and validateApp returns them structured', () => {
    const chart = Testing.chart();
    const pod = new NginxPod(chart, 'web', { name: 'web' });
    new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.CLUSTER_IP, target: pod, port: 80, targetPort: 8080 });
    const problems = validateApp(chart);
    expect(located(problems)).toEqual([
      { rule: 'target-port-is-exposed', field: 'spec.ports[0].targetPort', value: 8080, path: 'test/svc', object: 'Service/svc' },
    ]);
    expectFailsWith(() => synth(chart), problems);
    expectFailsWith(() => (chart.node.scope as App).synth(), problems);
  });

  test('a valid app passes: validateApp is empty, synth writes', () => {
    const chart = Testing.chart();
    const pod = new NginxPod(chart, 'web', { name: 'web' });
    new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.CLUSTER_IP, target: pod });
    expect(validateApp(chart)).toEqual([]);
    expect(synth(chart).map(o => o.kind)).toEqual(['Service', 'Pod']);
  });

  test('validateApp also returns other constructs\' validations, as messages with rule "validation"', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { name: 'web' });
    kubePod(chart, 'raw', 'Web', { app: 'raw' });
    chart.node.addValidation({ validate: () => ['a check of the user\'s own'] });
    expect(validateApp(chart).map(p => [p.rule, p.path, p.field, p.message])).toEqual([
      ['object-name', 'test/raw', 'metadata.name', undefined],
      ['validation', 'test', '', 'a check of the user\'s own'],
    ]);
  });

  test('runs once per app, however many constructs and charts', () => {
    const app = Testing.app();
    for (const id of ['a', 'b']) new NginxPod(new Chart(app, id), 'web', { name: `web-${id}` });
    new NginxPod(new Chart(app, 'c'), 'web', { name: 'web-a' });
    expect(app.node.children.filter(c => !Chart.isChart(c))).toHaveLength(1);
    expect(brief(validateApp(app))).toEqual([{ rule: 'unique-object-names', field: 'metadata.name', value: 'web-a' }]);
  });

  test('reports every problem at once', () => {
    const chart = Testing.chart();
    const pod = new NginxPod(chart, 'web', { name: 'web' });
    new ExposedService(chart, 'a', { name: 'a', type: ServiceType.NODE_PORT, target: pod, port: 80, targetPort: 81, nodePort: 30001 });
    new ExposedService(chart, 'b', { name: 'b', type: ServiceType.NODE_PORT, target: pod, port: 80, nodePort: 30001 });
    const problems = validateApp(chart);
    expect(located(problems)).toEqual([
      { rule: 'target-port-is-exposed', field: 'spec.ports[0].targetPort', value: 81, path: 'test/a', object: 'Service/a' },
      { rule: 'node-port', field: 'spec.ports[0].nodePort', value: 30001, path: 'test/b', object: 'Service/b' },
    ]);
    expectFailsWith(() => synth(chart), problems);
  });
});

describe('what synth writes, not what the props said', () => {
  test('a Service without a name in a chart whose id starts with a digit gets a generated name that is no DNS-1035 label: ExposedService and any other Service fail alike, at synth', () => {
    const app = Testing.app();
    const chart = new Chart(app, '02-cluster-ip');
    const pod = new NginxPod(chart, 'web', { name: 'web', labels: { app: 'web' } });
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod });
    const raw = new k8s.KubeService(chart, 'raw', { spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    raw.node.addDependency(chart.node.findChild('svc') ?? raw.node.scope!);
    pod.apiObject.node.addDependency(raw);
    const problems = validateApp(app);
    expect(located(problems)).toEqual([
      { rule: 'object-name', field: 'metadata.name', value: '02-cluster-ip-svc-c8217ebf', path: '02-cluster-ip/svc', object: 'Service/02-cluster-ip-svc-c8217ebf' },
      { rule: 'object-name', field: 'metadata.name', value: raw.name, path: '02-cluster-ip/raw', object: `Service/${raw.name}` },
    ]);
    expect(problems[0].fix).toContain('`name`');
    expect(raw.name.startsWith('02-')).toBe(true);
    expectFailsWith(() => app.synth(), problems);
  });

  test('two Service ports of one name, written through an escape hatch, fail', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'web', { name: 'web', containers: [{ name: 'c', image: 'nginx', ports: [{ number: 80 }, { number: 81 }] }] });
    const svc = new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.CLUSTER_IP, target: pod, ports: [{ name: 'http', port: 80 }, { name: 'alt', port: 81 }] });
    svc.apiObject.addJsonPatch(JsonPatch.add('/spec/ports/1/name', 'http'));
    const problems = validateApp(chart);
    expect(located(problems)).toEqual([
      { rule: 'service-ports', field: 'spec.ports[1].name', value: 'http', path: 'test/svc', object: 'Service/svc' },
    ]);
    expectFailsWith(() => synth(chart), problems);
  });

  test('replicas beyond int32, an image no runtime can pull, annotations over 256 KiB, written by escape hatches, fail', () => {
    // (The test suite's schema check refuses replicas beyond int32 too, when it renders: the engine is what is tested here.)
    jest.spyOn(schema, 'schemaErrors').mockReturnValue([]);
    const chart = Testing.chart();
    const web = new FlaskPod(chart, 'api', { name: 'api', workload: Workload.deployment({ replicas: 1 }) });
    web.apiObject.addJsonPatch(JsonPatch.replace('/spec/replicas', 2147483648));
    const nginx = new NginxPod(chart, 'web', { name: 'web' });
    nginx.apiObject.addJsonPatch(JsonPatch.replace('/spec/containers/0/image', 'NGINX:Latest'));
    nginx.apiObject.metadata.addAnnotation('big', 'x'.repeat(256 * 1024));
    const problems = validateApp(chart);
    expect(located(problems)).toEqual([
      { rule: 'replicas', field: 'spec.replicas', value: 2147483648, path: 'test/api', object: 'Deployment/api' },
      { rule: 'annotations', field: 'metadata.annotations', value: 256 * 1024 + 'big'.length, path: 'test/web', object: 'Pod/web' },
      { rule: 'image-reference', field: 'spec.containers[0].image', value: 'NGINX:Latest', path: 'test/web', object: 'Pod/web' },
    ]);
    expectFailsWith(() => synth(chart), problems);
  });

  test('an ExternalName Service with a trailing dot and ports passes', () => {
    const chart = Testing.chart();
    new ExposedService(chart, 'ext', { name: 'ext', type: ServiceType.EXTERNAL_NAME, externalName: 'foo.example.com.', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] });
    expect(validateApp(chart)).toEqual([]);
    expect(synth(chart)[0].spec).toEqual({
      type: 'ExternalName', externalName: 'foo.example.com.', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }],
    });
  });
});

describe('every pod a Service selects', () => {
  test('two pods share a label and listen on different ports: a Service that targets one fails, naming the other', () => {
    const chart = Testing.chart();
    const ours = new AppPod(chart, 'ours', { name: 'ours', labels: { app: 'x' }, containers: [{ name: 'c', image: 'nginx', port: 80 }] });
    kubePod(chart, 'theirs', 'theirs', { app: 'x' }, [{ containerPort: 8080 }]);
    new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.CLUSTER_IP, target: ours, port: 80 });
    const problems = validateApp(chart);
    expect(located(problems)).toEqual([
      { rule: 'target-port-is-exposed', field: 'spec.ports[0].targetPort', value: 80, path: 'test/svc', object: 'Service/svc' },
    ]);
    expect(problems[0].allowed).toContain('Pod/theirs');
    expect(problems[0].allowed).not.toContain('Pod/ours');
    expectFailsWith(() => synth(chart), problems);
  });

  test('a pod that declares the port over UDP only fails a TCP Service port, and the problem says what it declares', () => {
    const chart = Testing.chart();
    const tcp = new AppPod(chart, 'tcp', { name: 'tcp', labels: { app: 'x' }, containers: [{ name: 'c', image: 'nginx', port: 5000 }] });
    kubePod(chart, 'udp', 'udp', { app: 'x' }, [{ containerPort: 5000, protocol: 'UDP' }]);
    new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.CLUSTER_IP, target: tcp, port: 5000 });
    const problems = validateApp(chart);
    expect(located(problems)).toEqual([
      { rule: 'target-port-is-exposed', field: 'spec.ports[0].targetPort', value: 5000, path: 'test/svc', object: 'Service/svc' },
    ]);
    expect(problems[0].allowed).toContain('Pod/udp');
    expect(problems[0].allowed).toContain('5000/UDP');
    expect(formatProblem(problems[0])).not.toContain('declare none');
  });
});

describe('escape hatches are judged as written, as the validation plugin judges the files', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-checks-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The plugin's violations over a file holding `objects`. */
  async function plugin(objects: unknown[]): Promise<PluginViolation[]> {
    const file = path.join(dir, 'app.k8s.yaml');
    Yaml.save(file, objects);
    const violations: PluginViolation[] = [];
    await new CrossObjectValidation().validate({
      manifests: [file],
      report: { addViolation: v => violations.push(v), submit: () => {} },
      parseManifest: f => parseAllDocuments(fs.readFileSync(f, 'utf8')).map(d => d.toJS()),
    });
    return violations;
  }

  test('a JsonPatch that changes a pod\'s label after a Service targets it: synth fails with service-selects-a-pod, like the plugin and checkManifests', async () => {
    const app = new App({ outdir: dir });
    const chart = new Chart(app, 'c');
    const pod = new NginxPod(chart, 'web', { name: 'web', labels: { app: 'web' } });
    new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.CLUSTER_IP, target: pod });
    pod.apiObject.addJsonPatch(JsonPatch.replace('/metadata/labels/app', 'wbe'));
    const problems = validateApp(app);
    expect(located(problems)).toEqual([
      { rule: 'service-selects-a-pod', field: 'spec.selector', value: { app: 'web' }, path: 'c/svc', object: 'Service/svc' },
    ]);
    expectFailsWith(() => app.synth(), problems);
    expect(fs.readdirSync(dir)).toEqual([]);

    // The same objects, as synth would write them.
    const written = objectsInOutputOrder(app).map(o => o.toJson());
    expect(written.map(o => `${o.kind}/${o.metadata.labels?.app ?? ''}`)).toEqual(['Service/', 'Pod/wbe']);
    const same = (ps: readonly Problem[]) => ps.map(p => [p.rule, p.field, p.value, p.object]);
    expect(same(checkManifests(written))).toEqual(same(problems));
    const violations = await plugin(written);
    expect(violations.map(v => [v.ruleName, v.violatingResources[0].locations[0], v.violatingResources[0].resourceName]))
      .toEqual(problems.map(p => [p.rule, p.field, p.object!.split('/').pop()]));
  });

  test('a value an L1 drops when it renders is judged as synth writes it, null, as checkManifests reads the file', () => {
    // A plain string where a Quantity goes: the L1's serializer drops it, and cdk8s writes null.
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'x', { name: 'x', containers: [{ name: 'c', image: 'nginx', port: 80 }] });
    pod.apiObject.addJsonPatch(JsonPatch.replace('/spec/containers/0/resources/requests/cpu', 'lots'));
    const problems = validateApp(chart);
    expect(brief(problems)).toEqual([{ rule: 'quantities', field: 'spec.containers[0].resources.requests.cpu', value: null }]);
    const file = path.join(dir, 'c.k8s.yaml');
    Yaml.save(file, objectsInOutputOrder(chart).map(o => o.toJson()));
    expect(brief(checkManifests(parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS())))).toEqual(brief(problems));
  });

  test('the node port rule names the knob of where it runs: the app\'s context key in an app, not in checkManifests or the plugin', async () => {
    const chart = Testing.chart();
    const pod = new FlaskPod(chart, 'api', { name: 'api' });
    const svc = new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.NODE_PORT, target: pod, nodePort: 30080 });
    svc.apiObject.addJsonPatch(JsonPatch.replace('/spec/ports/0/nodePort', 29999));
    const [inApp, ...rest] = validateApp(chart);
    expect(rest).toEqual([]);
    expect(located([inApp])).toEqual([{ rule: 'node-port', field: 'spec.ports[0].nodePort', value: 29999, path: 'test/svc', object: 'Service/svc' }]);
    expect(inApp.fix).toContain(NODE_PORT_RANGE_CONTEXT);

    const written = objectsInOutputOrder(chart).map(o => o.toJson());
    const [outside] = checkManifests(written);
    expect(brief([outside])).toEqual(brief([inApp]));
    expect(outside.fix).not.toContain(NODE_PORT_RANGE_CONTEXT);
    const [violation] = await plugin(written);
    expect(violation.ruleName).toBe('node-port');
    expect(violation.fix).not.toContain(NODE_PORT_RANGE_CONTEXT);
    expect(violation.fix).toContain('properties.nodePortRange');
  });
});

describe('foreign objects are judged like ours', () => {
  test('an L1 Service beside our pods that selects none of them fails', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { name: 'web', labels: { app: 'web' } });
    new k8s.KubeService(chart, 'raw', { metadata: { name: 'raw' }, spec: { selector: { app: 'wbe' }, ports: [{ port: 80 }] } });
    expect(located(validateApp(chart))).toEqual([
      { rule: 'service-selects-a-pod', field: 'spec.selector', value: { app: 'wbe' }, path: 'test/raw', object: 'Service/raw' },
    ]);
  });

  test('an L1 Pod with an invalid name and an L1 Service of two unnamed ports fail', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { name: 'web' });
    kubePod(chart, 'pod', 'Pod_1', { app: 'p' });
    new k8s.KubeService(chart, 'svc', { metadata: { name: 'svc' }, spec: { selector: { app: 'p' }, ports: [{ port: 80 }, { port: 81, targetPort: k8s.IntOrString.fromNumber(80) }] } });
    // (The Service is put before the Pod it selects, as ours are: its problems come first.)
    expect(located(validateApp(chart))).toEqual([
      { rule: 'service-ports', field: 'spec.ports[0].name', value: undefined, path: 'test/svc', object: 'Service/svc' },
      { rule: 'service-ports', field: 'spec.ports[1].name', value: undefined, path: 'test/svc', object: 'Service/svc' },
      { rule: 'object-name', field: 'metadata.name', value: 'Pod_1', path: 'test/pod', object: 'Pod/Pod_1' },
    ]);
  });

  test('a cdk8s-plus Deployment, an L1 ReplicationController and an L1 CronJob are pods to the checks; our Service may target them', () => {
    const chart = Testing.chart();
    const deployment = new kplus.Deployment(chart, 'deploy', { containers: [{ image: 'nginx', portNumber: 80, securityContext: { ensureNonRoot: false } }] });
    const labels = deployment.matchLabels as { [k: string]: string };
    const deploymentObject = ApiObject.of(deployment);
    new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.CLUSTER_IP, target: rawTarget(deploymentObject, labels), port: 80 });
    new k8s.KubeService(chart, 'rc-svc', { metadata: { name: 'rc' }, spec: { selector: { app: 'rc' }, ports: [{ port: 80 }] } });
    new k8s.KubeReplicationController(chart, 'rc', {
      metadata: { name: 'rc' },
      spec: { selector: { app: 'rc' }, template: { metadata: { labels: { app: 'rc' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } } },
    });
    expect(validateApp(chart)).toEqual([]);
    expect(() => synth(chart)).not.toThrow();

    // Broken the same way as one of ours would be: the engine sees them.
    new k8s.KubeService(chart, 'cron-svc', { metadata: { name: 'cron' }, spec: { selector: { app: 'cron' }, ports: [{ port: 9000 }] } });
    new k8s.KubeCronJob(chart, 'cron', {
      metadata: { name: 'cron' },
      spec: {
        schedule: '0 * * * *',
        jobTemplate: { spec: { template: { metadata: { labels: { app: 'cron' } }, spec: { restartPolicy: 'Always', containers: [{ name: 'c', image: 'Busybox', ports: [{ containerPort: 9000 }] }] } } } },
      },
    });
    deploymentObject.addJsonPatch(JsonPatch.replace('/spec/replicas', -1));
    expect(located(validateApp(chart))).toEqual([
      { rule: 'replicas', field: 'spec.replicas', value: -1, path: 'test/deploy', object: `Deployment/${deployment.name}` },
      { rule: 'image-reference', field: 'spec.jobTemplate.spec.template.spec.containers[0].image', value: 'Busybox', path: 'test/cron', object: 'CronJob/cron' },
      { rule: 'restart-policy', field: 'spec.jobTemplate.spec.template.spec.restartPolicy', value: 'Always', path: 'test/cron', object: 'CronJob/cron' },
    ]);
  });
});

describe('SecurityProfile.RESTRICTED is a promise checked at synth', () => {
  test('a container override that breaks the level fails with restricted-profile; the same manifest without the promise passes', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', {
      name: 'app', securityProfile: SecurityProfile.RESTRICTED,
      containers: [{ name: 'c', image: 'nginx', port: 8080, securityContext: { allowPrivilegeEscalation: true } }],
    });
    const problems = validateApp(chart);
    expect(located(problems)).toEqual([
      { rule: 'restricted-profile', field: 'spec.containers[0].securityContext.allowPrivilegeEscalation', value: true, path: 'test/app', object: 'Pod/app' },
    ]);
    expectFailsWith(() => synth(chart), problems);
    expect(checkManifests([pod.apiObject.toJson()])).toEqual([]);
  });

  test('a rendered object patched to privileged fails with restricted-profile; without the promise it passes', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', { name: 'app', securityProfile: SecurityProfile.RESTRICTED, containers: [{ name: 'c', image: 'nginx', port: 8080 }] });
    const deployment = new AppPod(chart, 'api', {
      name: 'api', securityProfile: SecurityProfile.RESTRICTED, workload: Workload.deployment({ replicas: 1 }), containers: [{ name: 'c', image: 'nginx', port: 8080 }],
    });
    expect(validateApp(chart)).toEqual([]);
    pod.apiObject.addJsonPatch(JsonPatch.add('/spec/containers/0/securityContext/privileged', true));
    deployment.apiObject.addJsonPatch(JsonPatch.add('/spec/template/spec/hostNetwork', true));
    const problems = validateApp(chart);
    expect(located(problems)).toEqual([
      { rule: 'restricted-profile', field: 'spec.containers[0].securityContext.privileged', value: true, path: 'test/app', object: 'Pod/app' },
      { rule: 'restricted-profile', field: 'spec.template.spec.hostNetwork', value: true, path: 'test/api', object: 'Deployment/api' },
    ]);
    expectFailsWith(() => synth(chart), problems);
    expect(checkManifests(objectsInOutputOrder(chart).map(o => o.toJson()))).toEqual([]);
  });
});

describe('output order across charts and constructs', () => {
  test('a Service in another chart than its target: its chart is written first, as checked', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'app-checks-')) });
    try {
      const pods = new Chart(app, 'pods');
      const pod = new NginxPod(pods, 'web', { name: 'web' });
      new ExposedService(new Chart(app, 'services'), 'svc', { name: 'svc', type: ServiceType.CLUSTER_IP, target: pod });
      expect(validateApp(app)).toEqual([]);
      app.synth();
      expect(fs.readdirSync(app.outdir).sort()).toEqual(['0000-services.k8s.yaml', '0001-pods.k8s.yaml']);
    } finally {
      fs.rmSync(app.outdir, { recursive: true, force: true });
    }
  });

  test('a Service created after a pod it selects, in one chart, is written first (the engine adds the dependency)', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const pods = new Construct(chart, 'pods');
    const services = new Construct(chart, 'services');
    new NginxPod(chart, 'other', { name: 'other' });
    const pod = kubePod(pods, 'pod', 'p', { app: 'p' });
    const service = new k8s.KubeService(services, 'svc', { metadata: { name: 's' }, spec: { selector: { app: 'p' }, ports: [{ port: 80 }] } });
    expect(validateApp(app)).toEqual([]);
    expect(pod.node.dependencies).toEqual([service]);
    const names = Testing.synth(chart).map(o => o.metadata.name);
    expect(names.indexOf('s')).toBeLessThan(names.indexOf('p'));
  });

  test('fails when a dependency of the user\'s writes the Service after its pods (no dependency can reorder them)', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const pods = new Construct(chart, 'pods');
    const services = new Construct(chart, 'services');
    new NginxPod(chart, 'other', { name: 'other' });
    kubePod(pods, 'pod', 'p', { app: 'p' });
    new k8s.KubeService(services, 'svc', { metadata: { name: 's' }, spec: { selector: { app: 'p' }, ports: [{ port: 80 }] } });
    services.node.addDependency(pods);
    expect(located(validateApp(app))).toEqual([
      { rule: 'service-before-its-pods', field: 'metadata.name', value: 's', path: 'c/services/svc', object: 'Service/s' },
    ]);
  });

  test('a raw Service in a chart written after the chart of its pods fails, with the chart dependency as the fix', () => {
    const app = Testing.app();
    const pods = new Chart(app, 'pods');
    new NginxPod(pods, 'web', { name: 'web', labels: { app: 'web' } });
    const services = new Chart(app, 'services');
    new k8s.KubeService(services, 'svc', { metadata: { name: 'svc' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    const problems = validateApp(app);
    expect(located(problems)).toEqual([
      { rule: 'service-before-its-pods', field: 'metadata.name', value: 'svc', path: 'services/svc', object: 'Service/svc' },
    ]);
    expect(problems[0].fix).toContain('podChart.addDependency(serviceChart)');
    pods.addDependency(services);
    expect(validateApp(app)).toEqual([]);
    expect(() => app.synth()).not.toThrow();
  });

  test('charts that do not depend on each other are applied in file name order, whatever order they were created in', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-checks-'));
    try {
      const app = new App({ outdir: dir });
      new k8s.KubeService(new Chart(app, 'b-services'), 'svc', { metadata: { name: 'svc' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
      new NginxPod(new Chart(app, 'a-pods'), 'web', { name: 'web', labels: { app: 'web' } });
      expect(located(validateApp(app))).toEqual([
        { rule: 'service-before-its-pods', field: 'metadata.name', value: 'svc', path: 'b-services/svc', object: 'Service/svc' },
      ]);
      // What synth would write: a-pods.k8s.yaml, then b-services.k8s.yaml, which `kubectl apply -f` applies in that order.
      expect(objectsInOutputOrder(app).map(o => o.node.path)).toEqual(['a-pods/web/Resource', 'b-services/svc']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('two Services of one name in different charts fail, on the later one', () => {
    const app = Testing.app();
    const pod = new NginxPod(new Chart(app, 'a'), 'web', { name: 'web' });
    new ExposedService(new Chart(app, 'b'), 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: pod });
    new ExposedService(new Chart(app, 'c'), 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: pod });
    const problems = validateApp(app);
    expect(problems.map(p => [p.rule, p.path, p.object])).toEqual([['unique-object-names', 'c/svc', 'Service/web']]);
    expectFailsWith(() => app.synth(), problems);
  });

  test('one nodePort in two Services of different charts fails', () => {
    const app = Testing.app();
    for (const id of ['a', 'b']) {
      const chart = new Chart(app, id);
      new ExposedService(chart, 'svc', { name: `svc-${id}`, type: ServiceType.NODE_PORT, target: new FlaskPod(chart, 'api', { name: `api-${id}` }), nodePort: 30080 });
    }
    expect(located(validateApp(app))).toEqual([
      { rule: 'node-port', field: 'spec.ports[0].nodePort', value: 30080, path: 'b/svc', object: 'Service/svc-b' },
    ]);
  });
});

describe('the node port range', () => {
  test('is widened by a context value', () => {
    const app = Testing.app();
    app.node.setContext(NODE_PORT_RANGE_CONTEXT, '20000-40000');
    const chart = new Chart(app, 'test');
    const svc = new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.NODE_PORT, target: new FlaskPod(chart, 'api', { name: 'api' }), nodePort: 20000 });
    expect(validateApp(app)).toEqual([]);
    svc.apiObject.addJsonPatch(JsonPatch.replace('/spec/ports/0/nodePort', 40001));
    expect(brief(validateApp(app))).toEqual([{ rule: 'node-port', field: 'spec.ports[0].nodePort', value: 40001 }]);
  });

  test('a malformed context value is reported with the app\'s other problems, naming the key', () => {
    const app = Testing.app();
    app.node.setContext(NODE_PORT_RANGE_CONTEXT, '40000-20000');
    const chart = new Chart(app, 'test');
    new NginxPod(chart, 'web', { name: 'web' });
    expect(validateApp(app).map(p => [p.rule, p.field, p.value])).toEqual([
      ['props', `context "${NODE_PORT_RANGE_CONTEXT}"`, '40000-20000'],
    ]);
  });
});

describe('every synth judges the app as it is then', () => {
  test('a Service added between two synths', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const pod = new NginxPod(chart, 'web', { name: 'web' });
    new ExposedService(chart, 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: pod });
    app.synth();
    new ExposedService(chart, 'again', { name: 'web', type: ServiceType.CLUSTER_IP, target: pod });
    expect(validateApp(app).map(p => [p.rule, p.path])).toEqual([['unique-object-names', 'c/again']]);
    expect(() => app.synth()).toThrow();
  });

  test('a dependency added between two synths that writes a pod before its Service', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const first = new NginxPod(chart, 'first', { name: 'first', labels: { app: 'x' } });
    const svc = new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.CLUSTER_IP, target: first });
    const second = new NginxPod(chart, 'second', { name: 'second', labels: { app: 'x' } });
    app.synth();
    svc.node.addDependency(second);
    expect(brief(validateApp(app))).toEqual([{ rule: 'service-before-its-pods', field: 'metadata.name', value: 'svc' }]);
  });

  test('a container added between two synths declares the targetPort', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const pod = new NginxPod(chart, 'web', { name: 'web' });
    new ExposedService(chart, 'svc', { name: 'svc', type: ServiceType.CLUSTER_IP, target: pod, port: 80, targetPort: 8080 });
    expect(() => app.synth()).toThrow();
    expect(() => app.synth()).toThrow();
    pod.addContainer({ name: 'api', image: 'api', port: 8080 });
    expect(() => app.synth()).not.toThrow();
  });

  test('a raw Service changed between two synths', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const raw = new k8s.KubeService(chart, 'raw', { metadata: { name: 'raw' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    new NginxPod(chart, 'web', { name: 'web', labels: { app: 'web' } });
    app.synth();
    raw.addJsonPatch(JsonPatch.replace('/spec/selector', { app: 'wbe' }));
    expect(brief(validateApp(app))).toEqual([{ rule: 'service-selects-a-pod', field: 'spec.selector', value: { app: 'wbe' } }]);
  });
});

describe('one rule, one judge: a prop and an escape hatch fail alike, at synth', () => {
  // What a construct writes from its props is judged by the same rule, at the same manifest
  // field, as what an escape hatch writes: the engine is the only judge.
  const c = { name: 'c', image: 'nginx', port: 80 };
  const cases: [string, Partial<ContainerProps>, JsonPatch[], Brief][] = [
    ['an environment variable name with "="', { env: { 'MY=VAR': '1' } }, [JsonPatch.add('/spec/containers/0/env', [{ name: 'MY=VAR', value: '1' }])], { rule: 'env', field: 'spec.containers[0].env[0].name', value: 'MY=VAR' }],
    ['a CPU request that is not a quantity', { resources: { requests: { cpu: 'lots' } } }, [JsonPatch.replace('/spec/containers/0/resources/requests/cpu', k8s.Quantity.fromString('lots'))],
      { rule: 'quantities', field: 'spec.containers[0].resources.requests.cpu', value: 'lots' }],
    ['a memory request above its limit', { resources: { requests: { memory: '1Gi' }, limits: { memory: '128Mi' } } },
      [JsonPatch.replace('/spec/containers/0/resources/requests/memory', k8s.Quantity.fromString('1Gi')),
        JsonPatch.add('/spec/containers/0/resources/limits', { memory: k8s.Quantity.fromString('128Mi') })],
      { rule: 'resources', field: 'spec.containers[0].resources.requests.memory', value: '1Gi' }],
    ['two mounts at one path', { mounts: [{ volume: Volume.emptyDir('a'), path: '/data' }, { volume: Volume.emptyDir('b'), path: '/data' }] },
      [JsonPatch.add('/spec/volumes', [{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }]),
        JsonPatch.add('/spec/containers/0/volumeMounts', [{ name: 'a', mountPath: '/data' }, { name: 'b', mountPath: '/data' }])],
      { rule: 'volumes', field: 'spec.containers[0].volumeMounts[1].mountPath', value: '/data' }],
    ['a subPath that climbs out', { mounts: [{ volume: Volume.emptyDir('data'), path: '/data', subPath: 'a/../../b' }] },
      [JsonPatch.add('/spec/volumes', [{ name: 'data', emptyDir: {} }]), JsonPatch.add('/spec/containers/0/volumeMounts', [{ name: 'data', mountPath: '/data', subPath: 'a/../../b' }])],
      { rule: 'volumes', field: 'spec.containers[0].volumeMounts[0].subPath', value: 'a/../../b' }],
    ['two ports of one name', { port: undefined, ports: [{ number: 81, name: 'http' }, { number: 82, name: 'http' }] },
      [JsonPatch.replace('/spec/containers/0/ports', [{ containerPort: 81, name: 'http' }, { containerPort: 82, name: 'http' }])],
      { rule: 'container-ports', field: 'spec.containers[0].ports[1].name', value: 'http' }],
    ['an image in upper case', { image: 'NGINX:Latest' }, [JsonPatch.replace('/spec/containers/0/image', 'NGINX:Latest')], { rule: 'image-reference', field: 'spec.containers[0].image', value: 'NGINX:Latest' }],
  ];

  test.each(cases)('fails on %s', (_name, props, patches, atSynth) => {
    const written = Testing.chart();
    new AppPod(written, 'x', { name: 'x', containers: [{ ...c, ...props }] });
    expect(brief(synthProblemsOf(written))).toEqual([atSynth]);
    // (The test suite's schema check would refuse some of these when it renders: the engine is what is tested here.)
    jest.spyOn(schema, 'schemaErrors').mockReturnValue([]);
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'x', { name: 'x', containers: [c] });
    pod.apiObject.addJsonPatch(...patches);
    expect(brief(validateApp(chart))).toEqual([atSynth]);
  });
});

describe('what the API server refuses in a container is refused at synth, at the written field', () => {
  const c = { name: 'c', image: 'nginx', port: 80 };
  const cases: [string, Partial<ContainerProps>, Brief][] = [
    ['an environment variable name with "=" (a leading digit is refused only before 1.32)', { env: { '1=A': '1' } }, { rule: 'env', field: 'spec.containers[0].env[0].name', value: '1=A' }],
    ['a negative memory limit', { resources: { limits: { memory: '-1Mi' } } }, { rule: 'resources', field: 'spec.containers[0].resources.limits.memory', value: '-1Mi' }],
    ['a CPU request above its limit, in other units', { resources: { requests: { cpu: '1.5' }, limits: { cpu: '1000m' } } },
      { rule: 'resources', field: 'spec.containers[0].resources.requests.cpu', value: '1.5' }],
    ['an empty mount path', { mounts: [{ volume: Volume.emptyDir('data'), path: '' }] }, { rule: 'volumes', field: 'spec.containers[0].volumeMounts[0].mountPath', value: '' }],
    ['an absolute subPath', { mounts: [{ volume: Volume.emptyDir('data'), path: '/data', subPath: '/etc' }] },
      { rule: 'volumes', field: 'spec.containers[0].volumeMounts[0].subPath', value: '/etc' }],
  ];
  test.each(cases)('fails on %s', (_name, props, expected) => {
    const chart = Testing.chart();
    new AppPod(chart, 'x', { containers: [{ ...c, ...props }] });
    expect(brief(synthProblemsOf(chart))).toEqual([expected]);
  });

  test('quantities in every notation the API server takes are accepted, and the app passes', () => {
    const chart = Testing.chart();
    const quantities = [{ cpu: '0.1', memory: '1e6' }, { cpu: '100m', memory: '64Mi' }, { cpu: '2', memory: '1G' }, { cpu: '.5', memory: '128974848' }];
    quantities.forEach((q, i) => new AppPod(chart, `p${i}`, { name: `p${i}`, containers: [{ ...c, resources: { requests: q, limits: q } }] }));
    expect(validateApp(chart)).toEqual([]);
  });
});

describe('container props of the wrong type are refused at construction, never a TypeError', () => {
  const cases: [string, unknown, Brief][] = [
    ['an unknown imagePullPolicy', { imagePullPolicy: 'Sometimes' }, { rule: 'props', field: 'containers[0].imagePullPolicy', value: 'Sometimes' }],
    ['a numeric workingDir', { workingDir: 5 }, { rule: 'props', field: 'containers[0].workingDir', value: 5 }],
    ['a securityContext that is not an object', { securityContext: 'restricted' }, { rule: 'props', field: 'containers[0].securityContext', value: 'restricted' }],
    ['null resource requests', { resources: { requests: null } }, { rule: 'props', field: 'containers[0].resources.requests', value: null }],
    ['env as an array', { env: ['A=1'] }, { rule: 'props', field: 'containers[0].env', value: ['A=1'] }],
    ['a numeric env value', { env: { A: 1 } }, { rule: 'props', field: 'containers[0].env.A', value: 1 }],
    ['a mount readOnly that is not a boolean', { mounts: [{ volume: Volume.emptyDir('v'), path: '/v', readOnly: 'yes' }] },
      { rule: 'props', field: 'containers[0].mounts[0].readOnly', value: 'yes' }],
  ];
  test.each(cases)('fails on %s', (_name, props, expected) => {
    const container = { name: 'c', image: 'nginx', ...(props as object) } as ContainerProps;
    expect(brief(problemsOf(() => new AppPod(Testing.chart(), 'x', { containers: [container] })))).toEqual([expected]);
  });
});

describe('review fixes: what the app reports, and how to turn a rule off', () => {
  test('an escape hatch synth cannot write (a JsonPatch to a path that is not there) is a problem, reported before anything is written', () => {
    const chart = Testing.chart();
    const web = new NginxPod(chart, 'web', { name: 'web' });
    web.apiObject.addJsonPatch(JsonPatch.replace('/spec/nothing/here', 1));
    const problems = validateApp(chart);
    expect(problems.map(p => [p.rule, p.path])).toEqual([['props', 'test/web']]);
    expect(problems[0].message).toContain('cdk8s cannot write Pod/web');
  });

  test('the context value skipRules turns rules off for the app, each with its reason; an unknown rule id, or one without a reason, is a problem', () => {
    const lateService = (skipRules?: unknown) => {
      const app = Testing.app();
      if (skipRules !== undefined) app.node.setContext(SKIP_RULES_CONTEXT, skipRules);
      // Charts written in name order, a before b: no dependency inside a chart can put the Service first.
      new k8s.KubePod(new Chart(app, 'a'), 'pod', { metadata: { name: 'p', labels: { app: 'p' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } });
      new k8s.KubeService(new Chart(app, 'b'), 'svc', { metadata: { name: 's' }, spec: { selector: { app: 'p' }, ports: [{ port: 80 }] } });
      return validateApp(app);
    };
    const [late] = lateService();
    expect(late.rule).toBe('service-before-its-pods');
    expect(late.severity).toBe('warning');
    expect(late.fix).toContain(SKIP_RULES_CONTEXT);
    expect(lateService({ 'service-before-its-pods': 'our pods read no Service variables' })).toEqual([]);
    expect(brief(lateService({ 'no-such-rule': 'why' }))).toEqual([
      { rule: 'props', field: `context "${SKIP_RULES_CONTEXT}"["no-such-rule"]`, value: 'no-such-rule' },
      { rule: 'service-before-its-pods', field: 'metadata.name', value: 's' },
    ]);
    // (a rule turned off without a reason: the list of ids, the form before reasons were required)
    expect(brief(lateService(['service-before-its-pods']))).toEqual([
      { rule: 'props', field: `context "${SKIP_RULES_CONTEXT}"`, value: ['service-before-its-pods'] },
      { rule: 'service-before-its-pods', field: 'metadata.name', value: 's' },
    ]);
    expect(brief(lateService({ 'service-before-its-pods': '' }))).toEqual([
      { rule: 'props', field: `context "${SKIP_RULES_CONTEXT}"["service-before-its-pods"]`, value: '' },
      { rule: 'service-before-its-pods', field: 'metadata.name', value: 's' },
    ]);
  });

  test('one file per object: the objects are judged in the files\' name order, as kubectl applies them, and the fix says so', () => {
    const app = Testing.app({ yamlOutputType: YamlOutputType.FILE_PER_RESOURCE });
    const chart = new Chart(app, 'c');
    const web = new NginxPod(chart, 'web', { name: 'web', labels: { app: 'web' } });
    new ExposedService(chart, 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: web });
    expect(objectsInOutputOrder(app).map(o => `${o.kind}/${o.name}`)).toEqual(['Pod/web', 'Service/web']);
    const [late] = validateApp(app);
    expect([late.rule, late.object]).toEqual(['service-before-its-pods', 'Service/web']);
    expect(late.fix).toContain('FILE_PER_CHART');
  });
});
