/** The Service backends of an Ingress, as the rules about Ingresses and the topology picture read them. */
import type { KubeObject} from '../manifest';
import { array, record, str } from '../manifest';

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
