/**
 * The engine's checks of pod spec fields beyond containers and volumes, over written manifests
 * (their rules under src/core/rules/): what the
 * validation plugin reports on plain YAML that no construct of ours wrote.
 */
import { checkManifests } from '../../../src/check';
import { brief, Manifest } from '../../util';

type Spec = { [key: string]: any };

const container = (extra: Spec = {}): Spec => ({ name: 'c', image: 'nginx', ports: [{ containerPort: 80, name: 'http' }], ...extra });
const pod = (spec: Spec = {}): Manifest => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [container()], ...spec },
});
const deployment = (spec: Spec): Manifest => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [container()], ...spec } } },
});
const check = (...objects: Manifest[]) => brief(checkManifests(objects));

describe('identity and runtime fields', () => {
  test('valid fields pass', () => {
    expect(check({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web' } }, pod({
      serviceAccountName: 'web', automountServiceAccountToken: false, imagePullSecrets: [{ name: 'regcred' }], terminationGracePeriodSeconds: 0,
      hostAliases: [{ ip: '::ffff:10.0.0.1', hostnames: ['a.local'] }], dnsPolicy: 'None', dnsConfig: { nameservers: ['010.0.0.1'], searches: ['a.example.'], options: [{ name: 'ndots', value: '1' }] },
      shareProcessNamespace: true, priorityClassName: 'system-cluster-critical',
      securityContext: { fsGroup: 0, supplementalGroups: [1], fsGroupChangePolicy: 'Always', sysctls: [{ name: 'net/ipv4/tcp_syncookies', value: '1' }] },
    }))).toEqual([]);
  });

  test('fails on each field the API server refuses, at its path in the manifest', () => {
    expect(check(deployment({
      serviceAccountName: 'Web', priorityClassName: 'a_b', dnsPolicy: 'None', hostAliases: [{ ip: 'localhost', hostnames: ['UPPER'] }],
      shareProcessNamespace: true, hostPID: true,
      securityContext: { fsGroup: 'x', sysctls: [{ name: 'a..b', value: '1' }] },
    }))).toEqual([
      { rule: 'pod-identity', field: 'spec.template.spec.serviceAccountName', value: 'Web' },
      { rule: 'pod-identity', field: 'spec.template.spec.priorityClassName', value: 'a_b' },
      { rule: 'dns', field: 'spec.template.spec.dnsConfig.nameservers', value: undefined },
      { rule: 'host-aliases', field: 'spec.template.spec.hostAliases[0].ip', value: 'localhost' },
      { rule: 'host-aliases', field: 'spec.template.spec.hostAliases[0].hostnames[0]', value: 'UPPER' },
      { rule: 'pod-security-context', field: 'spec.template.spec.securityContext.fsGroup', value: 'x' },
      { rule: 'pod-security-context', field: 'spec.template.spec.securityContext.sysctls[0].name', value: 'a..b' },
      { rule: 'pod-security-context', field: 'spec.template.spec.shareProcessNamespace', value: true },
    ]);
  });

  test('fails on an image pull Secret name no Secret can have, and a negative grace period (our rules: the API server takes both)', () => {
    expect(check(pod({ imagePullSecrets: [{ name: 'Reg Cred' }], terminationGracePeriodSeconds: -5 }))).toEqual([
      { rule: 'image-pull-secrets', field: 'spec.imagePullSecrets[0]', value: 'Reg Cred' },
      { rule: 'termination-grace-period', field: 'spec.terminationGracePeriodSeconds', value: -5 },
    ]);
  });
});

describe('scheduling fields', () => {
  test('valid fields pass', () => {
    expect(check(pod({
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      tolerations: [{ operator: 'Exists' }, { key: 'k', operator: 'Equal', value: 'v', effect: 'NoExecute', tolerationSeconds: -1 }],
      affinity: {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'n', operator: 'Lt', values: ['-4'] }] }] } },
        podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' } }] },
      },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['pod-template-hash'] }],
    }))).toEqual([]);
  });

  test('fails on the affinity the API server refuses', () => {
    expect(check(pod({ affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 101, preference: { matchExpressions: [{ key: 'n', operator: 'Gt', values: ['1.5'] }] } }],
      },
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key: 'a', operator: 'In' }] }, namespaces: ['Bad'] }] },
    } }))).toEqual([
      { rule: 'affinity', field: 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms', value: [] },
      { rule: 'affinity', field: 'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight', value: 101 },
      { rule: 'affinity', field: 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].values', value: undefined },
      { rule: 'affinity', field: 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaces[0]', value: 'Bad' },
      { rule: 'affinity', field: 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey', value: undefined },
      { rule: 'node-affinity-number', field: 'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].values[0]', value: '1.5' },
    ]);
  });

  test('fails on a node field selector other than one metadata.name compared with In or NotIn', () => {
    const terms = [{ matchFields: [
      { key: 'metadata.labels', operator: 'In', values: ['a'] },
      { key: 'metadata.name', operator: 'Exists' },
      { key: 'metadata.name', operator: 'In', values: ['a', 'b'] },
      { key: 'metadata.name', operator: 'NotIn', values: ['Node_1'] },
    ] }];
    const f = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields';
    expect(check(pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } }))).toEqual([
      { rule: 'affinity', field: `${f}[0].key`, value: 'metadata.labels' },
      { rule: 'affinity', field: `${f}[1].operator`, value: 'Exists' },
      { rule: 'affinity', field: `${f}[2].values`, value: ['a', 'b'] },
      { rule: 'affinity', field: `${f}[3].values[0]`, value: 'Node_1' },
    ]);
    expect(check(pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }] } } } }))).toEqual([]);
  });

  test('fails on a pod affinity term\'s namespace selector as on any label selector; an empty one (every namespace) passes', () => {
    const term = (namespaceSelector: object) => ({ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ namespaceSelector, topologyKey: 'k' }] } } });
    expect(check(pod(term({ matchExpressions: [{ key: 'team', operator: 'In' }] })))).toEqual([
      { rule: 'affinity', field: 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaceSelector.matchExpressions[0].values', value: undefined },
    ]);
    expect(check(pod(term({})))).toEqual([]);
  });

  test('fails on a spread constraint\'s node affinity or taints policy other than Honor or Ignore', () => {
    const constraint = { maxSkew: 1, topologyKey: 'k', whenUnsatisfiable: 'DoNotSchedule' };
    expect(check(pod({ topologySpreadConstraints: [{ ...constraint, nodeAffinityPolicy: 'Always', nodeTaintsPolicy: 'honor' }] }))).toEqual([
      { rule: 'topology-spread', field: 'spec.topologySpreadConstraints[0].nodeAffinityPolicy', value: 'Always' },
      { rule: 'topology-spread', field: 'spec.topologySpreadConstraints[0].nodeTaintsPolicy', value: 'honor' },
    ]);
    expect(check(pod({ topologySpreadConstraints: [{ ...constraint, nodeAffinityPolicy: 'Ignore', nodeTaintsPolicy: 'Honor' }] }))).toEqual([]);
  });

  test('fails on tolerations, a node selector and spread constraints the API server refuses', () => {
    expect(check(pod({
      nodeSelector: { a: 'b c' },
      tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }, { tolerationSeconds: 5, operator: 'Exists', effect: 'NoSchedule' }],
      topologySpreadConstraints: [{ maxSkew: 0, topologyKey: '', whenUnsatisfiable: 'DoNotSchedule', minDomains: 0, matchLabelKeys: ['app'] }],
    }))).toEqual([
      { rule: 'labels', field: 'spec.nodeSelector["a"]', value: 'b c' },
      { rule: 'tolerations', field: 'spec.tolerations[0].value', value: 'v' },
      { rule: 'tolerations', field: 'spec.tolerations[1].effect', value: 'NoSchedule' },
      { rule: 'topology-spread', field: 'spec.topologySpreadConstraints[0].maxSkew', value: 0 },
      { rule: 'topology-spread', field: 'spec.topologySpreadConstraints[0].topologyKey', value: '' },
      { rule: 'topology-spread', field: 'spec.topologySpreadConstraints[0].minDomains', value: 0 },
      { rule: 'topology-spread', field: 'spec.topologySpreadConstraints[0].matchLabelKeys', value: ['app'] },
    ]);
  });
});

describe('probes, hooks and native sidecars', () => {
  test('a native sidecar may have probes and hooks; a plain init container may not', () => {
    const probe = { tcpSocket: { port: 80 } };
    expect(check(pod({ initContainers: [container({ name: 's', restartPolicy: 'Always', readinessProbe: probe, lifecycle: { preStop: { exec: { command: ['sleep', '1'] } } } })] }))).toEqual([]);
    expect(check(pod({ initContainers: [container({ name: 'i', livenessProbe: probe, lifecycle: { postStart: { exec: { command: ['true'] } } } })] }))).toEqual([
      { rule: 'probes', field: 'spec.initContainers[0].livenessProbe', value: ['tcpSocket'] },
      { rule: 'lifecycle', field: 'spec.initContainers[0].lifecycle.postStart', value: ['exec'] },
    ]);
  });

  test('fails on a container restartPolicy on an app container before 1.35, or another than Always on an init container', () => {
    const at = (v: '1.34' | '1.35', ...objects: Manifest[]) => brief(checkManifests(objects, { kubernetesVersion: v }));
    // from 1.35 an app container may restart on its own terms (ContainerRestartRules): Always, OnFailure or Never
    expect(at('1.35', pod({ containers: [container({ restartPolicy: 'Always' })] }))).toEqual([]);
    expect(at('1.35', pod({ containers: [container({ restartPolicy: 'Sometimes' })] }))).toEqual([{ rule: 'container-restart-policy', field: 'spec.containers[0].restartPolicy', value: 'Sometimes' }]);
    expect(at('1.34', pod({ containers: [container({ restartPolicy: 'Always' })], initContainers: [container({ name: 'i', restartPolicy: 'OnFailure' })] }))).toEqual([
      { rule: 'container-restart-policy', field: 'spec.containers[0].restartPolicy', value: 'Always' },
      { rule: 'init-restart-policy', field: 'spec.initContainers[0].restartPolicy', value: 'OnFailure' },
    ]);
  });

  test('fails on a named probe or hook port the container does not declare (the kubelet would fail it)', () => {
    expect(check(pod({ containers: [container({ readinessProbe: { httpGet: { path: '/', port: 'http' } }, livenessProbe: { tcpSocket: { port: 'admin' } },
      lifecycle: { preStop: { httpGet: { path: '/', port: 'metrics' } } } })] }))).toEqual([
      { rule: 'probe-port-name', field: 'spec.containers[0].livenessProbe.tcpSocket.port', value: 'admin' },
      { rule: 'probe-port-name', field: 'spec.containers[0].lifecycle.preStop.httpGet.port', value: 'metrics' },
    ]);
  });

  test('fails on a sleep hook of 0 seconds, an empty exec command, a bad scheme, header name or gRPC port', () => {
    expect(check(pod({ containers: [container({
      lifecycle: { preStop: { sleep: { seconds: 0 } }, postStart: { exec: { command: [] } } },
      readinessProbe: { httpGet: { path: '/', port: 80, scheme: 'ftp', httpHeaders: [{ name: 'a b', value: 'c' }] } },
      livenessProbe: { grpc: { port: 0 } },
    })] }))).toEqual([
      { rule: 'probes', field: 'spec.containers[0].readinessProbe.httpGet.scheme', value: 'ftp' },
      { rule: 'probes', field: 'spec.containers[0].readinessProbe.httpGet.httpHeaders[0].name', value: 'a b' },
      { rule: 'probes', field: 'spec.containers[0].livenessProbe.grpc.port', value: 0 },
      { rule: 'lifecycle', field: 'spec.containers[0].lifecycle.postStart.exec.command', value: [] },
      { rule: 'lifecycle', field: 'spec.containers[0].lifecycle.preStop.sleep.seconds', value: 0 },
    ]);
  });

  test('takes what Kubernetes defaults before it validates: an httpGet without a path or with an empty scheme, a liveness successThreshold of 0, an empty toleration operator', () => {
    expect(check(pod({
      containers: [container({ livenessProbe: { httpGet: { port: 80, scheme: '' }, successThreshold: 0 }, lifecycle: { preStop: { httpGet: { port: 80 } } } })],
      tolerations: [{ key: 'k', operator: '', value: 'v' }],
    }))).toEqual([]);
    expect(check(pod({ tolerations: [{ operator: '', value: 'v' }] }))).toEqual([{ rule: 'tolerations', field: 'spec.tolerations[0].operator', value: '' }]);
  });

  test('fails on a hook without a handler, or with two', () => {
    expect(check(pod({ containers: [container({ lifecycle: { preStop: {}, postStart: { exec: { command: ['true'] }, httpGet: { path: '/', port: 80 } } } })] }))).toEqual([
      { rule: 'lifecycle', field: 'spec.containers[0].lifecycle.postStart', value: ['exec', 'httpGet'] },
      { rule: 'lifecycle', field: 'spec.containers[0].lifecycle.preStop', value: [] },
    ]);
  });

  test('fails on a probe grace period of 0, and on any on a readiness probe', () => {
    const tcp = { tcpSocket: { port: 80 } };
    expect(check(pod({ containers: [container({ livenessProbe: { ...tcp, terminationGracePeriodSeconds: 0 }, readinessProbe: { ...tcp, terminationGracePeriodSeconds: 5 }, startupProbe: { ...tcp, terminationGracePeriodSeconds: 5 } })] }))).toEqual([
      { rule: 'probes', field: 'spec.containers[0].readinessProbe.terminationGracePeriodSeconds', value: 5 },
      { rule: 'probes', field: 'spec.containers[0].livenessProbe.terminationGracePeriodSeconds', value: 0 },
    ]);
  });

  test('fails on a successThreshold other than 1 on a startup probe, not on a readiness probe', () => {
    expect(check(pod({ containers: [container({ startupProbe: { exec: { command: ['true'] }, successThreshold: 2 }, readinessProbe: { exec: { command: ['true'] }, successThreshold: 2 } })] }))).toEqual([
      { rule: 'probes', field: 'spec.containers[0].startupProbe.successThreshold', value: 2 },
    ]);
  });
});
