import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ExposedPort } from '../values/container';

/**
 * Something that runs pods a Service can select: an {@link AppPod} and its presets,
 * whether it renders a bare Pod or a controller.
 */
export interface IPodTarget extends IConstruct {
  /** The labels every pod of the target carries; a Service's selector is exactly these. */
  readonly selectorLabels: { readonly [key: string]: string };
  /** Every port the target's app containers listen on, in declaration order. */
  readonly exposedPorts: readonly ExposedPort[];
  /** The object that creates the pods. A Service that selects them is written before it. */
  readonly apiObject: ApiObject;
}

const SERVICES = Symbol.for('cdk8s-pods-services.servicesOf');

/**
 * Records a Service that targets `target` (every copy of the package shares the record).
 * @internal
 */
export function recordService(target: IPodTarget, service: IConstruct): void {
  const t = target as unknown as { [SERVICES]?: IConstruct[] };
  if (t[SERVICES] === undefined) Object.defineProperty(t, SERVICES, { value: [], enumerable: false });
  t[SERVICES]!.push(service);
}

/**
 * The Services that target `target`, in the order they were made.
 * @internal
 */
export function servicesOf(target: IPodTarget): readonly IConstruct[] {
  return (target as unknown as { [SERVICES]?: IConstruct[] })[SERVICES] ?? [];
}
