import { defineRule } from '../rule';
import { array, at, Json, record } from '../manifest';
import { atLeast, FIELD_SINCE, KubernetesVersion, missingAt } from '../versions';

/** The options the rule reads: the target minor. */
export interface FieldVersionOptions {
  readonly kubernetesVersion: KubernetesVersion;
}

export const rule = defineRule<'field-version', 'ours', FieldVersionOptions>({
  id: 'field-version',
  source: 'ours',
  severity: 'error',
  kinds: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Service'],
  summary: 'no field the target Kubernetes minor lacks (a native sidecar before 1.29, a `sleep` hook at 1.29, …): its API server drops it, and the object runs other than written',
  upstream: 'pkg/api/pod/util.go dropDisabledFields, pkg/api/service/util.go, pkg/registry/batch/job/strategy.go (feature gates of pkg/features/kube_features.go)',
  check({ model, options, about }) {
    const target = options.kubernetesVersion;
    const field = (object: Parameters<typeof about>[0], path: string, value: unknown, feature: keyof typeof FIELD_SINCE, what: string) => {
      const since = missingAt(target, FIELD_SINCE[feature]);
      if (since === undefined || value === undefined) return;
      // (a 1.28 API server has no sleep field at all: its strict decoding refuses it, rule unknown-field)
      if (feature === 'sleepHook' && !atLeast(target, '1.29')) return;
      about(object).add(path, value, `${what}: Kubernetes ${since} and later (the target is ${target}; its API server drops the field)`,
        `target ${since} or later (the context value "cdk8s-pods-services:kubernetesVersion"), or leave the field out`);
    };
    for (const pod of model.pods) {
      const spec = pod.spec;
      const p = `${pod.template}spec`;
      field(pod.object, `${p}.hostUsers`, spec.hostUsers, 'hostUsers', 'hostUsers (user namespaces)');
      field(pod.object, `${p}.securityContext.appArmorProfile`, record(spec.securityContext).appArmorProfile, 'appArmorProfile', 'securityContext.appArmorProfile');
      array(spec.volumes).forEach((v, i) => field(pod.object, `${p}.volumes[${i}].image`, record(v).image, 'imageVolume', 'an image volume'));
      for (const list of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
        array(spec[list]).forEach((raw, i) => {
          const c: Json = record(raw);
          const f = `${p}.${list}[${i}]`;
          if (list === 'initContainers') field(pod.object, `${f}.restartPolicy`, c.restartPolicy, 'nativeSidecar', 'a native sidecar (an init container\'s restartPolicy)');
          field(pod.object, `${f}.resizePolicy`, c.resizePolicy, 'resizePolicy', 'a container\'s resizePolicy (in-place resize)');
          field(pod.object, `${f}.securityContext.appArmorProfile`, record(c.securityContext).appArmorProfile, 'appArmorProfile', 'securityContext.appArmorProfile');
          for (const hook of ['postStart', 'preStop']) {
            field(pod.object, `${f}.lifecycle.${hook}.sleep`, record(record(c.lifecycle)[hook]).sleep, 'sleepHook', 'the sleep lifecycle hook');
          }
        });
      }
    }
    for (const service of model.services) {
      field(service.object, 'spec.trafficDistribution', record(service.object.raw.spec).trafficDistribution, 'trafficDistribution', 'spec.trafficDistribution');
    }
    for (const object of model.objects) {
      if (object.builtinKind === 'Job') field(object, 'spec.podReplacementPolicy', at(object.raw, 'spec').podReplacementPolicy, 'podReplacementPolicy', 'spec.podReplacementPolicy');
      if (object.builtinKind === 'CronJob') field(object, 'spec.jobTemplate.spec.podReplacementPolicy', at(object.raw, 'spec.jobTemplate.spec').podReplacementPolicy, 'podReplacementPolicy', 'spec.podReplacementPolicy');
    }
  },
});
