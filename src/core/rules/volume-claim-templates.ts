import { array, record, str } from '../manifest';
import type { ObjectReporter } from '../rule';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { atLeast, targetOf } from '../versions';
import { STATEFULSET_TEMPLATE_VALIDATED_FROM } from '../walk/pods';

/** The access modes a PersistentVolumeClaim may ask for. */
const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];

export const rule = defineRule({
  id: 'volume-claim-templates',
  source: 'controller',
  severity: 'error',
  kinds: ['StatefulSet'],
  summary: 'a StatefulSet\'s volumeClaimTemplates are each mounted by a container (else each pod gets a claim nothing uses), and before 1.34 each mount of its pod template names a volume or a claim template (the API server then does not validate a StatefulSet\'s pod template; its pods are refused); claim templates only under a StatefulSet; each template\'s spec is one the API server takes for the claims the controller makes from it: a positive storage request, at least one access mode of ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod (that one alone), a StorageClass name that is a DNS-1123 subdomain',
  upstream: 'pkg/apis/core/validation.ValidatePersistentVolumeClaimSpec (the claims the StatefulSet controller creates)',
  fix: 'mount every claim template in a container of the StatefulSet (mounts: [{ volume, path }]) or remove it; give each template a positive storage request, access modes (ReadWriteOncePod alone) and a valid storageClassName; use claim templates only under Workload.statefulSet()',
  versions: { from: '1.28' },
  check({ model, options, about }) {
    // (from 1.34 the API server judges the mounts of a StatefulSet's template: rule volumes does)
    const mountsJudgedHere = !atLeast(targetOf(options), STATEFULSET_TEMPLATE_VALIDATED_FROM);
    for (const pod of model.pods) {
      if (pod.object.builtinKind !== 'StatefulSet') continue;
      const r = about(pod.object);
      const templates = array(record(pod.object.raw.spec).volumeClaimTemplates).map(t => str(record(record(t).metadata).name));
      const volumes = new Set(array(pod.spec.volumes).map(v => str(record(v).name)).filter((n): n is string => n !== undefined));
      const mounted = new Set<string>();
      for (const list of ['initContainers', 'containers'] as const) {
        array(pod.spec[list]).forEach((c, i) => {
          array(record(c).volumeMounts).forEach((m, j) => {
            const name = record(m).name;
            if (typeof name === 'string') mounted.add(name);
            if (!mountsJudgedHere || (typeof name === 'string' && (volumes.has(name) || templates.includes(name)))) return;
            const known = [...volumes, ...templates.filter((t): t is string => t !== undefined)];
            r.add(`spec.template.spec.${list}[${i}].volumeMounts[${j}].name`, name,
              `the name of a volume of the pod or of a claim template${known.length > 0 ? ` (${known.join(', ')})` : ': there are none'}: the StatefulSet's pods would be refused`,
              'add the volume or the claim template, or mount one that exists');
          });
        });
      }
      array(record(pod.object.raw.spec).volumeClaimTemplates).forEach((t, i) => claimSpec(r, `spec.volumeClaimTemplates[${i}].spec`, record(record(t).spec)));
      templates.forEach((name, i) => {
        if (name !== undefined && !mounted.has(name)) {
          r.add(`spec.volumeClaimTemplates[${i}].metadata.name`, name,
            'a claim template a container mounts: each pod gets a PersistentVolumeClaim from it that nothing uses', 'mount it in a container, or drop it');
        }
      });
    }
  },
});

/** A claim template's spec, as the API server judges each claim the controller makes from it. */
function claimSpec(r: ObjectReporter, at: string, spec: { readonly [key: string]: unknown }): void {
  const modes = spec.accessModes;
  if (!Array.isArray(modes) || modes.length === 0) {
    r.add(`${at}.accessModes`, modes, `at least one access mode (${ACCESS_MODES.join(', ')})`, 'give accessModes, e.g. [ReadWriteOnce]');
  } else {
    modes.forEach((m, i) => {
      if (!ACCESS_MODES.includes(m as string)) r.add(`${at}.accessModes[${i}]`, m, `one of ${ACCESS_MODES.join(', ')}`);
    });
    if (modes.includes('ReadWriteOncePod') && modes.length > 1) r.add(`${at}.accessModes`, modes, 'ReadWriteOncePod alone: it cannot be combined with other access modes');
  }
  const storage = record(record(spec.resources).requests).storage;
  const parsed = validators.parseQuantity(storage);
  // (one that is no quantity at all: rule quantities)
  if (storage === undefined || storage === null) {
    r.add(`${at}.resources.requests.storage`, storage, 'a storage request: how much each pod\'s claim asks for, e.g. "1Gi"');
  } else if (parsed !== undefined && parsed <= 0) {
    r.add(`${at}.resources.requests.storage`, storage, 'a positive quantity, e.g. "1Gi"');
  }
  const className = spec.storageClassName;
  if (typeof className === 'string' && className !== '') r.check(`${at}.storageClassName`, className, validators.dns1123Subdomain(className));
}
