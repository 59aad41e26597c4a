import { judge } from '../core/engine';
import { Problem, ValidationError } from '../core/problems';
import { CapacityBudget } from '../core/checks/capacity-checks';
import { NodePortRange, parseSettings, PlatformName } from '../core/settings';
import { isPlainObject } from '../core/util';
import { KubernetesVersion } from '../core/versions';

/** Options of {@link checkManifests}. */
export interface CheckManifestsOptions {
  /**
   * The cluster's `--service-node-port-range`: `[lowest, highest]`, or `"lowest-highest"`.
   * @default [30000, 32767] - the API server's default
   */
  readonly nodePortRange?: NodePortRange | string;
  /**
   * Rules to skip, by id (see the README's rules table).
   * @default - none: every rule
   */
  readonly skipRules?: readonly string[];
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

/**
 * Every problem the library's checks find in any manifests (objects as parsed from YAML or
 * JSON, in the order they are applied): the same engine, rules and rule ids as the checks that
 * run inside an app at synth and as the validation plugin. Objects are named by kind and name.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/
 */
export function checkManifests(manifests: readonly unknown[], options: CheckManifestsOptions = {}): Problem[] {
  const fn = 'checkManifests()';
  if (!Array.isArray(manifests)) {
    throw new ValidationError([{ rule: 'props', path: fn, field: 'manifests', value: manifests, allowed: 'an array of objects, as parsed from YAML or JSON' }]);
  }
  if (!isPlainObject(options)) throw new ValidationError([{ rule: 'props', path: fn, field: 'options', value: options, allowed: 'an object { nodePortRange?, skipRules?, capacity?, platform?, kubernetesVersion? }' }]);
  const settings = parseSettings(options, fn, { nodePortRange: 'nodePortRange', skipRules: 'skipRules', capacity: 'capacity', platform: 'platform', kubernetesVersion: 'kubernetesVersion' });
  return judge(manifests.map(manifest => ({ manifest })), {
    ...settings,
    nodePortRangeKnob: 'pass checkManifests() the cluster\'s range as `nodePortRange`',
    skipRulesKnob: 'pass checkManifests() `skipRules: ["<rule>"]`',
    capacityKnob: 'pass checkManifests() the cluster as `capacity`',
  });
}
