/**
 * Generators of raw manifests (Pods, Deployments, Services) for the differential tests: each
 * field takes valid values and the mistakes people make, so that the engine's verdict on an
 * object can be compared with the API server's own (the upstream oracle).
 */
import * as fc from 'fast-check';

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
/** A value of `valid` `weight` times in `weight + 1`, else one of `invalid`. */
const validOrNot = <T>(valid: T[], invalid: T[], weight: number) => fc.oneof({ weight, arbitrary: pick(...valid) }, { weight: 1, arbitrary: pick(...invalid) });
/** Mostly valid (the first list), sometimes a mistake (the second). */
const mostly = <T>(valid: T[], invalid: T[]) => validOrNot(valid, invalid, 30);
const maybe = <T>(a: fc.Arbitrary<T>, freq = 2) => fc.option(a, { nil: undefined, freq });
/** Present one time in `1 + absent`, else undefined. */
const rarely = <T>(a: fc.Arbitrary<T>, absent: number) => fc.oneof({ weight: 1, arbitrary: a }, { weight: absent, arbitrary: fc.constant(undefined) });
/** Mostly undefined: a field most manifests leave out. */
const seldom = <T>(a: fc.Arbitrary<T>) => rarely(a, 12);

const objectName = mostly(['web', 'web-1', 'a.b', '1-web', 'x'.repeat(63), 'api.v2'], ['Web', 'web_1', '-web', 'web-', 'x'.repeat(254), 'a..b', '']);
const serviceName = mostly(['web', 'web-1', 'a', 'x'.repeat(63)], ['1-web', 'a.b', 'Web', 'x'.repeat(64), 'web-', '']);
const namespace = maybe(validOrNot(['shop', 'team-a'], ['Shop', 'a.b', 'x'.repeat(64)], 10), 4);
const labelKey = mostly(['app', 'tier', 'example.com/team', 'a_b', 'a.b-c'], ['-a', 'a/b/c', 'Example.com/x', 'k k', 'x'.repeat(64), '/a', '']);
const labelValue = mostly(['web', '', 'v1.2', 'A_b-c', 'x'.repeat(63)], ['-x', 'a b', 'x'.repeat(64), 'x/y']);
const labels = maybe(fc.dictionary(labelKey, labelValue, { minKeys: 1, maxKeys: 2 }));
// (a container's deprecated AppArmor annotation: its value must be a profile, its container the pod's; rule app-armor-profile)
const annotationKey = validOrNot(['note', 'example.com/note', 'Example.com/Note', 'a_b', 'container.apparmor.security.beta.kubernetes.io/app'], ['-a', 'a/b/c', 'k k', ''], 10);
const annotations = maybe(fc.dictionary(annotationKey, pick('x', '', 'a long note', 'runtime/default', 'localhost/p', 'unconfined'), { minKeys: 1, maxKeys: 2 }), 4);
const containerName = mostly(['app', 'web', 'sidecar-1'], ['App', 'web_1', '-app', 'x'.repeat(64), '']);
const image = validOrNot(['nginx', 'nginx:1.27', 'busybox:1.36.1', 'localhost:5000/app', 'ghcr.io/org/app@sha256:' + 'a'.repeat(64)],
  ['', ' nginx', 'nginx ', 'NGINX:Latest', 'nginx:', 'a b'], 10);
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
const often = (valid: object[], invalid: object[]): fc.Arbitrary<object> => validOrNot(valid, invalid, 3);
/** Valid twice, a mistake one time in three. */
const oftenWrong = (valid: object[], invalid: object[]): fc.Arbitrary<object> => validOrNot(valid, invalid, 2);
const hook = (h: object) => ({ preStop: h });
const selector = (expr: object) => ({ labelSelector: { matchExpressions: [expr] }, topologyKey: 'kubernetes.io/hostname' });
const spread = (c: object) => [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', ...c }];
/**
 * One identity, runtime or scheduling field of a pod spec, valid or one of its mistakes: in every
 * pod spec, a mistake one time in three, so that each of these rules fires some ten times
 * or more in every run (a rule that fired 4 times on average missed a run in 50).
 */
const podExtra = fc.oneof(
  validOrNot([{ serviceAccountName: 'web' }, { priorityClassName: 'high' }], [{ serviceAccountName: 'Web' }, { priorityClassName: 'a_b' }], 1),
  oftenWrong([{ dnsPolicy: 'Default' }, { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'] } }, { dnsConfig: { searches: ['a.example.'], options: [{ name: 'ndots' }] } }],
    [{ dnsPolicy: 'None' }, { dnsPolicy: 'Cluster' }, { dnsConfig: { nameservers: ['dns.local'] } }, { dnsConfig: { searches: ['A.b'] } }, { dnsConfig: { options: [{ name: '' }] } }]),
  oftenWrong([{ hostAliases: [{ ip: '10.0.0.1', hostnames: ['a.local'] }] }, { hostAliases: [{ ip: 'fd00::1', hostnames: ['b'] }] }],
    [{ hostAliases: [{ ip: 'localhost', hostnames: ['a'] }] }, { hostAliases: [{ ip: '1.1.1.1', hostnames: ['A_b'] }] }]),
  oftenWrong([{ securityContext: { fsGroup: 2000, supplementalGroups: [1], fsGroupChangePolicy: 'OnRootMismatch' } }, { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }] } }],
    [{ securityContext: { fsGroup: -1 } }, { securityContext: { fsGroupChangePolicy: 'Never' } }, { securityContext: { sysctls: [{ name: 'a..b', value: '1' }] } }, { shareProcessNamespace: true, hostPID: true }]),
  oftenWrong([{ tolerations: [{ operator: 'Exists' }] }, { tolerations: [{ key: 'k', value: 'v', effect: 'NoExecute', tolerationSeconds: 5 }] }],
    [{ tolerations: [{ value: 'v' }] }, { tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] }, { tolerations: [{ key: 'k', effect: 'NoSchedule', tolerationSeconds: 5 }] }, { tolerations: [{ key: 'k', effect: 'Never' }] }]),
  oftenWrong([{ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [selector({ key: 'app', operator: 'In', values: ['web'] })] } } },
    { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['2'] }] }] } } } }],
  [{ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [selector({ key: 'app', operator: 'Exists', values: ['web'] })] } } },
    { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } },
    { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } }] } } }]),
  oftenWrong([{ topologySpreadConstraints: spread({}) }, { topologySpreadConstraints: spread({ minDomains: 2, labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['pod-template-hash'] }) }],
    [{ topologySpreadConstraints: spread({ maxSkew: 0 }) }, { topologySpreadConstraints: spread({ whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 }) }, { topologySpreadConstraints: spread({ matchLabelKeys: ['app'] }) }]),
);

// Configuration: keys, names, pod fields, resources, file modes and paths.
const configKey = mostly(['key', 'a.b', 'A_B-1', '.a', 'x'.repeat(253)], ['', '.', '..', '..a', 'a b', 'a/b', 'x'.repeat(254)]);
const refName = mostly(['conf', 'a.b', 'x'.repeat(253)], ['', 'Conf', 'a_b', 'x'.repeat(254)]);
const optional = maybe(fc.boolean(), 3);
const envFieldPath = mostly(['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP',
  'status.podIP', 'status.podIPs', 'spec.host', "metadata.labels['app']", "metadata.annotations['Example.com/Note']"],
['status.hostIPs', 'metadata.labels', 'metadata.annotations', 'spec.restartPolicy', 'status.phase', "metadata.name['x']", "metadata.labels['a b']",
  "metadata.labels['']", '', 'spec.containers']);
const volumeFieldPath = mostly(['metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.labels', 'metadata.annotations', "metadata.labels['app']"],
  ['spec.nodeName', 'status.podIP', 'spec.host', "metadata.labels['a b']", '']);
const fieldApiVersion = maybe(mostly(['v1', ''], ['v2', 'apps/v1']), 4);
const resource = mostly(['limits.cpu', 'requests.cpu', 'limits.memory', 'requests.memory', 'limits.ephemeral-storage', 'requests.hugepages-2Mi'],
  ['cpu', 'limits.gpu', '', 'memory']);
const divisor = maybe(mostly(['1', '1m', '1Mi', '1000m', '1Ki', '1024Ki', '1k', '0'], ['2', '1024', '1e3', '10m', '1Gi ']), 3);
const fileMode = maybe(mostly([0, 0o644, 0o400, 0o777], [-1, 0o1000, 512]), 3);
const itemPath = mostly(['a', 'conf/app.conf', 'a..b', '.a'], ['', '/abs', '../x', 'a/../b', '..data', '..']);
const keyItems = maybe(fc.array(fc.record({ key: configKey, path: itemPath, mode: fileMode }), { minLength: 1, maxLength: 2 }), 3);
const resourceRef = fc.record({ containerName: maybe(mostly(['app'], ['']), 2), resource, divisor });

const valueFrom = fc.oneof(
  fc.record({ configMapKeyRef: fc.record({ name: refName, key: configKey, optional }) }),
  fc.record({ secretKeyRef: fc.record({ name: refName, key: configKey, optional }) }),
  fc.record({ fieldRef: fc.record({ fieldPath: envFieldPath, apiVersion: fieldApiVersion }) }),
  fc.record({ resourceFieldRef: resourceRef }),
  { weight: 1, arbitrary: pick({}, { fieldRef: { fieldPath: 'metadata.name' }, configMapKeyRef: { name: 'conf', key: 'k' } }) },
);
const envVar = fc.oneof(
  { weight: 3, arbitrary: fc.record({ name: envName, value: pick('1', 'x', '') }) },
  { weight: 2, arbitrary: fc.record({ name: envName, valueFrom, value: maybe(pick('', 'x'), 6) }) },
);
const envFromSource = fc.record({
  prefix: maybe(mostly(['APP_', '', 'a.b'], ['1A', 'A B']), 3),
  which: mostly(['configMapRef', 'secretRef'], ['both', 'none']),
  name: refName,
  optional,
}).map(e => clean({
  prefix: e.prefix,
  configMapRef: e.which === 'configMapRef' || e.which === 'both' ? clean({ name: e.name, optional: e.optional }) : undefined,
  secretRef: e.which === 'secretRef' || e.which === 'both' ? clean({ name: e.name, optional: e.optional }) : undefined,
}));
const downwardFile = fc.oneof(
  fc.record({ path: itemPath, fieldRef: fc.record({ fieldPath: volumeFieldPath, apiVersion: fieldApiVersion }), mode: fileMode }),
  fc.record({ path: itemPath, resourceFieldRef: resourceRef, mode: fileMode }),
  { weight: 1, arbitrary: pick({ path: 'x' }, { path: 'x', fieldRef: { fieldPath: 'metadata.name' }, resourceFieldRef: { containerName: 'app', resource: 'limits.cpu' } }) },
);
const projection = fc.oneof(
  fc.record({ configMap: fc.record({ name: refName, items: keyItems, optional }) }),
  fc.record({ secret: fc.record({ name: refName, items: keyItems, optional }) }),
  fc.record({ downwardAPI: fc.record({ items: fc.array(downwardFile, { minLength: 1, maxLength: 2 }) }) }),
  fc.record({ serviceAccountToken: fc.record({
    path: mostly(['token', 'a/token'], ['']), audience: maybe(pick('api')), expirationSeconds: maybe(mostly([600, 3600, 4294967296], [599, 4294967297, 0])),
  }) }),
  { weight: 1, arbitrary: pick({}, { configMap: { name: 'a' }, secret: { name: 'b' } }) },
);
/** A volume's source (without its name). */
const volumeSource = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ emptyDir: {} }) },
  fc.record({ configMap: fc.record({ name: refName, items: keyItems, defaultMode: fileMode, optional }) }),
  fc.record({ secret: fc.record({ secretName: refName, items: keyItems, defaultMode: fileMode, optional }) }),
  fc.record({ persistentVolumeClaim: fc.record({ claimName: refName, readOnly: maybe(fc.boolean()) }) }),
  fc.record({ downwardAPI: fc.record({ items: fc.array(downwardFile, { minLength: 1, maxLength: 2 }), defaultMode: fileMode }) }),
  fc.record({ projected: fc.record({ sources: fc.array(projection, { minLength: 1, maxLength: 3 }), defaultMode: fileMode }) }),
  { weight: 1, arbitrary: fc.constant({ emptyDir: {}, configMap: { name: 'conf' } }) },
);

const container = fc.record({
  name: containerName,
  image,
  ports: maybe(fc.array(fc.record({ containerPort: portNumber, name: portName, protocol }), { minLength: 1, maxLength: 2 })),
  env: maybe(fc.array(envVar, { minLength: 1, maxLength: 2 }), 3),
  envFrom: maybe(fc.array(envFromSource, { minLength: 1, maxLength: 2 }), 4),
  resources: maybe(fc.record({
    requests: maybe(fc.record({ memory: maybe(quantity), cpu: maybe(quantity) })),
    limits: maybe(fc.record({ memory: maybe(quantity), cpu: maybe(quantity) })),
  }), 3),
  mount: maybe(fc.record({
    volume: pick('data', 'missing'), mountPath, subPath,
    subPathExpr: maybe(mostly(['$(POD_NAME)', 'logs/$(POD_NAME)'], ['/$(POD_NAME)', '../$(X)']), 5),
    mountPropagation: maybe(mostly(['None', 'HostToContainer', 'Bidirectional'], ['Both', 'none']), 5),
  }), 3),
  readinessProbe: maybe(fc.oneof(
    fc.record({ httpGet: fc.record({ path: pick('/'), port: probePort }), periodSeconds: timing }),
    fc.record({ tcpSocket: fc.record({ port: probePort }), timeoutSeconds: timing }),
    fc.constant({}),
  ), 4),
  runAsUser: userId,
  privileged: maybe(fc.boolean(), 5),
  lifecycle: rarely(often([hook({ exec: { command: ['sleep', '5'] } }), hook({ httpGet: { path: '/', port: 80 } })], [hook({ exec: { command: [] } }), hook({ sleep: { seconds: 1 } }), hook({})]), 4),
  restartPolicy: rarely(fc.constant('Always'), 24),
});

/** A container as the API spells it. */
function containerManifest(c: any): object {
  const { mount, runAsUser, privileged, ...rest } = c;
  return clean({
    ...rest,
    env: rest.env?.map((e: object) => clean(e)),
    volumeMounts: mount ? [clean({ name: mount.volume, mountPath: mount.mountPath, subPath: mount.subPath, subPathExpr: mount.subPathExpr, mountPropagation: mount.mountPropagation })] : undefined,
    securityContext: runAsUser === undefined && privileged === undefined ? undefined : clean({ runAsUser, privileged }),
  });
}

const podSpec = fc.record({
  containers: fc.oneof({ weight: 9, arbitrary: fc.array(container, { minLength: 1, maxLength: 2 }) }, { weight: 1, arbitrary: fc.constant([]) }),
  restartPolicy,
  extra: podExtra,
  withVolume: fc.boolean(),
  volumeName: mostly(['data'], ['Data', 'data_1']),
  volumeSource,
});

function specManifest(s: any): object {
  return clean({
    ...s.extra,
    restartPolicy: s.restartPolicy,
    containers: s.containers.map(containerManifest),
    volumes: s.withVolume ? [{ name: s.volumeName, ...s.volumeSource }] : undefined,
    // A cluster's ServiceAccount admission names the "default" account of a pod that names none,
    // before validation: the oracle does not run admission (a token projection needs an account).
    serviceAccountName: s.withVolume && (s.volumeSource.projected?.sources ?? []).some((p: any) => p.serviceAccountToken) ? 'default' : undefined,
  });
}

/** A Pod manifest. */
export const rawPod = fc.record({ apiVersion: maybe(pick('v1'), 12), name: objectName, namespace, labels, annotations, spec: podSpec }).map(p => clean({
  apiVersion: p.apiVersion, kind: 'Pod',
  metadata: clean({ name: p.name, namespace: p.namespace, labels: p.labels, annotations: p.annotations }),
  spec: specManifest(p.spec),
}));

/** A Deployment manifest. */
/** maxSurge, maxUnavailable, minAvailable: a count or a percentage. */
const intOrPercent = mostly<number | string>([0, 1, 2, '0%', '25%', '100%'], [-1, '101%', '5 %', 'half']);
const seconds = (valid: number[], invalid: number[]) => maybe(mostly(valid, invalid), 3);
const deploymentStrategy = maybe(fc.oneof(
  { weight: 6, arbitrary: fc.record({ type: maybe(pick('RollingUpdate'), 3), rollingUpdate: maybe(fc.record({ maxSurge: maybe(intOrPercent), maxUnavailable: maybe(intOrPercent) })) }) },
  { weight: 2, arbitrary: fc.constant({ type: 'Recreate' }) },
  { weight: 1, arbitrary: pick({ type: 'Recreate', rollingUpdate: { maxSurge: 1 } }, { type: 'BlueGreen' }) },
), 3);

export const rawDeployment = fc.record({
  name: objectName,
  replicas: maybe(validOrNot([0, 1, 3, 2147483647], [-1], 10)),
  templateLabels: fc.dictionary(labelKey, labelValue, { minKeys: 0, maxKeys: 2 }),
  selectorMatches: fc.boolean(),
  spec: podSpec,
  strategy: deploymentStrategy,
  minReadySeconds: seconds([0, 5, 30], [-1]),
  progressDeadlineSeconds: seconds([600, 60], [5, -1]),
  revisionHistoryLimit: seconds([0, 10], [-1]),
}).map(d => clean({
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: { name: d.name },
  spec: clean({
    replicas: d.replicas,
    selector: { matchLabels: d.selectorMatches ? d.templateLabels : { app: 'elsewhere' } },
    template: { metadata: { labels: d.templateLabels }, spec: specManifest(d.spec) },
    strategy: d.strategy, // (the tests read manifests as JSON: undefined fields drop out)
    minReadySeconds: d.minReadySeconds,
    progressDeadlineSeconds: d.progressDeadlineSeconds,
    revisionHistoryLimit: d.revisionHistoryLimit,
  }),
}));

/**
 * A StatefulSet manifest (apps/v1): the same pod specs, which the 1.28 API server does not
 * validate in a StatefulSet (the engine says so with `unchecked-pod-template`).
 */
export const rawStatefulSet = fc.record({
  name: objectName,
  replicas: maybe(mostly([0, 1, 3], [-1])),
  templateLabels: fc.dictionary(labelKey, labelValue, { minKeys: 0, maxKeys: 2 }),
  selectorMatches: fc.boolean(),
  spec: podSpec,
}).map(d => clean({
  apiVersion: 'apps/v1', kind: 'StatefulSet',
  metadata: { name: d.name },
  spec: clean({
    replicas: d.replicas,
    serviceName: 'headless',
    selector: { matchLabels: d.selectorMatches ? d.templateLabels : { app: 'elsewhere' } },
    template: { metadata: { labels: d.templateLabels }, spec: specManifest(d.spec) },
  }),
}));

/** A PodDisruptionBudget manifest (policy/v1). */
export const rawDisruptionBudget = fc.record({
  name: mostly(['web', 'Web_1', 'a.b'], ['', 'a/b', '..']),
  minAvailable: maybe(intOrPercent),
  maxUnavailable: maybe(intOrPercent, 3),
  selector: maybe(fc.record({ matchLabels: fc.dictionary(labelKey, labelValue, { minKeys: 0, maxKeys: 2 }) }), 4),
}).map(b => clean({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: b.name },
  spec: clean({ minAvailable: b.minAvailable, maxUnavailable: b.maxUnavailable, selector: b.selector }),
}));

const metricTarget = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: pick('Utilization'), averageUtilization: mostly([50, 80, 150], [0, -5]) }) },
  { weight: 2, arbitrary: fc.record({ type: pick('AverageValue'), averageValue: mostly(['100m', '64Mi', '1'], ['0', '-1']) }) },
  { weight: 1, arbitrary: pick({ type: 'Utilization', averageUtilization: 50, averageValue: '1' }, { type: 'Utilization' }, { type: 'Percent', averageUtilization: 50 }) },
);
const scalingRules = fc.record({
  stabilizationWindowSeconds: maybe(mostly([0, 300, 3600], [-1, 3601])),
  selectPolicy: maybe(mostly(['Max', 'Min', 'Disabled'], ['Most']), 3),
  policies: maybe(fc.oneof(
    { weight: 20, arbitrary: fc.array(fc.record({ type: mostly(['Pods', 'Percent'], ['Replicas']), value: mostly([1, 4, 100], [0]), periodSeconds: mostly([15, 60, 1800], [0, 1801]) }), { minLength: 1, maxLength: 2 }) },
    { weight: 1, arbitrary: fc.constant([]) },
  )),
});

/** A HorizontalPodAutoscaler manifest (autoscaling/v2), each on its own. */
export const rawAutoscaler = fc.record({
  name: mostly(['web', 'web-1'], ['Web', 'a/b']),
  minReplicas: maybe(mostly([1, 2, 3], [0, -1])),
  maxReplicas: mostly([1, 3, 10], [0, -1]),
  kind: mostly(['Deployment', 'StatefulSet'], ['', 'a/b']),
  target: mostly(['web', 'api'], ['', '..', 'a%b']),
  metrics: maybe(fc.array(fc.oneof(
    { weight: 10, arbitrary: fc.record({ type: pick('Resource'), resource: fc.record({ name: pick('cpu', 'memory'), target: metricTarget }) }) },
    { weight: 1, arbitrary: pick({ type: 'Resource' }, { type: 'Cpu' }, { type: 'Resource', resource: { name: '', target: { type: 'Utilization', averageUtilization: 50 } } }) },
  ), { minLength: 1, maxLength: 2 })),
  behavior: maybe(fc.record({ scaleUp: maybe(scalingRules), scaleDown: maybe(scalingRules) }), 3),
}).map(h => clean({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: h.name },
  spec: clean({
    scaleTargetRef: { apiVersion: 'apps/v1', kind: h.kind, name: h.target },
    minReplicas: h.minReplicas, maxReplicas: h.maxReplicas, metrics: h.metrics,
    behavior: h.behavior === undefined ? undefined : clean({
      scaleUp: h.behavior.scaleUp && clean(h.behavior.scaleUp), scaleDown: h.behavior.scaleDown && clean(h.behavior.scaleDown),
    }),
  }),
}));

/** A ConfigMap manifest. */
export const rawConfigMap = fc.record({
  name: objectName,
  data: maybe(fc.dictionary(configKey, pick('x', ''), { minKeys: 1, maxKeys: 2 })),
  binaryData: maybe(fc.dictionary(mostly(['key', 'bin'], ['a b']), pick('eA=='), { minKeys: 1, maxKeys: 1 }), 3),
}).map(c => clean({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: c.name }, data: c.data, binaryData: c.binaryData }));

/** A Secret manifest. */
export const rawSecret = fc.record({
  name: objectName,
  data: maybe(fc.dictionary(configKey, pick('eA==', ''), { minKeys: 1, maxKeys: 2 })),
  stringData: maybe(fc.dictionary(configKey, pick('x'), { minKeys: 1, maxKeys: 1 }), 3),
}).map(c => clean({ apiVersion: 'v1', kind: 'Secret', metadata: { name: c.name }, data: c.data, stringData: c.stringData }));

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
  type: maybe(validOrNot(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'], ['Headless', 'clusterip'], 8)),
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

/** Set one time in five, a mistake one time in eight of those. */
const sometimes = <T>(valid: T[], invalid: T[]) => rarely(validOrNot(valid, invalid, 7), 4);

/** A valid Service of each type, without the fields {@link rawServiceSpec} adds. */
const validService = fc.record({
  name: pick('web', 'api'),
  type: fc.oneof({ weight: 3, arbitrary: pick('ClusterIP', 'NodePort', 'LoadBalancer') }, { weight: 1, arbitrary: pick('ExternalName') }),
  ports: pick([{ port: 80 }], [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'dns', port: 53, protocol: 'UDP' }]),
  headless: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
}).map(s => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name: s.name },
  spec: s.type === 'ExternalName' ? { type: s.type, externalName: 'db.example.com' }
    : clean({ type: s.type, clusterIP: s.headless && s.type === 'ClusterIP' ? 'None' : undefined, selector: { app: s.name }, ports: s.ports }),
}));

/**
 * A Service manifest with the rest of the spec (session affinity, traffic policies, the
 * LoadBalancer fields, cluster and external IPs, IP families), each field often set: the
 * mistakes of these fields are judged apart from the mix of {@link rawService}.
 */
export const rawServiceSpec = fc.record({
  base: validService,
  // (no specific cluster IP: the oracle's allocator gives each once, and its range is the cluster's)
  badClusterIP: seldom(pick('10.96.0.300', 'not-an-ip')),
  kubeletPort: seldom(fc.constant(10250)),
  sessionAffinity: sometimes(['None', 'ClientIP'], ['Sticky']),
  timeout: sometimes([10800, 1, 86400], [0, 86401]),
  externalTrafficPolicy: sometimes(['Cluster', 'Local'], ['Global']),
  internalTrafficPolicy: sometimes(['Cluster', 'Local'], ['Node']),
  loadBalancerSourceRanges: sometimes([['10.0.0.0/8'], [' 192.168.0.0/16', '2001:db8::/32']], [['10.0.0.1'], ['10.0.0.0/33']]),
  sourceRangesAnnotation: seldom(mostly(['10.0.0.0/8,192.168.2.0/24'], ['10.0.0.1'])),
  loadBalancerClass: sometimes(['example.com/lb'], ['Not Valid!']),
  allocateLoadBalancerNodePorts: sometimes([true, false], [true]),
  externalIPs: sometimes([['192.0.2.10'], ['2001:db8::1', '010.1.2.3']], [['127.0.0.1'], ['0.0.0.0'], ['169.254.1.1'], ['x'], ['224.0.0.5'], ['fe80::1']]),
  // (no IPv6 family: the oracle's cluster is single-stack IPv4, which refuses one; we cannot know the cluster's)
  ipFamilies: sometimes([['IPv4']], [['IPv4', 'IPv4'], ['ipv4']]),
  ipFamilyPolicy: sometimes(['SingleStack', 'PreferDualStack'], ['DualStack']),
  publishNotReadyAddresses: sometimes([true, false], [false]),
}).map(({ base, badClusterIP, kubeletPort, timeout, sourceRangesAnnotation, ...fields }): any => {
  const m: any = base;
  const ports = kubeletPort === undefined ? m.spec.ports : [{ name: 'kubelet', port: kubeletPort }, ...(m.spec.ports ?? []).map((p: any, i: number) => ({ name: `p${i}`, ...p }))];
  return clean({
    ...m,
    metadata: clean({ ...m.metadata, annotations: sourceRangesAnnotation === undefined ? undefined : { 'service.beta.kubernetes.io/load-balancer-source-ranges': sourceRangesAnnotation } }),
    spec: clean({
      ...m.spec,
      clusterIP: m.spec.clusterIP ?? badClusterIP,
      ports,
      ...clean(fields),
      sessionAffinityConfig: timeout === undefined ? undefined : { clientIP: { timeoutSeconds: timeout } },
    }),
  });
});

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

const ingressPath = fc.record({
  path: maybe(sometimes(['/', '/a/b', '/app'], ['a', '/a//b', '/a/.', '/%2f']), 6),
  pathType: sometimes(['Prefix', 'Exact', 'ImplementationSpecific'], ['Regex']),
  service: mostly(['web', 'api'], ['1-web', 'Web']),
  port: fc.oneof({ weight: 8, arbitrary: pick({ number: 80 }, { name: 'http' }) }, { weight: 1, arbitrary: pick({ number: 70000 }, { name: 'HTTP' }, {}, { number: 80, name: 'http' }) }),
});

/** An Ingress manifest (networking.k8s.io/v1). */
export const rawIngress = fc.record({
  name: objectName,
  host: maybe(mostly(['web.example.com', '*.example.com', 'a'], ['10.0.0.1', 'a.*.com', '*', 'Web.example.com'])),
  paths: fc.oneof({ weight: 12, arbitrary: fc.array(ingressPath, { minLength: 1, maxLength: 2 }) }, { weight: 1, arbitrary: fc.constant([]) }),
  withRules: fc.oneof({ weight: 12, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  defaultBackend: seldom(ingressPath),
  tls: seldom(fc.record({ hosts: maybe(fc.array(mostly(['web.example.com', '*.example.com'], ['Web.com', '*.*.com']), { minLength: 1, maxLength: 1 })), secretName: maybe(mostly(['web-tls'], ['web_tls'])) })),
  ingressClassName: maybe(mostly(['nginx', 'public.example.com'], ['Nginx', 'a_b'])),
}).map(i => {
  const backend = (p: any) => ({ service: { name: p.service, port: p.port } });
  return clean({
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: i.name },
    spec: clean({
      ingressClassName: i.ingressClassName,
      defaultBackend: i.defaultBackend === undefined ? undefined : backend(i.defaultBackend),
      tls: i.tls === undefined ? undefined : [clean({ ...i.tls })],
      rules: i.withRules ? [clean({ host: i.host, http: { paths: (i.paths as any[]).map((p: any) => clean({ path: p.path, pathType: p.pathType, backend: backend(p) })) } })] : undefined,
    }),
  });
});

const selectorExpression = fc.oneof(
  { weight: 6, arbitrary: pick({ key: 'tier', operator: 'In', values: ['web'] }, { key: 'tier', operator: 'NotIn', values: ['db', 'cache'] }, { key: 'canary', operator: 'Exists' }, { key: 'canary', operator: 'DoesNotExist' }) },
  { weight: 1, arbitrary: pick({ key: 'tier', operator: 'In' }, { key: 'tier', operator: 'Exists', values: ['x'] }, { key: 'tier', operator: 'Equals', values: ['x'] }, { key: '-tier', operator: 'In', values: ['x'] }, { key: 'tier', operator: 'In', values: ['-x'] }) },
);
const policySelector = fc.record({ matchLabels: maybe(fc.dictionary(labelKey, labelValue, { minKeys: 1, maxKeys: 1 }), 3), matchExpressions: maybe(fc.array(selectorExpression, { minLength: 1, maxLength: 2 }), 3) }).map(s => clean(s));
const policyPort = fc.oneof(
  { weight: 8, arbitrary: pick<any>({ port: 80 }, { port: 'http' }, { port: 53, protocol: 'UDP' }, { port: 1000, endPort: 2000 }, { protocol: 'SCTP' }, {}) },
  { weight: 1, arbitrary: pick<any>({ port: 0 }, { port: 80, protocol: 'HTTP' }, { port: 'HTTP' }, { port: 90, endPort: 80 }, { port: 'http', endPort: 90 }, { endPort: 90 }, { port: 70000 }) },
);
const peer = fc.oneof(
  { weight: 8, arbitrary: fc.oneof(
    policySelector.map(s => ({ podSelector: s })),
    fc.record({ podSelector: policySelector, namespaceSelector: policySelector }),
    pick<any>({ ipBlock: { cidr: '10.0.0.0/8' } }, { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }, { ipBlock: { cidr: '2001:db8::/32' } }),
  ) },
  { weight: 1, arbitrary: pick<any>({}, { ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }, { ipBlock: { cidr: '10.0.0.1' } }, { ipBlock: { cidr: '10.0.0.0/8', except: ['11.0.0.0/16'] } },
    { ipBlock: { cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] } }, { ipBlock: { cidr: '' } }) },
);
const policyRule = fc.record({ ports: maybe(fc.array(policyPort, { minLength: 1, maxLength: 2 })), peers: maybe(fc.array(peer, { minLength: 1, maxLength: 2 })) });

/** A NetworkPolicy manifest (networking.k8s.io/v1). */
export const rawNetworkPolicy = fc.record({
  name: objectName,
  podSelector: policySelector,
  policyTypes: maybe(mostly([['Ingress'], ['Egress'], ['Ingress', 'Egress']], [['ingress'], ['Ingress', 'Egress', 'Ingress'], ['Both']])),
  ingress: maybe(fc.array(policyRule, { minLength: 1, maxLength: 2 })),
  egress: maybe(fc.array(policyRule, { minLength: 1, maxLength: 2 }), 3),
}).map(p => clean({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: p.name },
  spec: clean({
    podSelector: p.podSelector,
    policyTypes: p.policyTypes,
    ingress: p.ingress?.map(r => clean({ ports: r.ports, from: r.peers })),
    egress: p.egress?.map(r => clean({ ports: r.ports, to: r.peers })),
  }),
}));
