/**
 * The workload checks (src/core/checks/workload-checks.ts), through the engine over plain
 * manifests: rollout settings, PodDisruptionBudgets and HorizontalPodAutoscalers on their own
 * (the API server's rules), then across objects (ours).
 */
import { checkManifests } from '../../../src/check';
import { brief, Manifest } from '../../util';

const check = (...objects: unknown[]) => brief(checkManifests(objects));
const containers = (resources: object = { requests: { cpu: '50m', memory: '64Mi' } }) => [{ name: 'c', image: 'nginx', resources }];
const deployment = (name: string, spec: object = {}, podSpec: object = {}): Manifest => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: containers(), ...podSpec } }, ...spec },
});
const statefulSet = (name: string, spec: object = {}, podSpec: object = {}): Manifest => ({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name },
  spec: { serviceName: name, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: containers(), ...podSpec } }, ...spec },
});
const daemonSet = (name: string, spec: object = {}): Manifest => ({
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: containers() } }, ...spec },
});
const pdb = (name: string, spec: object, metadata: object = {}): Manifest => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, ...metadata }, spec });
const hpa = (name: string, target: string, spec: object = {}, kind = 'Deployment'): Manifest => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind, name: target }, maxReplicas: 5, ...spec },
});
const cpu = (averageUtilization: number) => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization } } });

describe('rollout (api-server)', () => {
  test('a Deployment with every rollout field valid passes', () => {
    expect(check(deployment('web', {
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '50%', maxUnavailable: 0 } },
      minReadySeconds: 5, progressDeadlineSeconds: 6, revisionHistoryLimit: 0,
    }))).toEqual([]);
  });

  test('fails on maxSurge and maxUnavailable both 0, as numbers or percentages', () => {
    expect(check(deployment('web', { strategy: { rollingUpdate: { maxSurge: '0%', maxUnavailable: 0 } } }))).toEqual([
      { rule: 'rollout', field: 'spec.strategy.rollingUpdate.maxUnavailable', value: 0 },
    ]);
  });

  test('maxSurge 0 alone passes: maxUnavailable defaults to 25%', () => {
    expect(check(deployment('web', { strategy: { rollingUpdate: { maxSurge: 0 } } }))).toEqual([]);
  });

  test('fails on a maxUnavailable above 100%, a negative maxSurge and a percentage that is not one', () => {
    expect(check(deployment('web', { strategy: { rollingUpdate: { maxSurge: -1, maxUnavailable: '101%' } } }),
      deployment('api', { strategy: { rollingUpdate: { maxSurge: '5 %' } } }))).toEqual([
      { rule: 'rollout', field: 'spec.strategy.rollingUpdate.maxSurge', value: -1 },
      { rule: 'rollout', field: 'spec.strategy.rollingUpdate.maxUnavailable', value: '101%' },
      { rule: 'rollout', field: 'spec.strategy.rollingUpdate.maxSurge', value: '5 %' },
    ]);
  });

  test('a maxSurge above 100% passes for a Deployment (the API server caps only maxUnavailable)', () => {
    expect(check(deployment('web', { strategy: { rollingUpdate: { maxSurge: '200%' } } }))).toEqual([]);
  });

  test('fails on an unknown strategy type, and on rollingUpdate under Recreate', () => {
    expect(check(deployment('web', { strategy: { type: 'BlueGreen' } }),
      deployment('api', { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }))).toEqual([
      { rule: 'rollout', field: 'spec.strategy.type', value: 'BlueGreen' },
      { rule: 'rollout', field: 'spec.strategy.rollingUpdate', value: { maxSurge: 1 } },
    ]);
  });

  test('fails on a progress deadline not above minReadySeconds, and on negative counts', () => {
    expect(check(deployment('web', { minReadySeconds: 10, progressDeadlineSeconds: 10, revisionHistoryLimit: -1 }))).toEqual([
      { rule: 'rollout', field: 'spec.revisionHistoryLimit', value: -1 },
      { rule: 'rollout', field: 'spec.progressDeadlineSeconds', value: 10 },
    ]);
  });

  test('StatefulSet: fails on an unknown podManagementPolicy, a negative partition, rollingUpdate under OnDelete', () => {
    expect(check(statefulSet('db', { podManagementPolicy: 'Random', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: -1 } } }),
      statefulSet('kv', { updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 0 } } }))).toEqual([
      { rule: 'rollout', field: 'spec.podManagementPolicy', value: 'Random' },
      { rule: 'rollout', field: 'spec.updateStrategy.rollingUpdate.partition', value: -1 },
      { rule: 'rollout', field: 'spec.updateStrategy.rollingUpdate', value: { partition: 0 } },
    ]);
  });

  test('DaemonSet: exactly one of maxSurge and maxUnavailable is non-zero (maxUnavailable defaults to 1)', () => {
    expect(check(daemonSet('a', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }))).toEqual([]);
    expect(check(daemonSet('b', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } }))).toEqual([
      { rule: 'rollout', field: 'spec.updateStrategy.rollingUpdate.maxSurge', value: 1 },
    ]);
    expect(check(daemonSet('c', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } } }))).toEqual([
      { rule: 'rollout', field: 'spec.updateStrategy.rollingUpdate.maxUnavailable', value: 0 },
    ]);
    expect(check(daemonSet('d', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '101%', maxUnavailable: 0 } } }))).toEqual([
      { rule: 'rollout', field: 'spec.updateStrategy.rollingUpdate.maxSurge', value: '101%' },
    ]);
  });
});

describe('disruption-budget and autoscaler on their own (api-server)', () => {
  test('fails on minAvailable and maxUnavailable together, and on a percentage above 100%', () => {
    expect(check(deployment('web'), pdb('web', { minAvailable: 1, maxUnavailable: '101%', selector: { matchLabels: { app: 'web' } } }))).toEqual([
      { rule: 'disruption-budget', field: 'spec', value: { minAvailable: 1, maxUnavailable: '101%' } },
      { rule: 'disruption-budget', field: 'spec.maxUnavailable', value: '101%' },
    ]);
  });

  test('fails on a budget selector\'s expressions as the API server checks any label selector', () => {
    const selector = {
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: [] },
        { key: 'tier', operator: 'Exists', values: ['x'] },
        { key: 'tier', operator: 'Has' },
        { key: 'bad key!', operator: 'NotIn', values: ['bad value!'] },
      ],
    };
    expect(check(deployment('web'), pdb('web', { maxUnavailable: 1, selector }))).toEqual(expect.arrayContaining([
      { rule: 'disruption-budget', field: 'spec.selector.matchExpressions[0].values', value: [] },
      { rule: 'disruption-budget', field: 'spec.selector.matchExpressions[1].values', value: ['x'] },
      { rule: 'disruption-budget', field: 'spec.selector.matchExpressions[2].operator', value: 'Has' },
      { rule: 'labels', field: 'spec.selector.matchExpressions[3].key', value: 'bad key!' },
      { rule: 'labels', field: 'spec.selector.matchExpressions[3].values[0]', value: 'bad value!' },
    ]));
  });

  test('a budget selecting by expressions covers the pods they match', () => {
    const selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] };
    expect(check(deployment('web', { replicas: 3 }), pdb('web', { maxUnavailable: 1, selector }))).toEqual([]);
    const none = { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] };
    expect(check(deployment('web', { replicas: 3 }), pdb('web', { maxUnavailable: 1, selector: none }))).toEqual([
      { rule: 'selects-a-controller', field: 'spec.selector', value: none },
    ]);
  });

  test('fails on maxReplicas below minReplicas (the API server refuses it), and minReplicas 0', () => {
    expect(check(deployment('web'), hpa('web', 'web', { minReplicas: 5, maxReplicas: 2 }))).toEqual([
      { rule: 'autoscaler', field: 'spec.maxReplicas', value: 2 },
    ]);
    expect(check(deployment('web'), hpa('web', 'web', { minReplicas: 0 }))).toEqual([
      { rule: 'autoscaler', field: 'spec.minReplicas', value: 0 },
    ]);
  });

  test('fails on a utilization of 0, a non-positive averageValue and a target with both', () => {
    const metrics = [
      cpu(0),
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '0' } } },
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50, averageValue: '1' } } },
    ];
    expect(check(deployment('web'), hpa('web', 'web', { metrics }))).toEqual([
      { rule: 'autoscaler', field: 'spec.metrics[0].resource.target.averageUtilization', value: 0 },
      { rule: 'autoscaler', field: 'spec.metrics[1].resource.target.averageValue', value: '0' },
      { rule: 'autoscaler', field: 'spec.metrics[2].resource.target', value: { type: 'Utilization', averageUtilization: 50, averageValue: '1' } },
    ]);
  });

  test('fails on a stabilization window above 3600 s, a policy value of 0, a period above 1800 s, an unknown selectPolicy', () => {
    const behavior = { scaleUp: { stabilizationWindowSeconds: 3601, selectPolicy: 'Most', policies: [{ type: 'Pods', value: 0, periodSeconds: 1801 }] } };
    expect(check(deployment('web'), hpa('web', 'web', { behavior }))).toEqual([
      { rule: 'autoscaler', field: 'spec.behavior.scaleUp.stabilizationWindowSeconds', value: 3601 },
      { rule: 'autoscaler', field: 'spec.behavior.scaleUp.selectPolicy', value: 'Most' },
      { rule: 'autoscaler', field: 'spec.behavior.scaleUp.policies[0].value', value: 0 },
      { rule: 'autoscaler', field: 'spec.behavior.scaleUp.policies[0].periodSeconds', value: 1801 },
    ]);
  });

  test('a budget\'s name is only checked to fit in a URL (policy/v1 validates its spec only)', () => {
    expect(check(deployment('web', { replicas: 3 }), pdb('Web_1', { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } }))).toEqual([]);
    expect(check(deployment('web', { replicas: 3 }), pdb('a/b', { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } }))).toEqual([
      { rule: 'object-name', field: 'metadata.name', value: 'a/b' },
    ]);
  });

  test('fails on an empty policy list (left out, Kubernetes fills in its defaults), an unknown metric type, a Resource metric without its resource', () => {
    expect(check(deployment('web'), hpa('web', 'web', { metrics: [{ type: 'Cpu' }, { type: 'Resource' }], behavior: { scaleDown: { policies: [] } } }))).toEqual([
      { rule: 'autoscaler', field: 'spec.metrics[0].type', value: 'Cpu' },
      { rule: 'autoscaler', field: 'spec.metrics[1].resource', value: undefined },
      { rule: 'autoscaler', field: 'spec.behavior.scaleDown.policies', value: [] },
    ]);
  });

  test('fails on a scale target without a name', () => {
    expect(check(deployment('web'), hpa('web', ''))).toEqual([{ rule: 'autoscaler', field: 'spec.scaleTargetRef.name', value: '' }]);
  });
});

describe('budget-allows-disruption', () => {
  test('minAvailable below the replicas passes', () => {
    expect(check(deployment('web', { replicas: 3 }), pdb('web', { minAvailable: 2, selector: { matchLabels: { app: 'web' } } }))).toEqual([]);
  });

  test('fails on minAvailable at the replicas (1 when left out)', () => {
    expect(check(deployment('web', { replicas: 3 }), pdb('web', { minAvailable: 3, selector: { matchLabels: { app: 'web' } } }))).toEqual([
      { rule: 'budget-allows-disruption', field: 'spec.minAvailable', value: 3 },
    ]);
    expect(check(deployment('web'), pdb('web', { minAvailable: 1, selector: { matchLabels: { app: 'web' } } }))).toEqual([
      { rule: 'budget-allows-disruption', field: 'spec.minAvailable', value: 1 },
    ]);
  });

  test('a percentage is rounded up, as the disruption controller does: 90% of 3 is 3', () => {
    expect(check(deployment('web', { replicas: 3 }), pdb('web', { minAvailable: '90%', selector: { matchLabels: { app: 'web' } } }))).toEqual([
      { rule: 'budget-allows-disruption', field: 'spec.minAvailable', value: '90%' },
    ]);
    expect(check(deployment('web', { replicas: 3 }), pdb('web', { minAvailable: '60%', selector: { matchLabels: { app: 'web' } } }))).toEqual([]);
  });

  test('fails on maxUnavailable 0 or 0%, whatever the controller', () => {
    expect(check(daemonSet('agent'), pdb('agent', { maxUnavailable: '0%', selector: { matchLabels: { app: 'agent' } } }))).toEqual([
      { rule: 'budget-allows-disruption', field: 'spec.maxUnavailable', value: '0%' },
    ]);
  });

  test('an autoscaled controller is counted at its autoscaler\'s maximum', () => {
    const objects = [deployment('web'), pdb('web', { minAvailable: 3, selector: { matchLabels: { app: 'web' } } }), hpa('web', 'web', { minReplicas: 4, maxReplicas: 5 })];
    expect(check(...objects)).toEqual([]);
    objects[2] = hpa('web', 'web', { minReplicas: 2, maxReplicas: 3 });
    expect(check(...objects)).toEqual([{ rule: 'budget-allows-disruption', field: 'spec.minAvailable', value: 3 }]);
    // at a floor of 2 the budget of 3 allows nothing either, while the load is low
    objects[2] = hpa('web', 'web', { minReplicas: 2, maxReplicas: 4 });
    expect(check(...objects)).toEqual([{ rule: 'budget-at-autoscaler-floor', field: 'spec.minAvailable', value: 3 }]);
  });

  test('fails on maxUnavailable or a percentage over bare Pods: the disruption controller counts only pods of controllers', () => {
    const bare = (name: string, app: string): Manifest => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app } }, spec: { containers: containers() } });
    const selector = { matchLabels: { app: 'web' } };
    expect(check(bare('web-1', 'web'), bare('web-2', 'web'), pdb('web', { maxUnavailable: 1, selector }))).toEqual([
      { rule: 'budget-allows-disruption', field: 'spec.maxUnavailable', value: 1 },
    ]);
    expect(check(bare('web-1', 'web'), deployment('web', { replicas: 3 }), pdb('web', { minAvailable: '50%', selector }))).toEqual([
      { rule: 'budget-allows-disruption', field: 'spec.minAvailable', value: '50%' },
    ]);
    // an integer minAvailable counts the pods themselves, with or without a controller
    expect(check(bare('web-1', 'web'), bare('web-2', 'web'), pdb('web', { minAvailable: 1, selector }))).toEqual([]);
  });

  test('a DaemonSet\'s pods depend on the nodes: minAvailable is not judged', () => {
    expect(check(daemonSet('agent'), pdb('agent', { minAvailable: 5, selector: { matchLabels: { app: 'agent' } } }))).toEqual([]);
  });
});

describe('selects-a-controller', () => {
  test('fails on a budget whose selector matches no pod, or that has none', () => {
    expect(check(deployment('web', { replicas: 3 }), pdb('web', { maxUnavailable: 1, selector: { matchLabels: { app: 'wbe' } } }), pdb('none', { maxUnavailable: 1 }))).toEqual([
      { rule: 'selects-a-controller', field: 'spec.selector', value: { matchLabels: { app: 'wbe' } } },
      { rule: 'selects-a-controller', field: 'spec.selector', value: undefined },
    ]);
  });

  test('a budget in another namespace selects nothing; matchExpressions are read', () => {
    expect(check(deployment('web', { replicas: 3 }), pdb('web', { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } }, { namespace: 'shop' }))).toEqual([
      { rule: 'selects-a-controller', field: 'spec.selector', value: { matchLabels: { app: 'web' } } },
    ]);
    const expr = (operator: string, values?: string[]) => pdb('web', { maxUnavailable: 1, selector: { matchExpressions: [{ key: 'app', operator, values }] } });
    expect(check(deployment('web', { replicas: 3 }), expr('In', ['web', 'api']))).toEqual([]);
    expect(check(deployment('web', { replicas: 3 }), expr('Exists'))).toEqual([]);
    expect(brief(checkManifests([deployment('web', { replicas: 3 }), expr('NotIn', ['web'])])).map(p => p.rule)).toEqual(['selects-a-controller']);
    expect(brief(checkManifests([deployment('web', { replicas: 3 }), expr('DoesNotExist')])).map(p => p.rule)).toEqual(['selects-a-controller']);
  });

  test('fails on an autoscaler whose target is not in the app, or cannot be scaled', () => {
    expect(check(deployment('web'), hpa('web', 'wbe'))).toEqual([
      { rule: 'selects-a-controller', field: 'spec.scaleTargetRef', value: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'wbe' } },
    ]);
    expect(check(daemonSet('agent'), hpa('agent', 'agent', {}, 'DaemonSet'))).toEqual([
      { rule: 'selects-a-controller', field: 'spec.scaleTargetRef', value: { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent' } },
    ]);
  });

  test('fails on a second autoscaler of one controller', () => {
    const problems = checkManifests([deployment('web'), hpa('web', 'web'), hpa('web-2', 'web')]);
    expect(brief(problems)).toEqual([{ rule: 'selects-a-controller', field: 'spec.scaleTargetRef', value: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } }]);
    expect(problems[0].object).toBe('HorizontalPodAutoscaler/web-2');
    expect(problems[0].allowed).toMatch(/HorizontalPodAutoscaler\/web scales Deployment\/web already/);
  });
});

describe('autoscaled-replicas', () => {
  test('fails on a controller that writes the replicas an autoscaler sets', () => {
    const problems = checkManifests([deployment('web', { replicas: 3 }), hpa('web', 'web')]);
    expect(brief(problems)).toEqual([{ rule: 'autoscaled-replicas', field: 'spec.replicas', value: 3 }]);
    expect(problems[0].object).toBe('Deployment/web');
  });
});

describe('autoscaler-requests', () => {
  test('a utilization over containers that all request the resource passes (a limit alone counts: it is copied into the request)', () => {
    expect(check(deployment('web'), hpa('web', 'web', { metrics: [cpu(70)] }))).toEqual([]);
    expect(check(deployment('web', {}, { containers: containers({ limits: { cpu: '1' } }) }), hpa('web', 'web', { metrics: [cpu(70)] }))).toEqual([]);
  });

  test('fails on a CPU utilization over a container without a CPU request', () => {
    const podSpec = { containers: [...containers(), { name: 'side', image: 'busybox', resources: { requests: { memory: '8Mi' } } }] };
    const problems = checkManifests([deployment('web', {}, podSpec), hpa('web', 'web', { metrics: [cpu(70)] })]);
    expect(brief(problems)).toEqual([{ rule: 'autoscaler-requests', field: 'spec.metrics[0]', value: cpu(70) }]);
    expect(problems[0].allowed).toMatch(/container "side" of Deployment\/web requests none/);
  });

  test('fails without metrics when a container has no CPU request: Kubernetes\' default metric is CPU utilization', () => {
    const problems = checkManifests([deployment('web', {}, { containers: containers({}) }), hpa('web', 'web')]);
    expect(brief(problems)).toEqual([{ rule: 'autoscaler-requests', field: 'spec.metrics', value: undefined }]);
    // (an empty list is no metric too: Kubernetes defaults it the same way)
    expect(brief(checkManifests([deployment('web', {}, { containers: containers({}) }), hpa('web', 'web', { metrics: [] })])))
      .toEqual([{ rule: 'autoscaler-requests', field: 'spec.metrics', value: [] }]);
  });

  test('an average value needs no request; a container metric looks at its container only', () => {
    const podSpec = { containers: [...containers(), { name: 'side', image: 'busybox' }] };
    const averageValue = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } };
    const own = { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'c', target: { type: 'Utilization', averageUtilization: 60 } } };
    expect(check(deployment('web', {}, podSpec), hpa('web', 'web', { metrics: [averageValue, own] }))).toEqual([]);
  });
});

describe('volume-claim-templates', () => {
  const claim = (name: string) => ({ metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
  const mounting = (...names: string[]) => ({ containers: [{ ...containers()[0], volumeMounts: names.map((name, i) => ({ name, mountPath: `/m${i}` })) }] });

  test('a mounted claim template and a mounted pod volume pass', () => {
    expect(check(statefulSet('db', { volumeClaimTemplates: [claim('data')] }, { ...mounting('data', 'tmp'), volumes: [{ name: 'tmp', emptyDir: {} }] }))).toEqual([]);
  });

  test('fails on a claim template no container mounts', () => {
    expect(check(statefulSet('db', { volumeClaimTemplates: [claim('data'), claim('logs')] }, mounting('data')))).toEqual([
      { rule: 'volume-claim-templates', field: 'spec.volumeClaimTemplates[1].metadata.name', value: 'logs' },
    ]);
  });

  test('fails on a mount naming neither a volume nor a claim template: the API server\'s rule volumes from 1.34, which validates a StatefulSet\'s pod template', () => {
    expect(check(statefulSet('db', { volumeClaimTemplates: [claim('data')] }, mounting('data', 'dta')))).toEqual([
      { rule: 'volumes', field: 'spec.template.spec.containers[0].volumeMounts[1].name', value: 'dta' },
    ]);
  });

  test('a Deployment\'s mount of a missing volume stays the API server\'s rule', () => {
    expect(check(deployment('web', {}, mounting('data')))).toEqual([
      { rule: 'volumes', field: 'spec.template.spec.containers[0].volumeMounts[0].name', value: 'data' },
    ]);
  });
});
