/**
 * The checks of Ingresses (networking.k8s.io/v1): each Ingress as the API server validates it
 * (Kubernetes 1.28 `pkg/apis/networking/validation`: rules or a default backend, hosts, paths
 * and path types, backends, TLS, ingressClassName), and each Service backend against the
 * Services of the output (the port it names exists, and speaks TCP).
 */
import type { Findings } from '../findings';
import type { Json, KubeObject, ManifestModel } from '../manifest';
import { array, record, str } from '../manifest';
import type { Reporter } from '../problems';
import * as rules from '../rules';

const PATH_TYPES = ['Exact', 'Prefix', 'ImplementationSpecific'];

/** A Service backend of an Ingress, as written. */
export interface BackendView {
  /** Where it is (`spec.rules[0].http.paths[0].backend`). */
  readonly field: string;
  /** `service.name`. */
  readonly service?: string;
  /** `service.port.number` or `service.port.name`. */
  readonly port?: number | string;
  /** The rule's host, if any. */
  readonly host?: string;
  /** The path, if any. */
  readonly path?: string;
}

/** The Service backends of an Ingress (the default backend first), read defensively. */
export function backendsOf(object: KubeObject): BackendView[] {
  const spec = record(object.raw.spec);
  const out: BackendView[] = [];
  const read = (b: unknown, field: string, host?: string, path?: string) => {
    const service = record(record(b).service);
    if (Object.keys(service).length === 0) return;
    const port = record(service.port);
    const value = typeof port.number === 'number' && port.number !== 0 ? port.number : str(port.name);
    out.push({ field, service: str(service.name), port: value, host, path });
  };
  if (spec.defaultBackend !== undefined) read(spec.defaultBackend, 'spec.defaultBackend');
  array(spec.rules).forEach((r, i) => {
    const rule = record(r);
    array(record(rule.http).paths).forEach((p, j) => {
      const path = record(p);
      read(path.backend, `spec.rules[${i}].http.paths[${j}].backend`, str(rule.host), str(path.path));
    });
  });
  return out;
}

/** Checks one Ingress as the API server does on create. */
export function checkIngress(object: KubeObject, r: Reporter): void {
  const spec = record(object.raw.spec);
  const ingressRules = array(spec.rules);
  if (ingressRules.length === 0 && spec.defaultBackend === undefined) {
    r.add('ingress', 'spec.rules', spec.rules, 'at least one rule, or a defaultBackend', 'route a host or path to a Service');
  }
  if (spec.defaultBackend !== undefined) checkBackend(r, 'spec.defaultBackend', record(spec.defaultBackend));
  ingressRules.forEach((x, i) => {
    const rule = record(x);
    if (rule.host !== undefined && rule.host !== '') r.check('ingress', `spec.rules[${i}].host`, rule.host, rules.ingressHost(rule.host));
    if (rule.http === undefined) return;
    const paths = array(record(rule.http).paths);
    if (paths.length === 0) r.add('ingress', `spec.rules[${i}].http.paths`, record(rule.http).paths, 'at least one path');
    paths.forEach((y, j) => {
      const path = record(y);
      const at = `spec.rules[${i}].http.paths[${j}]`;
      const pathType = path.pathType;
      if (pathType === undefined || !PATH_TYPES.includes(pathType as string)) {
        r.add('ingress', `${at}.pathType`, pathType, `one of ${PATH_TYPES.join(', ')} (networking.k8s.io/v1 has no default)`);
        return;
      }
      r.check('ingress', `${at}.path`, path.path ?? '', rules.ingressPath(path.path ?? '', pathType as string));
      checkBackend(r, `${at}.backend`, record(path.backend));
    });
  });
  array(spec.tls).forEach((x, i) => {
    const tls = record(x);
    // (validateIngressTLS checks a DNS-1123 subdomain, or a wildcard one: an IP address passes, unlike in a rule's host)
    array(tls.hosts).forEach((h, j) => r.check('ingress', `spec.tls[${i}].hosts[${j}]`, h, rules.parseIp(h) !== undefined ? undefined : rules.ingressHost(h)));
    if (tls.secretName !== undefined && tls.secretName !== '') r.check('ingress', `spec.tls[${i}].secretName`, tls.secretName, rules.dns1123Subdomain(tls.secretName));
  });
  if (spec.ingressClassName !== undefined && spec.ingressClassName !== null) {
    r.check('ingress', 'spec.ingressClassName', spec.ingressClassName, rules.dns1123Subdomain(spec.ingressClassName));
  }
}

function checkBackend(r: Reporter, field: string, backend: Json): void {
  const service = backend.service;
  const resource = backend.resource;
  if ((service === undefined) === (resource === undefined)) {
    r.add('ingress', field, Object.keys(backend), 'exactly one of service and resource');
    return;
  }
  if (service === undefined) return;
  const s = record(service);
  r.check('ingress', `${field}.service.name`, s.name, rules.dns1035Label(s.name));
  const port = record(s.port);
  const hasName = typeof port.name === 'string' && port.name !== '';
  const hasNumber = port.number !== undefined && port.number !== 0;
  if (hasName && hasNumber) r.add('ingress', `${field}.service.port`, s.port, 'a port name or a port number, not both');
  else if (hasName) r.check('ingress', `${field}.service.port.name`, port.name, rules.ianaServiceName(port.name));
  else if (hasNumber) r.check('ingress', `${field}.service.port.number`, port.number, rules.portNumber(port.number));
  else r.add('ingress', `${field}.service.port`, s.port, 'a port name or a port number of the Service');
}

/**
 * Each Service backend against the Services of the output: a Service of that name in the
 * Ingress's namespace that is written must have the port, over TCP (HTTP). A Service the output
 * does not hold is not judged (it may be applied apart).
 */
export function checkIngressBackends(model: ManifestModel, out: Findings): void {
  const services = new Map(model.services.map(s => [`${s.object.namespace ?? ''}/${s.object.name}`, s]));
  for (const object of model.objects) {
    if (object.builtinKind !== 'Ingress') continue;
    for (const b of backendsOf(object)) {
      const service = b.service === undefined ? undefined : services.get(`${object.namespace ?? ''}/${b.service}`);
      if (service === undefined || b.port === undefined) continue;
      const port = service.ports.find(p => (typeof b.port === 'number' ? p.port === b.port : p.name === b.port));
      const field = `${b.field}.service.port.${typeof b.port === 'number' ? 'number' : 'name'}`;
      const declared = service.ports.map(p => `${p.port}/${p.protocol}${p.name ? ` ("${p.name}")` : ''}`).join(', ') || 'none';
      if (port === undefined) {
        out.about(object).add('ingress-backend', field, b.port, `a port of ${service.object.ref}: it has ${declared}`,
          'name a port the Service has (its number or its name)');
      } else if (port.protocol !== 'TCP') {
        out.about(object).add('ingress-backend', field, b.port, `a TCP port of ${service.object.ref}: an Ingress speaks HTTP, and this port is ${port.protocol}`,
          'route to a TCP port of the Service');
      }
    }
  }
}
