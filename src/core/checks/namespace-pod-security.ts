/**
 * What PodSecurity admission makes of the pods and pod templates the app places in a Namespace it
 * writes with `pod-security.kubernetes.io/*` labels (rules namespace-pod-security for `enforce`,
 * namespace-pod-security-warn for `warn` and `audit`). A `-version` label before v1.25 is not
 * judged: the older levels lack checks that v1.25 and later have, which this library does not keep.
 */
import type { KubeObject, ManifestModel } from '../manifest';
import { at, record, str } from '../manifest';
import type { ObjectReporter } from '../rule';
import type { PodSecurityLevel } from './pod-security';
import { podSecurityViolations } from './pod-security';

const PREFIX = 'pod-security.kubernetes.io/';
const LEVELS: readonly string[] = ['privileged', 'baseline', 'restricted'];
/** The modes of the labels. */
export type PodSecurityMode = 'enforce' | 'warn' | 'audit';

/** Whether a `-version` label (none, `latest`, `v1.N`) names a version this rule judges. */
function judgedVersion(version: string | undefined): boolean {
  if (version === undefined || version === 'latest') return true;
  const m = /^v1\.(\d+)$/.exec(version);
  return m !== null && Number(m[1]) >= 25;
}

/**
 * Reports, for each pod or template in a Namespace the app labels with one of `modes`, what breaks
 * the level (each field once, at the first mode that names it).
 */
export function judgeNamespacePodSecurity(model: ManifestModel, modes: readonly PodSecurityMode[], about: (object: KubeObject) => ObjectReporter): void {
  const namespaces = new Map<string, { mode: PodSecurityMode; level: PodSecurityLevel; label: string }[]>();
  for (const ns of model.objects) {
    if (ns.builtinKind !== 'Namespace') continue;
    const labels = record(at(ns.raw, 'metadata').labels);
    const found = [];
    for (const mode of modes) {
      const level = str(labels[`${PREFIX}${mode}`]);
      if (level === undefined || !LEVELS.includes(level) || level === 'privileged') continue;
      if (!judgedVersion(str(labels[`${PREFIX}${mode}-version`]))) continue;
      found.push({ mode, level: level as PodSecurityLevel, label: `${PREFIX}${mode}=${level}` });
    }
    if (found.length > 0) namespaces.set(ns.name, found);
  }
  if (namespaces.size === 0) return;
  for (const pod of model.pods) {
    const labelled = pod.object.namespace === undefined ? undefined : namespaces.get(pod.object.namespace);
    if (labelled === undefined) continue;
    const annotations = record(at(pod.object.raw, `${pod.template}metadata`).annotations);
    const seen = new Set<string>();
    for (const { mode, level, label } of labelled) {
      for (const v of podSecurityViolations(level, annotations, pod.spec)) {
        const field = v.field.startsWith('metadata.') ? `${pod.template}${v.field}` : `${pod.template}spec.${v.field}`;
        if (seen.has(field)) continue;
        seen.add(field);
        const what = mode === 'enforce'
          ? (pod.object.builtinKind === 'Pod' ? 'PodSecurity admission refuses the Pod' : 'PodSecurity admission refuses every pod of it (FailedCreate), and none runs')
          : mode === 'warn' ? 'the API server warns on apply' : 'the API server writes an audit annotation';
        about(pod.object).add(field, v.value,
          `${v.allowed}: namespace ${pod.object.namespace} is labelled ${label} (the Pod Security Standards "${level}" level), ${what}`,
          'change the pod to meet the level (SecurityProfile.RESTRICTED meets "restricted"), or lower the namespace\'s label');
      }
    }
  }
}
