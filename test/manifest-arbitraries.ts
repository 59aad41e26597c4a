/**
 * Generators of raw manifests (Pods, Deployments, Services) for the differential tests: each
 * field takes valid values and the mistakes people make, so that the engine's verdict on an
 * object can be compared with the API server's own (the upstream oracle).
 */
import * as fc from 'fast-check';

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
/** Mostly valid (the first list), sometimes a mistake (the second). */
const mostly = <T>(valid: T[], invalid: T[]) => fc.oneof({ weight: 30, arbitrary: pick(...valid) }, { weight: 1, arbitrary: pick(...invalid) });
const maybe = <T>(a: fc.Arbitrary<T>, freq = 2) => fc.option(a, { nil: undefined, freq });

const objectName = mostly(['web', 'web-1', 'a.b', '1-web', 'x'.repeat(63), 'api.v2'], ['Web', 'web_1', '-web', 'web-', 'x'.repeat(254), 'a..b', '']);
const serviceName = mostly(['web', 'web-1', 'a', 'x'.repeat(63)], ['1-web', 'a.b', 'Web', 'x'.repeat(64), 'web-', '']);
const namespace = maybe(mostly(['shop', 'team-a'], ['Shop', 'a.b', 'x'.repeat(64)]), 4);
const labelKey = mostly(['app', 'tier', 'example.com/team', 'a_b', 'a.b-c'], ['-a', 'a/b/c', 'Example.com/x', 'k k', 'x'.repeat(64), '/a', '']);
const labelValue = mostly(['web', '', 'v1.2', 'A_b-c', 'x'.repeat(63)], ['-x', 'a b', 'x'.repeat(64), 'x/y']);
const labels = maybe(fc.dictionary(labelKey, labelValue, { minKeys: 1, maxKeys: 2 }));
const annotationKey = mostly(['note', 'example.com/note', 'Example.com/Note', 'a_b'], ['-a', 'a/b/c', 'k k', '']);
const annotations = maybe(fc.dictionary(annotationKey, pick('x', '', 'a long note'), { minKeys: 1, maxKeys: 2 }), 4);
const containerName = mostly(['app', 'web', 'sidecar-1'], ['App', 'web_1', '-app', 'x'.repeat(64), '']);
const image = mostly(['nginx', 'nginx:1.27', 'busybox:1.36', 'localhost:5000/app', 'ghcr.io/org/app@sha256:' + 'a'.repeat(64)],
  ['', ' nginx', 'nginx ', 'NGINX:Latest', 'nginx:', 'a b']);
const portNumber = mostly([80, 8080, 1, 65535], [0, 65536, -1]);
const portName = maybe(mostly(['http', 'web-1', 'h2c', 'a'.repeat(15)], ['HTTP', 'a--b', '8080', '-a', 'a'.repeat(16), '']));
const protocol = maybe(mostly(['TCP', 'UDP', 'SCTP'], ['HTTP', 'tcp']));
const envName = mostly(['PORT', 'A_B', 'a.b', 'a-b', '_X'], ['1A', 'A B', '', 'A=B']);
const quantity = mostly(['64Mi', '128Mi', '1Gi', '50m', '1', '0.5'], ['lots', '64 Mi', '-1', '1.5.2']);
const mountPath = mostly(['/data', '/var/log/app', '/a/b'], ['', 'a:b', '/x:y']);
const subPath = maybe(mostly(['logs', 'a/b'], ['/abs', '../up', 'a/../b']), 4);
const restartPolicy = maybe(mostly(['Always', 'OnFailure', 'Never'], ['Sometimes', 'always']));
const userId = maybe(mostly([1000, 0, 101], [-1]), 4);
const probePort = mostly<number | string>([80, 'http', 8080], [0, 'HTTP', 70000]);
const timing = maybe(mostly([0, 1, 5], [-1]), 4);
/** Valid often, a mistake one time in four: for the many pod spec fields below, so each rule fires every run. */
const often = (valid: object[], invalid: object[]): fc.Arbitrary<object> => fc.oneof({ weight: 3, arbitrary: pick(...valid) }, { weight: 1, arbitrary: pick(...invalid) });
/** Present one time in `1 + absent`. */
const rarely = <T>(a: fc.Arbitrary<T>, absent: number) => fc.oneof({ weight: 1, arbitrary: a }, { weight: absent, arbitrary: fc.constant(undefined) });
const hook = (h: object) => ({ preStop: h });
const selector = (expr: object) => ({ labelSelector: { matchExpressions: [expr] }, topologyKey: 'kubernetes.io/hostname' });
const spread = (c: object) => [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', ...c }];
/** One identity, runtime or scheduling field of a pod spec, valid or one of its mistakes. */
const podExtra = rarely(fc.oneof(
  often([{ serviceAccountName: 'web' }, { priorityClassName: 'high' }], [{ serviceAccountName: 'Web' }, { priorityClassName: 'a_b' }]),
  often([{ dnsPolicy: 'Default' }, { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'] } }, { dnsConfig: { searches: ['a.example.'], options: [{ name: 'ndots' }] } }],
    [{ dnsPolicy: 'None' }, { dnsPolicy: 'Cluster' }, { dnsConfig: { nameservers: ['dns.local'] } }, { dnsConfig: { searches: ['A.b'] } }, { dnsConfig: { options: [{ name: '' }] } }]),
  often([{ hostAliases: [{ ip: '10.0.0.1', hostnames: ['a.local'] }] }, { hostAliases: [{ ip: 'fd00::1', hostnames: ['b'] }] }],
    [{ hostAliases: [{ ip: 'localhost', hostnames: ['a'] }] }, { hostAliases: [{ ip: '1.1.1.1', hostnames: ['A_b'] }] }]),
  often([{ securityContext: { fsGroup: 2000, supplementalGroups: [1], fsGroupChangePolicy: 'OnRootMismatch' } }, { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }] } }],
    [{ securityContext: { fsGroup: -1 } }, { securityContext: { fsGroupChangePolicy: 'Never' } }, { securityContext: { sysctls: [{ name: 'a..b', value: '1' }] } }, { shareProcessNamespace: true, hostPID: true }]),
  often([{ tolerations: [{ operator: 'Exists' }] }, { tolerations: [{ key: 'k', value: 'v', effect: 'NoExecute', tolerationSeconds: 5 }] }],
    [{ tolerations: [{ value: 'v' }] }, { tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] }, { tolerations: [{ key: 'k', effect: 'NoSchedule', tolerationSeconds: 5 }] }, { tolerations: [{ key: 'k', effect: 'Never' }] }]),
  often([{ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [selector({ key: 'app', operator: 'In', values: ['web'] })] } } },
    { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['2'] }] }] } } } }],
  [{ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [selector({ key: 'app', operator: 'Exists', values: ['web'] })] } } },
    { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } },
    { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } }] } } }]),
  often([{ topologySpreadConstraints: spread({}) }, { topologySpreadConstraints: spread({ minDomains: 2, labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['pod-template-hash'] }) }],
    [{ topologySpreadConstraints: spread({ maxSkew: 0 }) }, { topologySpreadConstraints: spread({ whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 }) }, { topologySpreadConstraints: spread({ matchLabelKeys: ['app'] }) }]),
), 2);

const container = fc.record({
  name: containerName,
  image,
  ports: maybe(fc.array(fc.record({ containerPort: portNumber, name: portName, protocol }), { minLength: 1, maxLength: 2 })),
  env: maybe(fc.array(fc.record({ name: envName, value: pick('1', 'x', '') }), { minLength: 1, maxLength: 2 }), 3),
  resources: maybe(fc.record({
    requests: maybe(fc.record({ memory: maybe(quantity), cpu: maybe(quantity) })),
    limits: maybe(fc.record({ memory: maybe(quantity), cpu: maybe(quantity) })),
  }), 3),
  mount: maybe(fc.record({ volume: pick('data', 'missing'), mountPath, subPath }), 3),
  readinessProbe: maybe(fc.oneof(
    fc.record({ httpGet: fc.record({ path: pick('/'), port: probePort }), periodSeconds: timing }),
    fc.record({ tcpSocket: fc.record({ port: probePort }), timeoutSeconds: timing }),
    fc.constant({}),
  ), 4),
  runAsUser: userId,
  lifecycle: rarely(often([hook({ exec: { command: ['sleep', '5'] } }), hook({ httpGet: { path: '/', port: 80 } })], [hook({ exec: { command: [] } }), hook({ sleep: { seconds: 1 } }), hook({})]), 9),
  restartPolicy: rarely(fc.constant('Always'), 49),
});

/** A container as the API spells it. */
function containerManifest(c: any): object {
  const { mount, runAsUser, ...rest } = c;
  return clean({
    ...rest,
    volumeMounts: mount ? [{ name: mount.volume, mountPath: mount.mountPath, subPath: mount.subPath }] : undefined,
    securityContext: runAsUser === undefined ? undefined : { runAsUser },
  });
}

const podSpec = fc.record({
  containers: fc.oneof({ weight: 9, arbitrary: fc.array(container, { minLength: 1, maxLength: 2 }) }, { weight: 1, arbitrary: fc.constant([]) }),
  restartPolicy,
  extra: podExtra,
  withVolume: fc.boolean(),
  volumeName: mostly(['data'], ['Data', 'data_1']),
});

function specManifest(s: any): object {
  return clean({
    ...s.extra,
    restartPolicy: s.restartPolicy,
    containers: s.containers.map(containerManifest),
    volumes: s.withVolume ? [{ name: s.volumeName, emptyDir: {} }] : undefined,
  });
}

/** A Pod manifest. */
export const rawPod = fc.record({ apiVersion: maybe(pick('v1'), 40), name: objectName, namespace, labels, annotations, spec: podSpec }).map(p => clean({
  apiVersion: p.apiVersion, kind: 'Pod',
  metadata: clean({ name: p.name, namespace: p.namespace, labels: p.labels, annotations: p.annotations }),
  spec: specManifest(p.spec),
}));

/** A Deployment manifest. */
export const rawDeployment = fc.record({
  name: objectName,
  replicas: maybe(mostly([0, 1, 3, 2147483647], [-1])),
  templateLabels: fc.dictionary(labelKey, labelValue, { minKeys: 0, maxKeys: 2 }),
  selectorMatches: fc.boolean(),
  spec: podSpec,
}).map(d => clean({
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: { name: d.name },
  spec: clean({
    replicas: d.replicas,
    selector: { matchLabels: d.selectorMatches ? d.templateLabels : { app: 'elsewhere' } },
    template: { metadata: { labels: d.templateLabels }, spec: specManifest(d.spec) },
  }),
}));

const servicePort = fc.record({
  name: portName,
  port: portNumber,
  protocol,
  targetPort: maybe(fc.oneof(portNumber, mostly(['http', 'web'], ['HTTP', 'a--b']))),
  nodePort: maybe(mostly([31000], [80, 29999, 32768]), 3),
});

/** A Service manifest (make the nodePorts of a batch unique with {@link uniqueNodePorts}). */
export const rawService = fc.record({
  name: serviceName,
  type: maybe(mostly(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'], ['Headless', 'clusterip'])),
  ports: fc.array(servicePort, { minLength: 0, maxLength: 3 }),
  selector: labels,
  externalName: maybe(mostly(['foo.example.com', 'foo.example.com.', 'db'], ['Not A Host', 'foo..com', 'a_b.com'])),
  headless: fc.boolean(),
}).map(s => clean({
  apiVersion: 'v1', kind: 'Service',
  metadata: { name: s.name },
  spec: clean({
    type: s.type,
    clusterIP: s.headless && s.type !== 'ExternalName' ? 'None' : undefined,
    selector: s.selector,
    externalName: s.externalName,
    ports: s.ports.length > 0 ? s.ports.map(p => clean({ ...p })) : undefined,
  }),
}));

/**
 * Gives every nodePort in the default range its own number in a batch (the allocator gives each
 * one once, and the objects of a batch are judged together upstream, one by one by the tests).
 */
export function uniqueNodePorts(manifests: any[]): void {
  let next = 30000;
  for (const m of manifests) {
    for (const p of m.spec?.ports ?? []) if (Number.isInteger(p.nodePort) && p.nodePort >= 30000 && p.nodePort <= 32767) p.nodePort = next++;
  }
}

/** A copy without undefined fields (the way a manifest is written). */
function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
