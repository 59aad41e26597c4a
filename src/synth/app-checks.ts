/**
 * The engine inside a cdk8s app: at every synth (`app.synth()`, `Testing.synth()`,
 * `chart.toJson()`, `npm run synth`) one validation renders every object of the app, as synth
 * is about to write it (escape hatches applied), and judges them all.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ApiObject, App } from 'cdk8s';
import { Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { Construct } from 'constructs';
import type { SkippedRule} from '../core/engine';
import { describeSkipped, judgeModel, skippedRules } from '../core/engine';
import type { ManifestEntry, ManifestModel, ObjectIntent } from '../core/manifest';
import { objectRef, readManifests } from '../core/manifest';
import type { Problem} from '../core/problems';
import { formatProblem, isError, ValidationError } from '../core/problems';
import type { NodePortRange, PlatformName, Settings } from '../core/settings';
import { DEFAULT_NODE_PORT_RANGE, parsePlatform, parseSettings } from '../core/settings';
import { objectsInOutputOrder, writesFilePerObject } from './cdk8s-mirror/output-order';
import { answerRendersOnce, writeAsJudged } from './cdk8s-mirror/judged-render';
import { asWritten, writtenFileNames } from './cdk8s-mirror/written-files';
import { printOnce } from './warnings';
import { orderServicesFirst } from './service-order';
import type { KubernetesVersion } from '../core/versions';
import { parseKubernetesVersion } from '../core/version-setting';
import { DEFAULT_KUBERNETES_VERSION } from '../core/versions';
import type { JudgedFiles } from '../core/judgment-record';
import { filesDigest, JUDGMENT_FILES_KEY, JUDGMENT_RECORD_KEY, judgmentDigest } from '../core/judgment-record';

/**
 * The context key that sets the cluster's `--service-node-port-range`, as `"lo-hi"` or
 * `[lo, hi]`. Set it on the App before adding charts:
 * `app.node.setContext('cdk8s-pods-services:nodePortRange', '20000-40000')`.
 */
export const NODE_PORT_RANGE_CONTEXT = 'cdk8s-pods-services:nodePortRange';

/**
 * The context key that turns rules of the engine off for an app, each with the reason why (kept
 * in the synth's output):
 * `app.node.setContext('cdk8s-pods-services:skipRules', { 'service-before-its-pods': 'our pods read no Service variables' })`.
 */
export const SKIP_RULES_CONTEXT = 'cdk8s-pods-services:skipRules';

/**
 * The context key that makes the engine's warnings errors (for CI), `true` or `false`:
 * `app.node.setContext('cdk8s-pods-services:warningsAsErrors', true)`. Without it a warning is
 * printed (to stderr, see `setWarningSink`) and the synth goes on.
 */
export const WARNINGS_AS_ERRORS_CONTEXT = 'cdk8s-pods-services:warningsAsErrors';

/**
 * The context key that declares the cluster the app's pods must fit (see `CapacityBudget`), as
 * `{ nodes, cpu, memory, reserved?: { cpu?, memory? } }`:
 * `app.node.setContext('cdk8s-pods-services:capacity', { nodes: 3, cpu: '4', memory: '16Gi' })`.
 * It wins over a budget declared in code (`ClusterCapacity.declare`, a platform preset).
 */
export const CAPACITY_CONTEXT = 'cdk8s-pods-services:capacity';

/** Where `ClusterCapacity.declare` keeps the budget on the app's root (shared across copies of the package). */
export const DECLARED_CAPACITY = Symbol.for('cdk8s-pods-services.capacity');

/**
 * The context key that names the platform whose admission checks the engine runs
 * (`'gke-autopilot'`, `'openshift'` or `'local'`; rule `platform-admission`: what GKE
 * Autopilot's policies and OpenShift's `restricted-v2` SCC refuse):
 * `app.node.setContext('cdk8s-pods-services:platform', 'gke-autopilot')`. It wins over the
 * platform applied in code (`Platform.applyTo`) for the checks only: it is read at validation,
 * after the pods were made, so it sets no pod defaults and declares no budget (for those, call
 * `Platform.applyTo(app)` before the pods).
 */
export const PLATFORM_CONTEXT = 'cdk8s-pods-services:platform';

/**
 * The context key that sets the Kubernetes minor the app's manifests are for (the oldest cluster
 * they must run on), one of `KUBERNETES_VERSIONS` (`'1.28'` … `'1.37'`), `'1.35'` when unset:
 * `app.node.setContext('cdk8s-pods-services:kubernetesVersion', '1.33')`. What is written follows
 * it (native sidecars from 1.33, the `sleep` hook from 1.30; a field the target lacks is an
 * error naming the first minor that has it) and the engine runs the rules of that minor. It wins
 * over the version given to `Platform.applyTo`. Set it on the App before adding charts.
 */
export const KUBERNETES_VERSION_CONTEXT = 'cdk8s-pods-services:kubernetesVersion';

/** Where `Platform.applyTo` records the target Kubernetes minor on the app's root (shared across copies of the package). */
export const DECLARED_KUBERNETES_VERSION = Symbol.for('cdk8s-pods-services.kubernetesVersion');

/** Where `Platform.applyTo` records the platform's name on the app's root (shared across copies of the package). */
export const DECLARED_PLATFORM = Symbol.for('cdk8s-pods-services.platform');

/** The id of the construct, under the app's root, that runs the checks. */
const CHECKS_ID = 'cdk8s-pods-services';

const INTENT = Symbol.for('cdk8s-pods-services.intent');

/**
 * The node port range in force for a scope: the `cdk8s-pods-services:nodePortRange` context
 * value, else 30000–32767. Throws a `ValidationError` on a malformed context value.
 */
export function nodePortRange(scope: IConstruct): NodePortRange {
  return appSettings(scope).nodePortRange;
}

/**
 * The settings in the app's context (see {@link NODE_PORT_RANGE_CONTEXT}, {@link SKIP_RULES_CONTEXT},
 * {@link CAPACITY_CONTEXT}, {@link PLATFORM_CONTEXT}), and the budget and platform declared in
 * code when the context names none.
 */
function appSettings(scope: IConstruct): Settings {
  const root = scope.node.root;
  const context: unknown = root.node.tryGetContext(CAPACITY_CONTEXT);
  const capacity = context ?? (root as { [DECLARED_CAPACITY]?: unknown })[DECLARED_CAPACITY];
  const platformContext: unknown = root.node.tryGetContext(PLATFORM_CONTEXT);
  const platform = platformContext ?? (root as { [DECLARED_PLATFORM]?: unknown })[DECLARED_PLATFORM];
  const versionContext: unknown = root.node.tryGetContext(KUBERNETES_VERSION_CONTEXT);
  const kubernetesVersion: unknown = versionContext ?? (root as { [DECLARED_KUBERNETES_VERSION]?: unknown })[DECLARED_KUBERNETES_VERSION];
  return parseSettings({
    nodePortRange: root.node.tryGetContext(NODE_PORT_RANGE_CONTEXT), skipRules: root.node.tryGetContext(SKIP_RULES_CONTEXT), capacity, platform,
    warningsAsErrors: root.node.tryGetContext(WARNINGS_AS_ERRORS_CONTEXT), kubernetesVersion,
  },
    root.node.path || '<app>', {
      kubernetesVersion: versionContext !== undefined ? `context "${KUBERNETES_VERSION_CONTEXT}"` : 'Platform.applyTo() kubernetesVersion',
      nodePortRange: `context "${NODE_PORT_RANGE_CONTEXT}"`, skipRules: `context "${SKIP_RULES_CONTEXT}"`,
      warningsAsErrors: `context "${WARNINGS_AS_ERRORS_CONTEXT}"`,
      capacity: context !== undefined ? `context "${CAPACITY_CONTEXT}"` : 'ClusterCapacity.declare()',
      platform: platformContext !== undefined ? `context "${PLATFORM_CONTEXT}"` : 'Platform.applyTo()',
    });
}

/**
 * The name of the platform the app that holds `scope` is for: the context value's
 * ({@link PLATFORM_CONTEXT}), else the one `Platform.applyTo` recorded, else undefined. Throws a
 * `ValidationError` on a malformed context value.
 */
export function appPlatform(scope: IConstruct): PlatformName | undefined {
  const root = scope.node.root;
  const context: unknown = root.node.tryGetContext(PLATFORM_CONTEXT);
  if (context !== undefined) return parsePlatform(context, root.node.path || '<app>', `context "${PLATFORM_CONTEXT}"`);
  return (root as { [DECLARED_PLATFORM]?: PlatformName })[DECLARED_PLATFORM];
}

/**
 * The Kubernetes minor the app that holds `scope` is for: the context value's
 * ({@link KUBERNETES_VERSION_CONTEXT}), else the one `Platform.applyTo` recorded, else
 * `DEFAULT_KUBERNETES_VERSION` (1.35). Throws a `ValidationError` listing the known minors on
 * one it does not know.
 */
export function appKubernetesVersion(scope: IConstruct): KubernetesVersion {
  const root = scope.node.root;
  const context: unknown = root.node.tryGetContext(KUBERNETES_VERSION_CONTEXT);
  if (context !== undefined) return parseKubernetesVersion(context, root.node.path || '<app>', `context "${KUBERNETES_VERSION_CONTEXT}"`);
  const declared = (root as { [DECLARED_KUBERNETES_VERSION]?: unknown })[DECLARED_KUBERNETES_VERSION];
  return declared === undefined ? DEFAULT_KUBERNETES_VERSION : parseKubernetesVersion(declared, root.node.path || '<app>', 'Platform.applyTo() kubernetesVersion');
}

/**
 * Makes sure the app that holds `apiObject` runs the checks at synth, and records what the
 * construct that wrote it promises about it.
 * @internal
 */
export function checkedAtSynth(apiObject: ApiObject, intent?: ObjectIntent): void {
  if (intent !== undefined) Object.defineProperty(apiObject, INTENT, { value: intent, configurable: true });
  const root = apiObject.node.root;
  if (root.node.tryFindChild(CHECKS_ID) === undefined) new AppChecks(root);
  const chart = chartOf(apiObject);
  if (chart !== undefined && !Object.prototype.hasOwnProperty.call(chart, SESSION_OPENER)) opensSynthSession(chart, 'toJson');
}

/** The chart an object is in (cdk8s's `Chart.of`, without its throw for an object outside a chart). */
function chartOf(c: IConstruct): IConstruct | undefined {
  for (let s: IConstruct | undefined = c; s !== undefined; s = s.node.scope) if (Chart.isChart(s)) return s;
  return undefined;
}

/**
 * Makes sure the app that holds `scope` runs the checks at synth over every object it writes,
 * whether or not a construct of ours is in it (`ClusterCapacity.declare`, `Platform.applyTo`:
 * an app of raw `ApiObject`s, cdk8s-plus objects or imported CRDs is judged all the same). It
 * adds a validation to the app's root, not a construct (the app can still take context values);
 * once a construct of ours adds the engine's construct, that one judges and this one is silent.
 * @internal
 */
export function judgedAtSynth(scope: IConstruct): void {
  const root = scope.node.root as IConstruct & { [ROOT_CHECKS]?: true };
  if (root[ROOT_CHECKS] || root.node.tryFindChild(CHECKS_ID) !== undefined) return;
  Object.defineProperty(root, ROOT_CHECKS, { value: true });
  root.node.addValidation({
    validate: () => {
      if (judgingOthers || judged.has(root) || root.node.tryFindChild(CHECKS_ID) !== undefined) return [];
      const { problems, skipped } = appProblems(root);
      announce(root, problems, skipped);
      return problems.filter(isError).map(formatProblem);
    },
  });
  recordObjectRefs(root);
}

const ROOT_CHECKS = Symbol.for('cdk8s-pods-services.rootChecks');
/** Set while judgeApp runs the other constructs' validations (the root's is the engine's own). */
let judgingOthers = false;

/**
 * Every object of the app that holds `scope`, rendered as synth would write it, in output order,
 * with the construct path that wrote it.
 */
function renderApp(scope: IConstruct, rendered?: Map<ApiObject, unknown>): { model: ManifestModel; failures: Problem[] } {
  const entries: ManifestEntry[] = [];
  const objects: ApiObject[] = [];
  const failures: Problem[] = [];
  for (const obj of objectsInOutputOrder(scope.node.root)) {
    // The construct the user wrote: `chart/web`, not its `chart/web/Resource`.
    const path = obj.node.id === 'Resource' && obj.node.scope ? obj.node.scope.node.path : obj.node.path;
    let manifest: unknown;
    try {
      const json: unknown = obj.toJson();
      rendered?.set(obj, json);
      manifest = asWritten(json);
    } catch (err) {
      // What synth cannot write (an escape hatch to a path that is not there, a value cdk8s
      // cannot render) is a problem like any other, reported before anything is written.
      failures.push({
        rule: 'props', path, field: '', value: undefined, allowed: '',
        fix: 'correct the escape hatch (addJsonPatch, addOverride) or the value cdk8s names, or remove it',
        message: `cdk8s cannot write ${obj.kind}/${obj.name}: ${String((err as Error)?.message ?? err).replace(/\s*\n\s*/g, ' ')}. `
          + 'Fix: correct the escape hatch (addJsonPatch, addOverride) or the value cdk8s names, or remove it [props]',
      });
      continue;
    }
    const intent = (obj as { [INTENT]?: ObjectIntent })[INTENT];
    entries.push(intent === undefined ? { manifest, path } : { manifest, path, intent });
    objects.push(obj);
  }
  // Services before the pods they select, whoever wrote them; a render does not depend on the
  // order, so the entries are only put in the new one.
  // The model is read once; read again only when the order changed (its positions are the order's).
  const model = readManifests(entries);
  if (!writesFilePerObject(scope) && orderServicesFirst(entries, objects, model)) {
    const entryOf = new Map(objects.map((o, i) => [o, entries[i]]));
    const reordered = objectsInOutputOrder(scope.node.root).flatMap(o => entryOf.get(o) ?? []);
    return { model: readManifests(reordered), failures };
  }
  return { model, failures };
}

/**
 * The problems the engine finds in the app that holds `scope`, in output order, and the rules
 * turned off; `rendered`, when given, receives each object's render that was judged.
 */
function appProblems(scope: IConstruct, rendered?: Map<ApiObject, unknown>): { problems: Problem[]; skipped: SkippedRule[] } {
  const root = scope.node.root;
  // A malformed setting is a problem like the others, reported with them (the defaults stand in).
  let settings: Settings = { nodePortRange: DEFAULT_NODE_PORT_RANGE, skipRules: {}, warningsAsErrors: false, kubernetesVersion: DEFAULT_KUBERNETES_VERSION };
  let malformed: readonly Problem[] = [];
  try {
    settings = appSettings(root);
  } catch (err) {
    if (!ValidationError.isValidationError(err)) throw err;
    malformed = err.problems;
  }
  const { model, failures } = renderApp(root, rendered);
  const problems = [...malformed, ...failures, ...judgeModel(model, {
    ...settings,
    nodePortRangeKnob: `set the app's context value: app.node.setContext("${NODE_PORT_RANGE_CONTEXT}", "lo-hi")`,
    skipRulesKnob: `app.node.setContext("${SKIP_RULES_CONTEXT}", { "<rule>": "<why>" })`,
    capacityKnob: `ClusterCapacity.declare(app, { nodes, cpu, memory }), or the context value "${CAPACITY_CONTEXT}"`,
    orderHint: writesFilePerObject(root) ? 'with one file per object, kubectl applies the files in name order, Pod.* before Service.*: write one file per chart (YamlOutputType.FILE_PER_CHART)' : undefined,
  })];
  // What the validation plugin may trust (src/core/judgment-record.ts): only a judgment with no problem.
  if (problems.length === 0) cleanJudgments.set(root, { settings, objects: model.objects.map(o => o.raw) });
  else cleanJudgments.delete(root);
  return { problems, skipped: skippedRules(settings) };
}

/**
 * Prints, once per app, what does not stop its synth: each warning, once per object and rule
 * (the first, with how many more the rule found there), and each rule turned off with its reason.
 */
function announce(root: IConstruct, problems: readonly Problem[], skipped: readonly SkippedRule[]): void {
  const firsts = new Map<string, { problem: Problem; count: number }>();
  for (const p of problems) {
    if (isError(p)) continue;
    const key = `${p.object ?? p.path}\u0000${p.rule}`;
    const seen = firsts.get(key);
    if (seen === undefined) firsts.set(key, { problem: p, count: 1 });
    else seen.count++;
  }
  const lines = [...firsts.values()].map(({ problem, count }) => `${formatProblem(problem)}${count > 1 ? ` (and ${count - 1} more of this rule here)` : ''}`);
  printOnce(root, [...lines, ...skipped.map(s => `note: ${describeSkipped(s)}`)]);
}

/**
 * The apps being synthesized by {@link synthJudged}, right after {@link judgeApp} found no
 * problem in them: the engine's validation skips them. Private to this module, so only
 * `synthJudged` sets it, and only for the duration of its `app.synth()`.
 */
const judged = new WeakSet<IConstruct>();

/**
 * One synth under way: from the entry into `app.synth()`, `app.synthYaml()` or `chart.toJson()`
 * (`Testing.synth()`) to its return. Its first validation of the app judges it; the others in
 * the same synth (cdk8s validates the app once in `App.synth()` and again in each chart's
 * `toJson()`) answer with that judgment, and each object's first render after the judgment is
 * the one that was judged (see `answerRendersOnce`).
 */
interface SynthSession {
  /** The messages of the errors the one judgment found (what the validation returns). */
  messages?: string[];
  /** Removes the judged renders that were not asked for. */
  restore?: () => void;
}

/** The synth under way of each app, by its root. Private to this module. */
const sessions = new WeakMap<IConstruct, SynthSession>();

/** Where {@link opensSynthSession} marks a construct whose method it wrapped. */
const SESSION_OPENER = Symbol.for('cdk8s-pods-services.synthSession');

/**
 * Wraps one method of one App or Chart instance (never the prototype) so that a call opens a
 * synth session for the app, when none is open, and closes it on return or throw. What the
 * method was (a subclass's override included) is what runs inside.
 *
 * Sound: inside a session only cdk8s's synth runs: `resolveDependencies` (which adds
 * dependencies the judgment already lifted, see `liftDependencies`: it changes no render and no
 * order the engine judged), the chart order, the other constructs' validations, the renders and
 * the writes. None of them changes an object (a validation that changes the app it validates is
 * not covered: cdk8s runs it N+1 times too). Whatever the user changes between two synths is
 * judged by the next one, which opens its own session; a validation outside any synth (a
 * direct `node.validate()`, `validateApp`) judges afresh.
 */
function opensSynthSession(target: IConstruct, method: 'synth' | 'synthYaml' | 'toJson'): void {
  const holder = target as unknown as Record<string, unknown> & { [SESSION_OPENER]?: true };
  const original = holder[method];
  if (typeof original !== 'function') return;
  Object.defineProperty(holder, SESSION_OPENER, { value: true, configurable: true });
  Object.defineProperty(holder, method, {
    configurable: true, writable: true, enumerable: false,
    value: function synthSession(this: unknown, ...args: unknown[]): unknown {
      const root = target.node.root;
      if (sessions.has(root)) return (original as (...a: unknown[]) => unknown).apply(this, args);
      const session: SynthSession = {};
      sessions.set(root, session);
      try {
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } finally {
        sessions.delete(root);
        session.restore?.();
      }
    },
  });
}

/** The construct under the app's root whose validation runs the engine once per synth (and once per validation outside one). */
class AppChecks extends Construct {
  constructor(scope: Construct) {
    super(scope, CHECKS_ID);
    this.node.addValidation({
      validate: () => {
        const root = this.node.root;
        if (judged.has(root)) return [];
        const session = sessions.get(root);
        if (session?.messages !== undefined) return session.messages;
        const rendered = session !== undefined ? new Map<ApiObject, unknown>() : undefined;
        const { problems, skipped } = appProblems(this, rendered);
        announce(root, problems, skipped);
        const messages = problems.filter(isError).map(formatProblem);
        if (session !== undefined) {
          session.messages = messages;
          session.restore = answerRendersOnce(rendered!);
        }
        return messages;
      },
    });
    recordObjectRefs(scope);
    opensSynthSession(scope, 'synth');
    opensSynthSession(scope, 'synthYaml');
  }
}

/**
 * cdk8s's `construct-metadata.json` (written when `cdk8s synth` runs validation plugins) maps
 * each object's name to its construct path, so two objects of one name (a Service and its Pod,
 * or one name in two namespaces) share one entry, and a report names the wrong construct. Each
 * object is also recorded by its `Kind/name` (`Kind/namespace/name`), the name our validation
 * plugin reports it by. The App's metadata writer is wrapped, if the App has one (it is cdk8s's
 * private method: without it, nothing changes).
 */
function recordObjectRefs(root: IConstruct): void {
  const app = root as unknown as { writeConstructMetadata?: (objects: ApiObject[]) => void; outdir?: string; [REFS_RECORDED]?: true };
  const original = app.writeConstructMetadata;
  if (typeof original !== 'function' || app[REFS_RECORDED] || typeof app.outdir !== 'string') return;
  Object.defineProperty(app, REFS_RECORDED, { value: true });
  app.writeConstructMetadata = function (this: typeof app, objects: ApiObject[]) {
    original.call(this, objects);
    const file = path.join(this.outdir!, 'construct-metadata.json');
    const metadata = JSON.parse(fs.readFileSync(file, 'utf8')) as { resources: { [key: string]: { path: string } }; [JUDGMENT_RECORD_KEY]?: string; [JUDGMENT_FILES_KEY]?: JudgedFiles };
    for (const o of objects) metadata.resources[objectRef(o.kind, o.name, o.metadata.namespace)] = { path: o.node.path };
    // The engine's last judgment of this app, made in this synth, when it found nothing: the
    // plugin skips its own judgment of the same objects with the same settings (judgment-record.ts).
    const clean = cleanJudgments.get(this as unknown as IConstruct);
    cleanJudgments.delete(this as unknown as IConstruct);
    if (clean !== undefined) {
      metadata[JUDGMENT_RECORD_KEY] = judgmentDigest(clean.settings, clean.objects);
      // And the files this synth wrote, byte for byte, when their names are known: the plugin
      // that finds these very files trusts the judgment without reading them as YAML.
      const names = writtenFileNames(this as unknown as App);
      if (names !== undefined) {
        const files = names.map(name => ({ path: name, bytes: fs.readFileSync(path.join(this.outdir!, name)) }));
        const record: JudgedFiles = { digest: filesDigest(clean.settings, files), objects: objects.length };
        metadata[JUDGMENT_FILES_KEY] = record;
      }
    }
    fs.writeFileSync(file, JSON.stringify(metadata));
  };
}

const REFS_RECORDED = Symbol.for('cdk8s-pods-services.objectRefsRecorded');

/**
 * Each app's last judgment, when it found no problem: its settings and the objects it judged (for
 * the plugin's record), not the model: the app holds it until the next synth, the model and what the
 * rules indexed by it with it.
 */
const cleanJudgments = new WeakMap<IConstruct, { readonly settings: Settings; readonly objects: readonly unknown[] }>();

/**
 * `app.synth()` of an app that {@link judgeApp} has just judged and found no problem in,
 * without judging it again: cdk8s validates an app once in `App.synth()` and once more per chart
 * it writes (`chart.toJson()`), and each validation would render and judge every object again.
 * Only the engine's validation is skipped; every other construct's runs as cdk8s runs it. Each
 * object is written as it was rendered for the judgment (`rendered`, see `writeAsJudged`).
 *
 * Sound because nothing changes the app between the judgment and the write: the judgment
 * renders after lifting the dependencies the way cdk8s's `resolveDependencies` does (see
 * `liftDependencies`), so what `App.synth()` runs before it writes (the other constructs'
 * validations, `resolveDependencies`, the chart order) adds nothing the engine has not seen.
 * (A validation that changes the app it validates is not covered: cdk8s runs it N+1 times too.)
 * The skip lasts for this call only; a later `app.synth()` judges the app as it is then.
 * @internal
 */
export function synthJudged(app: App, rendered: ReadonlyMap<ApiObject, unknown>): void {
  judged.add(app.node.root);
  try {
    writeAsJudged(rendered, () => app.synth());
  } finally {
    judged.delete(app.node.root);
  }
}

/**
 * Every problem of the app that holds `scope`, as structured problems: the engine's errors and
 * warnings (see `Problem.severity`; whether or not a construct of this library is in the app),
 * and any other construct's validation messages (as `message`, with rule `validation`). The app
 * synthesizes when none of them is an error.
 */
export function validateApp(scope: IConstruct): Problem[] {
  return judgeApp(scope).problems;
}

/**
 * {@link validateApp}'s problems, the rules turned off, and each object's render that the engine
 * judged (to be written as it was judged, by {@link synthJudged}). With `print`, the warnings and
 * the rules turned off are printed as the synth prints them.
 * @internal
 */
export function judgeApp(scope: IConstruct, print = false): { problems: Problem[]; skipped: SkippedRule[]; rendered: Map<ApiObject, unknown> } {
  const root = scope.node.root;
  const rendered = new Map<ApiObject, unknown>();
  const { problems, skipped } = appProblems(root, rendered);
  judgingOthers = true;
  try {
    for (const c of root.node.findAll()) {
      if (c.node.id === CHECKS_ID && c.node.scope === root) continue; // the engine's, above
      for (const message of c.node.validate()) problems.push({ rule: 'validation', path: c.node.path, field: '', value: undefined, allowed: '', message });
    }
  } finally {
    judgingOthers = false;
  }
  if (print) announce(root, problems, skipped);
  return { problems, skipped, rendered };
}
