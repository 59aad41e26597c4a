import type { Json} from '../manifest';
import { array, record } from '../manifest';
import type { ObjectReporter } from '../rule';
import { defineRule } from '../rule';
import * as validators from '../validators';
import type { KubernetesVersion } from '../versions';
import { targetOf } from '../versions';
import { objectsOfKind } from '../walk/objects';
import { nameRule } from './object-name';

const PATH_TYPES = ['Exact', 'Prefix', 'ImplementationSpecific'];

function checkBackend(r: ObjectReporter, field: string, backend: Json, serviceName: (name: unknown) => string | undefined): void {
  const service = backend.service;
  const resource = backend.resource;
  if ((service === undefined) === (resource === undefined)) {
    r.add(field, Object.keys(backend), 'exactly one of service and resource');
    return;
  }
  if (service === undefined) return;
  const s = record(service);
  r.check(`${field}.service.name`, s.name, serviceName(s.name));
  const port = record(s.port);
  const hasName = typeof port.name === 'string' && port.name !== '';
  const hasNumber = port.number !== undefined && port.number !== 0;
  if (hasName && hasNumber) r.add(`${field}.service.port`, s.port, 'a port name or a port number, not both');
  else if (hasName) r.check(`${field}.service.port.name`, port.name, validators.ianaServiceName(port.name));
  else if (hasNumber) r.check(`${field}.service.port.number`, port.number, validators.portNumber(port.number));
  else r.add(`${field}.service.port`, s.port, 'a port name or a port number of the Service');
}

/**
 * One Ingress as the API server of `target` checks it on create: a backend's Service name as a
 * Service's own name is judged there (a DNS-1123 label from 1.36, RelaxedServiceNameValidation).
 */
export function checkIngressSpec(r: ObjectReporter, spec: Json, target: KubernetesVersion): void {
  const serviceName = nameRule('Service', target);
  const ingressRules = array(spec.rules);
  if (ingressRules.length === 0 && spec.defaultBackend === undefined) {
    r.add('spec.rules', spec.rules, 'at least one rule, or a defaultBackend', 'route a host or path to a Service');
  }
  if (spec.defaultBackend !== undefined) checkBackend(r, 'spec.defaultBackend', record(spec.defaultBackend), serviceName);
  ingressRules.forEach((x, i) => {
    const rule = record(x);
    if (rule.host !== undefined && rule.host !== '') r.check(`spec.rules[${i}].host`, rule.host, validators.ingressHost(rule.host));
    if (rule.http === undefined) return;
    const paths = array(record(rule.http).paths);
    if (paths.length === 0) r.add(`spec.rules[${i}].http.paths`, record(rule.http).paths, 'at least one path');
    paths.forEach((y, j) => {
      const path = record(y);
      const at = `spec.rules[${i}].http.paths[${j}]`;
      const pathType = path.pathType;
      if (pathType === undefined || !PATH_TYPES.includes(pathType as string)) {
        r.add(`${at}.pathType`, pathType, `one of ${PATH_TYPES.join(', ')} (networking.k8s.io/v1 has no default)`);
        return;
      }
      r.check(`${at}.path`, path.path ?? '', validators.ingressPath(path.path ?? '', pathType as string));
      checkBackend(r, `${at}.backend`, record(path.backend), serviceName);
    });
  });
  array(spec.tls).forEach((x, i) => {
    const tls = record(x);
    // (validateIngressTLS checks a DNS-1123 subdomain, or a wildcard one: an IP address passes, unlike in a rule's host)
    array(tls.hosts).forEach((h, j) => r.check(`spec.tls[${i}].hosts[${j}]`, h, validators.parseIp(h) !== undefined ? undefined : validators.ingressHost(h)));
    if (tls.secretName !== undefined && tls.secretName !== '') r.check(`spec.tls[${i}].secretName`, tls.secretName, validators.dns1123Subdomain(tls.secretName));
  });
  if (spec.ingressClassName !== undefined && spec.ingressClassName !== null) {
    r.check('spec.ingressClassName', spec.ingressClassName, validators.dns1123Subdomain(spec.ingressClassName));
  }
}

export const rule = defineRule({
  id: 'ingress',
  source: 'api-server',
  severity: 'error',
  kinds: ['Ingress'],
  summary: 'an Ingress has rules or a defaultBackend; hosts DNS names (a leading "*." allowed), not IPs; every path has a pathType (Exact, Prefix, ImplementationSpecific) and is absolute; backends name a Service (DNS-1035, from 1.36 a DNS-1123 label) and a port name or number; TLS hosts and secret names; ingressClassName a DNS subdomain',
  fix: 'give the Ingress rules or a defaultBackend; hosts as DNS names (a leading "*." allowed), not IPs; every path absolute ("/") with pathType Exact, Prefix or ImplementationSpecific; a backend with a Service and a port',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/networking/validation.ValidateIngressCreate',
  check({ model, options, about }) {
    const target = targetOf(options);
    for (const object of objectsOfKind(model, 'Ingress')) checkIngressSpec(about(object), record(object.raw.spec), target);
  },
});
