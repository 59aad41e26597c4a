/**
 * What the rules about workloads share: the pods a PodDisruptionBudget covers, and the
 * controller each HorizontalPodAutoscaler scales (read once per model).
 */
import { readSelector, selectorMatches } from '../label-selector';
import type { Json, KubeObject, ManifestModel, PodSource} from '../manifest';
import { record, str } from '../manifest';

/** The kinds with a scale subresource an autoscaler can scale, of the kinds the model knows. */
const SCALABLE = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];

/** The pods of the model a PodDisruptionBudget covers: in its namespace, matching its selector (none without one). */
export function podsOfBudget(pdb: KubeObject, pods: readonly PodSource[]): PodSource[] {
  const spec = record(pdb.raw.spec);
  if (spec.selector === undefined) return [];
  const selector = readSelector(spec.selector);
  return pods.filter(pod => pod.object.namespace === pdb.namespace && selectorMatches(selector, pod.labels));
}

/** What an autoscaler's scaleTargetRef names, in the model. */
export type AutoscalerTarget =
  /** A kind or name is missing (rule `autoscaler` reports it). */
  | { readonly hpa: KubeObject; readonly spec: Json; readonly status: 'unnamed' }
  /** No scalable controller of the app by that name in its namespace (`found` when it is there but cannot be scaled). */
  | { readonly hpa: KubeObject; readonly spec: Json; readonly status: 'missing'; readonly kind: string; readonly name: string; readonly found?: PodSource }
  /** Another autoscaler, earlier in the output, scales it already. */
  | { readonly hpa: KubeObject; readonly spec: Json; readonly status: 'taken'; readonly target: PodSource; readonly owner: KubeObject }
  /** The controller it scales. */
  | { readonly hpa: KubeObject; readonly spec: Json; readonly status: 'scales'; readonly target: PodSource };

const targets = new WeakMap<ManifestModel, readonly AutoscalerTarget[]>();

/** What each autoscaler of the model scales, in output order. */
export function autoscalerTargets(model: ManifestModel): readonly AutoscalerTarget[] {
  let found = targets.get(model);
  if (found !== undefined) return found;
  const key = (namespace: string | undefined, kind: string, name: string) => `${namespace ?? ''}\u0000${kind}\u0000${name}`;
  const controllers = new Map<string, PodSource>();
  for (const pod of model.pods) {
    if (pod.object.builtinKind !== 'Pod') controllers.set(key(pod.object.namespace, pod.object.builtinKind!, pod.object.name), pod);
  }
  const owners = new Map<PodSource, KubeObject>();
  found = model.autoscalers.map((hpa): AutoscalerTarget => {
    const spec = record(hpa.raw.spec);
    const ref = record(spec.scaleTargetRef);
    const kind = str(ref.kind);
    const name = str(ref.name);
    if (!kind || !name) return { hpa, spec, status: 'unnamed' };
    const group = str(ref.apiVersion)?.includes('/') ? str(ref.apiVersion)!.split('/')[0] : '';
    const target = controllers.get(key(hpa.namespace, kind, name));
    if (target === undefined || !SCALABLE.includes(kind) || (group !== 'apps' && group !== '' && group !== 'extensions')) {
      return { hpa, spec, status: 'missing', kind, name, ...(target !== undefined ? { found: target } : {}) };
    }
    const owner = owners.get(target);
    if (owner !== undefined) return { hpa, spec, status: 'taken', target, owner };
    owners.set(target, hpa);
    return { hpa, spec, status: 'scales', target };
  });
  targets.set(model, found);
  return found;
}

/** The controllers the model's autoscalers scale, with their autoscaler's spec. */
export function scaledControllers(model: ManifestModel): Map<PodSource, Json> {
  const scaled = new Map<PodSource, Json>();
  for (const t of autoscalerTargets(model)) if (t.status === 'scales') scaled.set(t.target, t.spec);
  return scaled;
}
