/**
 * Generators of pod and Service configurations for the property tests (fast-check): mostly
 * valid values, sometimes one of the usual mistakes, sometimes a wrong type from JavaScript.
 */
import { Chart } from 'cdk8s';
import * as fc from 'fast-check';
import {
  AppPod, ContainerProps, DnsPolicy, ExposedService, ExposedServiceProps, NodeOperator, Placement, Protocol, SecurityProfile, ServiceType, TaintEffect,
  TolerationOperator, WhenUnsatisfiable, Workload,
} from '../src';

/** Mostly valid values, sometimes one of the usual mistakes: about half the configurations pass. */
export const mostly = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ weight: 15, arbitrary: valid }, { weight: 1, arbitrary: invalid });
/** Values a JavaScript caller could pass by mistake anywhere. */
export const junk = fc.constantFrom<any>(null, 42, 'x', [], {}, true, NaN);

export const dnsLabel = fc.stringMatching(/^[a-z]([-a-z0-9]{0,12}[a-z0-9])?$/);
const badName = fc.constantFrom('', 'Web', 'web_1', '-web', 'web-', 'a'.repeat(64), 'my app', '1-web');
const podName = mostly(fc.oneof(dnsLabel, fc.stringMatching(/^[0-9][a-z0-9]{0,5}(\.[a-z]{1,5})?$/)), badName);
const labelKey = mostly(fc.stringMatching(/^([a-z]{1,6}\.io\/)?[a-z][-a-z0-9_.]{0,8}[a-z0-9]$/), fc.constantFrom('a/b/c', '-k', 'k k', '', 'x'.repeat(64)));
const labelValue = mostly(fc.stringMatching(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?)?$/), fc.constantFrom('a b', '-x', 'x'.repeat(64)));
export const labels = mostly(fc.dictionary(labelKey, labelValue, { minKeys: 1, maxKeys: 3 }), junk);
export const validLabels = fc.dictionary(fc.stringMatching(/^([a-z]{1,6}\.io\/)?[a-z][-a-z0-9_.]{0,8}[a-z0-9]$/),
  fc.stringMatching(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?)?$/), { minKeys: 1, maxKeys: 3 });
const portNumber = mostly(fc.integer({ min: 1, max: 65535 }), fc.constantFrom<any>(0, -1, 65536, 70000, 80.5, '80', NaN, Infinity));
const portName = mostly(fc.stringMatching(/^[a-z]{1,10}$/), fc.constantFrom('HTTP', 'http--alt', '8080', 'a-very-long-port-name'));
const protocol = mostly(fc.constantFrom(undefined, Protocol.TCP, Protocol.UDP), fc.constant('HTTP' as Protocol));
const image = mostly(fc.constantFrom('nginx', 'nginx:1.27', 'sposigor/app-flask-teste:1', 'registry.example.com:5000/team/app@sha256:' + 'a'.repeat(64)),
  fc.constantFrom('', ' nginx', 'a b', 'NGINX:Latest', 'nginx:', 'nginx::1'));
const quantity = mostly(fc.constantFrom('50m', '0.5', '1', '64Mi', '1Gi', '100M'), fc.constantFrom('64 Mi', 'lots', '-1', '1.5.2'));
const envName = mostly(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/), fc.constantFrom('1X', 'A B', '', 'X=Y'));

export const container: fc.Arbitrary<ContainerProps> = mostly(fc.record({
  name: mostly(dnsLabel, badName),
  image,
  port: fc.option(portNumber, { nil: undefined }),
  ports: fc.option(mostly(fc.array(mostly(fc.record({
    number: portNumber,
    name: fc.option(portName, { nil: undefined }),
    protocol,
  }, { requiredKeys: ['number'] }), junk), { maxLength: 2 }), junk), { nil: undefined, freq: 3 }),
  env: fc.option(mostly(fc.dictionary(envName, mostly(fc.string({ maxLength: 8 }), fc.constantFrom<any>(5000, true, null)), { maxKeys: 2 }), junk), { nil: undefined, freq: 3 }),
  resources: fc.option(fc.record({
    requests: fc.option(fc.record({ cpu: fc.option(quantity, { nil: undefined }), memory: fc.option(quantity, { nil: undefined }) }), { nil: undefined }),
    limits: fc.option(fc.record({ cpu: fc.option(quantity, { nil: undefined }), memory: fc.option(quantity, { nil: undefined }) }), { nil: undefined }),
  }), { nil: undefined, freq: 3 }),
}, { requiredKeys: ['name', 'image'] }), junk);

/** Absent mostly; when present, mostly valid, sometimes a mistake or junk. */
const seldom = <T>(valid: T[], invalid: unknown[]) => fc.oneof(
  // (14 such fields: mistakes rare enough that most configurations still pass)
  { weight: 60, arbitrary: fc.constant(undefined) },
  { weight: 6, arbitrary: fc.constantFrom(...valid) },
  { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...invalid), junk) },
) as fc.Arbitrary<T | undefined>;

/** The identity, runtime and scheduling props of a pod, each now and then. */
const podFields = fc.record({
  serviceAccountName: seldom(['web', 'a.b'], ['Web', 'a_b']),
  automountServiceAccountToken: seldom([false, true], ['no']),
  imagePullSecrets: seldom([['regcred'], ['a', 'b']], [['Reg Cred']]),
  terminationGracePeriodSeconds: seldom([0, 30, 120], [-1, 1.5]),
  hostAliases: seldom([[{ ip: '10.0.0.1', hostnames: ['a.local'] }], [{ ip: 'fd00::1', hostnames: ['b'] }]], [[{ ip: 'localhost', hostnames: ['a'] }], [{ ip: '1.1.1.1', hostnames: ['A_b'] }]]),
  dnsPolicy: seldom([DnsPolicy.DEFAULT, DnsPolicy.CLUSTER_FIRST], ['Cluster', DnsPolicy.NONE]),
  dnsConfig: seldom([{ nameservers: ['1.1.1.1'] }, { searches: ['a.example.'], options: [{ name: 'ndots', value: '2' }] }], [{ nameservers: ['dns.local'] }, { options: [{ name: '' }] }]),
  shareProcessNamespace: seldom([true], [1]),
  podSecurity: seldom([{ fsGroup: 2000, supplementalGroups: [1] }, { sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }] }],
    [{ fsGroup: -1 }, { sysctls: [{ name: 'net.core.somaxconn', value: '1' }] }, { fsGroupChangePolicy: 'Never' }]),
  nodeSelector: seldom([{ 'kubernetes.io/os': 'linux' }], [{ 'a b': 'c' }]),
  tolerations: seldom([[{ operator: TolerationOperator.EXISTS }], [{ key: 'k', value: 'v', effect: TaintEffect.NO_EXECUTE, tolerationSeconds: 5 }]],
    [[{ value: 'v' }], [{ key: 'k', operator: TolerationOperator.EXISTS, value: 'v' }], [{ key: 'k', tolerationSeconds: 5 }]]),
  topologySpread: seldom([[{ topologyKey: 'topology.kubernetes.io/zone' }], [{ topologyKey: 'kubernetes.io/hostname', maxSkew: 2, whenUnsatisfiable: WhenUnsatisfiable.SCHEDULE_ANYWAY }]],
    [[{ topologyKey: 'zone', maxSkew: 0 }], [{ topologyKey: 'zone', whenUnsatisfiable: WhenUnsatisfiable.SCHEDULE_ANYWAY, minDomains: 2 }], [{ topologyKey: 'zone', matchLabelKeys: ['app'] }]]),
  placement: seldom([[Placement.separate(undefined, { weight: 100 })], [Placement.attract([{ key: 'kubernetes.io/arch', operator: NodeOperator.IN, values: ['amd64'] }])]], [[{}]]),
  priorityClassName: seldom(['high'], ['High!']),
}, { requiredKeys: [] });

export const podProps = mostly(fc.tuple(fc.record({
  name: fc.option(podName, { nil: undefined }),
  labels: fc.option(labels, { nil: undefined }),
  containers: mostly(fc.array(container, { minLength: 1, maxLength: 2 }), fc.oneof(junk, fc.constant([]))),
}, { requiredKeys: [] }), podFields).map(([base, fields]) => ({ ...base, ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) })), junk);

export const workload = fc.constantFrom(undefined, Workload.pod(), Workload.deployment({ replicas: 2 }), Workload.daemonSet(), Workload.statefulSet({ replicas: 1 }));
export const profile = fc.constantFrom(undefined, SecurityProfile.NONE, SecurityProfile.RESTRICTED);

export const serviceProps = fc.record({
  type: mostly(fc.constantFrom(ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER, ServiceType.EXTERNAL_NAME), fc.constant('Headless' as ServiceType)),
  port: fc.option(portNumber, { nil: undefined }),
  // Left out mostly: it then follows the pod's port.
  targetPort: fc.option(fc.oneof(portNumber, portName), { nil: undefined, freq: 1 }),
  nodePort: fc.option(mostly(fc.integer({ min: 30000, max: 32767 }), fc.constantFrom(80, 29999, 32768)), { nil: undefined }),
  name: fc.option(mostly(dnsLabel, badName), { nil: undefined }),
  externalName: mostly(fc.constantFrom('foo.bar.example.com', 'foo.example.com.'), fc.constantFrom('Not A Host', '')),
});

/** One pod configuration, built into a chart. */
export function buildPod(chart: Chart, props: unknown, w: Workload | undefined, p: SecurityProfile | undefined): void {
  const full = props === null || typeof props !== 'object' ? props : { ...props, workload: w, securityProfile: p };
  new AppPod(chart, 'pod', full as never);
}

/** A generated Service configuration. */
export type ServiceConfig = typeof serviceProps extends fc.Arbitrary<infer T> ? T : never;

/** One Service configuration in front of a pod of `containers`, built into a chart. */
export function buildService(chart: Chart, s: ServiceConfig, containers: ContainerProps[]): void {
  const external = s.type === ServiceType.EXTERNAL_NAME;
  const target = external ? undefined : new AppPod(chart, 'pod', { containers });
  const props = (external ? { type: s.type, name: s.name, externalName: s.externalName }
    : { type: s.type, target, port: s.port, targetPort: s.targetPort, nodePort: s.type === ServiceType.CLUSTER_IP ? undefined : s.nodePort, name: s.name }) as ExposedServiceProps;
  new ExposedService(chart, 'svc', props);
}
