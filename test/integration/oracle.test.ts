/**
 * Our output and our checks, judged by the real thing: the upstream validation oracle
 * (test/oracle/: Kubernetes 1.28's own decoding, defaulting, validation and allocators, and the
 * Pod Security admission library).
 *
 * - Every manifest we write is accepted: dist/, the tutorial hardened, every snapshot, and every
 *   configuration the property generators accept; pods under SecurityProfile.RESTRICTED meet the
 *   "restricted" level.
 * - Differential: over generated raw manifests, the engine refuses an object by a rule of the API
 *   server (or its allocators) exactly when the API server refuses it. Where the engine goes
 *   further (its own rules: an image no runtime can pull, a Service that selects no pod, …) the API
 *   server accepts, and each such rule is named in the catalogue with source `ours`.
 * The construction-time checks use the same rule functions (src/core/rules.ts) as the engine.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration } from 'cdk8s';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { buildTutorial } from '../../app/tutorial';
import { AppPod, ExposedService, ExposedServiceProps, Problem, SecurityProfile, ServiceType, SessionAffinity, synthAtomically, validateApp, ValidationError } from '../../src';
import { checkManifests } from '../../src/check';
import { RULES } from '../../src/rules';
import { buildPod, buildService, container, podProps, profile, serviceProps, workload } from '../arbitraries';
import { rawAutoscaler, rawConfigMap, rawDeployment, rawDisruptionBudget, rawIngress, rawNetworkPolicy, rawPod, rawSecret, rawService, rawServiceSpec, rawStatefulSet, uniqueNodePorts } from '../manifest-arbitraries';
import { judge, judgeFiles, ORACLE_VERSIONS, OracleResult, OracleVersion } from '../oracle';
import { FIXTURES, REPO } from '../paths';
import { appliesTo, atLeast, DEFAULT_KUBERNETES_VERSION } from '../../src/core/versions';
import type { KubernetesVersion } from '../../src/core/versions';

/** What the library writes is for the default target: the oracle of that minor judges it. */
const TARGET = DEFAULT_KUBERNETES_VERSION as OracleVersion;

/**
 * The Gateway API's objects are custom resources: not built into Kubernetes, so the oracle does
 * not judge them. Every one a unit test renders is validated against the CRDs' schemas instead
 * (test/schema.ts); applying them to a control plane with the CRDs installed is the control
 * plane's test.
 */
/** The Gateway API's kinds (gateway.networking.k8s.io): custom resources, which the oracle does not judge. */
const GATEWAY_API_KINDS = ['GatewayClass', 'Gateway', 'HTTPRoute', 'GRPCRoute', 'ReferenceGrant'];
const customResource = (r: OracleResult) => r.unsupported === true && r.apiVersion.startsWith('gateway.networking.k8s.io/');

/**
 * Where the engine and a newer API server disagree: none. Each change upstream made after 1.28
 * that these cases meet is followed by a rule at the minors it applies to
 * (docs/kubernetes-versions.md): 1.34's matchLabelKeys merge (`ts-mlk2`, rule topology-spread),
 * 1.35's container restart policies (`app-rp`, container-restart-policy), 1.36's strict IP
 * parsing (`ha-v6`, `ha-v4lz`, strict-ip) and relaxed Service names (`Service/1-web`, object-name).
 * A new disagreement fails the tests below.
 */
const KNOWN_DIFFERENCES: { readonly [version in OracleVersion]: readonly string[] } = {
  '1.28': [],
  '1.35': [],
  '1.36': [],
  '1.37': [],
};

/** The oracle's verdicts, with what went wrong where it refused. */
function refusals(results: readonly OracleResult[]): string[] {
  return results.filter(r => r.accepted !== true && !customResource(r)).map(r => `${r.kind}/${r.name}: ${r.unsupported ? 'unsupported' : r.errors.map(e => e.message).join('; ')}`);
}

/** Problems by the API server's rules (and its allocators'), not our own. */
const upstreamRule = (p: Problem) => p.severity === 'error' && ['api-server', 'allocator'].includes((RULES as { [id: string]: { source: string } })[p.rule]?.source);

/** One disagreement, as a failure lists it: what was judged, what we found, what the oracle said. */
function disagreement(subject: unknown, ours: readonly Problem[], upstream: OracleResult): string {
  return `${JSON.stringify(subject)}\n  ours: ${JSON.stringify(ours.map(p => [p.rule, p.field, p.value]))}\n  upstream: ${upstream.errors.map(e => e.message).join('; ') || 'accepted'}`;
}

/**
 * Generated manifests judged by the engine (its API server rules) and by the oracle: adds the rules
 * that fired and the disagreements, and returns how many the oracle refused.
 */
function judgeBoth(manifests: object[], fired: Set<string>, disagreements: string[], version: OracleVersion): number {
  uniqueNodePorts(manifests);
  const results = judge(manifests, { version });
  expect(results).toHaveLength(manifests.length);
  let refused = 0;
  manifests.forEach((m, i) => {
    const ours = checkManifests([m], { kubernetesVersion: version }).filter(upstreamRule);
    for (const p of ours) fired.add(p.rule);
    if (results[i].accepted === false) refused++;
    if ((ours.length > 0) !== (results[i].accepted === false)) disagreements.push(disagreement(m, ours, results[i]));
  });
  return refused;
}

describe('upstream accepts every manifest we write', () => {
  test.each(ORACLE_VERSIONS)('dist/: every object, at Kubernetes %s (written for 1.35: what 1.28 lacks, it drops)', version => {
    const results = judgeFiles([path.join(REPO, 'dist')], { version });
    expect(results.length).toBeGreaterThanOrEqual(12);
    expect(refusals(results)).toEqual([]);
  });

  test('the tutorial under SecurityProfile.RESTRICTED: every object, every pod at the "restricted" level', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'oracle-hardened-'));
    try {
      synthAtomically(out, app => buildTutorial(app, { securityProfile: SecurityProfile.RESTRICTED }));
      const results = judgeFiles([out], { version: TARGET });
      expect(refusals(results)).toEqual([]);
      const pods = results.filter(r => r.podSecurity !== undefined);
      expect(pods.map(r => r.name)).toEqual(['o-primeiro-pod', 'pod-1', 'pod-2', 'pod-3', 'pod-logs', 'pod-init', 'flask-deployment', 'flask-config', 'pod-isolated', 'flask-stable', 'flask-canary']);
      expect(pods.filter(r => r.podSecurity!.level !== 'restricted').map(r => [r.name, r.podSecurity])).toEqual([]);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  test('every manifest in every snapshot', () => {
    const manifests: object[] = [];
    for (const file of snapshotFiles(path.join(REPO, 'test', 'unit'))) {
      const exports: { [name: string]: string } = {};
      new Function('exports', fs.readFileSync(file, 'utf8'))(exports);
      for (const text of Object.values(exports)) {
        const docs = parseAllDocuments(text).map(d => d.toJS());
        if (docs.every(d => d && typeof d === 'object' && typeof d.apiVersion === 'string' && typeof d.kind === 'string')) manifests.push(...docs);
      }
    }
    expect(manifests.length).toBeGreaterThanOrEqual(10);
    expect(refusals(judge(manifests, { version: TARGET }))).toEqual([]);
  });

  test('every configuration the property generators accept (thousands per run); restricted pods at the "restricted" level', () => {
    const written: { manifest: any; restricted: boolean }[] = [];
    let rejected = 0;
    const keep = (build: (chart: Chart) => void, restricted: boolean) => {
      const chart = new Chart(new App({ outdir: '/tmp/oracle-unused' }), 'prop');
      try {
        build(chart);
      } catch (error) {
        if (!ValidationError.isValidationError(error)) throw error;
        rejected++;
        return;
      }
      if (validateApp(chart).length > 0) {
        rejected++;
        return;
      }
      for (const manifest of chart.toJson()) written.push({ manifest, restricted });
    };
    fc.assert(fc.property(podProps, workload, profile, (props, w, p) => keep(c => buildPod(c, props, w, p), p?.isRestricted === true)), { numRuns: 1500 });
    fc.assert(fc.property(serviceProps, fc.array(container, { minLength: 1, maxLength: 2 }), (s, cs) => keep(c => buildService(c, s, cs), false)), { numRuns: 1500 });
    expect(written.length).toBeGreaterThan(1000);
    expect(rejected).toBeGreaterThan(300);
    uniqueNodePorts(written.map(w => w.manifest));
    const results = judge(written.map(w => w.manifest), { version: TARGET });
    expect(results).toHaveLength(written.length);
    expect(refusals(results)).toEqual([]);
    const notRestricted = results.filter((r, i) => written[i].restricted && r.podSecurity && r.podSecurity.level !== 'restricted');
    expect(notRestricted.map(r => [r.kind, r.podSecurity])).toEqual([]);
    expect(written.filter(w => w.restricted).length).toBeGreaterThan(50);
  }, 180_000);
});

describe.each(ORACLE_VERSIONS)('differential at Kubernetes %s: the engine refuses by an API server rule exactly what the API server refuses', version => {
  test('the broken fixture: each object breaking an API server rule is refused, each breaking only our own rule is accepted', () => {
    const file = path.join(FIXTURES, 'broken', 'broken.k8s.yaml');
    const docs = parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS());
    const ours = checkManifests(docs, { kubernetesVersion: version });
    const results = judgeFiles([file], { version });
    expect(results).toHaveLength(docs.length);
    const verdicts = results.map((r, i) => {
      const mine = ours.filter(p => p.object === `${docs[i].kind}/${docs[i].metadata.name}`);
      return { object: `${r.kind}/${r.name}`, upstreamRefuses: r.accepted === false, ourUpstreamRules: [...new Set(mine.filter(upstreamRule).map(p => p.rule))] };
    });
    // The fixture's one name used twice: each ConfigMap alone is valid (the rule is ours).
    for (const v of verdicts) {
      const agrees = !KNOWN_DIFFERENCES[version].includes(v.object);
      expect([v.object, v.upstreamRefuses === (v.ourUpstreamRules.length > 0)]).toEqual([v.object, agrees]);
    }
    expect(verdicts.filter(v => v.upstreamRefuses).length).toBeGreaterThanOrEqual(9);
  });

  // At every minor. The generators write 1.28's fields and mistakes: at a newer minor the rules of
  // fields that came later (their `versions` start after 1.28) are put to the test by cases of
  // their own (above and below), and so are the rules whose only generated mistake is valid there:
  // `unknown-field` (a hook's sleep, the only unknown field the generators write, is a field) and
  // `container-restart-policy` (a sidecar's `restartPolicy: Always`; `app-rp-bad` above).
  const LATER_MISTAKES = ['unknown-field', 'container-restart-policy'];
  test('generated Pods, Deployments, StatefulSets, Services, PodDisruptionBudgets, HorizontalPodAutoscalers, ConfigMaps and Secrets (2,000 per run), then Services with their whole spec, Ingresses and NetworkPolicies (2,000)', () => {
    const seed = Number(process.env.ORACLE_SEED ?? Date.now() % 2 ** 31);
    // as JSON, the way the API server and the plugin read them (no undefined fields)
    const manifests = fc.sample(fc.oneof(rawPod, rawDeployment, rawStatefulSet, rawService, rawDisruptionBudget, rawAutoscaler, { weight: 1, arbitrary: fc.oneof(rawConfigMap, rawSecret) }), { numRuns: 2000, seed }).map(m => JSON.parse(JSON.stringify(m)));
    const disagreements: string[] = [];
    const fired = new Set<string>();
    const refused = judgeBoth(manifests, fired, disagreements, version);
    expect(refused).toBeGreaterThan(200);
    expect(refused).toBeLessThan(manifests.length - 200);
    // the rest of the Service spec, apart: its fields are set often, so its mistakes are many;
    // …and Ingresses and NetworkPolicies
    const full = fc.sample(fc.oneof(rawServiceSpec, rawIngress, rawNetworkPolicy), { numRuns: 2000, seed }).map(m => JSON.parse(JSON.stringify(m)));
    const fullRefused = judgeBoth(full, fired, disagreements, version);
    expect(fullRefused).toBeGreaterThan(100);
    expect(fullRefused).toBeLessThan(full.length - 100);
    // every API server rule of these kinds is put to the test, each run (the generators make each
    // rule's mistakes some 16 times or more per run on average)
    // (rules of Gateway API objects only are the control plane's to judge: the oracle knows no custom resource)
    const untested = Object.entries(RULES).filter(([id, r]) => (r.source === 'api-server' || r.source === 'allocator') && r.severity === 'error' && appliesTo(r.versions, version)
      && !r.kinds.every(k => GATEWAY_API_KINDS.includes(k)) && !fired.has(id)
      && (version === '1.28' || (appliesTo(r.versions, '1.28') && !LATER_MISTAKES.includes(id)))).map(([id]) => id);
    expect([seed, untested]).toEqual([seed, []]);
    // (ORACLE_SEED=<seed> repeats a run)
    expect([seed, disagreements.slice(0, 5)]).toEqual([seed, []]);
  }, 120_000);
});

function snapshotFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? snapshotFiles(p) : p.endsWith('.snap') ? [p] : [];
  });
}

describe.each(ORACLE_VERSIONS)('differential at Kubernetes %s: the pod spec fields beyond containers (identity, runtime, scheduling, probes, hooks, sidecars)', version => {
  // One Pod per case, each breaking one rule (or none): the engine's API-server rules fire exactly
  // when the oracle refuses the Pod; our own rules (image pull Secret names, Gt/Lt numbers, topology
  // keys, named probe ports, ...) fire on Pods it accepts.
  const c = (extra: any = {}) => ({ name: 'c', image: 'nginx', ports: [{ containerPort: 80, name: 'http' }], ...extra });
  const cases: Array<[string, object]> = [
    ['sa', { serviceAccountName: 'Web' }], ['prio', { priorityClassName: 'a_b' }], ['dnsNone', { dnsPolicy: 'None' }],
    ['dnsBad', { dnsPolicy: 'X' }], ['ns4', { dnsConfig: { nameservers: ['1.1.1.1', '1.1.1.2', '1.1.1.3', '1.1.1.4'] } }],
    ['nsip', { dnsConfig: { nameservers: ['a.b'] } }], ['search', { dnsConfig: { searches: ['A.b'] } }], ['opt', { dnsConfig: { options: [{ name: '' }] } }],
    ['ha-ip', { hostAliases: [{ ip: 'x', hostnames: ['a'] }] }], ['ha-host', { hostAliases: [{ ip: '1.1.1.1', hostnames: ['A_'] }] }],
    ['ha-v6', { hostAliases: [{ ip: '::ffff:1.2.3.4', hostnames: ['a'] }] }], ['ha-v4lz', { hostAliases: [{ ip: '010.001.1.1', hostnames: ['a'] }] }],
    ['spn', { shareProcessNamespace: true, hostPID: true }], ['fsg', { securityContext: { fsGroup: -1 } }],
    ['sup', { securityContext: { supplementalGroups: [-2] } }], ['fscp', { securityContext: { fsGroupChangePolicy: 'X' } }],
    ['sysctl', { securityContext: { sysctls: [{ name: 'a..b', value: '1' }] } }], ['sysdup', { securityContext: { sysctls: [{ name: 'a.b', value: '1' }, { name: 'a.b', value: '2' }] } }],
    ['ips', { imagePullSecrets: [{ name: 'A B' }] }], ['grace', { terminationGracePeriodSeconds: -5 }],
    ['tol-key', { tolerations: [{ value: 'x' }] }], ['tol-exists', { tolerations: [{ key: 'a', operator: 'Exists', value: 'x' }] }],
    ['tol-secs', { tolerations: [{ key: 'a', tolerationSeconds: 5, effect: 'NoSchedule' }] }], ['tol-eff', { tolerations: [{ key: 'a', effect: 'X' }] }],
    ['tol-op', { tolerations: [{ key: 'a', operator: 'X' }] }], ['tol-badkey', { tolerations: [{ key: 'a b' }] }], ['tol-val', { tolerations: [{ key: 'a', value: 'a b' }] }],
    ['na-empty', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } }],
    ['na-in', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'In' }] }] } } } }],
    ['na-gt2', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1', '2'] }] }] } } } }],
    ['na-gtstr', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['x'] }] }] } } } }],
    ['na-w', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } }] } } }],
    ['pa-tk', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { a: 'b' } } }] } } }],
    ['pa-sel', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, topologyKey: 'k' }] } } }],
    ['pa-ns', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ namespaces: ['A'], topologyKey: 'k' }] } } }],
    ['ts-skew', { topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'k', whenUnsatisfiable: 'DoNotSchedule' }] }],
    ['ts-key', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: '', whenUnsatisfiable: 'DoNotSchedule' }] }],
    ['ts-badkey', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'a b', whenUnsatisfiable: 'DoNotSchedule' }] }],
    ['ts-when', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'k', whenUnsatisfiable: 'X' }] }],
    ['ts-dup', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'k', whenUnsatisfiable: 'DoNotSchedule' }, { maxSkew: 2, topologyKey: 'k', whenUnsatisfiable: 'DoNotSchedule' }] }],
    ['ts-mind', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'k', whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 }] }],
    ['ts-mlk', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'k', whenUnsatisfiable: 'DoNotSchedule', matchLabelKeys: ['a'] }] }],
    ['ts-mlk2', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'k', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { a: 'b' } }, matchLabelKeys: ['a'] }] }],
    ['ns-sel', { nodeSelector: { 'a b': 'c' } }],
    ['probe-name', { containers: [c({ livenessProbe: { tcpSocket: { port: 'admin' } } })] }],
    ['probe-scheme', { containers: [c({ readinessProbe: { httpGet: { path: '/', port: 80, scheme: 'ftp' } } })] }],
    ['probe-hdr', { containers: [c({ readinessProbe: { httpGet: { path: '/', port: 80, httpHeaders: [{ name: 'a b', value: 'x' }] } } })] }],
    ['grpc0', { containers: [c({ readinessProbe: { grpc: { port: 0 } } })] }],
    ['succ', { containers: [c({ livenessProbe: { grpc: { port: 80 }, successThreshold: 2 } })] }],
    ['hook-empty', { containers: [c({ lifecycle: { preStop: { exec: { command: [] } } } })] }],
    ['hook-none', { containers: [c({ lifecycle: { preStop: {} } })] }],
    ['init-hook', { initContainers: [c({ name: 'i', lifecycle: { preStop: { exec: { command: ['a'] } } } })] }],
    ['app-rp', { containers: [c({ restartPolicy: 'Always' })] }],
    ['app-rp-bad', { containers: [c({ restartPolicy: 'Sometimes' })] }],
    ['init-rp', { initContainers: [c({ name: 'i', restartPolicy: 'Never' })] }],
    ['sidecar', { initContainers: [c({ name: 'i', restartPolicy: 'Always' })] }],
    ['hook-name', { containers: [c({ lifecycle: { preStop: { httpGet: { path: '/', port: 'x' } } } })] }],
    ['probe-grace0', { containers: [c({ livenessProbe: { tcpSocket: { port: 80 }, terminationGracePeriodSeconds: 0 } })] }],
    ['probe-grace-ready', { containers: [c({ readinessProbe: { tcpSocket: { port: 80 }, terminationGracePeriodSeconds: 5 } })] }],
    ['probe-grace-ok', { containers: [c({ startupProbe: { tcpSocket: { port: 80 }, terminationGracePeriodSeconds: 5 } })] }],
    ['mf-key', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.labels', operator: 'In', values: ['a'] }] }] } } } }],
    ['mf-op', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'Exists' }] }] } } } }],
    ['mf-two', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }] }] } } } }],
    ['mf-name', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['Node_1'] }] }] } } } }],
    ['mf-ok', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }] } } } }],
    ['pa-nssel', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In' }] }, topologyKey: 'k' }] } } }],
    ['pa-nssel-ok', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ namespaceSelector: {}, labelSelector: { matchLabels: { a: 'b' } }, topologyKey: 'k' }] } } }],
    ['ts-nap', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'k', whenUnsatisfiable: 'DoNotSchedule', nodeAffinityPolicy: 'Always' }] }],
    ['ts-ntp', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'k', whenUnsatisfiable: 'DoNotSchedule', nodeTaintsPolicy: 'honor' }] }],
    ['ts-policies-ok', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'k', whenUnsatisfiable: 'DoNotSchedule', nodeAffinityPolicy: 'Ignore', nodeTaintsPolicy: 'Honor' }] }],
  ];

  test.each(cases)('%s', (name, spec) => {
    const doc = { apiVersion: 'v1', kind: 'Pod', metadata: { name: name.toLowerCase() }, spec: { containers: [c()], ...spec } };
    const [result] = judge([doc], { version });
    const mine = checkManifests([doc], { kubernetesVersion: version });
    const agrees = !KNOWN_DIFFERENCES[version].includes(name);
    expect({ name, agrees: (result.accepted === false) === mine.some(upstreamRule) }).toEqual({ name, agrees });
  });
});

describe.each(ORACLE_VERSIONS)('differential at Kubernetes %s: the fields of 1.30-1.35 (AppArmor profiles, hostUsers, resizePolicy, image volumes, trafficDistribution)', version => {
  // One object per case (a Pod unless said): the engine's API-server rules fire exactly when the
  // oracle refuses it. Where the field is unknown to the minor's API types (appArmorProfile and
  // trafficDistribution before 1.30), strict decoding refuses it and the engine refuses it by
  // field-version (an error of ours, naming the first minor that keeps it): both stop the object.
  const c = (extra: any = {}) => ({ name: 'c', image: 'nginx', ports: [{ containerPort: 80, name: 'http' }], ...extra });
  const pod = (name: string, spec: object, annotations?: object) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, annotations }, spec: { containers: [c()], ...spec } });
  const deployment = (name: string, spec: object, annotations?: object) => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
    spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' }, annotations }, spec: { containers: [c()], ...spec } } },
  });
  const service = (name: string, trafficDistribution: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [{ port: 80 }], trafficDistribution } });
  const A = 'container.apparmor.security.beta.kubernetes.io/c';
  const own = (appArmorProfile: object) => ({ containers: [c({ securityContext: { appArmorProfile } })] });
  const resize = (resizePolicy: object[], restartPolicy?: string) => ({ restartPolicy, containers: [c({ resizePolicy })] });
  /** [name, object, the first minor whose API types have the field (else every minor)] */
  const cases: Array<[string, object, KubernetesVersion?]> = [
    ['aa-nolocal', pod('aa-nolocal', { securityContext: { appArmorProfile: { type: 'Localhost' } } }), '1.30'],
    ['aa-type', pod('aa-type', { securityContext: { appArmorProfile: { type: 'X' } } }), '1.30'],
    ['aa-notype', pod('aa-notype', { securityContext: { appArmorProfile: { localhostProfile: 'p' } } }), '1.30'],
    ['aa-pad', pod('aa-pad', own({ type: 'Localhost', localhostProfile: ' p' })), '1.30'],
    ['aa-extra', pod('aa-extra', { securityContext: { appArmorProfile: { type: 'RuntimeDefault', localhostProfile: 'p' } } }), '1.30'],
    ['aa-ok', pod('aa-ok', own({ type: 'Localhost', localhostProfile: 'p' })), '1.30'],
    ['aa-ann-synced', pod('aa-ann-synced', { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }, { [A]: 'unconfined' }), '1.30'],
    ['aa-ann-own', pod('aa-ann-own', own({ type: 'RuntimeDefault' }), { [A]: 'unconfined' }), '1.30'],
    ['aa-ann-lp', pod('aa-ann-lp', own({ type: 'Localhost', localhostProfile: 'p' }), { [A]: 'localhost/q' }), '1.30'],
    ['aa-ann-tmpl', deployment('aa-ann-tmpl', { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }, { [A]: 'unconfined' }), '1.30'],
    ['aa-ann-tmpl-ok', deployment('aa-ann-tmpl-ok', { securityContext: { appArmorProfile: { type: 'Unconfined' } } }, { [A]: 'unconfined' }), '1.30'],
    ['aa-ann-name', pod('aa-ann-name', {}, { 'container.apparmor.security.beta.kubernetes.io/x': 'runtime/default' })],
    ['aa-ann-fmt', pod('aa-ann-fmt', {}, { [A]: 'confined' })], ['aa-ann-empty', pod('aa-ann-empty', {}, { [A]: '' })],
    ['hu-ipc', pod('hu-ipc', { hostUsers: false, hostIPC: true })], ['hu-net', pod('hu-net', { hostUsers: false, hostNetwork: true })], ['hu-ok', pod('hu-ok', { hostUsers: false })],
    ['rp-res', pod('rp-res', resize([{ resourceName: 'storage', restartPolicy: 'NotRequired' }]))],
    ['rp-pol', pod('rp-pol', resize([{ resourceName: 'cpu', restartPolicy: 'Sometimes' }]))],
    ['rp-dup', pod('rp-dup', resize([{ resourceName: 'cpu', restartPolicy: 'NotRequired' }, { resourceName: 'cpu', restartPolicy: 'NotRequired' }]))],
    ['rp-never', pod('rp-never', resize([{ resourceName: 'cpu', restartPolicy: 'RestartContainer' }], 'Never'))],
    ['rp-init', pod('rp-init', { initContainers: [c({ name: 'i', resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }] })] })],
    ['rp-ok', pod('rp-ok', resize([{ resourceName: 'memory', restartPolicy: 'RestartContainer' }]))],
    ['iv-ref', pod('iv-ref', { volumes: [{ name: 'd', image: { pullPolicy: 'Always' } }] })],
    ['iv-pp', pod('iv-pp', { volumes: [{ name: 'd', image: { reference: 'busybox', pullPolicy: 'X' } }] })],
    ['iv-ok', pod('iv-ok', { volumes: [{ name: 'd', image: { reference: 'busybox' } }], containers: [c({ volumeMounts: [{ name: 'd', mountPath: '/d', subPath: 'x' }] })] })],
    ['iv-tmpl-ref', deployment('iv-tmpl-ref', { volumes: [{ name: 'd', image: { reference: '' } }] })],
    ['td-close', service('td-close', 'PreferClose'), '1.30'], ['td-zone', service('td-zone', 'PreferSameZone'), '1.30'],
    ['td-node', service('td-node', 'PreferSameNode'), '1.30'], ['td-bad', service('td-bad', 'Nearby'), '1.30'], ['td-empty', service('td-empty', ''), '1.30'],
  ];

  // (three values in every row: jest takes a missing last one as a `done` callback)
  test.each(cases.map(([name, doc, knownFrom]) => [name, doc, knownFrom ?? null] as const))('%s', (name, doc, knownFrom) => {
    const [result] = judge([doc], { version });
    const mine = checkManifests([doc], { kubernetesVersion: version });
    if (knownFrom !== null && !atLeast(version, knownFrom)) {
      expect({ name, refused: result.accepted === false, ours: mine.some(p => p.rule === 'field-version' && p.severity === 'error') }).toEqual({ name, refused: true, ours: true });
      return;
    }
    expect({ name, agrees: (result.accepted === false) === mine.some(upstreamRule) }).toEqual({ name, agrees: true });
  });
});

describe('differential: the constructs refuse props exactly when the API server refuses the manifest they describe', () => {
  const seed = Number(process.env.ORACLE_SEED ?? Date.now() % 2 ** 31);

  /** What props cannot say is left out of the manifest, so that both sides judge the same thing. */
  function describable(m: any): any {
    const copy = JSON.parse(JSON.stringify(m));
    const spec = copy.spec ?? {};
    delete spec.volumes;
    // no props for these as written: affinity is given by intent (Placement), hostPID not at all
    delete spec.affinity;
    if (spec.hostPID) delete spec.shareProcessNamespace;
    delete spec.hostPID;
    // a spread constraint without a selector selects the pod's own labels in props
    for (const t of spec.topologySpreadConstraints ?? []) t.labelSelector ??= { matchLabels: copy.metadata.labels ?? { app: 'x' } };
    for (const c of spec.containers ?? []) {
      delete c.volumeMounts;
      delete c.readinessProbe;
      // (values from elsewhere are EnvValues and EnvFroms, not raw objects, in props)
      delete c.envFrom;
      c.env = c.env?.filter((e: any) => e.valueFrom === undefined);
      if (c.env?.length === 0) delete c.env;
      delete c.lifecycle; // hooks are values (Hook.exec, Hook.httpGet), checked when made
      // an empty port name is no name to the API server, and no `name` in props
      for (const p of c.ports ?? []) if (p.name === '') delete p.name;
    }
    return copy;
  }

  /** The AppPod props that describe a Pod manifest, or undefined when props cannot (env names twice). */
  function podPropsOf(m: any): object | undefined {
    const containers = (m.spec.containers ?? []).map((c: any) => {
      const env = c.env?.map((e: any) => [e.name, e.value]);
      if (env && new Set(env.map((e: string[]) => e[0])).size !== env.length) return undefined;
      return {
        name: c.name, image: c.image, env: env ? Object.fromEntries(env) : undefined, resources: c.resources, securityContext: c.securityContext,
        ports: c.ports?.map((p: any) => ({ number: p.containerPort, name: p.name, protocol: p.protocol })), restartPolicy: c.restartPolicy,
      };
    });
    if (containers.includes(undefined)) return undefined;
    const { securityContext, topologySpreadConstraints, imagePullSecrets, ...runtime } = m.spec;
    return {
      name: m.metadata.name, namespace: m.metadata.namespace, labels: m.metadata.labels ?? { app: 'x' }, annotations: m.metadata.annotations,
      ...runtime, restartPolicy: m.spec.restartPolicy, containers,
      podSecurity: securityContext, topologySpread: topologySpreadConstraints, imagePullSecrets: imagePullSecrets?.map((s: any) => s.name),
    };
  }

  /** Every problem ours finds: at construction, else at synth. */
  function ourProblems(build: (chart: Chart) => void): Problem[] {
    const chart = new Chart(new App({ outdir: '/tmp/oracle-unused' }), 'c');
    try {
      build(chart);
    } catch (error) {
      if (!ValidationError.isValidationError(error)) throw error;
      return [...error.problems];
    }
    return validateApp(chart);
  }

  /**
   * A disagreement: ours accepts what the API server refuses, or refuses by a rule of the API
   * server's what it accepts. (Ours refusing by a rule of its own is a documented extra.)
   */
  function disagrees(ours: readonly Problem[], upstream: OracleResult): boolean {
    return upstream.accepted === false ? ours.length === 0 : ours.some(upstreamRule);
  }

  test('Pods (1,000 per run)', () => {
    const samples = fc.sample(rawPod, { numRuns: 1000, seed }).map(describable)
      // (props always write an apiVersion and labels)
      .map(m => ({ manifest: { ...m, apiVersion: 'v1', metadata: { ...m.metadata, labels: m.metadata.labels ?? { app: 'x' } } }, props: podPropsOf(m) }))
      .filter(s => s.props !== undefined);
    const results = judge(samples.map(s => s.manifest), { version: TARGET });
    const disagreements: string[] = [];
    samples.forEach((s, i) => {
      const ours = ourProblems(chart => new AppPod(chart, 'pod', s.props as never));
      if (disagrees(ours, results[i])) {
        disagreements.push(disagreement(s.props, ours, results[i]));
      }
    });
    expect(samples.length).toBeGreaterThan(800);
    expect([seed, disagreements.slice(0, 5)]).toEqual([seed, []]);
  }, 120_000);

  /**
   * The ExposedService props that describe a Service manifest, and the manifest they describe:
   * its selector becomes that of a target pod that declares every port it targets (a Service
   * of ours always has a target), and a type left out is ClusterIP (the API server's default;
   * props name it). What props cannot say (a sessionAffinity other than None and ClientIP, a
   * timeout without ClientIP) is left out of the manifest.
   */
  function serviceOf(m: any): { manifest: any; build: (chart: Chart) => void } | undefined {
    const spec = m.spec ?? {};
    const type = spec.type ?? 'ClusterIP';
    const ports = (spec.ports ?? []).map((p: any) => ({ port: p.port, targetPort: p.targetPort, nodePort: p.nodePort, name: p.name === '' ? undefined : p.name, protocol: p.protocol }));
    const external = type === 'ExternalName';
    const manifest = JSON.parse(JSON.stringify({ ...m, spec: { ...spec, type, selector: external ? undefined : { app: 'target' } } }));
    for (const p of manifest.spec.ports ?? []) if (p.name === '') delete p.name;
    // A SessionAffinity is None or ClientIP: props cannot say another value, nor a timeout without ClientIP.
    const affinity = spec.sessionAffinity;
    if (affinity !== 'ClientIP') delete manifest.spec.sessionAffinityConfig;
    if (affinity !== 'ClientIP' && affinity !== 'None') delete manifest.spec.sessionAffinity;
    const timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds;
    const build = (chart: Chart) => {
      let target: AppPod | undefined;
      if (!external) {
        // a container port for each target, so that our own routing rules have nothing to say
        const declared = ports.map((p: any, i: number) => {
          const t = p.targetPort ?? p.port;
          const protocol = ['TCP', 'UDP', 'SCTP'].includes(p.protocol) ? p.protocol : undefined;
          return typeof t === 'string' ? { number: 20000 + i, name: t, protocol } : { number: Number.isInteger(t) && t >= 1 && t <= 65535 ? t : 20000 + i, protocol };
        }).filter((p: any, i: number, all: any[]) => all.findIndex(q => q.number === p.number && q.protocol === p.protocol) === i
          && (p.name === undefined || all.findIndex(q => q.name === p.name) === i));
        target = new AppPod(chart, 'pod', { labels: { app: 'target' }, containers: [{ name: 'app', image: 'nginx', ports: declared }] });
      }
      new ExposedService(chart, 'svc', {
        type: type as ServiceType, name: m.metadata.name, target, externalName: spec.externalName,
        // (a headless Service without ports has none; another without ports gets the target's)
        ports: ports.length > 0 ? ports : spec.clusterIP === 'None' ? [] : undefined,
        annotations: m.metadata.annotations, clusterIP: spec.clusterIP,
        sessionAffinity: affinity === 'ClientIP' ? SessionAffinity.clientIp(timeout === undefined ? undefined : Duration.seconds(timeout))
          : affinity === 'None' ? SessionAffinity.NONE : undefined,
        externalTrafficPolicy: spec.externalTrafficPolicy, internalTrafficPolicy: spec.internalTrafficPolicy,
        loadBalancerSourceRanges: spec.loadBalancerSourceRanges, loadBalancerClass: spec.loadBalancerClass,
        allocateLoadBalancerNodePorts: spec.allocateLoadBalancerNodePorts, externalIPs: spec.externalIPs,
        ipFamilies: spec.ipFamilies, ipFamilyPolicy: spec.ipFamilyPolicy, publishNotReadyAddresses: spec.publishNotReadyAddresses,
      } as ExposedServiceProps);
    };
    return { manifest, build };
  }

  test('Services (1,000 per run)', () => {
    const samples = fc.sample(fc.oneof(rawService, rawServiceSpec), { numRuns: 1000, seed }).map(m => serviceOf(JSON.parse(JSON.stringify(m)))).filter(s => s !== undefined);
    uniqueNodePorts(samples.map(s => s!.manifest));
    const results = judge(samples.map(s => s!.manifest), { version: TARGET });
    const disagreements: string[] = [];
    samples.forEach((s, i) => {
      const ours = ourProblems(s!.build).filter(p => p.object === undefined || p.object.startsWith('Service/'));
      if (disagrees(ours, results[i])) {
        disagreements.push(disagreement(s!.manifest, ours, results[i]));
      }
    });
    expect(samples.length).toBeGreaterThan(300);
    expect([seed, disagreements.slice(0, 5)]).toEqual([seed, []]);
  }, 120_000);
});
