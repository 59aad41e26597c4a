/**
 * A copy of `obj` without its `undefined` fields. cdk8s spreads `metadata` over the names it
 * generates, so an explicit `name: undefined` would erase the generated name.
 */
export function definedOnly<T extends object>(obj: T): T {
  const out: Partial<T> = {};
  for (const key of Object.keys(obj) as (keyof T)[]) {
    if (obj[key] !== undefined) out[key] = obj[key];
  }
  return out as T;
}
