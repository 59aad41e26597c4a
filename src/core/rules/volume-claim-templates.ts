import { array, record, str } from '../manifest';
import { defineRule } from '../rule';

export const rule = defineRule({
  id: 'volume-claim-templates',
  source: 'controller',
  severity: 'error',
  kinds: ['StatefulSet'],
  summary: 'a StatefulSet\'s volumeClaimTemplates are each mounted by a container (else each pod gets a claim nothing uses), and each mount of its pod template names a volume or a claim template (the API server does not validate a StatefulSet\'s pod template; its pods are then refused); claim templates only under a StatefulSet',
  fix: 'mount every claim template in a container of the StatefulSet (mounts: [{ volume, path }]) or remove it, and use claim templates only under Workload.statefulSet()',
  versions: { from: '1.28' },
  check({ model, about }) {
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
            if (typeof name === 'string' && (volumes.has(name) || templates.includes(name))) return;
            const known = [...volumes, ...templates.filter((t): t is string => t !== undefined)];
            r.add(`spec.template.spec.${list}[${i}].volumeMounts[${j}].name`, name,
              `the name of a volume of the pod or of a claim template${known.length > 0 ? ` (${known.join(', ')})` : ': there are none'}: the StatefulSet's pods would be refused`,
              'add the volume or the claim template, or mount one that exists');
          });
        });
      }
      templates.forEach((name, i) => {
        if (name !== undefined && !mounted.has(name)) {
          r.add(`spec.volumeClaimTemplates[${i}].metadata.name`, name,
            'a claim template a container mounts: each pod gets a PersistentVolumeClaim from it that nothing uses', 'mount it in a container, or drop it');
        }
      });
    }
  },
});
