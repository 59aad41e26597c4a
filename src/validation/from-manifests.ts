import { asArray, asRecord, podTemplateOf, str, stringMap } from '../manifest-reading';
import { ContainerFacts, Facts, PodFacts, PortFacts, ServiceFacts, ServicePortFacts } from './model';

/**
 * Facts from plain Kubernetes manifests (objects as parsed from YAML or JSON), in output
 * order. Pure: no cdk8s, no constructs, so it runs on any manifests. Anything malformed
 * is skipped or read as empty rather than thrown on: schema problems are a schema
 * validator's job.
 */
export function factsFromManifests(manifests: readonly unknown[]): Facts {
  const pods: PodFacts[] = [];
  const services: ServiceFacts[] = [];
  (Array.isArray(manifests) ? manifests : []).forEach((m, index) => {
    const f = factsFromManifest(m, index);
    if (f?.pod) pods.push(f.pod);
    if (f?.service) services.push(f.service);
  });
  return { pods, services };
}

/**
 * Facts from one manifest: a pod source, a Service, or nothing (any other kind).
 * @param index the object's position in the output
 * @param path the construct path, when known
 */
export function factsFromManifest(manifest: unknown, index: number, path?: string): { pod?: PodFacts; service?: ServiceFacts } | undefined {
  const m = asRecord(manifest);
  const kind = typeof m.kind === 'string' ? m.kind : undefined;
  if (kind === undefined) return undefined;
  const meta = asRecord(m.metadata);
  const name = typeof meta.name === 'string' ? meta.name : '';
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : undefined;
  const spec = asRecord(m.spec);
  if (kind === 'Service') {
    return { service: { path, name, namespace, index, type: str(spec.type) ?? 'ClusterIP', selector: stringMap(spec.selector), ports: servicePorts(spec.ports) } };
  }
  const template = podTemplateOf(m);
  if (template === undefined) return undefined;
  const podSpec = asRecord(template.spec);
  return {
    pod: {
      path, kind, name, namespace, index,
      labels: stringMap(asRecord(template.metadata).labels) ?? {},
      containers: asArray(podSpec.containers).map(containerFacts),
    },
  };
}

function containerFacts(c: unknown): ContainerFacts {
  const r = asRecord(c);
  return {
    name: str(r.name) ?? '',
    ports: asArray(r.ports).flatMap((p): PortFacts[] => {
      const port = asRecord(p);
      return typeof port.containerPort === 'number'
        ? [{ number: port.containerPort, name: str(port.name), protocol: str(port.protocol) ?? 'TCP' }]
        : [];
    }),
  };
}

function servicePorts(ports: unknown): ServicePortFacts[] {
  return asArray(ports).flatMap((p): ServicePortFacts[] => {
    const r = asRecord(p);
    if (typeof r.port !== 'number') return [];
    const tp = r.targetPort;
    return [{
      port: r.port,
      targetPort: typeof tp === 'number' || typeof tp === 'string' ? tp : undefined,
      nodePort: typeof r.nodePort === 'number' ? r.nodePort : undefined,
      protocol: str(r.protocol) ?? 'TCP',
      name: str(r.name),
    }];
  });
}
