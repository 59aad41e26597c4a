import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { describeProblem, formatProblem, Problem, ValidationError } from '../errors';
import { checkCrossObject } from './cross-checks';
import { factsFromManifest } from './from-manifests';
import { outputOrder, subtree } from './output-order';
import { DEFAULT_NODE_PORT_RANGE, findingToProblem, PodFacts, ServiceFacts } from './model';

/**
 * The context key that sets the cluster's `--service-node-port-range`, as `"lo-hi"` or
 * `[lo, hi]`. Set it on the App before adding charts:
 * `app.node.setContext('cdk8s-pods-services:nodePortRange', '20000-40000')`.
 */
export const NODE_PORT_RANGE_CONTEXT = 'cdk8s-pods-services:nodePortRange';

/** The id of the construct, under the app's root, that runs the cross-object checks. */
export const CROSS_CHECKS_ID = 'cdk8s-pods-services';

/** An object's facts, given its position in the output. */
export type FactsProducer = (index: number) => { pod?: PodFacts; service?: ServiceFacts };

const producers = new WeakMap<ApiObject, FactsProducer>();

/**
 * Registers the facts of one of our objects (read without rendering it) and makes sure
 * the app runs the cross-object checks at synth. Objects not registered (L1, cdk8s-plus)
 * are read from their manifest.
 * @internal
 */
export function registerFacts(apiObject: ApiObject, produce: FactsProducer): void {
  producers.set(apiObject, produce);
  const root = apiObject.node.root;
  if (root.node.tryFindChild(CROSS_CHECKS_ID) === undefined) new CrossObjectChecks(root as Construct);
}

/**
 * The node port range in force for a scope: the `cdk8s-pods-services:nodePortRange`
 * context value, else 30000–32767. Throws on a malformed context value.
 */
export function nodePortRange(scope: IConstruct): readonly [number, number] {
  return parseNodePortRange(scope.node.tryGetContext(NODE_PORT_RANGE_CONTEXT),
    scope.node.root.node.path || '<app>', `context "${NODE_PORT_RANGE_CONTEXT}"`);
}

/**
 * A node port range given as `"lo-hi"` or `[lo, hi]` (a context value, a plugin property);
 * undefined is 30000–32767. Throws a {@link ValidationError} naming `path` and `field` otherwise.
 */
export function parseNodePortRange(value: unknown, path: string, field: string): readonly [number, number] {
  if (value === undefined) return DEFAULT_NODE_PORT_RANGE;
  const parts = typeof value === 'string' ? value.split('-').map(s => Number(s.trim()))
    : Array.isArray(value) ? value.map(Number) : [];
  const [lo, hi] = parts;
  if (parts.length === 2 && Number.isInteger(lo) && Number.isInteger(hi) && lo >= 1 && lo <= hi && hi <= 65535) return [lo, hi];
  throw new ValidationError([{
    path, field, value,
    allowed: 'a port range "lo-hi" (or [lo, hi]) with 1 ≤ lo ≤ hi ≤ 65535, e.g. "30000-32767"',
  }]);
}

const structured = new WeakMap<IConstruct, Array<() => Problem[]>>();

/**
 * Adds a validation that cdk8s runs at synth (its messages are the problems, formatted)
 * and that {@link validateApp} reads as structured problems.
 * @internal
 */
export function addProblemValidation(scope: IConstruct, check: () => Problem[], withPath = false): void {
  const list = structured.get(scope) ?? [];
  list.push(check);
  structured.set(scope, list);
  scope.node.addValidation({ validate: () => check().map(p => withPath ? formatProblem(p) : describeProblem(p)) });
}

/**
 * Every problem cdk8s would report at synth, as structured problems: our constructs'
 * (including the cross-object checks) as they are, any other construct's validation
 * messages as `message`. Empty when the app would synthesize.
 */
export function validateApp(scope: IConstruct): Problem[] {
  const problems: Problem[] = [];
  for (const c of scope.node.root.node.findAll()) {
    const ours = (structured.get(c) ?? []).flatMap(check => check());
    problems.push(...ours);
    const known = new Set(ours.flatMap(p => [describeProblem(p), formatProblem(p)]));
    for (const message of c.node.validate()) {
      if (!known.has(message)) problems.push({ path: c.node.path, field: '', value: undefined, allowed: '', message });
    }
  }
  return problems;
}

/** Runs the cross-object checks over the whole app, once per synth. */
class CrossObjectChecks extends Construct {
  constructor(scope: Construct) {
    super(scope, CROSS_CHECKS_ID);
    addProblemValidation(this, () => collectProblems(this.node.root), true);
  }
}

/** The cross-object problems of the app that holds `scope`, in output order. */
export function collectProblems(scope: IConstruct): Problem[] {
  const root = scope.node.root;
  const pods: PodFacts[] = [];
  const services: ServiceFacts[] = [];
  let index = 0;
  // The output order, as cdk8s computes it but without its graph's per-construct path
  // strings: over 10,000 pods and services that graph cost more than all the checks.
  // One walk of the tree: each chart's constructs are a slice of the app's pre-order.
  const everything = root.node.findAll();
  if (!Chart.isChart(root)) liftDependencies(root, everything);
  const found = Chart.isChart(root) ? [root] : everything.filter(Chart.isChart);
  // One chart (the common case) needs no app-wide order.
  const charts = found.length <= 1 ? found : outputOrder(root, everything).filter(Chart.isChart);
  const position = charts.length > 1 ? new Map(everything.map((c, i) => [c, i])) : undefined;
  for (const chart of charts) {
    for (const obj of outputOrder(chart, subtree(everything, chart, position?.get(chart)))) {
      if (!(obj instanceof ApiObject) || Chart.of(obj) !== chart) continue;
      const produce = producers.get(obj);
      const facts = produce ? produce(index) : factsFromManifest(renderForeign(obj), index, obj.node.path);
      index++;
      if (facts?.pod) pods.push(facts.pod);
      if (facts?.service) services.push(facts.service);
    }
  }
  return checkCrossObject({ pods, services }, { nodePortRange: nodePortRange(root) }).map(findingToProblem);
}

/**
 * What `App.synth()` does after validating and before it writes (cdk8s's `resolveDependencies`),
 * so the order checked is the order written: a chart goes after the charts it nests and the
 * charts its objects depend on, and a dependency between constructs becomes one between their
 * objects. Idempotent: synth adds the same dependencies again.
 */
function liftDependencies(root: IConstruct, all: readonly IConstruct[] = root.node.findAll()): void {
  const chartOf = (c: IConstruct): Chart | undefined => c.node.scopes.slice().reverse().find(Chart.isChart);
  for (const parent of all.filter(Chart.isChart)) {
    for (const child of parent.node.children.filter(Chart.isChart)) parent.node.addDependency(child);
  }
  const deps = all.flatMap(source => source.node.dependencies.map(target => ({ source, target })));
  for (const { source, target } of deps) {
    const sourceChart = chartOf(source);
    const targetChart = chartOf(target);
    if (sourceChart === undefined || targetChart === undefined) continue;
    if (sourceChart !== targetChart) sourceChart.node.addDependency(targetChart);
    if (source instanceof ApiObject && target instanceof ApiObject) continue; // already between objects (the usual case)
    const objects = (c: IConstruct, chart: Chart) => c.node.findAll().filter(o => o instanceof ApiObject && Chart.of(o) === chart);
    for (const t of objects(target, targetChart)) {
      for (const o of objects(source, sourceChart)) if (o !== t) o.node.addDependency(t);
    }
  }
}

function renderForeign(obj: ApiObject): unknown {
  if (obj.kind !== 'Service' && obj.kind !== 'Pod' && !obj.apiVersion.startsWith('apps/') && !obj.apiVersion.startsWith('batch/')) return undefined;
  try {
    return obj.toJson();
  } catch {
    return undefined; // synth reports it when it renders the object
  }
}
