/**
 * Services before the pods they select, for every object of the app, ours or not: what our own
 * constructs do with a dependency (`ExposedService` makes its target's object depend on its
 * Service), done at validation for the objects other code wrote (a cdk8s-plus Deployment and the
 * Service of its `exposeViaService()`, a raw `ApiObject` Pod declared before its Service).
 */
import type { ApiObject} from 'cdk8s';
import { Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import type { ManifestEntry, ManifestModel } from '../core/manifest';
import { podIndexOf } from '../core/walk/objects';

/**
 * Makes each object that makes pods depend on the Services that select it, where the Service is
 * written after it and a dependency can order them: both in one chart (a dependency across charts
 * would order the charts, and renumber their files), and no path of dependencies already leading
 * from the Service to the pods' object (that would be a cycle). Where it cannot, the order stays
 * and the rule `service-before-its-pods` reports it.
 * @param entries the objects as rendered, in output order
 * @param objects the object that rendered each entry, in the same order
 * @param model the entries read (`readManifests(entries)`: read once, and judged after when nothing changed)
 * @returns whether a dependency was added (the output order then changed)
 * @internal
 */
export function orderServicesFirst(entries: readonly ManifestEntry[], objects: readonly ApiObject[], model: ManifestModel): boolean {
  if (model.services.length === 0 || model.pods.length === 0) return false;
  const byManifest = new Map<unknown, ApiObject>();
  entries.forEach((entry, i) => byManifest.set(entry.manifest, objects[i]));
  const index = podIndexOf(model);
  let added = false;
  for (const service of model.services) {
    if (service.type === 'ExternalName' || Object.keys(service.selector ?? {}).length === 0) continue;
    const serviceObject = byManifest.get(service.object.raw);
    if (serviceObject === undefined) continue; // an item of a List: not an object of its own
    for (const pod of index.selectedBy(service)) {
      if (pod.object.index > service.object.index) continue;
      const podObject = byManifest.get(pod.object.raw);
      if (podObject === undefined || podObject === serviceObject) continue;
      if (Chart.of(podObject) !== Chart.of(serviceObject) || reaches(serviceObject, podObject)) continue;
      podObject.node.addDependency(serviceObject);
      added = true;
    }
  }
  return added;
}

/** Whether a path of dependencies leads from `from` to `to`. */
function reaches(from: IConstruct, to: IConstruct): boolean {
  const seen = new Set<IConstruct>();
  const stack: IConstruct[] = [from];
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (c === to) return true;
    if (seen.has(c)) continue;
    seen.add(c);
    stack.push(...c.node.dependencies);
  }
  return false;
}
