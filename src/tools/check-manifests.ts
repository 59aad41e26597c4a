import type { SkippedRule} from '../core/engine';
import { judge, skippedRules } from '../core/engine';
import type { Problem} from '../core/problems';
import { ValidationError } from '../core/problems';
import type { CapacityBudget } from '../core/checks/capacity-checks';
import type { NodePortRange, PlatformName, SkipRules } from '../core/settings';
import { parseSettings } from '../core/settings';
import { isArray, isPlainObject } from '../core/util';
import type { KubernetesVersion } from '../core/versions';

/** Options of {@link checkManifests}. */
export interface CheckManifestsOptions {
  /**
   * The cluster's `--service-node-port-range`: `[lowest, highest]`, or `"lowest-highest"`.
   * @default [30000, 32767] - the API server's default
   */
  readonly nodePortRange?: NodePortRange | string;
  /**
   * Rules to turn off, each with the reason why (see the README's rules table):
   * `{ 'service-before-its-pods': 'our pods read no Service variables' }`. The result lists them
   * with their reasons (`skipped`).
   * @default - none: every rule
   */
  readonly skipRules?: SkipRules;
  /**
   * Whether warnings are errors (their `severity` is then `error`), for CI.
   * @default false
   */
  readonly warningsAsErrors?: boolean;
  /**
   * The cluster the pods must fit (rule `capacity`): `{ nodes, cpu, memory, reserved?: { cpu?, memory? } }`.
   * @default - none: only the ResourceQuotas among the manifests are checked
   */
  readonly capacity?: CapacityBudget;
  /**
   * The platform the manifests are for, whose admission the checks then apply (rule
   * `platform-admission`): `'gke-autopilot'`, `'openshift'` or `'local'` (see the plugin's
   * `platform` property).
   * @default - none: no platform's admission checks
   * @see https://cloud.google.com/kubernetes-engine/docs/concepts/autopilot-security
   */
  readonly platform?: PlatformName;
  /**
   * The Kubernetes minor the manifests are for (the oldest cluster they must run on): the rules
   * of that minor run. One of `KUBERNETES_VERSIONS`, `'1.28'` … `'1.37'`.
   * @default DEFAULT_KUBERNETES_VERSION - '1.35', the oldest minor upstream supports
   */
  readonly kubernetesVersion?: KubernetesVersion;
}

/** What {@link checkManifests} returns: every problem, and the rules that were turned off. */
export type ManifestProblems = Problem[] & {
  /** The rules `skipRules` turned off, with their reasons, in registry order. */
  readonly skipped: readonly SkippedRule[];
};

/**
 * Every problem the library's checks find in any manifests (objects as parsed from YAML or
 * JSON, in the order they are applied): the same engine, rules, rule ids and severities as the
 * checks that run inside an app at synth and as the validation plugin. Objects are named by kind
 * and name. A problem whose `severity` is `warning` would not stop a synth; the array's
 * `skipped` lists the rules turned off, with their reasons.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/
 */
export function checkManifests(manifests: readonly unknown[], options: CheckManifestsOptions = {}): ManifestProblems {
  const fn = 'checkManifests()';
  if (!isArray(manifests)) {
    throw new ValidationError([{ rule: 'props', path: fn, field: 'manifests', value: manifests, allowed: 'an array of objects, as parsed from YAML or JSON' }]);
  }
  if (!isPlainObject(options)) throw new ValidationError([{ rule: 'props', path: fn, field: 'options', value: options, allowed: 'an object { nodePortRange?, skipRules?, warningsAsErrors?, capacity?, platform?, kubernetesVersion? }' }]);
  const settings = parseSettings(options, fn, { nodePortRange: 'nodePortRange', skipRules: 'skipRules', capacity: 'capacity', platform: 'platform', warningsAsErrors: 'warningsAsErrors', kubernetesVersion: 'kubernetesVersion' });
  const problems = judge(manifests.map(manifest => ({ manifest })), {
    ...settings,
    nodePortRangeKnob: 'pass checkManifests() the cluster\'s range as `nodePortRange`',
    skipRulesKnob: 'pass checkManifests() `skipRules: { "<rule>": "<why>" }`',
    capacityKnob: 'pass checkManifests() the cluster as `capacity`',
  });
  // (not enumerable: the array compares and prints as the list of problems it is)
  Object.defineProperty(problems, 'skipped', { value: Object.freeze(skippedRules(settings)), enumerable: false });
  return problems as ManifestProblems;
}
