import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct, IValidation } from 'constructs';
import { describeProblem, formatProblem, Problem, ValidationError } from '../errors';
import { checkCrossObject } from './cross-checks';
import { makesPods } from '../manifest-reading';
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

/**
 * One of our constructs that writes an object the cross-object checks read without
 * rendering it.
 * @internal
 */
export interface FactsSource {
  /** The object's facts, given its position in the output. */
  _facts(index: number): { pod?: PodFacts; service?: ServiceFacts };
  /** Whether the facts change only through methods that call {@link factsChanged}. */
  readonly _factsTracked: boolean;
}

// A property of the object rather than a WeakMap entry: at 10,000 objects the garbage
// collector's weak-table work was measurable.
const SOURCE = Symbol('cdk8s-pods-services facts source');
/** Bumped by every method of our constructs that changes an object's facts. */
let factsVersion = 0;

function sourceOf(obj: ApiObject): FactsSource | undefined {
  return (obj as { [SOURCE]?: FactsSource })[SOURCE];
}

/**
 * Registers the construct that knows the facts of one of its objects (read without
 * rendering it) and makes sure the app runs the cross-object checks at synth. Objects not
 * registered (L1, cdk8s-plus) are read from their manifest.
 * @internal
 */
export function registerFacts(apiObject: ApiObject, source: FactsSource): void {
  (apiObject as { [SOURCE]?: FactsSource })[SOURCE] = source;
  factsChanged();
  const root = apiObject.node.root;
  if (root.node.tryFindChild(CROSS_CHECKS_ID) === undefined) new CrossObjectChecks(root as Construct);
}

/**
 * Says that the facts of a registered object changed (a container added, …): the next
 * cross-object pass recomputes its findings.
 * @internal
 */
export function factsChanged(): void {
  factsVersion++;
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

/**
 * A construct's own synth-time checks, as structured problems.
 * @internal
 */
export interface ProblemSource {
  /** The problems, empty when there are none. */
  _problems(): Problem[];
}

/** What cdk8s runs: the source's problems as messages. */
class ProblemValidation implements IValidation {
  constructor(readonly source: ProblemSource, private readonly withPath: boolean) {}

  public validate(): string[] {
    return this.source._problems().map(p => this.withPath ? formatProblem(p) : describeProblem(p));
  }
}

const VALIDATIONS = Symbol('cdk8s-pods-services validations');

/**
 * Adds a validation that cdk8s runs at synth (its messages are the problems, formatted)
 * and that {@link validateApp} reads as structured problems.
 * @internal
 */
export function addProblemValidation(scope: IConstruct, source: ProblemSource, withPath = false): void {
  const validation = new ProblemValidation(source, withPath);
  const holder = scope as { [VALIDATIONS]?: ProblemValidation[] };
  (holder[VALIDATIONS] ??= []).push(validation);
  scope.node.addValidation(validation);
}

/**
 * Every problem cdk8s would report at synth, as structured problems: our constructs'
 * (including the cross-object checks) as they are, any other construct's validation
 * messages as `message`. Empty when the app would synthesize.
 */
export function validateApp(scope: IConstruct): Problem[] {
  const problems: Problem[] = [];
  for (const c of scope.node.root.node.findAll()) {
    const ours = ((c as { [VALIDATIONS]?: ProblemValidation[] })[VALIDATIONS] ?? []).flatMap(v => v.source._problems());
    problems.push(...ours);
    const known = new Set(ours.flatMap(p => [describeProblem(p), formatProblem(p)]));
    for (const message of c.node.validate()) {
      if (!known.has(message)) problems.push({ path: c.node.path, field: '', value: undefined, allowed: '', message });
    }
  }
  return problems;
}

/** Runs the cross-object checks over the whole app, once per synth. */
class CrossObjectChecks extends Construct implements ProblemSource {
  constructor(scope: Construct) {
    super(scope, CROSS_CHECKS_ID);
    addProblemValidation(this, this, true);
  }

  public _problems(): Problem[] {
    return collectProblems(this.node.root);
  }
}

/** The last findings of an app, and the state of the app they were found in. */
interface Memo {
  /** Every construct in pre-order, each followed by its dependencies and then `END`. */
  readonly state: unknown[];
  readonly version: number;
  readonly range: readonly [number, number];
  readonly problems: readonly Problem[];
}
const END = Symbol('end of a construct\'s dependencies');
const memos = new WeakMap<IConstruct, Memo>();

type Dependencies = Map<IConstruct, IConstruct[]>;

/** Each construct's `node.dependencies`, for those that have any. */
function dependenciesOf(everything: readonly IConstruct[]): Dependencies {
  const deps: Dependencies = new Map();
  for (const c of everything) {
    const list = c.node.dependencies;
    if (list.length > 0) deps.set(c, list);
  }
  return deps;
}

/**
 * The tree and its dependency edges as one flat list, or undefined when a foreign object
 * could create pods or select them: its facts come from its manifest, which may change
 * without our knowing.
 */
function appState(everything: readonly IConstruct[], deps: Dependencies): unknown[] | undefined {
  const state: unknown[] = [];
  for (const c of everything) {
    if (c instanceof ApiObject && !sourceOf(c)?._factsTracked && isPodOrService(c)) return undefined;
    state.push(c);
    const list = deps.get(c);
    if (list) for (const d of list) state.push(d);
    state.push(END);
  }
  return state;
}

/**
 * Whether the tree and its dependency edges are those of `state` (see {@link appState}),
 * compared as they are read, without building the list.
 */
function sameState(everything: readonly IConstruct[], state: readonly unknown[]): boolean {
  let k = 0;
  for (const c of everything) {
    if (state[k++] !== c) return false;
    for (const d of c.node.dependencies) if (state[k++] !== d) return false;
    if (state[k++] !== END) return false;
  }
  return k === state.length;
}

/** The closest chart that holds `c` (itself, if a chart), as `Chart.of`, or undefined. */
function chartOf(c: IConstruct): Chart | undefined {
  for (let s: IConstruct | undefined = c; s !== undefined; s = s.node.scope) {
    if (Chart.isChart(s)) return s;
  }
  return undefined;
}

/** The cross-object problems of the app that holds `scope`, in output order. */
export function collectProblems(scope: IConstruct): Problem[] {
  const root = scope.node.root;
  // cdk8s validates the whole app once per App.synth() and again per chart it writes:
  // the findings are reused while the app is provably the one they were found in (the
  // same constructs and dependencies, no facts changed since, the same node port range).
  const everything = root.node.findAll();
  const range = nodePortRange(root);
  const memo = memos.get(root);
  // A state that matches the memo's has no untracked object (the memo's had none).
  if (memo && memo.version === factsVersion && memo.range[0] === range[0] && memo.range[1] === range[1] && sameState(everything, memo.state)) {
    return memo.problems.map(p => ({ ...p }));
  }
  const deps = dependenciesOf(everything);
  const state = appState(everything, deps);
  const version = factsVersion;
  const problems = findProblems(root, everything, deps, range);
  if (state) memos.set(root, { state, version, range, problems: problems.map(p => ({ ...p })) });
  else memos.delete(root);
  return problems;
}

function findProblems(root: IConstruct, everything: IConstruct[], deps: Dependencies, range: readonly [number, number]): Problem[] {
  const pods: PodFacts[] = [];
  const services: ServiceFacts[] = [];
  let index = 0;
  // The output order, as cdk8s computes it but without its graph's per-construct path
  // strings: over 10,000 pods and services that graph cost more than all the checks.
  // One walk of the tree: each chart's constructs are a slice of the app's pre-order.
  if (!Chart.isChart(root) && liftDependencies(everything, deps)) deps = dependenciesOf(everything);
  const found = Chart.isChart(root) ? [root] : everything.filter(Chart.isChart);
  // One chart (the common case) needs no app-wide order.
  const charts = found.length <= 1 ? found : outputOrder(root, everything, deps).filter(Chart.isChart);
  const position = charts.length > 1 ? new Map(everything.map((c, i) => [c, i])) : undefined;
  for (const chart of charts) {
    for (const obj of outputOrder(chart, subtree(everything, chart, position?.get(chart)), deps)) {
      if (!(obj instanceof ApiObject) || chartOf(obj) !== chart) continue;
      const source = sourceOf(obj);
      const facts = source ? source._facts(index) : factsFromManifest(renderForeign(obj), index, obj.node.path);
      index++;
      if (facts?.pod) pods.push(facts.pod);
      if (facts?.service) services.push(facts.service);
    }
  }
  return checkCrossObject({ pods, services }, { nodePortRange: range }).map(findingToProblem);
}

/**
 * What `App.synth()` does after validating and before it writes (cdk8s's `resolveDependencies`),
 * so the order checked is the order written: a chart goes after the charts it nests and the
 * charts its objects depend on, and a dependency between constructs becomes one between their
 * objects. Idempotent: synth adds the same dependencies again.
 * @param deps each construct's dependencies (those with any), before lifting
 * @returns whether it added a dependency
 */
function liftDependencies(all: readonly IConstruct[], before: Dependencies): boolean {
  let added = false;
  let deps = before;
  const add = (source: IConstruct, target: IConstruct) => {
    if (deps.get(source)?.includes(target)) return;
    source.node.addDependency(target);
    added = true;
  };
  for (const parent of all.filter(Chart.isChart)) {
    for (const child of parent.node.children.filter(Chart.isChart)) add(parent, child);
  }
  // The nesting is lifted like any other dependency.
  if (added) deps = dependenciesOf(all);
  for (const [source, targets] of [...deps]) {
    for (const target of targets) {
      const sourceChart = chartOf(source);
      const targetChart = chartOf(target);
      if (sourceChart === undefined || targetChart === undefined) continue;
      if (sourceChart !== targetChart) add(sourceChart, targetChart);
      if (source instanceof ApiObject && target instanceof ApiObject) continue; // already between objects (the usual case)
      const objects = (c: IConstruct, chart: Chart) => c.node.findAll().filter(o => o instanceof ApiObject && chartOf(o) === chart);
      for (const t of objects(target, targetChart)) {
        for (const o of objects(source, sourceChart)) if (o !== t) add(o, t);
      }
    }
  }
  return added;
}

/** Whether an object makes pods or is a Service (only those have facts). */
function isPodOrService(obj: ApiObject): boolean {
  return obj.kind === 'Service' || makesPods(obj.kind);
}

function renderForeign(obj: ApiObject): unknown {
  if (!isPodOrService(obj)) return undefined;
  try {
    return obj.toJson();
  } catch {
    return undefined; // synth reports it when it renders the object
  }
}
