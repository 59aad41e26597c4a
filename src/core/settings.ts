/**
 * The settings of a judgment, as the app's context, the plugin's properties and
 * `checkManifests`' options give them: the cluster's node port range, the rules to skip, the
 * budget the pods must fit, and the platform the manifests are for.
 */
import { isRuleId } from './rules';
import { DEFAULT_NODE_PORT_RANGE } from './node-ports';
import type { NodePortRange } from './node-ports';

export { DEFAULT_NODE_PORT_RANGE } from './node-ports';
export type { NodePortRange } from './node-ports';
import type { CapacityBudget } from './checks/capacity-checks';
import type { Problem} from './problems';
import { ValidationError } from './problems';
import { parseQuantity } from './validators';
import { isPlainObject } from './util';
import type { KubernetesVersion } from './versions';
import { parseKubernetesVersion } from './version-setting';
import { DEFAULT_KUBERNETES_VERSION } from './versions';



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

/** Rules turned off, each with the reason why: `{ "rule-id": "why" }`. */
export type SkipRules = { readonly [rule: string]: string };

/**
 * Rules to skip, each with the reason why (`{ "service-before-its-pods": "our pods read no
 * Service variables" }`, kept in the output); undefined is none. Throws a
 * {@link ValidationError} naming `path` and `field` on an id that is no rule, on a rule without
 * a reason, and on a list of ids without reasons (the form before reasons were required).
 */
export function parseSkipRules(value: unknown, path: string, field: string): SkipRules {
  if (value === undefined) return {};
  const problems: Problem[] = [];
  if (!isPlainObject(value)) {
    const ids = typeof value === 'string' ? value.split(',').map(s => s.trim()).filter(Boolean) : Array.isArray(value) ? value : undefined;
    problems.push({
      rule: 'props', path, field, value,
      allowed: 'an object of rule ids to the reason each is off, e.g. { "service-before-its-pods": "our pods read no Service variables" }',
      fix: ids !== undefined && ids.length > 0
        ? `say why each rule is off: { ${ids.map(id => `${JSON.stringify(String(id))}: "<why>"`).join(', ')} }`
        : 'give each rule id with the reason it is off',
    });
  } else {
    for (const [id, reason] of Object.entries(value)) {
      if (!isRuleId(id)) {
        problems.push({ rule: 'props', path, field: `${field}[${JSON.stringify(id)}]`, value: id, allowed: 'the id of a rule of the rules table', fix: 'use the ids of the README\'s rules table, e.g. "service-before-its-pods"' });
      } else if (typeof reason !== 'string' || reason.trim() === '') {
        problems.push({ rule: 'props', path, field: `${field}[${JSON.stringify(id)}]`, value: reason, allowed: 'the reason the rule is off, a non-empty string (it is printed with the output)' });
      }
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
  const out: { [rule: string]: string } = {};
  for (const [id, reason] of Object.entries(value as { [rule: string]: string })) out[id] = reason.trim();
  return Object.freeze(out);
}

/**
 * Whether warnings are errors (a context value, a plugin property, an option): `true`, `false`,
 * or the strings `"true"` and `"false"` (a context value given on the command line); undefined
 * is false. Throws a {@link ValidationError} naming `path` and `field` otherwise.
 */
export function parseWarningsAsErrors(value: unknown, path: string, field: string): boolean {
  if (value === undefined || value === false || value === 'false') return false;
  if (value === true || value === 'true') return true;
  throw new ValidationError([{ rule: 'props', path, field, value, allowed: 'true or false' }]);
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
  /** The rules turned off, with the reason why. */
  readonly skipRules: SkipRules;
  /** Whether warnings are errors. */
  readonly warningsAsErrors: boolean;
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
export function parseSettings(values: { readonly nodePortRange?: unknown; readonly skipRules?: unknown; readonly capacity?: unknown; readonly platform?: unknown; readonly warningsAsErrors?: unknown; readonly kubernetesVersion?: unknown }, path: string,
  fields: { readonly nodePortRange: string; readonly skipRules: string; readonly capacity?: string; readonly platform?: string; readonly warningsAsErrors?: string; readonly kubernetesVersion?: string }): Settings {
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
  const skipRules = read(() => parseSkipRules(values.skipRules, path, fields.skipRules), {});
  const warningsAsErrors = read(() => parseWarningsAsErrors(values.warningsAsErrors, path, fields.warningsAsErrors ?? 'warningsAsErrors'), false);
  const capacity = read(() => parseCapacity(values.capacity, path, fields.capacity ?? 'capacity'), undefined);
  const platform = read(() => parsePlatform(values.platform, path, fields.platform ?? 'platform'), undefined);
  const kubernetesVersion = read(() => parseKubernetesVersion(values.kubernetesVersion, path, fields.kubernetesVersion ?? 'kubernetesVersion'), DEFAULT_KUBERNETES_VERSION);
  if (problems.length > 0) throw new ValidationError(problems);
  return { nodePortRange, skipRules, warningsAsErrors, kubernetesVersion, ...(capacity !== undefined ? { capacity } : {}), ...(platform !== undefined ? { platform } : {}) };
}
