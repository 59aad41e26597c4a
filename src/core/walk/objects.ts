/**
 * Walkers over the model that the rules share: which objects are judged one by one, and which
 * of them are of a kind. They find places; the rules that read them report.
 */
import type { KubeObject, ManifestModel } from '../manifest';

/**
 * Whether the object has an apiVersion and a kind, so that the rules look into it (rule `kind`
 * reports the others, and nothing else is said about them).
 */
export function wellFormed(object: KubeObject): boolean {
  const { apiVersion, kind } = object.raw;
  return typeof kind === 'string' && kind !== '' && typeof apiVersion === 'string' && apiVersion !== '';
}

/** The model's well-formed objects, and those of each built-in kind: indexed once per model. */
interface ObjectIndex {
  readonly judged: readonly KubeObject[];
  readonly byKind: ReadonlyMap<string, readonly KubeObject[]>;
}

const indexes = new WeakMap<ManifestModel, ObjectIndex>();

function indexOf(model: ManifestModel): ObjectIndex {
  let index = indexes.get(model);
  if (index === undefined) {
    const judged = model.objects.filter(wellFormed);
    const byKind = new Map<string, KubeObject[]>();
    for (const o of judged) {
      if (o.builtinKind === undefined) continue;
      let list = byKind.get(o.builtinKind);
      if (list === undefined) byKind.set(o.builtinKind, list = []);
      list.push(o);
    }
    indexes.set(model, index = { judged, byKind });
  }
  return index;
}

/** The objects the rules look into one by one, in output order. */
export function judgedObjects(model: ManifestModel): readonly KubeObject[] {
  return indexOf(model).judged;
}

/** The judged objects of one of `kinds` (built-in kinds), in output order. */
export function objectsOfKind(model: ManifestModel, ...kinds: string[]): readonly KubeObject[] {
  const { byKind } = indexOf(model);
  if (kinds.length === 1) return byKind.get(kinds[0]) ?? [];
  return kinds.flatMap(k => byKind.get(k) ?? []).sort((a, b) => a.index - b.index);
}
