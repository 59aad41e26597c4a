import { array } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { containersOf } from '../walk/containers';
import { POD_MAKERS } from '../walk/pods';

export const rule = defineRule({
  id: 'containers',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'a pod has at least one container; names are DNS-1123 labels, unique across containers and init containers',
  fix: 'give the pod at least one container, each named by a DNS-1123 label (lower-case letters, digits, "-"), unique across containers and init containers',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.validateContainers (and validateInitContainers)',
  podSpec({ field, spec }, r) {
    if (!Array.isArray(spec.containers) || array(spec.containers).length === 0) {
      r.add(`${field}.containers`, spec.containers, 'at least one container', 'add a container');
    }
    const names = new Set<string>();
    for (const c of containersOf(field, spec)) {
      const name = c.container.name;
      r.check(`${c.field}.name`, name, validators.dns1123Label(name));
      if (typeof name === 'string') {
        if (names.has(name)) r.add(`${c.field}.name`, name, 'a name no other container or init container of the pod has', 'rename one of the containers');
        names.add(name);
      }
    }
  },
});
