import { defineRule } from '../rule';
import { backendsOf } from '../walk/ingresses';
import { objectsOfKind } from '../walk/objects';

export const rule = defineRule({
  id: 'ingress-backend',
  source: 'controller',
  severity: 'error',
  kinds: ['Ingress', 'Service'],
  summary: 'an Ingress backend names a port the Service of the output has, over TCP (else the controller has nowhere to send the request)',
  fix: 'point the backend at a port the Service has (its number or name) over TCP, or add that port to the Service',
  versions: { from: '1.28' },
  check({ model, about }) {
    // A Service the output does not hold is not judged (it may be applied apart).
    const services = new Map(model.services.map(s => [`${s.object.namespace ?? ''}/${s.object.name}`, s]));
    for (const object of objectsOfKind(model, 'Ingress')) {
      for (const b of backendsOf(object)) {
        const service = b.service === undefined ? undefined : services.get(`${object.namespace ?? ''}/${b.service}`);
        if (service === undefined || b.port === undefined) continue;
        const port = service.ports.find(p => (typeof b.port === 'number' ? p.port === b.port : p.name === b.port));
        const field = `${b.field}.service.port.${typeof b.port === 'number' ? 'number' : 'name'}`;
        const declared = service.ports.map(p => `${p.port}/${p.protocol}${p.name ? ` ("${p.name}")` : ''}`).join(', ') || 'none';
        if (port === undefined) {
          about(object).add(field, b.port, `a port of ${service.object.ref}: it has ${declared}`, 'name a port the Service has (its number or its name)');
        } else if (port.protocol !== 'TCP') {
          about(object).add(field, b.port, `a TCP port of ${service.object.ref}: an Ingress speaks HTTP, and this port is ${port.protocol}`, 'route to a TCP port of the Service');
        }
      }
    }
  },
});
