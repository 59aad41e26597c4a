/**
 * The engine: one judgment of what is written. The app (at every synth), the validation plugin
 * (over the files `cdk8s synth` wrote) and `checkManifests` all hand it the objects in output
 * order and get the same problems, with the same rule ids and severities. It runs each rule of
 * the registry once over the model; the problems come out by object (output order), then by
 * rule (registry order), then in the order the rule found them.
 */
import type { KubeObject, ManifestEntry} from './manifest';
import { readManifests } from './manifest';
import type { JudgeOptions } from './options';
import type { Problem } from './problems';
import type { ObjectReporter, RuleContext, RuleDefinition, Severity } from './rule';
import { defaultFix } from './rule';
import { RULE_LIST } from './rules';
import { beginJudgment } from './walk/judgment';
import { judgedInStatefulSet, podSpecs } from './walk/pods';

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
  beginJudgment();
  const model = readManifests(entries);
  const skip = options.skipRules ?? {};
  const rules: RuleDefinition<string, string, JudgeOptions>[] = RULE_LIST.filter(r => !Object.prototype.hasOwnProperty.call(skip, r.id));
  // Each problem with its object's position in the output and its rule's in the registry: sorted
  // by both at the end (a stable sort keeps the order each rule found them in).
  const found: Array<{ readonly object: number; readonly rule: number; readonly problem: Problem }> = [];
  const sites = podSpecs(model);
  rules.forEach((rule, position) => {
    const severity: Severity = options.warningsAsErrors ? 'error' : rule.severity;
    const about = (object: KubeObject): ObjectReporter => reporterOf(object, rule, severity, problem => found.push({ object: object.index, rule: position, problem }));
    const context: RuleContext<JudgeOptions> = { model, options, rules, about };
    rule.check?.(context);
    if (rule.podSpec === undefined) return;
    for (const site of sites) {
      if (site.object.builtinKind === 'StatefulSet' && !judgedInStatefulSet(rule)) continue; // (unchecked-pod-template's)
      rule.podSpec(site, about(site.object), context);
    }
  });
  return found.sort((x, y) => x.object - y.object || x.rule - y.rule).map(f => f.problem);
}

/** A reporter of one rule's problems about one object, at the object's construct path (or its `Kind/name`). */
function reporterOf(object: KubeObject, rule: Pick<RuleDefinition, 'id' | 'fix'>, severity: Severity, push: (problem: Problem) => void): ObjectReporter {
  const add = (field: string, value: unknown, allowed: string, fix?: string) => {
    const p: { -readonly [K in keyof Problem]: Problem[K] } = { rule: rule.id, severity, path: object.where, field, value, allowed };
    // (a report that names no fix gets its rule's)
    const written = fix ?? defaultFix(rule, { field, value, allowed });
    if (written !== undefined) p.fix = written;
    p.object = object.ref;
    if (object.file !== undefined) p.file = object.file;
    push(p);
  };
  return { add, check: (field, value, allowed, fix) => { if (allowed !== undefined) add(field, value, allowed, fix); } };
}
