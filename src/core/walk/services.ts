/** The Services of the model as the rules about Services read them. */
import type { Json, KubeObject, ManifestModel, PodSource, ServiceView } from '../manifest';
import { record } from '../manifest';
import { objectsOfKind, podIndexOf } from './objects';

/** The Service types. */
export const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

/** One Service as written, with its spec and type (`ClusterIP` when left out). */
export interface ServiceSite {
  readonly object: KubeObject;
  readonly metadata: Json;
  readonly spec: Json;
  readonly type: unknown;
}

const sites = new WeakMap<ManifestModel, readonly ServiceSite[]>();

/** Every Service of the model (with an apiVersion and a kind), in output order (read once per model). */
export function serviceSites(model: ManifestModel): readonly ServiceSite[] {
  let found = sites.get(model);
  if (found === undefined) {
    found = objectsOfKind(model, 'Service').map(object => {
      const spec = record(object.raw.spec);
      return { object, metadata: record(object.raw.metadata), spec, type: spec.type ?? 'ClusterIP' };
    });
    sites.set(model, found);
  }
  return found;
}

/** A Service that selects pods (no ExternalName, a non-empty selector), and the pods of the model it selects. */
export interface SelectingService {
  readonly service: ServiceView;
  /** The pods it selects, in its namespace. */
  readonly selected: readonly PodSource[];
  /** When it selects none: a pod with the labels in another namespace. */
  readonly elsewhere?: PodSource;
}

const selecting = new WeakMap<ManifestModel, readonly SelectingService[]>();

/** The Services of the model that select pods, with the pods they select (indexed once per model). */
export function selectingServices(model: ManifestModel): readonly SelectingService[] {
  let found = selecting.get(model);
  if (found === undefined) {
    const index = podIndexOf(model);
    found = model.services
      .filter(service => service.type !== 'ExternalName' && Object.keys(service.selector ?? {}).length > 0)
      .map(service => {
        const selected = index.selectedBy(service);
        const elsewhere = selected.length === 0 ? index.elsewhere(service) : undefined;
        return { service, selected, ...(elsewhere !== undefined ? { elsewhere } : {}) };
      });
    selecting.set(model, found);
  }
  return found;
}
