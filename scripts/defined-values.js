'use strict';
/**
 * The generator drops the undefined values of each object it renders with
 * `Object.entries(x).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {})`,
 * which copies the object once per defined key; the same values in the same order come from one
 * loop (definedValues, written once into the file). Every object synth writes goes through it:
 * see docs/performance.md for the figure. Used by scripts/import-k8s.js and scripts/import-gateway-api.js.
 */
const REDUCE = 'Object.entries(RESULT).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {})';
const DEFINED_VALUES = `
/**
 * The defined values of an object, in their order: what the generator's
 * \`${REDUCE.replace('RESULT', 'x')}\` returns, without a copy of the object per key (written by
 * scripts/defined-values.js; a key "__proto__", which a ConfigMap's data may have, stays an own property).
 */
function definedValues(x: { readonly [key: string]: any }): Record<string, any> {
  const out: Record<string, any> = {};
  for (const key of Object.keys(x)) {
    const value = x[key];
    if (value === undefined) continue;
    if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}
`;
/**
 * `text` (a file the generator wrote) with its filters replaced and `definedValues` declared once,
 * after the last of its imports; throws when the generator no longer writes the filter.
 */
function definedValuesInPlace(text) {
  const [before, after] = REDUCE.split('RESULT').map(p => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`${before}([A-Za-z_.]+)${after}`, 'g');
  const count = (text.match(pattern) ?? []).length;
  const out = text.replace(pattern, (_, x) => `definedValues(${x})`);
  // (a map whose values are converted too, `[i[0]]: toJson_X(i[1])`, keeps the generator's own reduce: few kinds have one)
  if (count === 0) throw new Error('the generator no longer writes the filter this script replaces; look at its output');
  const lastImport = out.indexOf("import { Construct } from 'constructs';");
  if (lastImport < 0) throw new Error('no constructs import in the generated file');
  const at = out.indexOf('\n', lastImport) + 1;
  return out.slice(0, at) + DEFINED_VALUES + out.slice(at);
}

module.exports = { definedValuesInPlace };
