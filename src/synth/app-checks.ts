/**
 * The engine inside a cdk8s app: at every synth (`app.synth()`, `Testing.synth()`,
 * `chart.toJson()`, `npm run synth`) one validation renders every object of the app, as synth
 * is about to write it (escape hatches applied), and judges them all.
 */
import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { judge } from '../core/engine';
import { ManifestEntry, ObjectIntent } from '../core/manifest';
import { NodePortRange, parseNodePortRange } from '../core/node-port-range';
import { formatProblem, Problem } from '../core/problems';
import { objectsInOutputOrder } from './output-order';

/**
 * The context key that sets the cluster's `--service-node-port-range`, as `"lo-hi"` or
 * `[lo, hi]`. Set it on the App before adding charts:
 * `app.node.setContext('cdk8s-pods-services:nodePortRange', '20000-40000')`.
 */
export const NODE_PORT_RANGE_CONTEXT = 'cdk8s-pods-services:nodePortRange';

/** The id of the construct, under the app's root, that runs the checks. */
const CHECKS_ID = 'cdk8s-pods-services';

const INTENT = Symbol.for('cdk8s-pods-services.intent');

/**
 * The node port range in force for a scope: the `cdk8s-pods-services:nodePortRange` context
 * value, else 30000–32767. Throws a `ValidationError` on a malformed context value.
 */
export function nodePortRange(scope: IConstruct): NodePortRange {
  return parseNodePortRange(scope.node.tryGetContext(NODE_PORT_RANGE_CONTEXT), scope.node.root.node.path || '<app>',
    `context "${NODE_PORT_RANGE_CONTEXT}"`);
}

/**
 * Makes sure the app that holds `apiObject` runs the checks at synth, and records what the
 * construct that wrote it promises about it.
 * @internal
 */
export function checkedAtSynth(apiObject: ApiObject, intent?: ObjectIntent): void {
  if (intent !== undefined) Object.defineProperty(apiObject, INTENT, { value: intent, configurable: true });
  const root = apiObject.node.root;
  if (root.node.tryFindChild(CHECKS_ID) === undefined) new AppChecks(root as Construct);
}

/**
 * Every object of the app that holds `scope`, rendered as synth would write it, in output order,
 * with the construct path that wrote it.
 */
function renderApp(scope: IConstruct): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  for (const obj of objectsInOutputOrder(scope.node.root)) {
    let manifest: unknown;
    try {
      manifest = asWritten(obj.toJson());
    } catch {
      continue; // synth reports it when it renders the object
    }
    const intent = (obj as { [INTENT]?: ObjectIntent })[INTENT];
    // The construct the user wrote: `chart/web`, not its `chart/web/Resource`.
    const path = obj.node.id === 'Resource' && obj.node.scope ? obj.node.scope.node.path : obj.node.path;
    entries.push(intent === undefined ? { manifest, path } : { manifest, path, intent });
  }
  return entries;
}

/**
 * A rendered object as synth writes it: cdk8s writes an `undefined` (a value an L1 serializer
 * dropped, such as a plain string an escape hatch put where a `Quantity` goes) as `null`. The
 * object itself when it holds no `undefined` (the usual case: nothing is copied).
 */
function asWritten(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') return value;
  const source = value as { readonly [key: string]: unknown };
  let copy: { [key: string]: unknown } | undefined;
  for (const key in source) {
    const v = source[key];
    const written = asWritten(v);
    if (written === v) continue;
    copy ??= (Array.isArray(value) ? [...value] : { ...source }) as { [key: string]: unknown };
    copy[key] = written;
  }
  return copy ?? value;
}

/** The problems the engine finds in the app that holds `scope`, in output order. */
function appProblems(scope: IConstruct): Problem[] {
  const root = scope.node.root;
  return judge(renderApp(root), {
    nodePortRange: nodePortRange(root),
    nodePortRangeKnob: `set the app's context value: app.node.setContext("${NODE_PORT_RANGE_CONTEXT}", "lo-hi")`,
  });
}

/** The construct under the app's root whose validation runs the engine once per validation of the app. */
class AppChecks extends Construct {
  constructor(scope: Construct) {
    super(scope, CHECKS_ID);
    this.node.addValidation({ validate: () => appProblems(this).map(formatProblem) });
  }
}

/**
 * Every problem of the app that holds `scope`, as structured problems: the engine's (whether or
 * not a construct of this library is in the app), and any other construct's validation
 * messages (as `message`, with rule `validation`). Empty when the app would synthesize.
 */
export function validateApp(scope: IConstruct): Problem[] {
  const root = scope.node.root;
  const problems: Problem[] = appProblems(root);
  for (const c of root.node.findAll()) {
    if (c.node.id === CHECKS_ID && c.node.scope === root) continue; // the engine's, above
    for (const message of c.node.validate()) problems.push({ rule: 'validation', path: c.node.path, field: '', value: undefined, allowed: '', message });
  }
  return problems;
}
