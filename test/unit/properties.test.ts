import { App, Chart } from 'cdk8s';
import * as fc from 'fast-check';
import { AppPod, ContainerProps, ExposedService, ExposedServiceProps, Protocol, rules, ServiceType, validateApp, ValidationError, Workload } from '../src';
import { schemaErrors } from './schema';

/** Mostly valid values, sometimes one of the usual mistakes: about half the configurations pass. */
const mostly = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ weight: 15, arbitrary: valid }, { weight: 1, arbitrary: invalid });
/** Values a JavaScript caller could pass by mistake anywhere. */
const junk = fc.constantFrom<any>(null, 42, 'x', [], {}, true);

const dnsLabel = fc.stringMatching(/^[a-z]([-a-z0-9]{0,12}[a-z0-9])?$/);
const badName = fc.constantFrom('', 'Web', 'web_1', '-web', 'web-', 'a'.repeat(64), 'my app', '1-web');
const podName = mostly(fc.oneof(dnsLabel, fc.stringMatching(/^[0-9][a-z0-9]{0,5}(\.[a-z]{1,5})?$/)), badName);
const labelKey = mostly(fc.stringMatching(/^([a-z]{1,6}\.io\/)?[a-z][-a-z0-9_.]{0,8}[a-z0-9]$/), fc.constantFrom('a/b/c', '-k', 'k k', '', 'x'.repeat(64)));
const labelValue = mostly(fc.stringMatching(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?)?$/), fc.constantFrom('a b', '-x', 'x'.repeat(64)));
const labels = mostly(fc.dictionary(labelKey, labelValue, { minKeys: 1, maxKeys: 3 }), junk);
const portNumber = mostly(fc.integer({ min: 1, max: 65535 }), fc.constantFrom<any>(0, -1, 65536, 70000, 80.5, '80'));
const portName = mostly(fc.stringMatching(/^[a-z]{1,10}$/), fc.constantFrom('HTTP', 'http--alt', '8080', 'a-very-long-port-name'));
const protocol = mostly(fc.constantFrom(undefined, Protocol.TCP, Protocol.UDP), fc.constant('HTTP' as Protocol));
const image = mostly(fc.constantFrom('nginx', 'nginx:1.27', 'sposigor/app-flask-teste:1'), fc.constantFrom('', ' nginx', 'a b'));

const container: fc.Arbitrary<ContainerProps> = mostly(fc.record({
  name: mostly(dnsLabel, badName),
  image,
  port: fc.option(portNumber, { nil: undefined }),
  ports: fc.option(mostly(fc.array(mostly(fc.record({
    number: portNumber,
    name: fc.option(portName, { nil: undefined }),
    protocol,
  }, { requiredKeys: ['number'] }), junk), { maxLength: 2 }), junk), { nil: undefined, freq: 3 }),
}, { requiredKeys: ['name', 'image'] }), junk);

const podProps = mostly(fc.record({
  name: fc.option(podName, { nil: undefined }),
  labels: fc.option(labels, { nil: undefined }),
  containers: mostly(fc.array(container, { minLength: 1, maxLength: 2 }), fc.oneof(junk, fc.constant([]))),
}, { requiredKeys: [] }), junk);

const workload = fc.constantFrom(undefined, Workload.pod(), Workload.deployment({ replicas: 2 }), Workload.daemonSet());

const serviceProps = fc.record({
  type: mostly(fc.constantFrom(ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER, ServiceType.EXTERNAL_NAME), fc.constant('Headless' as ServiceType)),
  port: fc.option(portNumber, { nil: undefined }),
  // Left out mostly: it then follows the pod's port.
  targetPort: fc.option(fc.oneof(portNumber, portName), { nil: undefined, freq: 1 }),
  nodePort: fc.option(mostly(fc.integer({ min: 30000, max: 32767 }), fc.constantFrom(80, 29999, 32768)), { nil: undefined }),
  name: fc.option(mostly(dnsLabel, badName), { nil: undefined }),
  externalName: mostly(fc.constant('foo.bar.example.com'), fc.constantFrom('Not A Host', '')),
});

/** Builds one configuration in a fresh app and renders it; throws what building or rendering throws. */
function render(build: (chart: Chart) => void): { chart: Chart; objects: any[] } {
  const chart = new Chart(new App({ outdir: '/tmp/properties-unused' }), 'prop');
  build(chart);
  return { chart, objects: chart.toJson() };
}

/** The property: the configuration renders valid manifests, or fails with our error. */
function acceptedValidOrRejectedByUs(build: (chart: Chart) => void): void {
  let rendered: { chart: Chart; objects: any[] };
  try {
    rendered = render(build);
  } catch (error) {
    outcomes.rejected++;
    if (!isOurs(error)) throw error;
    return;
  }
  outcomes.accepted++;
  expectAcceptedIsValid(rendered.objects, rendered.chart);
}

/** Our error: a ValidationError, or cdk8s's aggregated validation error made only of our lines. */
function isOurs(error: unknown): boolean {
  if (error instanceof ValidationError) return error.problems.length > 0;
  const message = (error as Error)?.message ?? '';
  const [head, ...lines] = message.split('\n');
  return error?.constructor === Error && head === 'Validation failed with the following errors:' && lines.length > 0
    && lines.every(l => /^ {2}\[[^\]]*\] (\[[^\]]*\] )?[^:]+: .* is not valid: /.test(l));
}

function expectAcceptedIsValid(objects: any[], chart?: Chart): void {
  for (const o of objects) {
    expect(schemaErrors(o)).toEqual([]);
    if (o.kind === 'Pod') {
      for (const c of o.spec.containers) expect(rules.dns1123Label(c.name)).toBeUndefined();
    }
    if (o.kind === 'Service') expect(rules.dns1035Label(o.metadata.name)).toBeUndefined();
  }
  if (chart) expect(validateApp(chart)).toEqual([]);
}

const RUNS = 1500;
const validLabels = fc.dictionary(fc.stringMatching(/^([a-z]{1,6}\.io\/)?[a-z][-a-z0-9_.]{0,8}[a-z0-9]$/), fc.stringMatching(/^([A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?)?$/), { minKeys: 1, maxKeys: 3 });
/** How many configurations each property accepted and rejected: both sides must be exercised. */
const outcomes = { accepted: 0, rejected: 0 };
afterAll(() => {
  if (process.env.PROPERTY_STATS) console.log(outcomes);
  expect(outcomes.accepted).toBeGreaterThan(RUNS / 10);
  expect(outcomes.rejected).toBeGreaterThan(RUNS / 10);
});

describe('property: any pod configuration is accepted into valid manifests, or rejected with our error', () => {
  test('pods', () => {
    fc.assert(fc.property(podProps, workload, (props, w) => {
      acceptedValidOrRejectedByUs(c => { new AppPod(c, 'pod', props === null || typeof props !== 'object' ? props : { ...props, workload: w }); });
    }), { numRuns: RUNS });
  });

  test('valid pods are always accepted', () => {
    const valid = fc.record({ name: dnsLabel, image: fc.constantFrom('nginx', 'busybox:1.36'), port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
      ports: fc.option(fc.array(fc.record({ number: fc.integer({ min: 1, max: 65535 }), name: fc.option(fc.stringMatching(/^[a-z]{1,10}$/), { nil: undefined }), protocol: fc.constantFrom(undefined, Protocol.TCP, Protocol.UDP) }, { requiredKeys: ['number'] }), { maxLength: 3 }), { nil: undefined }) }, { requiredKeys: ['name', 'image'] });
    fc.assert(fc.property(fc.array(valid, { minLength: 1, maxLength: 3 }), validLabels, (containers, podLabels) => {
      // Make names and ports unique, as the rules ask, so every configuration is valid.
      const seen = new Set<string>();
      const unique = containers.map((c, i) => ({ ...c, name: `${c.name.slice(0, 50)}-${i}` })).map(c => {
        const ports = [...(c.port !== undefined ? [{ number: c.port }] : []), ...(c.ports ?? [])]
          .filter(p => !seen.has(`${p.number}/${p.protocol ?? 'TCP'}`) && seen.add(`${p.number}/${p.protocol ?? 'TCP'}`));
        const names = new Set<string>();
        return { name: c.name, image: c.image, ports: ports.map(p => (p.name && !names.has(p.name) && names.add(p.name) ? p : { number: p.number, protocol: p.protocol })) };
      });
      const { chart, objects } = render(c => { new AppPod(c, 'pod', { labels: podLabels, containers: unique }); });
      expectAcceptedIsValid(objects, chart);
    }), { numRuns: RUNS / 3 });
  });
});

describe('property: any service configuration is accepted into valid manifests, or rejected with our error', () => {
  test('services in front of a pod', () => {
    fc.assert(fc.property(serviceProps, fc.array(container, { minLength: 1, maxLength: 2 }), (s, containers) => {
      acceptedValidOrRejectedByUs(c => {
        const external = s.type === ServiceType.EXTERNAL_NAME;
        const target = external ? undefined : new AppPod(c, 'pod', { containers });
        const props: ExposedServiceProps = external ? { type: s.type, name: s.name, externalName: s.externalName }
          : { type: s.type, target, port: s.port, targetPort: s.targetPort, nodePort: s.type === ServiceType.CLUSTER_IP ? undefined : s.nodePort, name: s.name };
        new ExposedService(c, 'svc', props);
      });
    }), { numRuns: RUNS });
  });
});
