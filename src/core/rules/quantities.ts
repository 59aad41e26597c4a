import { array, record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { containersOf } from '../walk/containers';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'quantities',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'requests and limits, an emptyDir\'s sizeLimit and a claim template\'s requests are quantities (the API server cannot decode anything else: it refuses the object before validating it)',
  fix: 'write requests, limits, an emptyDir\'s sizeLimit and a claim\'s storage as a number with an optional suffix: CPU "250m" or "0.5", memory and storage "64Mi" or "1Gi"',
  versions: { from: '1.28' },
  upstream: 'k8s.io/apimachinery/pkg/api/resource.Quantity UnmarshalJSON',
  check({ model, about }) {
    // A StatefulSet's claim templates are decoded with it.
    for (const pod of model.pods) {
      if (pod.object.builtinKind !== 'StatefulSet') continue;
      array(record(pod.object.raw.spec).volumeClaimTemplates).forEach((t, i) => {
        const resources = record(record(record(t).spec).resources);
        for (const kind of ['requests', 'limits'] as const) {
          for (const [name, value] of Object.entries(record(resources[kind]))) {
            if (validators.parseQuantity(value) === undefined) about(pod.object).add(`spec.volumeClaimTemplates[${i}].spec.resources.${kind}.${name}`, value, validators.QUANTITY_ALLOWED);
          }
        }
      });
    }
  },
  podSpec({ field, spec }, r) {
    array(spec.volumes).forEach((v, i) => {
      const emptyDir = record(v).emptyDir;
      if (emptyDir === undefined || emptyDir === null) return;
      const size = record(emptyDir).sizeLimit;
      if (size !== undefined && size !== null && validators.parseQuantity(size) === undefined) r.add(`${field}.volumes[${i}].emptyDir.sizeLimit`, size, validators.QUANTITY_ALLOWED);
    });
    for (const c of containersOf(field, spec)) {
      const resources = record(c.container.resources);
      for (const kind of ['requests', 'limits'] as const) {
        for (const [name, value] of Object.entries(record(resources[kind]))) {
          if (validators.parseQuantity(value) === undefined) r.add(`${c.field}.resources.${kind}.${name}`, value, validators.QUANTITY_ALLOWED);
        }
      }
    }
  },
});
