/**
 * The engine: one judgment of what is written. The app (at every synth), the validation plugin
 * (over the files `cdk8s synth` wrote) and `checkManifests` all hand it the objects in output
 * order and get the same problems, with the same rule ids and severities. It runs each rule of
 * the registry once over the model; the problems come out by object (output order), then by
 * rule (registry order), then in the order the rule found them.
 */
import type { KubeObject, ManifestEntry, ManifestModel } from './manifest';
import { readManifests } from './manifest';
import type { JudgeOptions } from './options';
import type { Problem } from './problems';
import type { ObjectReporter, RuleContext, RuleDefinition, Severity } from './rule';
import { defaultFix } from './rule';
import { RULE_LIST } from './rules';
import { beginJudgment, endJudgment } from './walk/judgment';
import { judgedInStatefulSet, podSpecs } from './walk/pods';
import { appliesTo, DEFAULT_KUBERNETES_VERSION } from './versions';

export type { JudgeOptions } from './options';

/** A rule turned off, and why. */
export interface SkippedRule {
  /** The rule's id. */
  readonly rule: string;
  /** Why it is off, as the user said. */
  readonly reason: string;
}

/** The rules `options.skipRules` turns off, with their reasons, in registry order. */
export function skippedRules(options: Pick<JudgeOptions, 'skipRules'>): SkippedRule[] {
  const skip = options.skipRules ?? {};
  return RULE_LIST.filter(r => Object.prototype.hasOwnProperty.call(skip, r.id)).map(r => ({ rule: r.id, reason: skip[r.id] }));
}

/** `rule is off: reason`, as the synth and the plugin print a skipped rule. */
export function describeSkipped(s: SkippedRule): string {
  return `rule ${s.rule} is off: ${s.reason}`;
}

/** Every problem of the objects, errors and warnings (see `Problem.severity`), by object then by rule. */
export function judge(entries: readonly ManifestEntry[], options: JudgeOptions = {}): Problem[] {
  return judgeModel(readManifests(entries), options);
}

/** {@link judge} over the objects already read into the model (read once, by whoever needs it first). */
export function judgeModel(model: ManifestModel, options: JudgeOptions = {}): Problem[] {
  beginJudgment();
  try {
    return judgeOnce(model, options);
  } finally {
    endJudgment();
  }
}

/** {@link judgeModel}'s work, inside one judgment of the walkers' caches. */
function judgeOnce(model: ManifestModel, options: JudgeOptions): Problem[] {
  const skip = options.skipRules ?? {};
  // Only the rules of the target minor run (each rule's `versions`), and none the user turned off.
  const target = options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  const rules: RuleDefinition<string, string, JudgeOptions>[] = RULE_LIST.filter(r => appliesTo(r.versions, target) && !Object.prototype.hasOwnProperty.call(skip, r.id));
  // Each problem with its object's position in the output and its rule's in the registry: sorted
  // by both at the end (a stable sort keeps the order each rule found them in).
  const found: Found[] = [];
  const times = ruleTimes;
  const judgings = rules.map((rule, position): RuleJudgment => ({ rule: rule.id, def: rule, position, severity: options.warningsAsErrors ? 'error' : rule.severity, found }));
  const contexts = judgings.map((judging): RuleContext<JudgeOptions> => ({
    model, options, rules, about: (object: KubeObject): ObjectReporter => new Reporter(object, judging),
  }));
  // Each rule's check over the model, in registry order.
  rules.forEach((rule, i) => {
    if (rule.check === undefined) return;
    const start = times !== undefined ? cpuMs() : 0;
    rule.check(contexts[i]);
    if (times !== undefined) times.set(rule.id, (times.get(rule.id) ?? 0) + cpuMs() - start);
  });
  // Then one walk over the pod specs, each handed to every rule that judges pod specs (not one
  // walk per rule: a loop per rule over every site was re-optimised by V8 for each rule's
  // function, see docs/performance.md). The problems are sorted by object and rule below, so
  // the order in which the rules run changes nothing in what is reported.
  const walkers = rules.flatMap((rule, i) => rule.podSpec === undefined ? [] : [{
    rule, podSpec: rule.podSpec, judging: judgings[i], context: contexts[i], inStatefulSets: judgedInStatefulSet(rule, target),
  }]);
  const sites = podSpecs(model);
  if (times === undefined) {
    for (const site of sites) {
      const statefulSet = site.object.builtinKind === 'StatefulSet'; // (unchecked-pod-template's)
      for (const w of walkers) {
        if (statefulSet && !w.inStatefulSets) continue;
        w.podSpec(site, new Reporter(site.object, w.judging), w.context);
      }
    }
  } else {
    // Timed (the benchmark's per-rule profile): each rule over every site in turn, so that one
    // clock reading per rule times it (one per call would cost more than most calls).
    for (const w of walkers) {
      const start = cpuMs();
      for (const site of sites) {
        if (site.object.builtinKind === 'StatefulSet' && !w.inStatefulSets) continue;
        w.podSpec(site, new Reporter(site.object, w.judging), w.context);
      }
      times.set(w.rule.id, (times.get(w.rule.id) ?? 0) + cpuMs() - start);
    }
  }
  return found.sort((x, y) => x.object - y.object || x.rule - y.rule).map(f => f.problem);
}

/** Where {@link timingRules} collects each rule's time, while it runs; else undefined (nothing is timed). */
let ruleTimes: Map<string, number> | undefined;

/**
 * Runs `f` with every judgment in it timing each rule (its `check` and its `podSpec` over every
 * site), and returns the milliseconds by rule id, summed over those judgments. For the
 * benchmark's per-rule profile (bench/rules.ts); not part of the API.
 * @internal
 */
export function timingRules(f: () => void): Map<string, number> {
  const outer = ruleTimes;
  const times = new Map<string, number>();
  ruleTimes = times;
  try {
    f();
  } finally {
    ruleTimes = outer;
  }
  return times;
}

/** A problem found, with its object's position in the output and its rule's in the registry. */
interface Found {
  readonly object: number;
  readonly rule: number;
  readonly problem: Problem;
}

/** One rule's part of a judgment: what every reporter of the rule shares. */
interface RuleJudgment {
  readonly rule: string;
  /** The rule itself, for its fix when a report names none. */
  readonly def: Pick<RuleDefinition, 'id' | 'fix'>;
  readonly position: number;
  readonly severity: Severity;
  readonly found: Found[];
}

/**
 * A reporter of one rule's problems about one object, at the object's construct path (or its
 * `Kind/name`). A class (its methods shared on the prototype), not closures: the engine makes one
 * per rule and pod spec, and closures made the loop over the sites a tenth of the judgment (at
 * 5,000 pairs, 480 ms of self time in the engine's loop in a profiled run).
 */
class Reporter implements ObjectReporter {
  constructor(private readonly object: KubeObject, private readonly judging: RuleJudgment) {}

  public add(field: string, value: unknown, allowed: string, fix?: string): void {
    const { object, judging } = this;
    const p: { -readonly [K in keyof Problem]: Problem[K] } = { rule: judging.rule, severity: judging.severity, path: object.where, field, value, allowed };
    // (a report that names no fix gets its rule's)
    const written = fix ?? defaultFix(judging.def, { field, value, allowed });
    if (written !== undefined) p.fix = written;
    p.object = object.ref;
    if (object.file !== undefined) p.file = object.file;
    judging.found.push({ object: object.index, rule: judging.position, problem: p });
  }

  public check(field: string, value: unknown, allowed: string | undefined, fix?: string): void {
    if (allowed !== undefined) this.add(field, value, allowed, fix);
  }
}

/** The CPU time of the process so far, in ms (what {@link timingRules} counts: a busy machine's waits are not a rule's cost). */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
