/**
 * Walkers over the model that the rules share: which objects are judged one by one, and which
 * of them are of a kind. They find places; the rules that read them report.
 */
import type { KubeObject, ManifestModel, PodSource, ServiceView } from '../manifest';
import { PodIndex } from '../routing';

/**
 * Whether the object has an apiVersion and a kind, so that the rules look into it (rule `kind`
 * reports the others, and nothing else is said about them).
 */
export function wellFormed(object: KubeObject): boolean {
  const { apiVersion, kind } = object.raw;
  return typeof kind === 'string' && kind !== '' && typeof apiVersion === 'string' && apiVersion !== '';
}

/**
 * The model's well-formed objects, and those of each built-in kind; the pods by label, the pod
 * sources and the Services by kind, namespace and name: indexed once per model (the one place
 * the rules find objects by what they are, instead of scanning the model for each object).
 */
interface ObjectIndex {
  readonly judged: readonly KubeObject[];
  readonly byKind: ReadonlyMap<string, readonly KubeObject[]>;
  /** Built lazily, on the first rule that asks. */
  podIndex?: PodIndex;
  /** `kind\0namespace\0name` → the first pod source of that kind, namespace and name, built lazily. */
  podsByName?: Map<string, PodSource>;
  /** `namespace\0name` → the first Service of that namespace and name, built lazily. */
  servicesByName?: Map<string, ServiceView>;
}

/** A key of namespace and name, the namespace as written (no namespace is not `''`). */
function strictKey(namespace: string | undefined, name: string): string {
  return namespace === undefined ? `\u0001${name}` : `${namespace}\u0000${name}`;
}

/** A key of namespace and name (`''` for an object without a namespace, as the rules compare them). */
function nameKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}\u0000${name}`;
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

/** The model's pods by label (see `PodIndex`), built once per model. */
export function podIndexOf(model: ManifestModel): PodIndex {
  const index = indexOf(model);
  return index.podIndex ??= new PodIndex(model.pods);
}

/**
 * The first pod source (a Pod, or a controller of pods) of a built-in kind in a namespace with a
 * name (the namespace as written: no namespace is not `''`), in output order; undefined when there is none.
 */
export function podSourceNamed(model: ManifestModel, kind: string, namespace: string | undefined, name: string): PodSource | undefined {
  const index = indexOf(model);
  if (index.podsByName === undefined) {
    index.podsByName = new Map();
    for (const p of model.pods) {
      const key = `${p.object.builtinKind ?? ''}\u0000${strictKey(p.object.namespace, p.object.name)}`;
      if (!index.podsByName.has(key)) index.podsByName.set(key, p);
    }
  }
  return index.podsByName.get(`${kind}\u0000${strictKey(namespace, name)}`);
}

/** The first Service in a namespace with a name (`undefined` and `''` are one namespace), in output order; undefined when there is none. */
export function serviceNamed(model: ManifestModel, namespace: string | undefined, name: string): ServiceView | undefined {
  const index = indexOf(model);
  if (index.servicesByName === undefined) {
    index.servicesByName = new Map();
    for (const s of model.services) {
      const key = nameKey(s.object.namespace, s.object.name);
      if (!index.servicesByName.has(key)) index.servicesByName.set(key, s);
    }
  }
  return index.servicesByName.get(nameKey(namespace, name));
}
