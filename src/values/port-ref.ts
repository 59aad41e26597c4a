import { ValidationError } from '../core/problems';
import { brand, hasBrand } from '../core/util';
import type { ContainerPort, ExposedPort, IPodTarget, Protocol } from './port';

/**
 * A typed reference to one container port of a pod construct: `web.portRef('http')`. A Service's
 * `targetPort`, a NetworkPolicy rule of {@link PodIsolation} and an Ingress backend take it, so
 * the port is named in one place: rename the container port (and the one `portRef` call) and
 * every object that reaches it follows. It is resolved when it is made: a name or number the
 * pod does not declare fails then, with what it declares.
 *
 * What it writes is {@link PortRef.value}: the port's name when it has one (Kubernetes resolves
 * a name in each pod, so the number may change), else its number, with {@link PortRef.protocol}.
 * A probe's `port` takes the same `ContainerPort` object the container declares (a probe reaches
 * its own container's port; a PortRef is accepted too), so declaring the port once as a constant
 * serves the container, its probes and, through `pod.portRef(port)`, everything else.
 */
export class PortRef {
  /** Whether `x` is a PortRef of any copy of this package. */
  public static isPortRef(x: unknown): x is PortRef {
    return hasBrand(x, 'PortRef');
  }

  /**
   * The container port of `target` with this name, or this number (and protocol, when given).
   * @param target the pod construct that declares the port
   * @param port the container port's name, or its number
   * @param protocol the port's protocol, when a number is declared for several
   * @throws ValidationError (rule `port-reference`) when the target declares no such port
   */
  public static of(target: IPodTarget, port: string | number | ContainerPort, protocol?: Protocol): PortRef {
    // A ContainerPort object a container declared: by its name when it has one, else its number and protocol.
    if (port !== null && typeof port === 'object') {
      const declared = port as Partial<ContainerPort>;
      return PortRef.of(target, declared.name ?? declared.number as number, protocol ?? (declared.name === undefined ? declared.protocol : undefined));
    }
    const path = `${target?.node?.path ?? '<target>'}`;
    const declared: readonly ExposedPort[] = Array.isArray(target?.exposedPorts) ? target.exposedPorts : [];
    const found = declared.find(p => (typeof port === 'string' ? p.name === port : p.number === port) && (protocol === undefined || p.protocol === protocol));
    if (found === undefined) {
      const list = declared.map(p => `${p.number}/${p.protocol}${p.name ? ` ("${p.name}")` : ''} of container "${p.container}"`);
      throw new ValidationError([{
        rule: 'port-reference', path, field: 'portRef', value: protocol === undefined ? port : `${port}/${protocol}`,
        allowed: `a container port the pod declares: ${list.length > 0 ? list.join(', ') : 'it declares none'}`,
        fix: typeof port === 'string' ? 'name a declared port, or give the container port this name' : 'give a declared port number, or declare the port on a container',
      }]);
    }
    return new PortRef(target, found);
  }

  private constructor(
    /** The pod construct that declares the port. */
    public readonly target: IPodTarget,
    private readonly port: ExposedPort,
  ) {
    brand(this, 'PortRef');
  }

  /** The container port's number. */
  public get number(): number {
    return this.port.number;
  }

  /** The container port's name, if it has one. */
  public get name(): string | undefined {
    return this.port.name;
  }

  /** The container port's protocol. */
  public get protocol(): Protocol {
    return this.port.protocol;
  }

  /** The container that declares the port. */
  public get container(): string {
    return this.port.container;
  }

  /** What a `targetPort`, a NetworkPolicy port or a probe writes: the name when there is one, else the number. */
  public get value(): string | number {
    return this.port.name ?? this.port.number;
  }

  /** `80/TCP ("http") of <path>`, for messages. */
  public toString(): string {
    return `${this.number}/${this.protocol}${this.name ? ` ("${this.name}")` : ''} of ${this.target.node.path}`;
  }
}
