/**
 * "Will it schedule?" (src/core/checks/capacity-checks.ts), through the engine over plain
 * manifests: what the pods request, counted as the scheduler and the quota admission count it,
 * against a declared budget and the app's ResourceQuotas; and the budget in an app.
 */
import { App, Chart, Testing } from 'cdk8s';
import { AppPod, CAPACITY_CONTEXT, DeploymentStrategy, ClusterCapacity, LOCAL_CAPACITY, Platform, PodDefaults, validateApp, Workload } from '../../../src';
import { checkManifests } from '../../../src/check';
import { CrossObjectValidation } from '../../../src/plugin';
import { admittedSpec, matchesScopes, podRequest } from '../../../src/core/checks/capacity-checks';
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
const quota = (hard: object, namespace?: string, scoped: object = {}): Manifest => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'quota', ...(namespace ? { namespace } : {}) }, spec: { hard, ...scoped } });
const limitRange = (limits: object[], namespace?: string): Manifest => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', ...(namespace ? { namespace } : {}) }, spec: { limits } });
const bare = (name: string, resources?: object) => ({ name, image: 'nginx', ...(resources ? { resources } : {}) });
const quotas = (...objects: Manifest[]) => capacity(undefined as never, ...objects);
const node = (cpu: string, memory: string, nodes = 1) => ({ nodes, cpu, memory });
const capacity = (budget: object, ...objects: Manifest[]) => checkManifests(objects, { capacity: budget as never }).filter(p => p.rule === 'capacity');

describe('a pod spec as the quota admission sees it', () => {
  const lr = (limits: object[]) => ({ raw: limitRange(limits) }) as never;
  const resources = (spec: { [key: string]: unknown }) => (spec.containers as { resources: unknown }[]).map(x => x.resources);
  test('a limit without a request gives the request (the API server\'s defaulting), before any LimitRange', () => {
    const spec = admittedSpec({ containers: [bare('a', { limits: { cpu: '1' } })] }, [lr([{ type: 'Container', defaultRequest: { cpu: '100m' } }])]);
    expect(resources(spec)).toEqual([{ requests: { cpu: '1' }, limits: { cpu: '1' } }]);
  });
  test('a LimitRange\'s Container item gives default limits and requests to the containers and init containers that set none (default from max, defaultRequest from default, then min)', () => {
    const ranges = [lr([{ type: 'Pod', max: { memory: '9Gi' } }, { type: 'Container', max: { cpu: '2' }, default: { memory: '256Mi' }, min: { 'ephemeral-storage': '1Mi' } }])];
    const spec = admittedSpec({ initContainers: [bare('i')], containers: [bare('a', { requests: { memory: '64Mi' } })] }, ranges);
    expect(resources(spec)).toEqual([{ requests: { 'cpu': '2', 'memory': '64Mi', 'ephemeral-storage': '1Mi' }, limits: { cpu: '2', memory: '256Mi' } }]);
    expect((spec.initContainers as { resources: unknown }[])[0].resources).toEqual({ requests: { 'cpu': '2', 'memory': '256Mi', 'ephemeral-storage': '1Mi' }, limits: { cpu: '2', memory: '256Mi' } });
  });
  test('the first LimitRange that gives a resource wins', () => {
    const spec = admittedSpec({ containers: [bare('a')] }, [lr([{ type: 'Container', defaultRequest: { cpu: '100m' } }]), lr([{ type: 'Container', default: { cpu: '1', memory: '1Gi' } }])]);
    expect(resources(spec)).toEqual([{ requests: { cpu: '100m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } }]);
  });
});

describe('whether a pod is in a quota\'s scopes', () => {
  const scope = (name: string, operator = 'Exists', values: string[] = []) => ({ name, operator, values });
  const burstable = { containers: [c('100m', '64Mi')] };
  const bestEffort = { containers: [bare('a', { requests: { cpu: '0' }, limits: { 'ephemeral-storage': '1Gi' } })] };
  test('BestEffort: no container or init container requests or limits more than 0 CPU or memory', () => {
    expect(matchesScopes(bestEffort, [scope('BestEffort')])).toBe(true);
    expect(matchesScopes(burstable, [scope('BestEffort')])).toBe(false);
    expect(matchesScopes({ containers: [bare('a')], initContainers: [bare('i', { limits: { memory: '1Mi' } })] }, [scope('BestEffort')])).toBe(false);
    expect(matchesScopes(burstable, [scope('NotBestEffort')])).toBe(true);
  });
  test('Terminating: an activeDeadlineSeconds of 0 or more', () => {
    expect(matchesScopes({ ...burstable, activeDeadlineSeconds: 0 }, [scope('Terminating')])).toBe(true);
    expect(matchesScopes(burstable, [scope('Terminating')])).toBe(false);
    expect(matchesScopes(burstable, [scope('NotTerminating')])).toBe(true);
  });
  test('PriorityClass: In, NotIn, Exists, DoesNotExist against priorityClassName; undecided without one (the cluster may give its default class)', () => {
    const high = { ...burstable, priorityClassName: 'high' };
    expect(matchesScopes(high, [scope('PriorityClass', 'In', ['high', 'x'])])).toBe(true);
    expect(matchesScopes(high, [scope('PriorityClass', 'In', ['low'])])).toBe(false);
    expect(matchesScopes(high, [scope('PriorityClass', 'NotIn', ['high'])])).toBe(false);
    expect(matchesScopes(high, [scope('PriorityClass', 'NotIn', ['low'])])).toBe(true);
    expect(matchesScopes(high, [scope('PriorityClass', 'Exists')])).toBe(true);
    expect(matchesScopes(high, [scope('PriorityClass', 'DoesNotExist')])).toBe(false);
    for (const operator of ['In', 'NotIn', 'Exists', 'DoesNotExist']) expect(matchesScopes(burstable, [scope('PriorityClass', operator, ['high'])])).toBeUndefined();
  });
  test('CrossNamespacePodAffinity: a pod (anti-)affinity term with namespaces or a namespaceSelector', () => {
    const term = (extra: object) => ({ topologyKey: 'kubernetes.io/hostname', labelSelector: {}, ...extra });
    expect(matchesScopes({ ...burstable, affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ namespaceSelector: {} })] } } }, [scope('CrossNamespacePodAffinity')])).toBe(true);
    expect(matchesScopes({ ...burstable, affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: term({ namespaces: ['a'] }) }] } } }, [scope('CrossNamespacePodAffinity')])).toBe(true);
    expect(matchesScopes({ ...burstable, affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term({ namespaces: [] })] } } }, [scope('CrossNamespacePodAffinity')])).toBe(false);
  });
  test('every scope must match: one that does not wins over one only the cluster knows', () => {
    expect(matchesScopes(burstable, [scope('NotBestEffort'), scope('NotTerminating')])).toBe(true);
    expect(matchesScopes(burstable, [scope('PriorityClass'), scope('BestEffort')])).toBe(false);
    expect(matchesScopes(burstable, [scope('NotBestEffort'), scope('PriorityClass')])).toBeUndefined();
  });
});

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

  describe('pods that cannot share the nodes, though they fit in total', () => {
    const web = (replicas: number, cpu: string) => controller('Deployment', 'web', { replicas, strategy: { type: 'Recreate' } }, { containers: [c(cpu, '64Mi')] });

    test('fails on more pods of over half a node than nodes: 4 pods of 700m on 3 nodes of 1 CPU (2100m of 3000m in total)', () => {
      const problems = capacity(node('1', '1Gi', 3), web(4, '700m'));
      expect(brief(problems)).toEqual([{ rule: 'capacity', field: 'requests.cpu (pods per node)', value: 4 }]);
      expect(problems[0].object).toBe('Deployment/web');
      expect(problems[0].allowed).toContain('no more than 1 pod of 700m cpu or more fits one node (1000m), so these pods need at least 4 nodes');
      expect(problems[0].allowed).toContain('They are: Deployment/web (4 replicas × 700m)');
    });

    test('passes what the nodes can hold: 3 pods of 700m, two pods of exactly half a node on each node', () => {
      expect(capacity(node('1', '1Gi', 3), web(3, '700m'))).toEqual([]);
      expect(capacity(node('1', '1Gi', 3), web(6, '500m'))).toEqual([]);
      // 3 × 600m beside 3 × 400m: one of each per node
      expect(capacity(node('1', '1Gi', 3), web(3, '600m'), pod('a', { containers: [c('400m', '1Mi')] }),
        controller('StatefulSet', 'b', { replicas: 2 }, { containers: [c('400m', '1Mi')] }))).toEqual([]);
    });

    test('fails on more pods of over a third of a node than twice the nodes: 7 pods of 400m on 3 nodes (2800m of 3000m)', () => {
      const problems = capacity(node('1', '1Gi', 3), web(7, '400m'));
      expect(brief(problems)).toEqual([{ rule: 'capacity', field: 'requests.cpu (pods per node)', value: 4 }]);
      expect(problems[0].allowed).toContain('no more than 2 pods of 400m cpu or more fit one node');
      expect(capacity(node('1', '1Gi', 3), web(6, '400m'))).toEqual([]);
    });

    test('fails when the large pods leave too little room for the middle ones: 2 pods of 700m and 3 of 350m on 3 nodes (Martello and Toth\'s bound)', () => {
      const middle = controller('StatefulSet', 'middle', { replicas: 3 }, { containers: [c('350m', '1Mi')] });
      const problems = capacity(node('1', '1Gi', 3), web(2, '700m'), middle);
      expect(brief(problems)).toEqual([{ rule: 'capacity', field: 'requests.cpu (pods per node)', value: 4 }]);
      expect(problems[0].object).toBe('Deployment/web');
      expect(problems[0].allowed).toContain('a pod of more than 650m has no room beside one of 350m or more');
      expect(problems[0].allowed).toContain('They are: Deployment/web (2 replicas × 700m); StatefulSet/middle (3 replicas × 350m)');
      // with small pods in the gaps instead, everything fits: [700m + 3 × 100m] × 2, [350m + 350m]
      const smalls = controller('StatefulSet', 'small', { replicas: 6 }, { containers: [c('100m', '1Mi')] });
      expect(capacity(node('1', '1Gi', 3), web(2, '700m'), controller('StatefulSet', 'middle', { replicas: 2 }, { containers: [c('350m', '1Mi')] }), smalls)).toEqual([]);
    });

    test('fails counting a DaemonSet\'s pod on every node, and memory like CPU', () => {
      const agent = controller('DaemonSet', 'agent', {}, { containers: [c('10m', '600Mi')] });
      const problems = capacity(node('4', '1Gi', 2), agent, pod('big', { containers: [c('10m', '600Mi')] }));
      expect(brief(problems)).toEqual([{ rule: 'capacity', field: 'requests.memory (pods per node)', value: 3 }]);
      expect(problems[0].allowed).toContain('DaemonSet/agent (one per node (2) × 600Mi); Pod/big (1 pod × 600Mi)');
      expect(capacity(node('4', '1Gi', 2), agent)).toEqual([]);
    });

    test('fails on the total, not the packing, when the pods do not fit even in total', () => {
      expect(brief(capacity(node('1', '1Gi', 3), web(5, '700m')))).toEqual([{ rule: 'capacity', field: 'requests.cpu (every pod of the app)', value: '3500m' }]);
    });

    test('fails the synth through ClusterCapacity.declare: 4 replicas of 700m (Recreate) on 3 nodes of 1 CPU', () => {
      const app = Testing.app();
      ClusterCapacity.declare(app, { nodes: 3, cpu: '1', memory: '1Gi' });
      new AppPod(new Chart(app, 'c'), 'web', {
        containers: [{ name: 'web', image: 'example/web:1', resources: { requests: { cpu: '700m', memory: '64Mi' } } }],
        workload: Workload.deployment({ replicas: 4, strategy: DeploymentStrategy.recreate() }),
      });
      expect(brief(validateApp(app))).toEqual([{ rule: 'capacity', field: 'requests.cpu (pods per node)', value: 4 }]);
    });
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

  test('fails on a container or init container without the request a quota tracks (cpu or requests.cpu, memory or requests.memory), as the quota admission does', () => {
    const a = pod('a', { initContainers: [bare('init')], containers: [bare('app', { limits: { cpu: '1', memory: '1Gi' } })] });
    const b = pod('b', { containers: [bare('web', { requests: { memory: '64Mi' } })] });
    const problems = quotas(quota({ 'cpu': '10', 'requests.memory': '10Gi' }), a, b);
    expect(problems.map(p => [p.object, p.field, p.value])).toEqual([
      ['Pod/a', 'spec.initContainers[*].resources.requests.cpu', undefined],
      ['Pod/a', 'spec.initContainers[*].resources.requests.memory', undefined],
      ['Pod/b', 'spec.containers[*].resources.requests.cpu', undefined],
    ]);
    expect(problems[0].allowed).toContain('must specify cpu for: init');
    expect(problems[0].fix).toContain('give init a cpu request');
    // both keys named once
    expect(brief(quotas(quota({ 'cpu': '10', 'requests.cpu': '10' }), b))).toEqual([{ rule: 'capacity', field: 'spec.containers[*].resources.requests.cpu', value: undefined }]);
  });

  test('a limit gives the request it lacks; a quota on ephemeral storage, hugepages or pods alone asks for nothing', () => {
    const limited = pod('a', { containers: [bare('app', { limits: { cpu: '1', memory: '1Gi' } })], initContainers: [bare('i', { limits: { cpu: '1', memory: '1Gi' } })] });
    expect(quotas(quota({ 'requests.cpu': '2', 'memory': '2Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' }), limited)).toEqual([]);
    expect(quotas(quota({ 'requests.ephemeral-storage': '1Gi', 'limits.ephemeral-storage': '1Gi', 'requests.hugepages-2Mi': '1Gi', 'pods': '1' }), pod('b', { containers: [bare('app')] }))).toEqual([]);
  });

  test('fails on the limits a LimitRange of the quota\'s namespace gives, or on the missing limit without one; a LimitRange the app writes in the quota\'s namespace gives the missing requests and limits, and they count; one elsewhere does not', () => {
    const web = controller('Deployment', 'web', { replicas: 4, strategy: { type: 'Recreate' } }, { containers: [bare('app')] }, { namespace: 'shop' });
    const defaults = (namespace: string) => limitRange([{ type: 'Container', default: { memory: '256Mi' }, min: { cpu: '100m' } }], namespace);
    expect(quotas(quota({ 'requests.cpu': '1', 'limits.memory': '1Gi' }, 'shop'), defaults('shop'), web)).toEqual([]);
    // 4 × 256Mi = 1Gi of limits
    expect(brief(quotas(quota({ 'limits.memory': '1000Mi' }, 'shop'), defaults('shop'), web))).toEqual([{ rule: 'capacity', field: 'spec.hard.limits.memory', value: '1000Mi' }]);
    expect(brief(quotas(quota({ 'limits.memory': '1Gi' }, 'shop'), defaults('other'), web))).toEqual([
      { rule: 'capacity', field: 'spec.template.spec.containers[*].resources.limits.memory', value: undefined },
    ]);
  });

  test('fails on more pods than a scoped quota allows in its scopes: it counts and constrains only the pods in every one of its scopes', () => {
    const burstable = controller('Deployment', 'web', { replicas: 3, strategy: { type: 'Recreate' } }, { containers: [c('100m', '64Mi')] });
    const bestEffort = (name: string) => pod(name, { containers: [bare('app')] });
    const only = (scopes: string[]) => quota({ pods: '1' }, undefined, { scopes });
    expect(quotas(only(['BestEffort']), burstable, bestEffort('a'))).toEqual([]);
    const problems = quotas(only(['BestEffort']), burstable, bestEffort('a'), bestEffort('b'));
    expect(brief(problems)).toEqual([{ rule: 'capacity', field: 'spec.hard.pods', value: '1' }]);
    expect(problems[0].allowed).toContain('(pods in its scopes: BestEffort) use: 2');
    expect(brief(quotas(only(['NotBestEffort']), burstable, bestEffort('a')))).toEqual([{ rule: 'capacity', field: 'spec.hard.pods', value: '1' }]);
    // a BestEffort pod is not asked for the requests of a NotBestEffort quota
    expect(quotas(quota({ 'requests.cpu': '1' }, undefined, { scopes: ['NotBestEffort'] }), burstable, bestEffort('a'))).toEqual([]);
    expect(quotas(quota({ pods: '1' }, undefined, { scopes: ['NotBestEffort', 'Terminating'] }), burstable)).toEqual([]);
  });

  test('fails on more pods of the selected classes than a PriorityClass-scoped quota allows: it counts the pods of the classes it selects, and not the pods without a class (the cluster may give them its default)', () => {
    const of = (name: string, priorityClassName?: string) => pod(name, { containers: [c('100m', '64Mi')], ...(priorityClassName ? { priorityClassName } : {}) });
    const high = (operator: string, values?: string[]) => quota({ pods: '1' }, undefined, { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator, ...(values ? { values } : {}) }] } });
    const pods = [of('a', 'high'), of('b', 'high'), of('c', 'low'), of('d'), of('e')];
    const problems = quotas(high('In', ['high']), ...pods);
    expect(brief(problems)).toEqual([{ rule: 'capacity', field: 'spec.hard.pods', value: '1' }]);
    expect(problems[0].allowed).toContain('(pods in its scopes: PriorityClass In high) use: 2');
    expect(quotas(high('NotIn', ['high']), ...pods)).toEqual([]);
    expect(quotas(high('DoesNotExist'), ...pods)).toEqual([]);
    expect(brief(quotas(high('Exists'), ...pods)).map(p => p.field)).toEqual(['spec.hard.pods']);
  });

  test('a quota with a scope Kubernetes 1.28 does not know is skipped (it matches no pod)', () => {
    expect(quotas(quota({ pods: '0' }, undefined, { scopes: ['VolumeAttributesClass'] }), pod('a', { containers: [c('1', '1Gi')] }))).toEqual([]);
  });

  test('fails naming the biggest consumers of the resource the quota exceeds, not of pods', () => {
    const many = controller('Deployment', 'many', { replicas: 5, strategy: { type: 'Recreate' } }, { containers: [c('10m', '64Mi')] });
    const big = pod('big', { containers: [c('1', '1Mi')] });
    const problems = quotas(quota({ 'requests.cpu': '1', 'pods': '5' }), many, big);
    expect(brief(problems)).toEqual([
      { rule: 'capacity', field: 'spec.hard.requests.cpu', value: '1' },
      { rule: 'capacity', field: 'spec.hard.pods', value: '5' },
    ]);
    expect(problems[0].allowed).toContain('The biggest: Pod/big 1000m (1 pod × 1000m); Deployment/many 50m (5 replicas × 10m)');
    expect(problems[1].allowed).toContain('The biggest: Deployment/many (5 replicas); Pod/big (1 pod)');
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
