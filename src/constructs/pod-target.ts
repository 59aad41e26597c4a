import type { IConstruct } from 'constructs';
import type { IPodTarget } from '../values/port';

export type { IPodTarget } from '../values/port';

const SERVICES = Symbol.for('cdk8s-pods-services.servicesOf');

/**
 * Records a Service that targets `target` (every copy of the package shares the record).
 * @internal
 */
export function recordService(target: IPodTarget, service: IConstruct): void {
  const t = target as unknown as { [SERVICES]?: IConstruct[] };
  // (a list of one to start with: the usual pod has one Service, and a list grown by push holds room for 16)
  if (t[SERVICES] === undefined) Object.defineProperty(t, SERVICES, { value: [service], enumerable: false });
  else t[SERVICES].push(service);
}

/**
 * The Services that target `target`, in the order they were made.
 * @internal
 */
export function servicesOf(target: IPodTarget): readonly IConstruct[] {
  return (target as unknown as { [SERVICES]?: IConstruct[] })[SERVICES] ?? [];
}
