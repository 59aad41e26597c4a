/**
 * The cluster's `--service-node-port-range`, as the checks take it.
 */
import { ValidationError } from './problems';

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
      rule: 'node-port', path, field, value,
      allowed: 'a port range "lo-hi" or [lo, hi], from 1 to 65535, lo ≤ hi (the cluster\'s --service-node-port-range, e.g. "30000-32767")',
    }]);
  }
  return [pair[0], pair[1]];
}
