/**
 * The generated L1 types drop undefined values with one loop (`definedValues`, written into
 * src/imports/k8s.ts and the Gateway API's types by scripts/defined-values.js) instead of the generator's
 * `Object.entries(x).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {})`.
 * These hold that the two give the same objects: the same keys, in the same order, own and
 * enumerable, with the same values.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { toJson_KubeConfigMapProps, toJson_ObjectMeta } from '../../src/imports/k8s';
import { runs } from './runs';

/** The generator's own filter, as cdk8s import writes it. */
function generatorFilter(x: { readonly [key: string]: unknown }): Record<string, unknown> {
  return Object.entries(x).reduce((r, i) => (i[1] === undefined) ? r : ({ ...r, [i[0]]: i[1] }), {});
}

/** Keys, their order and their values, own properties only (a "__proto__" key included). */
function shape(o: unknown): Array<[string, unknown]> {
  return Object.getOwnPropertyNames(o).map(k => [k, Object.getOwnPropertyDescriptor(o, k)!.value]);
}

const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'toString', '0', '10', 'a.b'));
const map = fc.dictionary(key, fc.option(fc.string({ maxLength: 4 }), { nil: undefined }), { maxKeys: 8 });

describe('the generated types drop undefined values as the generator does', () => {
  test('a map of any keys (ConfigMap data): the same own keys, order and values', () => {
    fc.assert(fc.property(map, data => {
      const written = toJson_KubeConfigMapProps({ data: data as { [key: string]: string } })!.data as object;
      expect(shape(written)).toEqual(shape(generatorFilter(data)));
      expect(Object.getPrototypeOf(written)).toBe(Object.prototype);
    }), { numRuns: runs(300) });
  });

  test('an object of the API (ObjectMeta): the fields set, in the generator\'s order, and none left undefined', () => {
    const meta = { name: 'web', namespace: undefined, labels: { app: 'web' }, annotations: undefined, generateName: 'w-' };
    const written = toJson_ObjectMeta(meta)!;
    expect(Object.keys(written)).toEqual(['generateName', 'labels', 'name']);
    expect(written).toEqual({ generateName: 'w-', labels: { app: 'web' }, name: 'web' });
  });

  test('a "__proto__" key stays data: an own property, the prototype untouched', () => {
    const written = toJson_KubeConfigMapProps({ data: JSON.parse('{"__proto__": "x", "a": "1"}') as { [key: string]: string } })!.data as object;
    expect(Object.getOwnPropertyNames(written)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(written)).toBe(Object.prototype);
  });

  test.each(['k8s.ts', 'gateway-api/gateway.networking.k8s.io.ts'])('the committed %s is the script\'s output: no object filter of the generator is left but maps that convert their values', file => {
    const text = fs.readFileSync(path.join(__dirname, '../../src/imports', file), 'utf8');
    expect(text).not.toContain('Object.entries(result).reduce(');
    expect(text).toMatch(/function definedValues\(/);
    const left = text.split('\n').filter(l => l.includes('.reduce((r, i) =>') && !l.trimStart().startsWith('*'));
    for (const line of left) expect(line).not.toMatch(/\[i\[0\]\]: i\[1\] \}\), \{\}\)/);
  });
});
