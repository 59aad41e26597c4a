import type { Json } from '../manifest';
import { array, at, record } from '../manifest';
import type { ObjectReporter } from '../rule';
import { defineRule } from '../rule';
import type { KubernetesVersion } from '../versions';
import { atLeast, FIELD_SINCE, missingAt, targetOf } from '../versions';
import { POD_MAKERS } from '../walk/pods';

/**
 * A finding when the target lacks the field (`value` written, the field kept by default only
 * from `FIELD_SINCE[feature]`).
 */
function since(r: ObjectReporter, target: KubernetesVersion, path: string, value: unknown, feature: keyof typeof FIELD_SINCE, what: string): void {
  const first = missingAt(target, FIELD_SINCE[feature]);
  if (first === undefined || value === undefined) return;
  // (a 1.28 API server has no sleep field at all: its strict decoding refuses it, rule unknown-field)
  if (feature === 'sleepHook' && !atLeast(target, '1.29')) return;
  r.add(path, value, `${what}: Kubernetes ${first} and later (the target is ${target}; its API server drops the field)`,
    `target ${first} or later (the context value "cdk8s-pods-services:kubernetesVersion"), or leave the field out`);
}

export const rule = defineRule({
  id: 'field-version',
  source: 'ours',
  severity: 'error',
  kinds: [...POD_MAKERS, 'Service'],
  summary: 'no field the target Kubernetes minor lacks (a native sidecar before 1.29, a `sleep` hook at 1.29, an image volume before 1.35, …): its API server drops it, and the object runs other than written',
  fix: 'remove the field, or target the first Kubernetes minor that has it (kubernetesVersion in the app\'s context, Platform.applyTo or the plugin\'s properties)',
  // Until the newest first minor of FIELD_SINCE (image volumes, 1.35): from there every field it knows is kept.
  versions: { from: '1.28', until: '1.35' },
  upstream: 'pkg/api/pod/util.go dropDisabledFields, pkg/api/service/util.go, pkg/registry/batch/job/strategy.go (feature gates of pkg/features/kube_features.go)',
  podSpec({ field: p, spec }, r, { options }) {
    const target = targetOf(options);
    since(r, target, `${p}.hostUsers`, spec.hostUsers, 'hostUsers', 'hostUsers (user namespaces)');
    since(r, target, `${p}.securityContext.appArmorProfile`, record(spec.securityContext).appArmorProfile, 'appArmorProfile', 'securityContext.appArmorProfile');
    array(spec.volumes).forEach((v, i) => since(r, target, `${p}.volumes[${i}].image`, record(v).image, 'imageVolume', 'an image volume'));
    for (const list of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
      array(spec[list]).forEach((raw, i) => {
        const c: Json = record(raw);
        const f = `${p}.${list}[${i}]`;
        if (list === 'initContainers') since(r, target, `${f}.restartPolicy`, c.restartPolicy, 'nativeSidecar', 'a native sidecar (an init container\'s restartPolicy)');
        since(r, target, `${f}.resizePolicy`, c.resizePolicy, 'resizePolicy', 'a container\'s resizePolicy (in-place resize)');
        since(r, target, `${f}.securityContext.appArmorProfile`, record(c.securityContext).appArmorProfile, 'appArmorProfile', 'securityContext.appArmorProfile');
        for (const hook of ['postStart', 'preStop']) {
          since(r, target, `${f}.lifecycle.${hook}.sleep`, record(record(c.lifecycle)[hook]).sleep, 'sleepHook', 'the sleep lifecycle hook');
        }
      });
    }
  },
  check({ model, options, about }) {
    const target = targetOf(options);
    for (const service of model.services) {
      since(about(service.object), target, 'spec.trafficDistribution', record(service.object.raw.spec).trafficDistribution, 'trafficDistribution', 'spec.trafficDistribution');
    }
    for (const object of model.objects) {
      if (object.builtinKind === 'Job') since(about(object), target, 'spec.podReplacementPolicy', at(object.raw, 'spec').podReplacementPolicy, 'podReplacementPolicy', 'spec.podReplacementPolicy');
      if (object.builtinKind === 'CronJob') {
        since(about(object), target, 'spec.jobTemplate.spec.podReplacementPolicy', at(object.raw, 'spec.jobTemplate.spec').podReplacementPolicy, 'podReplacementPolicy', 'spec.podReplacementPolicy');
      }
    }
  },
});
