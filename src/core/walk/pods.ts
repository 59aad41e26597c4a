/** Walkers over the pod specs of the model, for the rules that judge pod specs. */
import type { ManifestModel } from '../manifest';
import type { PodSpecSite } from '../rule';
import { wellFormed } from './objects';

/** The kinds that make pods. */
export const POD_MAKERS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'];

/** Every pod spec of the model (of objects with an apiVersion and a kind), in output order. */
export function podSpecs(model: ManifestModel): PodSpecSite[] {
  return model.pods.filter(pod => wellFormed(pod.object)).map(pod => ({ pod, object: pod.object, field: `${pod.template}spec`, spec: pod.spec }));
}

/**
 * The rules the API server applies to a StatefulSet's pod spec all the same: what it cannot
 * decode (quantities, unknown fields), and the restart policy, which `ValidateStatefulSetSpec`
 * checks itself.
 */
const STATEFULSET_CHECKED: ReadonlySet<string> = new Set(['quantities', 'unknown-field', 'restart-policy']);

/**
 * Whether the API server judges what `rule` checks in a StatefulSet's pod spec. Kubernetes 1.28
 * does not validate a StatefulSet's pod spec (`ValidatePodTemplateSpecForStatefulSet` checks the
 * template's labels and annotations only): what an `api-server` rule finds there is reported by
 * `unchecked-pod-template` instead.
 */
export function judgedInStatefulSet(rule: { readonly id: string; readonly source: string }): boolean {
  return rule.source !== 'api-server' || STATEFULSET_CHECKED.has(rule.id);
}
