/**
 * The JavaScript types of props that a construct must have to render them (not part of the
 * public API). The values are judged at synth, by the engine's rules, over the written manifest.
 */
import type { Reporter } from '../core/problems';
import { isPlainObject } from '../core/util';

/**
 * Reports a map that is not an object of strings (labels, annotations, a selector): cdk8s
 * writes it as given, and a label that is not a string cannot be selected on.
 * @returns whether the map is absent or an object of strings
 */
export function checkStringMap(r: Reporter, field: string, map: unknown, what: string): boolean {
  if (map === undefined) return true;
  if (!isPlainObject(map)) {
    r.add('props', field, map, `an object of ${what}`);
    return false;
  }
  let ok = true;
  for (const [key, value] of Object.entries(map)) {
    if (typeof value !== 'string') {
      r.add('props', `${field}[${JSON.stringify(key)}]`, value, 'a string', typeof value === 'number' || typeof value === 'boolean' ? `quote it: ${JSON.stringify(String(value))}` : undefined);
      ok = false;
    }
  }
  return ok;
}
