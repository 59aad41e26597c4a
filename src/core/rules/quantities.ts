import { record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { containersOf } from '../walk/containers';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'quantities',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'requests and limits are quantities (the API server cannot decode anything else: it refuses the object before validating it)',
  fix: 'write the quantity as a number with an optional suffix: CPU "250m" or "0.5", memory and storage "64Mi" or "1Gi"',
  versions: { from: '1.28' },
  upstream: 'k8s.io/apimachinery/pkg/api/resource.Quantity UnmarshalJSON',
  podSpec({ field, spec }, r) {
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
