/**
 * Selector and port routing: which pods a Service selects, and which container port each of
 * its ports reaches. The one place that matches a Service port to a container port: the
 * checks, the topology picture and `ExposedService`'s default `targetPort` all ask here.
 */
import type { PodSource, PortView, ServicePortView, ServiceView } from './manifest';

/** Whether pods with `labels` are selected by an equality `selector` (every entry matches). */
export function matchesSelector(selector: { readonly [key: string]: string }, labels: { readonly [key: string]: string }): boolean {
  for (const key in selector) if (labels[key] !== selector[key]) return false;
  return true;
}

/**
 * The pods of an output indexed by namespace and label, so that a Service looks only at the
 * pods that carry one of its selector's labels: linear in the number of objects overall.
 */
export class PodIndex {
  private readonly byLabel = new Map<string, PodSource[]>();

  constructor(private readonly pods: readonly PodSource[]) {
    for (const pod of pods) {
      for (const [key, value] of Object.entries(pod.labels)) {
        const k = indexKey(pod.object.namespace, key, value);
        const list = this.byLabel.get(k);
        if (list) list.push(pod);
        else this.byLabel.set(k, [pod]);
      }
    }
  }

  /** The pods a Service selects: same namespace, every selector label. None for an empty selector. */
  public selectedBy(service: ServiceView): PodSource[] {
    const selector = service.selector ?? {};
    let smallest: PodSource[] | undefined;
    for (const [key, value] of Object.entries(selector)) {
      const list = this.byLabel.get(indexKey(service.object.namespace, key, value));
      if (!list) return [];
      if (!smallest || list.length < smallest.length) smallest = list;
    }
    return (smallest ?? []).filter(pod => matchesSelector(selector, pod.labels));
  }

  /** A pod in another namespace that the selector would match, if any (to explain a miss). */
  public elsewhere(service: ServiceView): PodSource | undefined {
    const selector = service.selector ?? {};
    return this.pods.find(pod => pod.object.namespace !== service.object.namespace && matchesSelector(selector, pod.labels));
  }
}

function indexKey(namespace: string | undefined, key: string, value: string): string {
  return `${namespace ?? ''}\u0000${key}\u0000${value}`;
}

/** A container's ports, as routing reads them. */
export interface PortsOf {
  /** The container's ports. */
  readonly ports: readonly PortView[];
}

/**
 * The container port a target reaches (a number, or a container port's name) over `protocol`:
 * the first container, in order, that declares it. Kubernetes resolves a named `targetPort` the
 * same way, per pod.
 */
export function findContainerPort<C extends PortsOf>(containers: readonly C[], target: number | string, protocol: string):
  { readonly container: C; readonly port: PortView } | undefined {
  for (const container of containers) {
    for (const port of container.ports) {
      if (port.protocol === protocol && (typeof target === 'number' ? port.number === target : port.name === target)) return { container, port };
    }
  }
  return undefined;
}

/** The target of a Service port: `targetPort`, or `port` when it is left out or 0 (the API server's default). */
export function targetOf(port: ServicePortView): number | string {
  return port.targetPort === undefined || port.targetPort === 0 ? port.port : port.targetPort;
}
