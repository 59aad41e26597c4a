/**
 * "Will it schedule?" (src/core/checks/capacity-checks.ts), through the engine over plain
 * manifests: what the pods request, counted as the scheduler and the quota admission count it,
 * against a declared budget and the app's ResourceQuotas; and the budget in an app.
 */
import { App, Chart, Testing } from 'cdk8s';
import { AppPod, CAPACITY_CONTEXT, checkManifests, ClusterCapacity, CrossObjectValidation, LOCAL_CAPACITY, Platform, PodDefaults, validateApp, Workload } from '../../../src';
import { podRequest } from '../../../src/core/checks/capacity-checks';
import { brief, Manifest, problemsOf } from '../../util';

const c = (cpu: string, memory: string, extra: object = {}) => ({ name: `c-${cpu}-${memory}`.toLowerCase(), image: 'nginx', resources: { requests: { cpu, memory } }, ...extra });
const pod = (name: string, spec: object, metadata: object = {}): Manifest => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, ...metadata }, spec });
const controller = (kind: string, name: string, spec: object, podSpec: object, metadata: object = {}): Manifest => ({
  apiVersion: 'apps/v1', kind, metadata: { name, ...metadata },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: podSpec }, ...(kind === 'StatefulSet' ? { serviceName: name } : {}), ...spec },
});
const hpa = (target: string, maxReplicas: number): Manifest => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: target },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target }, minReplicas: 1, maxReplicas },
});
const quota = (hard: object, namespace?: string): Manifest => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'quota', ...(namespace ? { namespace } : {}) }, spec: { hard } });
const node = (cpu: string, memory: string, nodes = 1) => ({ nodes, cpu, memory });
const capacity = (budget: object, ...objects: Manifest[]) => checkManifests(objects, { capacity: budget as never }).filter(p => p.rule === 'capacity');

describe('what one pod requests, as the scheduler counts it', () => {
  const cores = (spec: object) => podRequest(spec as { [key: string]: unknown }, 'cpu');
  test('the sum of the app containers', () => {
    expect(cores({ containers: [c('100m', '1Mi'), c('50m', '1Mi')] })).toBeCloseTo(0.15);
  });
  test('the largest init container, when it is larger than the app containers together (they run one at a time)', () => {
    expect(cores({ initContainers: [c('300m', '1Mi'), c('200m', '1Mi')], containers: [c('50m', '1Mi'), c('10m', '1Mi')] })).toBeCloseTo(0.3);
  });
  test('a native sidecar counts with the app containers, and with every init container after it', () => {
    const sidecar = c('100m', '1Mi', { restartPolicy: 'Always' });
    expect(cores({ initContainers: [sidecar], containers: [c('50m', '1Mi')] })).toBeCloseTo(0.15);
    expect(cores({ initContainers: [sidecar, c('300m', '1Mi')], containers: [c('50m', '1Mi')] })).toBeCloseTo(0.4);
    // an init container before the sidecar runs without it
    expect(cores({ initContainers: [c('300m', '1Mi'), sidecar], containers: [c('50m', '1Mi')] })).toBeCloseTo(0.3);
  });
  test('a container with a limit and no request requests its limit; with neither, nothing', () => {
    expect(cores({ containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '1' } } }, { name: 'b', image: 'x' }] })).toBe(1);
  });
});

describe('against a declared budget', () => {
  test('a Pod that fits passes', () => {
    expect(capacity(node('1', '1Gi'), pod('a', { containers: [c('500m', '512Mi')] }))).toEqual([]);
  });

  test('fails when the pods together request more than the nodes have, less what is reserved, naming the biggest consumers', () => {
    const problems = capacity({ ...node('1', '1Gi', 2), reserved: { cpu: '500m' } },
      pod('small', { containers: [c('100m', '64Mi')] }),
      controller('Deployment', 'web', { replicas: 2, strategy: { type: 'Recreate' } }, { containers: [c('600m', '64Mi')] }),
      pod('medium', { containers: [c('400m', '64Mi')] }));
    expect(brief(problems)).toEqual([{ rule: 'capacity', field: 'requests.cpu (every pod of the app)', value: '1700m' }]);
    expect(problems[0].object).toBe('Deployment/web');
    expect(problems[0].allowed).toContain('at most 1500m cpu in all');
    expect(problems[0].allowed).toContain('The biggest: Deployment/web 1200m (2 replicas × 600m); Pod/medium 400m (1 pod × 400m); Pod/small 100m (1 pod × 100m)');
    expect(problems[0].fix).toContain('pass checkManifests() the cluster as `capacity`');
  });

  test('counts a Deployment at its autoscaler\'s maxReplicas, plus its rolling-update surge (25% rounded up by default, or maxSurge)', () => {
    const web = (strategy: object) => controller('Deployment', 'web', { strategy }, { containers: [c('100m', '64Mi')] });
    // 5 replicas + ceil(1.25) = 7 pods = 700m
    expect(capacity(node('650m', '1Gi'), web({}), hpa('web', 5)).map(p => p.value)).toEqual(['700m']);
    expect(capacity(node('700m', '1Gi'), web({}), hpa('web', 5))).toEqual([]);
    // maxSurge 0: 5 pods; maxSurge 3: 8 pods
    expect(capacity(node('500m', '1Gi'), web({ rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } }), hpa('web', 5))).toEqual([]);
    expect(capacity(node('500m', '1Gi'), web({ rollingUpdate: { maxSurge: 3 } }), hpa('web', 5)).map(p => p.value)).toEqual(['800m']);
  });

  test('counts a StatefulSet at its replicas without surge, and a DaemonSet once per node', () => {
    const sts = controller('StatefulSet', 'db', { replicas: 3 }, { containers: [c('100m', '64Mi')] });
    expect(capacity(node('300m', '1Gi'), sts)).toEqual([]);
    const ds = controller('DaemonSet', 'agent', {}, { containers: [c('100m', '64Mi')] });
    // 3 nodes: 3 agent pods = 300m of 3 × 100m
    expect(capacity(node('100m', '1Gi', 3), ds)).toEqual([]);
    expect(capacity(node('100m', '1Gi', 3), ds, pod('one', { containers: [c('1m', '1Mi')] })).map(p => p.value)).toEqual(['301m']);
  });

  test('fails on a pod larger than one node, even when the nodes together have room', () => {
    const problems = capacity(node('1', '1Gi', 4), pod('big', { containers: [c('1500m', '64Mi')] }));
    expect(brief(problems)).toEqual([{ rule: 'capacity', field: 'spec.containers[*].resources.requests.cpu', value: '1500m' }]);
    expect(problems[0].object).toBe('Pod/big');
  });

  test('no budget, no budget check', () => {
    expect(checkManifests([pod('big', { containers: [c('64', '1Ti')] })]).filter(p => p.rule === 'capacity')).toEqual([]);
  });

  test('fails on a malformed budget, naming the option', () => {
    for (const bad of [{ nodes: 0, cpu: '1', memory: '1Gi' }, { nodes: 1, cpu: 'lots', memory: '1Gi' }, { nodes: 1, cpu: '1' }, { nodes: 1, cpu: '1', memory: '1Gi', colour: 1 },
      { nodes: 1, cpu: '1', memory: '1Gi', reserved: { cpu: '-1' } }, 'big']) {
      expect(brief(problemsOf(() => checkManifests([], { capacity: bad as never })))).toEqual([{ rule: 'props', field: 'capacity', value: bad }]);
    }
  });
});

describe('against the ResourceQuotas the app writes', () => {
  test('fails when the pods of the quota\'s namespace request more than it allows, counting replicas and surge; other namespaces do not count', () => {
    const web = controller('Deployment', 'web', { replicas: 4 }, { containers: [c('100m', '64Mi')] }, { namespace: 'shop' });
    const elsewhere = pod('other', { containers: [c('1', '1Gi')] }, { namespace: 'other' });
    // 4 + 1 surge = 5 pods: 500m, 320Mi
    const problems = capacity(undefined as never, quota({ 'requests.cpu': '400m', memory: '1Gi', pods: '4' }, 'shop'), web, elsewhere);
    expect(brief(problems)).toEqual([
      { rule: 'capacity', field: 'spec.hard.requests.cpu', value: '400m' },
      { rule: 'capacity', field: 'spec.hard.pods', value: '4' },
    ]);
    expect(problems[0].object).toBe('ResourceQuota/shop/quota');
    expect(problems[0].allowed).toContain('500m');
    expect(capacity(undefined as never, quota({ 'requests.cpu': '500m', pods: '5' }, 'shop'), web, elsewhere)).toEqual([]);
  });

  test('fails on a container without a limit when the quota sets limits (the quota admission refuses the pod)', () => {
    const problems = capacity(undefined as never, quota({ 'limits.memory': '1Gi' }), pod('a', { containers: [c('100m', '64Mi')] }));
    expect(brief(problems)).toEqual([{ rule: 'capacity', field: 'spec.containers[*].resources.limits.memory', value: undefined }]);
    expect(problems[0].object).toBe('Pod/a');
  });
});

describe('the budget of an app', () => {
  const web = { name: 'web', image: 'example/web:1', resources: { requests: { cpu: '600m', memory: '64Mi' } } };

  test('ClusterCapacity.declare: every synth checks the app against it', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    ClusterCapacity.declare(app, { nodes: 1, cpu: '1', memory: '1Gi' });
    expect(ClusterCapacity.of(chart)).toEqual({ nodes: 1, cpu: '1', memory: '1Gi' });
    new AppPod(chart, 'a', { containers: [web] });
    expect(validateApp(app)).toEqual([]);
    new AppPod(chart, 'b', { containers: [web] });
    const problems = validateApp(app);
    expect(brief(problems)).toEqual([{ rule: 'capacity', field: 'requests.cpu (every pod of the app)', value: '1200m' }]);
    expect(problems[0].fix).toContain('ClusterCapacity.declare(app');
    expect(() => app.synth()).toThrow(/capacity/);
  });

  test('the context value wins over the declared budget', () => {
    const app = Testing.app();
    app.node.setContext(CAPACITY_CONTEXT, { nodes: 2, cpu: '1', memory: '1Gi' });
    ClusterCapacity.declare(app, { nodes: 1, cpu: '1', memory: '1Gi' });
    expect(ClusterCapacity.of(app)).toEqual({ nodes: 2, cpu: '1', memory: '1Gi' });
    const chart = new Chart(app, 'c');
    new AppPod(chart, 'a', { containers: [web] });
    new AppPod(chart, 'b', { containers: [web] });
    expect(validateApp(app)).toEqual([]);
  });

  test('fails to declare a malformed budget, and reports a malformed context value with the other problems', () => {
    const app = Testing.app();
    expect(brief(problemsOf(() => ClusterCapacity.declare(app, { nodes: 1.5, cpu: '1', memory: '1Gi' })))).toEqual([
      { rule: 'props', field: 'budget', value: { nodes: 1.5, cpu: '1', memory: '1Gi' } },
    ]);
    const other = new App();
    other.node.setContext(CAPACITY_CONTEXT, { nodes: 1 });
    new AppPod(new Chart(other, 'c'), 'a', { containers: [web] });
    expect(brief(validateApp(other))).toEqual([{ rule: 'props', field: `context "${CAPACITY_CONTEXT}"`, value: { nodes: 1 } }]);
  });

  test('Platform.LOCAL: the tutorial\'s small requests for every container, and minikube\'s default node as the budget', () => {
    const app = Testing.app();
    Platform.LOCAL.applyTo(app);
    expect(ClusterCapacity.of(app)).toEqual(LOCAL_CAPACITY);
    expect(LOCAL_CAPACITY).toEqual({ nodes: 1, cpu: '2', memory: '2Gi', reserved: { cpu: '750m', memory: '170Mi' } });
    expect(PodDefaults.of(app)).toEqual({ resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } } });
    const chart = new Chart(app, 'c');
    // 1250m left for the app: 25 pods of 50m fit, a 26th does not
    new AppPod(chart, 'many', { containers: [{ name: 'x', image: 'example/x:1' }], workload: Workload.statefulSet({ replicas: 25 }) });
    expect(validateApp(app)).toEqual([]);
    new AppPod(chart, 'one-more', { containers: [{ name: 'x', image: 'example/x:1' }] });
    expect(validateApp(app).map(p => p.value)).toEqual(['1300m']);
  });

  test('the validation plugin takes the budget as a property, and refuses a malformed one', async () => {
    const violations: unknown[] = [];
    const objects = [pod('a', { containers: [c('1', '64Mi')] }), pod('b', { containers: [c('1', '64Mi')] })];
    await new CrossObjectValidation({ capacity: { nodes: 1, cpu: '1500m', memory: '1Gi' } }).validate({
      manifests: ['all.yaml'], parseManifest: () => objects,
      report: { addViolation: (v: unknown) => violations.push(v), submit: () => undefined },
    } as never);
    expect(violations).toEqual([expect.objectContaining({ ruleName: 'capacity' })]);
    expect(brief(problemsOf(() => new CrossObjectValidation({ capacity: { nodes: 1 } as never })))).toEqual([
      { rule: 'props', field: 'properties.capacity', value: { nodes: 1 } },
    ]);
  });
});
