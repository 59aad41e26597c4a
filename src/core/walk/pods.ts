/** Walkers over the pod specs of the model, for the rules that judge pod specs. */
import type { ManifestModel } from '../manifest';
import type { PodSpecSite } from '../rule';
import type { KubernetesVersion } from '../versions';
import { atLeast } from '../versions';
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
 * The first minor whose API server validates a StatefulSet's whole pod template on create
 * (kubernetes/kubernetes#131790, "Add podSpec validation for create StatefulSet", 1.34:
 * `ValidatePodTemplateSpecForStatefulSet` calls `ValidatePodTemplateSpec`, with the claim
 * templates' volumes added).
 */
export const STATEFULSET_TEMPLATE_VALIDATED_FROM: KubernetesVersion = '1.34';

/**
 * Whether the API server of `target` judges what `rule` checks in a StatefulSet's pod spec.
 * Before 1.34 it does not validate a StatefulSet's pod spec (`ValidatePodTemplateSpecForStatefulSet`
 * checks the template's labels and annotations only): what an `api-server` rule finds there is
 * reported by `unchecked-pod-template` instead. From 1.34 every rule judges it as its own.
 */
export function judgedInStatefulSet(rule: { readonly id: string; readonly source: string }, target: KubernetesVersion): boolean {
  return atLeast(target, STATEFULSET_TEMPLATE_VALIDATED_FROM) || rule.source !== 'api-server' || STATEFULSET_CHECKED.has(rule.id);
}
