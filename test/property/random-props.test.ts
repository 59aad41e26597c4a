/**
 * Property: whatever a JavaScript caller passes to a construct of ours (any JSON as props, as a
 * prop's value, as the id or the scope), the synth either writes the app or throws our
 * ValidationError and leaves the output directory as it was: never a TypeError, never a
 * half-written dist/.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import * as root from '../../src';
import {
  AppPod, ExposedIngress, ExposedRoute, ExposedService, FlaskPod, Gateway, ListenerProtocol, NginxPod, PodIsolation, ServiceType, synthAtomically, ValidationError,
} from '../../src';
import {
  APP_POD_SHAPE, EXPOSED_INGRESS_SHAPE, EXPOSED_ROUTE_SHAPE, EXPOSED_SERVICE_SHAPE, FLASK_POD_SHAPE, GATEWAY_SHAPE, NGINX_POD_SHAPE, POD_ISOLATION_SHAPE,
} from '../../src/constructs/prop-shapes';
import { PropShape } from '../../src/constructs/construct-args';
import { runs } from './runs';

/** Every synth writes and reads a directory: the full 150 runs under `npm test`, a sample under `npm run test:unit`. */
const RUNS = runs(150);

type Make = (scope: unknown, id: unknown, props: unknown) => unknown;

/** Each construct, a valid props object to vary (its objects made in the chart), and its keys. */
const CONSTRUCTS: { name: string; make: Make; valid: (chart: Chart) => Record<string, unknown>; shape: PropShape }[] = [
  { name: 'AppPod', make: (s, i, p) => new AppPod(s as Construct, i as string, p as never), valid: () => ({ containers: [{ name: 'c', image: 'nginx' }] }), shape: APP_POD_SHAPE },
  { name: 'NginxPod', make: (s, i, p) => new NginxPod(s as Construct, i as string, p as never), valid: () => ({}), shape: NGINX_POD_SHAPE },
  { name: 'FlaskPod', make: (s, i, p) => new FlaskPod(s as Construct, i as string, p as never), valid: () => ({}), shape: FLASK_POD_SHAPE },
  {
    name: 'ExposedService', make: (s, i, p) => new ExposedService(s as Construct, i as string, p as never),
    valid: chart => ({ type: ServiceType.CLUSTER_IP, target: new NginxPod(chart, 'target') }), shape: EXPOSED_SERVICE_SHAPE,
  },
  {
    name: 'ExposedIngress', make: (s, i, p) => new ExposedIngress(s as Construct, i as string, p as never),
    valid: chart => ({ paths: [{ service: new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: new NginxPod(chart, 'target') }) }] }),
    shape: EXPOSED_INGRESS_SHAPE,
  },
  { name: 'PodIsolation', make: (s, i, p) => new PodIsolation(s as Construct, i as string, p as never), valid: chart => ({ target: new NginxPod(chart, 'target') }), shape: POD_ISOLATION_SHAPE },
  {
    name: 'Gateway', make: (s, i, p) => new Gateway(s as Construct, i as string, p as never),
    valid: () => ({ gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP }] }), shape: GATEWAY_SHAPE,
  },
  {
    name: 'ExposedRoute', make: (s, i, p) => new ExposedRoute(s as Construct, i as string, p as never),
    valid: chart => {
      new Gateway(chart, 'gw', { gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP }] });
      return { rules: [{ backends: [{ service: new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: new NginxPod(chart, 'target') }) }] }] };
    },
    shape: EXPOSED_ROUTE_SHAPE,
  },
];

test('covers every construct the package exports (a new construct must be added here)', () => {
  const exported = Object.entries(root).filter(([, v]) => typeof v === 'function' && v.prototype instanceof Construct).map(([name]) => name).sort();
  expect(CONSTRUCTS.map(c => c.name).sort()).toEqual(exported);
});

/**
 * The directories the synths write, each in a parent of this file's own: a failed synth must leave
 * no staging directory beside its output, and listing a parent of a few entries is cheap where
 * listing os.tmpdir() (thousands of entries on a busy machine) took most of this file's time.
 */
const PARENT = fs.mkdtempSync(path.join(os.tmpdir(), 'random-props-'));
afterAll(() => fs.rmSync(PARENT, { recursive: true, force: true }));

/** Where a synth writes: a directory with one file in it, which a failed synth must leave as it is. */
function outdir(): string {
  const dir = fs.mkdtempSync(path.join(PARENT, 'out-'));
  fs.writeFileSync(path.join(dir, 'before.k8s.yaml'), 'kind: Before\n');
  return dir;
}

function listing(dir: string): string[] {
  return fs.readdirSync(dir).map(f => `${f}:${fs.readFileSync(path.join(dir, f), 'utf8')}`).sort();
}

/** The property: the synth writes the app, or throws our error and leaves the directory as it was. */
function writtenOrRefusedByUs(build: (chart: Chart) => void): 'written' | 'refused' {
  const dir = outdir();
  const before = listing(dir);
  try {
    synthAtomically(dir, (app: App) => build(new Chart(app, 'c')));
    expect(listing(dir)).not.toEqual(before);
    expect(fs.readdirSync(dir)).toContain('c.k8s.yaml');
    return 'written';
  } catch (err) {
    if (!ValidationError.isValidationError(err)) throw err;
    expect(err.problems.length).toBeGreaterThan(0);
    for (const p of err.problems) expect(p.rule === 'validation' || typeof p.field === 'string').toBe(true);
    // every message has a fix (another construct's validation speaks for itself)
    for (const p of err.problems) expect([p.rule, p.field, p.message !== undefined || (typeof p.fix === 'string' && p.fix.length > 0)]).toEqual([p.rule, p.field, true]);
    expect(listing(dir)).toEqual(before);
    expect(fs.readdirSync(path.dirname(dir)).filter(f => f.startsWith(`.${path.basename(dir)}-new-`))).toEqual([]);
    return 'refused';
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(CONSTRUCTS)('$name: any JSON from a JavaScript caller', ({ make, valid, shape }) => {
  const keys = Object.keys(shape.keys);
  const outcomes = { written: 0, refused: 0 };
  afterAll(() => {
    expect(outcomes.refused).toBeGreaterThan(0);
    expect(outcomes.written).toBeGreaterThan(0);
  });

  test('as the props', () => {
    fc.assert(fc.property(fc.jsonValue(), props => {
      outcomes[writtenOrRefusedByUs(chart => make(chart, 'x', props))]++;
    }), { numRuns: RUNS });
  });

  test('as the value of its props, known keys and typos, over valid props', () => {
    const key = fc.oneof(fc.constantFrom(...keys), fc.constantFrom(...keys).map(k => `${k}s`), fc.string({ maxLength: 8 }));
    fc.assert(fc.property(fc.dictionary(key, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 3 }), overlay => {
      outcomes[writtenOrRefusedByUs(chart => make(chart, 'x', { ...valid(chart), ...overlay }))]++;
    }), { numRuns: RUNS });
  });

  test('as the scope and the id', () => {
    const scope = fc.oneof(fc.constant('chart'), fc.jsonValue({ maxDepth: 1 }));
    const id = fc.oneof(fc.constantFrom('x', '', 'target'), fc.jsonValue({ maxDepth: 1 }));
    fc.assert(fc.property(scope, id, (s, i) => {
      outcomes[writtenOrRefusedByUs(chart => make(s === 'chart' ? chart : s, i, valid(chart)))]++;
    }), { numRuns: RUNS });
  });
});
