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
/** Mostly undefined: a field most manifests leave out. */
const rarely = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });

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
  withVolume: fc.boolean(),
  volumeName: mostly(['data'], ['Data', 'data_1']),
});

function specManifest(s: any): object {
  return clean({
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

/** Set one time in five, a mistake one time in eight of those. */
const often = <T>(valid: T[], invalid: T[]) => fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.oneof({ weight: 7, arbitrary: pick(...valid) }, { weight: 1, arbitrary: pick(...invalid) }) });

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
  badClusterIP: rarely(pick('10.96.0.300', 'not-an-ip')),
  kubeletPort: rarely(fc.constant(10250)),
  sessionAffinity: often(['None', 'ClientIP'], ['Sticky']),
  timeout: often([10800, 1, 86400], [0, 86401]),
  externalTrafficPolicy: often(['Cluster', 'Local'], ['Global']),
  internalTrafficPolicy: often(['Cluster', 'Local'], ['Node']),
  loadBalancerSourceRanges: often([['10.0.0.0/8'], [' 192.168.0.0/16', '2001:db8::/32']], [['10.0.0.1'], ['10.0.0.0/33']]),
  sourceRangesAnnotation: rarely(mostly(['10.0.0.0/8,192.168.2.0/24'], ['10.0.0.1'])),
  loadBalancerClass: often(['example.com/lb'], ['Not Valid!']),
  allocateLoadBalancerNodePorts: often([true, false], [true]),
  externalIPs: often([['192.0.2.10'], ['2001:db8::1', '010.1.2.3']], [['127.0.0.1'], ['0.0.0.0'], ['169.254.1.1'], ['x'], ['224.0.0.5'], ['fe80::1']]),
  // (no IPv6 family: the oracle's cluster is single-stack IPv4, which refuses one; we cannot know the cluster's)
  ipFamilies: often([['IPv4']], [['IPv4', 'IPv4'], ['ipv4']]),
  ipFamilyPolicy: often(['SingleStack', 'PreferDualStack'], ['DualStack']),
  publishNotReadyAddresses: often([true, false], [false]),
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
  path: maybe(often(['/', '/a/b', '/app'], ['a', '/a//b', '/a/.', '/%2f']), 6),
  pathType: often(['Prefix', 'Exact', 'ImplementationSpecific'], ['Regex']),
  service: mostly(['web', 'api'], ['1-web', 'Web']),
  port: fc.oneof({ weight: 8, arbitrary: pick({ number: 80 }, { name: 'http' }) }, { weight: 1, arbitrary: pick({ number: 70000 }, { name: 'HTTP' }, {}, { number: 80, name: 'http' }) }),
});

/** An Ingress manifest (networking.k8s.io/v1). */
export const rawIngress = fc.record({
  name: objectName,
  host: maybe(mostly(['web.example.com', '*.example.com', 'a'], ['10.0.0.1', 'a.*.com', '*', 'Web.example.com'])),
  paths: fc.oneof({ weight: 12, arbitrary: fc.array(ingressPath, { minLength: 1, maxLength: 2 }) }, { weight: 1, arbitrary: fc.constant([]) }),
  withRules: fc.oneof({ weight: 12, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  defaultBackend: rarely(ingressPath),
  tls: rarely(fc.record({ hosts: maybe(fc.array(mostly(['web.example.com', '*.example.com'], ['Web.com', '*.*.com']), { minLength: 1, maxLength: 1 })), secretName: maybe(mostly(['web-tls'], ['web_tls'])) })),
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
