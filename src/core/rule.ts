/**
 * The shape of one rule of the registry: its id, who refuses what it catches, how bad that is,
 * the kinds it reads, the Kubernetes versions it applies to, and its check over the manifest
 * model. Each rule is one module under `src/core/rules/` that exports `rule = defineRule({...})`;
 * the registry (`src/core/rules/index.ts`) lists them. Plain data: no cdk8s.
 */
import type { Json, KubeObject, ManifestModel, PodSource } from './manifest';

/**
 * How bad a finding is. `error`: the API server, admission or the kubelet refuses it, or the
 * traffic certainly goes wrong; it stops the synth. `warning`: advice, or likely wrong, or it
 * hangs on what the user's cluster already holds; printed once per object and rule, it does
 * not stop the synth (unless warnings are promoted to errors).
 */
export type Severity = 'error' | 'warning';

/** The Kubernetes minors a rule applies to, as `"1.28"`: `from` inclusive, `until` exclusive. */
export interface KubernetesVersions {
  /**
   * The first minor the rule applies to.
   * @default "1.28" - every minor the library supports
   */
  readonly from?: string;
  /**
   * The first minor it no longer applies to.
   * @default - none: it applies to the newest too
   */
  readonly until?: string;
}

/**
 * Reports findings of one rule about one object: the rule's id and severity are implied. Call its
 * methods on it (`r.add(...)`), not detached (`const { add } = r`): they are the engine's class's.
 */
export interface ObjectReporter {
  /** Records a finding at `field` (of the written manifest) about `value`. */
  add(field: string, value: unknown, allowed: string, fix?: string): void;
  /** Records a finding when `allowed` is defined (the validator functions return it only on failure). */
  check(field: string, value: unknown, allowed: string | undefined, fix?: string): void;
}

/** What a rule's check gets: the whole app's model, the judgment's settings, and where to report. */
export interface RuleContext<Options = unknown> {
  /** Every object of the app (or of the files), read once and indexed. */
  readonly model: ManifestModel;
  /** The judgment's settings (node port range, capacity budget, platform, target version, …). */
  readonly options: Options;
  /** Every rule of the judgment, in registry order (a rule that re-judges what others judge reads them here). */
  readonly rules: readonly RuleDefinition<string, string, Options>[];
  /** A reporter of this rule's findings about `object`. */
  readonly about: (object: KubeObject) => ObjectReporter;
}

/** One pod spec of the model: a Pod's, or a controller's pod template's. */
export interface PodSpecSite {
  /** What makes the pods. */
  readonly pod: PodSource;
  /** The object (`pod.object`). */
  readonly object: KubeObject;
  /** Where the spec is in the object: `spec` for a Pod, `spec.template.spec` for a Deployment, … */
  readonly field: string;
  /** The pod spec as written. */
  readonly spec: Json;
}

/** What a rule's default fix may read of the finding it completes. */
export interface FindingForFix {
  /** The field the finding is at. */
  readonly field: string;
  /** The offending value. */
  readonly value: unknown;
  /** What is allowed instead. */
  readonly allowed: string;
}

/** One rule, as its module declares it. */
export interface RuleDefinition<Id extends string = string, Source extends string = string, Options = unknown> {
  /** Its id, as problems, `skipRules` and the README's rules table name it (kebab-case). */
  readonly id: Id;
  /** Who refuses, without us, what it catches (`api-server`, `kubelet`, `controller`, `ours`, …). */
  readonly source: Source;
  /** How bad a finding is. */
  readonly severity: Severity;
  /** The kinds it reads (`Pod`, `Service`, …), `*` for every object. */
  readonly kinds: readonly string[];
  /** What it checks, in one sentence. */
  readonly summary: string;
  /**
   * The Kubernetes minors it applies to.
   * @default - every minor the library supports
   */
  readonly versions?: KubernetesVersions;
  /**
   * The upstream function or document it mirrors (`pkg/apis/core/validation.ValidatePodSpec`).
   * @default - none: a rule of ours
   */
  readonly upstream?: string;
  /**
   * The fix a finding of this rule carries when its report names none (`add(field, value,
   * allowed)` without a fix): a sentence, or a function of the finding that writes one. Every
   * registered rule has one (test/unit/rules/fixes.test.ts), so every message ends with a fix;
   * a report that knows more (the exact value to write) still gives its own.
   * @default - none: the test of the registry fails
   */
  readonly fix?: string | ((finding: FindingForFix) => string);
  /**
   * Its check over the model. A rule that judges a construct's props before anything is
   * written (source `props`) has none.
   * @default - none
   */
  readonly check?: (context: RuleContext<Options>) => void;
  /**
   * Its check of one pod spec, for a rule that judges what is in a pod spec. The engine runs it
   * over every pod spec the API server validates; a StatefulSet's pod spec, which Kubernetes 1.28
   * does not validate, is re-judged by `unchecked-pod-template` for the `api-server` rules.
   * @default - none
   */
  readonly podSpec?: (site: PodSpecSite, report: ObjectReporter, context: RuleContext<Options>) => void;
}

/** A rule of the registry. */
export type Rule<Id extends string = string, Source extends string = string, Options = unknown> = RuleDefinition<Id, Source, Options>;

/** The fix of a finding of `rule` that names none: the rule's own, written for the finding. */
export function defaultFix(rule: Pick<RuleDefinition, 'fix'>, finding: FindingForFix): string | undefined {
  return typeof rule.fix === 'function' ? rule.fix(finding) : rule.fix;
}

/** Declares a rule (its module's one export, `export const rule = defineRule({ ... })`). */
export function defineRule<Id extends string, Source extends string, Options = unknown>(definition: RuleDefinition<Id, Source, Options>): Rule<Id, Source, Options> {
  return Object.freeze({ ...definition, kinds: Object.freeze([...definition.kinds]) });
}
