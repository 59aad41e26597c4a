/**
 * The engine: one judgment of what is written. The app (at every synth) and the validation
 * plugin (over the files `cdk8s synth` wrote) both hand it the objects in output order and get
 * the same problems, with the same rule ids.
 */
import { checkAcrossObjects, CrossCheckOptions } from './checks/cross-checks';
import { checkObject } from './checks/object-checks';
import { restrictedViolations } from './checks/pod-security';
import { Findings } from './findings';
import { at, KubeObject, ManifestEntry, ManifestModel, PodSource, readManifests, record } from './manifest';
import { Problem } from './problems';

/** Settings of a judgment. */
export type JudgeOptions = CrossCheckOptions;

/** Every problem of the objects, in output order: each object's own, then those across objects. */
export function judge(entries: readonly ManifestEntry[], options: JudgeOptions = {}): Problem[] {
  return judgeModel(readManifests(entries), options);
}

/** {@link judge} over a model already read. */
export function judgeModel(model: ManifestModel, options: JudgeOptions = {}): Problem[] {
  const out = new Findings();
  for (const object of model.objects) checkObject(object, out);
  for (const pod of model.pods) if (pod.object.intent.podSecurity === 'restricted') checkRestricted(pod, out);
  checkAcrossObjects(model, out, options);
  return [...out.problems];
}

/** A pod whose construct promises the "restricted" level keeps it, whatever overrides it got. */
function checkRestricted(pod: PodSource, out: Findings): void {
  const object: KubeObject = pod.object;
  const annotations = record(at(object.raw, `${pod.template}metadata`).annotations);
  for (const v of restrictedViolations(annotations, pod.spec)) {
    const field = v.field.startsWith('metadata.') ? `${pod.template}${v.field}` : `${pod.template}spec.${v.field}`;
    out.add('restricted-profile', object, field, v.value, `${v.allowed} under SecurityProfile.RESTRICTED (the Pod Security Standards "restricted" level)`,
      'drop the override that breaks it, or use SecurityProfile.NONE');
  }
}
