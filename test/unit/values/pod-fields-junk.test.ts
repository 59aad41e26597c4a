/**
 * Whatever a JavaScript caller passes to the pod fields of identity, runtime, scheduling, probes,
 * hooks and sidecars (null, numbers, strings, arrays, objects, at the top and nested), the answer
 * is the configuration accepted and written, or our ValidationError: never a TypeError, at
 * construction or at synth.
 */
import { Chart, Testing } from 'cdk8s';
import { AppPod, Hook, Placement, Probe, validateApp, ValidationError } from '../../../src';

test('junk in any new pod field is accepted or refused with our error, never a TypeError', () => {
  const junk: any[] = [null, 42, 'x', [], {}, true, NaN, undefined, [null], [42], ['x'], [{}], { a: null }];
  const props = ['serviceAccountName', 'automountServiceAccountToken', 'imagePullSecrets', 'terminationGracePeriodSeconds', 'hostAliases', 'dnsPolicy', 'dnsConfig',
    'shareProcessNamespace', 'podSecurity', 'nodeSelector', 'placement', 'tolerations', 'topologySpread', 'priorityClassName'];
  const nested: any[] = [
    ...junk.map(j => ({ hostAliases: [{ ip: j, hostnames: ['a'] }] })), ...junk.map(j => ({ hostAliases: [{ ip: '1.1.1.1', hostnames: [j] }] })),
    ...junk.map(j => ({ dnsConfig: { nameservers: [j] } })), ...junk.map(j => ({ dnsConfig: { searches: [j] } })), ...junk.map(j => ({ dnsConfig: { options: [j] } })),
    ...junk.map(j => ({ podSecurity: { fsGroup: j } })), ...junk.map(j => ({ podSecurity: { sysctls: [{ name: j, value: j }] } })), ...junk.map(j => ({ podSecurity: { supplementalGroups: [j] } })),
    ...junk.map(j => ({ tolerations: [{ key: j, operator: j, value: j, effect: j, tolerationSeconds: j }] })),
    ...junk.map(j => ({ topologySpread: [{ topologyKey: j, maxSkew: j, whenUnsatisfiable: j, labelSelector: j, minDomains: j, matchLabelKeys: j }] })),
    ...junk.map(j => ({ topologySpread: [{ topologyKey: 'k', labelSelector: { matchLabels: j, matchExpressions: j } }] })),
    ...junk.map(j => ({ topologySpread: [{ topologyKey: 'k', labelSelector: { matchExpressions: [j] } }] })),
    ...junk.map(j => ({ containers: [{ name: 'a', image: 'nginx', port: 80, restartPolicy: j, preStop: j, postStart: j }] })),
    ...junk.map(j => ({ initContainers: [{ name: 'i', image: 'nginx', restartPolicy: j }], containers: [{ name: 'a', image: 'nginx' }] })),
  ];
  const failures: string[] = [];
  /** What `npm run synth` does (synthAtomically): the engine's problems as our ValidationError, else the synth. */
  const judgeThenSynth = (c: Chart) => {
    const problems = validateApp(c);
    if (problems.length > 0) throw new ValidationError(problems);
    Testing.synth(c);
  };
  const tryIt = (label: string, f: () => unknown) => {
    try { f(); } catch (e) { if (!ValidationError.isValidationError(e)) failures.push(`${label}: ${(e as Error).message}`); }
  };
  for (const p of props) for (const j of junk) tryIt(`${p}=${JSON.stringify(j)}`, () => { const c = Testing.chart(); new AppPod(c, 'p', { containers: [{ name: 'a', image: 'nginx', port: 80 }], [p]: j } as any); judgeThenSynth(c); });
  for (const n of nested) tryIt(JSON.stringify(n), () => { const c = Testing.chart(); new AppPod(c, 'p', { containers: [{ name: 'a', image: 'nginx', port: 80 }], ...n } as any); judgeThenSynth(c); });
  for (const j of junk) {
    tryIt(`attract ${JSON.stringify(j)}`, () => Placement.attract(j));
    tryIt(`attract [j] ${JSON.stringify(j)}`, () => Placement.attract([{ key: j, operator: j, values: j }]));
    tryIt(`colocate ${JSON.stringify(j)}`, () => Placement.colocate(j, j));
    tryIt(`separate sel ${JSON.stringify(j)}`, () => Placement.separate({ matchLabels: j }));
    tryIt(`separate expr ${JSON.stringify(j)}`, () => Placement.separate({ matchExpressions: [{ key: j, operator: j, values: j }] }));
    tryIt(`probe ${JSON.stringify(j)}`, () => Probe.httpGet('/', { port: j, scheme: j, headers: j, successThreshold: j }));
    tryIt(`grpc ${JSON.stringify(j)}`, () => Probe.grpc(j));
    tryIt(`hook ${JSON.stringify(j)}`, () => Hook.httpGet(j, j));
    tryIt(`hookexec ${JSON.stringify(j)}`, () => Hook.exec(j));
    tryIt(`hookhdr ${JSON.stringify(j)}`, () => Hook.httpGet('/', { headers: { a: j } }));
  }
  expect(failures).toEqual([]);
});
