/**
 * Walkers over the model that the rules share: which objects are judged one by one, and which
 * of them are of a kind. They find places; the rules that read them report.
 */
import { KubeObject, ManifestModel } from '../manifest';

/**
 * Whether the object has an apiVersion and a kind, so that the rules look into it (rule `kind`
 * reports the others, and nothing else is said about them).
 */
export function wellFormed(object: KubeObject): boolean {
  const { apiVersion, kind } = object.raw;
  return typeof kind === 'string' && kind !== '' && typeof apiVersion === 'string' && apiVersion !== '';
}

/** The objects the rules look into one by one, in output order. */
export function judgedObjects(model: ManifestModel): KubeObject[] {
  return model.objects.filter(wellFormed);
}

/** The judged objects of one of `kinds` (built-in kinds), in output order. */
export function objectsOfKind(model: ManifestModel, ...kinds: string[]): KubeObject[] {
  return model.objects.filter(o => o.builtinKind !== undefined && kinds.includes(o.builtinKind) && wellFormed(o));
}
