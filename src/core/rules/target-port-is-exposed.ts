import { defineRule } from '../rule';
import { findContainerPort, targetOf } from '../routing';
import { selectingServices } from '../walk/services';

export const rule = defineRule({
  id: 'target-port-is-exposed',
  source: 'ours',
  severity: 'error',
  kinds: ['Service'],
  summary: 'each targetPort (number or name) is declared, with the Service port\'s protocol, by every pod the Service selects',
  fix: 'declare the targetPort (number or name) with the Service port\'s protocol on every pod the Service selects (ports of the pod\'s container), or point targetPort at a port they declare',
  versions: { from: '1.28' },
  check({ model, about }) {
    // Every pod the Service selects gets its traffic: each targetPort must be a port every one of
    // them declares, by number or name, over the Service port's protocol.
    for (const { service, selected } of selectingServices(model)) {
      if (selected.length === 0) continue;
      for (const port of service.ports) {
        const target = targetOf(port);
        const missing = selected.filter(pod => findContainerPort(pod.containers, target, port.protocol) === undefined);
        if (missing.length === 0) continue;
        const pod = missing[0];
        const declared = [...new Set(pod.containers.flatMap(c => c.ports.map(p => `${p.number}/${p.protocol}${p.name ? ` ("${p.name}")` : ''}`)))];
        const others = missing.length > 1 ? ` (and ${missing.length - 1} more of the ${selected.length} selected)` : selected.length > 1 ? ` (one of the ${selected.length} selected)` : '';
        about(service.object).add(`spec.ports[${port.index}].targetPort`, target,
          `a ${port.protocol} port that every selected pod declares: ${pod.object.ref}${others} declares ${declared.length > 0 ? declared.join(', ') : 'no ports'}`,
          typeof target === 'number'
            ? 'point targetPort at a port the pods declare (with the same protocol), declare the port on their containers, or narrow the selector to the pods that listen there'
            : 'use the name of a container port every selected pod declares, or name the container port');
      }
    }
  },
});
