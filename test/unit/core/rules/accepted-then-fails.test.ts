/**
 * Rules for what the API server accepts and the kubelet or a controller then fails
 * (src/core/rules/subpath-expr-env.ts, downward-api-container.ts, budget-over-daemonset.ts),
 * through checkManifests, the path raw manifests take. budget-over-daemonset is also shown on
 * the control plane (test/controlplane/rules.test.ts); the kubelet's two only a kubelet shows.
 */
import { checkManifests } from '../../../../src/check';
import { referencedVariables } from '../../../../src/core/rules/subpath-expr-env';
import { brief, Manifest } from '../../../util';

const of = (id: string, manifests: Manifest[]) => brief(checkManifests(manifests)).filter(p => p.rule === id);

const podWith = (container: object, spec: object = {}): Manifest => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
  spec: { containers: [{ name: 'app', image: 'nginx', ...container }], volumes: [{ name: 'data', emptyDir: {} }], ...spec },
});

describe('subpath-expr-env', () => {
  test('reads $(NAME) references as Kubernetes expands them ($$ is a literal $)', () => {
    expect(referencedVariables('logs/$(POD_NAME)/$$(NOT)/$(NS)')).toEqual(['POD_NAME', 'NS']);
    expect(referencedVariables('a/$(UNCLOSED')).toEqual([]);
  });

  test('passes a subPathExpr of variables the container defines', () => {
    expect(of('subpath-expr-env', [podWith({
      env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'DIR', value: 'x' }],
      volumeMounts: [{ name: 'data', mountPath: '/data', subPathExpr: '$(DIR)/$(POD_NAME)' }],
    })])).toEqual([]);
  });

  test('passes when envFrom may bring the variable (nothing certain)', () => {
    expect(of('subpath-expr-env', [podWith({
      envFrom: [{ configMapRef: { name: 'settings' } }],
      volumeMounts: [{ name: 'data', mountPath: '/data', subPathExpr: '$(POD_NAME)' }],
    })])).toEqual([]);
  });

  test('fails a subPathExpr naming a variable the container lacks', () => {
    expect(of('subpath-expr-env', [podWith({ volumeMounts: [{ name: 'data', mountPath: '/data', subPathExpr: 'logs/$(POD_NAME)' }] })]))
      .toEqual([{ rule: 'subpath-expr-env', field: 'spec.containers[0].volumeMounts[0].subPathExpr', value: 'logs/$(POD_NAME)' }]);
  });

  test('fails a variable defined empty, in a Deployment\'s template', () => {
    const deployment: Manifest = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
      spec: { selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: podWith({ env: [{ name: 'DIR', value: '' }], volumeMounts: [{ name: 'data', mountPath: '/data', subPathExpr: '$(DIR)' }] }).spec } },
    };
    expect(of('subpath-expr-env', [deployment])).toEqual([{ rule: 'subpath-expr-env', field: 'spec.template.spec.containers[0].volumeMounts[0].subPathExpr', value: '$(DIR)' }]);
  });
});

describe('downward-api-container', () => {
  const volume = (containerName: string) => ({ name: 'limits', downwardAPI: { items: [{ path: 'cpu', resourceFieldRef: { containerName, resource: 'limits.cpu' } }] } });

  test('passes a resourceFieldRef naming a container of the pod', () => {
    expect(of('downward-api-container', [podWith({}, { volumes: [volume('app')] })])).toEqual([]);
  });

  test('fails a downwardAPI volume naming a container the pod lacks', () => {
    expect(of('downward-api-container', [podWith({}, { volumes: [volume('sidecar')] })]))
      .toEqual([{ rule: 'downward-api-container', field: 'spec.volumes[0].downwardAPI.items[0].resourceFieldRef.containerName', value: 'sidecar' }]);
  });

  test('fails a projected volume and an env variable naming a container the pod lacks', () => {
    const pod = podWith({ env: [{ name: 'CPU', valueFrom: { resourceFieldRef: { containerName: 'gone', resource: 'limits.cpu' } } }] }, {
      volumes: [{ name: 'p', projected: { sources: [{ downwardAPI: { items: [{ path: 'm', resourceFieldRef: { containerName: 'other', resource: 'limits.memory' } }] } }] } }],
    });
    expect(of('downward-api-container', [pod])).toEqual([
      { rule: 'downward-api-container', field: 'spec.volumes[0].projected.sources[0].downwardAPI.items[0].resourceFieldRef.containerName', value: 'other' },
      { rule: 'downward-api-container', field: 'spec.containers[0].env[0].valueFrom.resourceFieldRef.containerName', value: 'gone' },
    ]);
  });
});

describe('budget-over-daemonset', () => {
  const daemonset: Manifest = {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox' }] } } },
  };
  const pdb = (spec: object): Manifest => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, ...spec } });

  test('passes an integer minAvailable over a DaemonSet', () => {
    expect(of('budget-over-daemonset', [daemonset, pdb({ minAvailable: 1 })])).toEqual([]);
  });

  test('fails maxUnavailable over a DaemonSet', () => {
    expect(of('budget-over-daemonset', [daemonset, pdb({ maxUnavailable: 1 })]))
      .toEqual([{ rule: 'budget-over-daemonset', field: 'spec.maxUnavailable', value: 1 }]);
  });

  test('fails a percentage minAvailable over a DaemonSet', () => {
    expect(of('budget-over-daemonset', [daemonset, pdb({ minAvailable: '50%' })]))
      .toEqual([{ rule: 'budget-over-daemonset', field: 'spec.minAvailable', value: '50%' }]);
  });
});

describe('autoscaler-cpu-ceiling', () => {
  const deployment = (resources: object): Manifest => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', resources }] } } },
  });
  const hpa = (averageUtilization: number): Manifest => ({
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization } } }],
    },
  });

  test('passes a target the pods can exceed (limit equal to the request, target 70%; or no limit)', () => {
    expect(of('autoscaler-cpu-ceiling', [deployment({ requests: { cpu: '100m' }, limits: { cpu: '100m' } }), hpa(70)])).toEqual([]);
    expect(of('autoscaler-cpu-ceiling', [deployment({ requests: { cpu: '100m' } }), hpa(150)])).toEqual([]);
  });

  test('fails a 95% target with the limit equal to the request: utilization stops at 100%, below 104.5%', () => {
    expect(of('autoscaler-cpu-ceiling', [deployment({ requests: { cpu: '100m' }, limits: { cpu: '100m' } }), hpa(95)]))
      .toEqual([{ rule: 'autoscaler-cpu-ceiling', field: 'spec.metrics[0].resource.target.averageUtilization', value: 95 }]);
  });

  test('fails a 200% target over limits 1.5 times the requests (a limit alone is the request too)', () => {
    expect(of('autoscaler-cpu-ceiling', [deployment({ requests: { cpu: '200m' }, limits: { cpu: '300m' } }), hpa(200)]))
      .toEqual([{ rule: 'autoscaler-cpu-ceiling', field: 'spec.metrics[0].resource.target.averageUtilization', value: 200 }]);
    expect(of('autoscaler-cpu-ceiling', [deployment({ limits: { cpu: '300m' } }), hpa(100)]))
      .toEqual([{ rule: 'autoscaler-cpu-ceiling', field: 'spec.metrics[0].resource.target.averageUtilization', value: 100 }]);
  });
});
