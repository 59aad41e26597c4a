import { defineRule } from '../rule';
import { backendsOf } from '../walk/ingresses';
import { objectsOfKind } from '../walk/objects';

export const rule = defineRule({
  id: 'ingress-backend',
  source: 'controller',
  severity: 'error',
  kinds: ['Ingress', 'Service'],
  summary: 'an Ingress backend is a Service of its own namespace with endpoints (not an ExternalName Service), and names a port that Service has, over TCP (else the controller has nowhere to send the request)',
  fix: 'point the backend at a Service of the Ingress\'s namespace that selects pods (not an ExternalName Service) and at a port it has (its number or name) over TCP, or add that port to the Service',
  versions: { from: '1.28' },
  check({ model, about }) {
    // A Service the output does not hold is not judged (it may be applied apart).
    const services = new Map(model.services.map(s => [`${s.object.namespace ?? ''}/${s.object.name}`, s]));
    for (const object of objectsOfKind(model, 'Ingress')) {
      for (const b of backendsOf(object)) {
        const service = b.service === undefined ? undefined : services.get(`${object.namespace ?? ''}/${b.service}`);
        if (service === undefined) {
          // A Service of that name the output holds in another namespace only: an Ingress reaches its own namespace's.
          const elsewhere = b.service === undefined ? undefined : model.services.find(s => s.object.name === b.service);
          if (elsewhere !== undefined) {
            const ns = (n: string | undefined) => (n === undefined ? 'the default namespace' : `namespace "${n}"`);
            about(object).add(`${b.field}.service.name`, b.service,
              `a Service in the Ingress's namespace (${ns(object.namespace)}): an Ingress reaches Services of its own namespace only, and ${elsewhere.object.ref} is in ${ns(elsewhere.object.namespace)}`,
              'make one Ingress per namespace, beside its Services');
          }
          continue;
        }
        if (service.type === 'ExternalName') {
          about(object).add(`${b.field}.service.name`, b.service, `a Service with endpoints: ${service.object.ref} is an ExternalName Service, a DNS CNAME the controller cannot send requests to`,
            'route to a ClusterIP, NodePort or LoadBalancer Service');
          continue;
        }
        if (b.port === undefined) continue;
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
