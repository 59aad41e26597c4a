/**
 * Property: any configuration a user (or a JavaScript caller) can write is either accepted and
 * written as manifests that pass the Kubernetes schema and every check of the engine, or rejected
 * with our error: a ValidationError at construction, or the engine's problems at synth. Never a
 * TypeError, never a manifest the checks would refuse. (The upstream oracle judges the same
 * configurations in test/integration/oracle.test.ts.)
 */
import { App, Chart } from 'cdk8s';
import * as fc from 'fast-check';
import { runs } from './runs';
import { AppPod, Protocol, validateApp, ValidationError } from '../../src';
import { buildPod, buildService, container, dnsLabel, podProps, profile, serviceProps, validLabels, workload } from '../arbitraries';
import { schemaErrors } from '../schema';

const RUNS = runs(1500);

/** How many configurations were accepted and rejected: both sides must be exercised. */
const outcomes = { accepted: 0, rejectedAtConstruction: 0, rejectedAtSynth: 0 };
afterAll(() => {
  if (process.env.PROPERTY_STATS) console.log(outcomes);
  expect(outcomes.accepted).toBeGreaterThan(RUNS / 10);
  expect(outcomes.rejectedAtConstruction).toBeGreaterThan(RUNS / 10);
});

/** The property: the configuration renders valid manifests, or fails with our error. */
function acceptedValidOrRejectedByUs(build: (chart: Chart) => void): void {
  const chart = new Chart(new App({ outdir: '/tmp/properties-unused' }), 'prop');
  try {
    build(chart);
  } catch (error) {
    if (!ValidationError.isValidationError(error) || error.problems.length === 0) throw error;
    outcomes.rejectedAtConstruction++;
    return;
  }
  const problems = validateApp(chart);
  expect(problems.every(p => p.rule !== 'validation')).toBe(true);
  // (warnings do not stop the synth: the manifests are written, and must be valid all the same)
  if (problems.some(p => p.severity !== 'warning')) {
    // what the engine refuses at synth is refused with its rule ids, and synth says so
    expect(() => chart.toJson()).toThrow(/Validation failed/);
    outcomes.rejectedAtSynth++;
    return;
  }
  outcomes.accepted++;
  for (const o of chart.toJson()) expect(schemaErrors(o)).toEqual([]);
}

describe('property: any pod configuration is accepted into valid manifests, or rejected with our error', () => {
  test('pods, under every workload and profile', () => {
    fc.assert(fc.property(podProps, workload, profile, (props, w, p) => {
      acceptedValidOrRejectedByUs(c => buildPod(c, props, w, p));
    }), { numRuns: RUNS });
  });

  test('valid pods are always accepted', () => {
    const valid = fc.record({
      name: dnsLabel, image: fc.constantFrom('nginx', 'busybox:1.36.1'), port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
      ports: fc.option(fc.array(fc.record({ number: fc.integer({ min: 1, max: 65535 }), name: fc.option(fc.stringMatching(/^[a-z]{1,10}$/), { nil: undefined }),
        protocol: fc.constantFrom(undefined, Protocol.TCP, Protocol.UDP) }, { requiredKeys: ['number'] }), { maxLength: 3 }), { nil: undefined }),
    }, { requiredKeys: ['name', 'image'] });
    fc.assert(fc.property(fc.array(valid, { minLength: 1, maxLength: 3 }), validLabels, (containers, podLabels) => {
      // Make names and ports unique, as the rules ask, so every configuration is valid.
      const seen = new Set<string>();
      const unique = containers.map((c, i) => ({ ...c, name: `${c.name.slice(0, 50)}-${i}` })).map(c => {
        const ports = [...(c.port !== undefined ? [{ number: c.port }] : []), ...(c.ports ?? [])]
          .filter(p => !seen.has(`${p.number}/${p.protocol ?? 'TCP'}`) && seen.add(`${p.number}/${p.protocol ?? 'TCP'}`));
        const names = new Set<string>();
        return { name: c.name, image: c.image, ports: ports.map(p => (p.name && !names.has(p.name) && names.add(p.name) ? p : { number: p.number, protocol: p.protocol })) };
      });
      const chart = new Chart(new App({ outdir: '/tmp/properties-unused' }), 'prop');
      new AppPod(chart, 'pod', { labels: podLabels, containers: unique });
      expect(validateApp(chart)).toEqual([]);
      for (const o of chart.toJson()) expect(schemaErrors(o)).toEqual([]);
    }), { numRuns: Math.ceil(RUNS / 3) });
  });
});

describe('property: any service configuration is accepted into valid manifests, or rejected with our error', () => {
  test('services in front of a pod', () => {
    fc.assert(fc.property(serviceProps, fc.array(container, { minLength: 1, maxLength: 2 }), (s, containers) => {
      acceptedValidOrRejectedByUs(c => buildService(c, s, containers));
    }), { numRuns: RUNS });
  });
});
