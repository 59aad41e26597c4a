/**
 * A downward-API `resourceFieldRef` names a container of its pod: the API server checks only that
 * a volume's item names one (and not which); the kubelet then fails the volume (the pod never
 * starts) or the env variable (the container never starts) with `container … not found`. Only a
 * kubelet shows it on a cluster; kwok nodes mount nothing, so the library judges it.
 */
import type { Json} from '../manifest';
import { array, record, str } from '../manifest';
import { defineRule } from '../rule';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'downward-api-container',
  source: 'kubelet',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'a downward-API resourceFieldRef (a volume item, a projected volume item, an env variable) names a container of its own pod (the API server accepts any name; the kubelet fails the volume or the container)',
  fix: 'name in resourceFieldRef.containerName a container of the same pod (EnvValue.fromResource() and the pod construct\'s containers use their own names)',
  versions: { from: '1.28' },
  upstream: 'pkg/api/v1/resource/helpers.go ExtractResourceValueByContainerName (findContainerInPod)',
  check({ model, about }) {
    for (const pod of model.pods) {
      const names = new Set([...array(pod.spec.containers), ...array(pod.spec.initContainers)].map(c => str(record(c).name)).filter(n => n !== undefined));
      const report = (field: string, ref: Json) => {
        const name = str(ref.containerName);
        if (name === undefined || name === '' || names.has(name)) return;
        about(pod.object).add(`${pod.template}spec.${field}.resourceFieldRef.containerName`, name,
          `the name of a container of this pod (${[...names].map(n => `"${n}"`).join(', ') || 'none'}): the kubelet cannot find "${name}" and fails ${field.startsWith('volumes') ? 'the volume, so the pod never starts' : 'the variable, so the container never starts'}`,
          'name one of the pod\'s own containers');
      };
      array(pod.spec.volumes).forEach((v, vi) => {
        const volume = record(v);
        array(record(volume.downwardAPI).items).forEach((item, ii) => {
          const ref = record(record(item).resourceFieldRef);
          if (record(item).resourceFieldRef !== undefined) report(`volumes[${vi}].downwardAPI.items[${ii}]`, ref);
        });
        array(record(volume.projected).sources).forEach((s, si) => {
          array(record(record(s).downwardAPI).items).forEach((item, ii) => {
            if (record(item).resourceFieldRef !== undefined) report(`volumes[${vi}].projected.sources[${si}].downwardAPI.items[${ii}]`, record(record(item).resourceFieldRef));
          });
        });
      });
      for (const list of ['containers', 'initContainers']) {
        array(pod.spec[list]).forEach((c, ci) => {
          array(record(c).env).forEach((e, ei) => {
            const valueFrom = record(record(e).valueFrom);
            if (valueFrom.resourceFieldRef !== undefined) report(`${list}[${ci}].env[${ei}].valueFrom`, record(valueFrom.resourceFieldRef));
          });
        });
      }
    }
  },
});
