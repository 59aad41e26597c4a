/**
 * The settings of a judgment, as the app's context, the plugin's properties and
 * `checkManifests`' options give them: the cluster's node port range, the rules to skip, the
 * budget the pods must fit, and the platform the manifests are for.
 */
import { RULES } from './catalogue';
import { CapacityBudget } from './checks/capacity-checks';
import { Problem, ValidationError } from './problems';
import { parseQuantity } from './rules';
import { isPlainObject } from './util';
import { DEFAULT_KUBERNETES_VERSION, KubernetesVersion, parseKubernetesVersion } from './versions';

/** The lowest and highest node port. */
export type NodePortRange = readonly [number, number];

/**
 * The lowest and highest port of the API server's default `--service-node-port-range`. Widen it
 * for a cluster started with another range through the context value
 * `cdk8s-pods-services:nodePortRange` (see `NODE_PORT_RANGE_CONTEXT`), or the validation
 * plugin's `nodePortRange` property.
 */
export const DEFAULT_NODE_PORT_RANGE: NodePortRange = Object.freeze([30000, 32767] as [number, number]);

/**
 * A node port range given as `"lo-hi"` or `[lo, hi]` (a context value, a plugin property);
 * undefined is the default, 30000–32767. Throws a {@link ValidationError} naming `path` and
 * `field` otherwise.
 */
export function parseNodePortRange(value: unknown, path: string, field: string): NodePortRange {
  if (value === undefined) return DEFAULT_NODE_PORT_RANGE;
  const pair = typeof value === 'string' ? value.split('-').map(s => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN))
    : Array.isArray(value) ? value : undefined;
  const valid = pair !== undefined && pair.length === 2 && pair.every(n => Number.isInteger(n) && n >= 1 && n <= 65535) && pair[0] <= pair[1];
  if (!valid) {
    throw new ValidationError([{
      rule: 'props', path, field, value,
      allowed: 'a port range "lo-hi" or [lo, hi], from 1 to 65535, lo ≤ hi (the cluster\'s --service-node-port-range, e.g. "30000-32767")',
    }]);
  }
  return [pair[0], pair[1]];
}

/**
 * Rules to skip, given as rule ids (an array, or one string of ids separated by commas);
 * undefined is none. Throws a {@link ValidationError} naming `path` and `field` on an id that
 * is no rule.
 */
export function parseSkipRules(value: unknown, path: string, field: string): readonly string[] {
  if (value === undefined) return [];
  const ids = typeof value === 'string' ? value.split(',').map(s => s.trim()).filter(Boolean) : value;
  const known = Object.keys(RULES);
  if (!Array.isArray(ids) || ids.some(id => !known.includes(id))) {
    throw new ValidationError([{
      rule: 'props', path, field, value,
      allowed: 'rule ids (an array, or a string separated by commas), each one of the rules table\'s',
      fix: `use the ids of the README's rules table, e.g. "service-before-its-pods"`,
    }]);
  }
  return [...ids];
}

/**
 * A capacity budget given as `{ nodes, cpu, memory, reserved?: { cpu?, memory? } }` (a context
 * value, a plugin property); undefined is none (no budget check). Throws a
 * {@link ValidationError} naming `path` and `field` otherwise.
 */
export function parseCapacity(value: unknown, path: string, field: string): CapacityBudget | undefined {
  if (value === undefined) return undefined;
  const positive = (q: unknown) => typeof q === 'string' && (parseQuantity(q) ?? 0) > 0;
  const nonNegative = (q: unknown) => q === undefined || (typeof q === 'string' && (parseQuantity(q) ?? -1) >= 0);
  const v = isPlainObject(value) ? value : undefined;
  const reserved = v?.reserved;
  const valid = v !== undefined && Object.keys(v).every(k => ['nodes', 'cpu', 'memory', 'reserved'].includes(k))
    && Number.isInteger(v.nodes) && (v.nodes as number) >= 1 && positive(v.cpu) && positive(v.memory)
    && (reserved === undefined || (isPlainObject(reserved) && Object.keys(reserved).every(k => k === 'cpu' || k === 'memory') && nonNegative(reserved.cpu) && nonNegative(reserved.memory)));
  if (!valid) {
    throw new ValidationError([{
      rule: 'props', path, field, value,
      allowed: 'a budget { nodes, cpu, memory, reserved?: { cpu?, memory? } }: nodes an integer of 1 or more, cpu and memory positive quantity strings (one node\'s allocatable, e.g. "2" and "2Gi"), reserved what other pods request (e.g. "750m")',
    }]);
  }
  const r = reserved as { cpu?: string; memory?: string } | undefined;
  return {
    nodes: v.nodes as number, cpu: v.cpu as string, memory: v.memory as string,
    ...(r !== undefined ? { reserved: { ...(r.cpu !== undefined ? { cpu: r.cpu } : {}), ...(r.memory !== undefined ? { memory: r.memory } : {}) } } : {}),
  };
}

/**
 * The platforms the engine knows, by name (`Platform.LOCAL`, `Platform.OPENSHIFT`,
 * `Platform.GKE_AUTOPILOT`): the value of the context key `cdk8s-pods-services:platform`
 * (`PLATFORM_CONTEXT`), of the validation plugin's `platform` property and of
 * `checkManifests`' `platform` option.
 */
export const PLATFORM_NAMES = ['local', 'openshift', 'gke-autopilot'] as const;

/** The name of a platform the engine knows (see {@link PLATFORM_NAMES}). */
export type PlatformName = typeof PLATFORM_NAMES[number];

/**
 * A platform given by name (a context value, a plugin property); undefined is none (no
 * platform's checks). Throws a {@link ValidationError} naming `path` and `field` otherwise.
 */
export function parsePlatform(value: unknown, path: string, field: string): PlatformName | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(PLATFORM_NAMES as readonly string[]).includes(value)) {
    throw new ValidationError([{
      rule: 'props', path, field, value,
      allowed: `a platform's name: ${PLATFORM_NAMES.map(n => JSON.stringify(n)).join(', ')}`,
      fix: typeof value === 'string' && (PLATFORM_NAMES as readonly string[]).includes(value.trim().toLowerCase())
        ? `write ${JSON.stringify(value.trim().toLowerCase())}`
        : 'name one of these platforms, or leave the setting out for a cluster that is none of them',
    }]);
  }
  return value as PlatformName;
}

/** The settings of a judgment, parsed. */
export interface Settings {
  /** The cluster's node port range. */
  readonly nodePortRange: NodePortRange;
  /** The rules to skip. */
  readonly skipRules: readonly string[];
  /** The budget the app's pods must fit, when one is declared. */
  readonly capacity?: CapacityBudget;
  /** The platform the manifests are for, when one is named. */
  readonly platform?: PlatformName;
  /** The Kubernetes minor the manifests are for (the oldest cluster they must run on). */
  readonly kubernetesVersion: KubernetesVersion;
}

/**
 * The settings given where the checks run (the app's context values, the plugin's properties,
 * `checkManifests`' options), each named by its field there. Throws one
 * {@link ValidationError} with every malformed one.
 */
export function parseSettings(values: { readonly nodePortRange?: unknown; readonly skipRules?: unknown; readonly capacity?: unknown; readonly platform?: unknown; readonly kubernetesVersion?: unknown }, path: string,
  fields: { readonly nodePortRange: string; readonly skipRules: string; readonly capacity?: string; readonly platform?: string; readonly kubernetesVersion?: string }): Settings {
  const problems: Problem[] = [];
  const read = <T>(parse: () => T, fallback: T): T => {
    try {
      return parse();
    } catch (err) {
      if (!ValidationError.isValidationError(err)) throw err;
      problems.push(...err.problems);
      return fallback;
    }
  };
  const nodePortRange = read(() => parseNodePortRange(values.nodePortRange, path, fields.nodePortRange), DEFAULT_NODE_PORT_RANGE);
  const skipRules = read(() => parseSkipRules(values.skipRules, path, fields.skipRules), []);
  const capacity = read(() => parseCapacity(values.capacity, path, fields.capacity ?? 'capacity'), undefined);
  const platform = read(() => parsePlatform(values.platform, path, fields.platform ?? 'platform'), undefined);
  const kubernetesVersion = read(() => parseKubernetesVersion(values.kubernetesVersion, path, fields.kubernetesVersion ?? 'kubernetesVersion'), DEFAULT_KUBERNETES_VERSION);
  if (problems.length > 0) throw new ValidationError(problems);
  return { nodePortRange, skipRules, kubernetesVersion, ...(capacity !== undefined ? { capacity } : {}), ...(platform !== undefined ? { platform } : {}) };
}
