import type { Duration } from 'cdk8s';
import { ProblemCollector } from '../core/problems';
import { brand, hasBrand } from '../core/util';

/**
 * Where traffic that reaches a node from outside (a node port, a load balancer) may go.
 * @see https://kubernetes.io/docs/reference/networking/virtual-ips/#external-traffic-policy
 */
export enum ExternalTrafficPolicy {
  /** To any ready endpoint of the Service, on any node (the client's address is hidden by SNAT). */
  CLUSTER = 'Cluster',
  /** Only to endpoints on the node that received it (keeps the client's address; a node without one drops it). */
  LOCAL = 'Local',
}

/**
 * Where traffic from inside the cluster (to the cluster IP) may go.
 * @see https://kubernetes.io/docs/concepts/services-networking/service-traffic-policy/
 */
export enum InternalTrafficPolicy {
  /** To any ready endpoint of the Service. */
  CLUSTER = 'Cluster',
  /** Only to endpoints on the client's own node (dropped when there is none). */
  LOCAL = 'Local',
}

/**
 * An IP family of a Service.
 * @see https://kubernetes.io/docs/concepts/services-networking/dual-stack/#services
 */
export enum IpFamily {
  IPV4 = 'IPv4',
  IPV6 = 'IPv6',
}

/**
 * How many IP families a Service gets.
 * @see https://kubernetes.io/docs/concepts/services-networking/dual-stack/#services
 */
export enum IpFamilyPolicy {
  /** One family (the first of `ipFamilies`, else the cluster's first). */
  SINGLE_STACK = 'SingleStack',
  /** Both families on a dual-stack cluster, one elsewhere. */
  PREFER_DUAL_STACK = 'PreferDualStack',
  /** Both families; the API server refuses the Service on a single-stack cluster. */
  REQUIRE_DUAL_STACK = 'RequireDualStack',
}

/**
 * Where a Service's traffic should go, among its ready endpoints (`spec.trafficDistribution`): a
 * preference the proxy follows when it can, not a rule (it falls back to every endpoint).
 * A field kept by default from Kubernetes 1.31 (`PreferClose`); `PreferSameZone` and
 * `PreferSameNode` from 1.34 (rule `traffic-distribution`).
 * @see https://kubernetes.io/docs/concepts/services-networking/service/#traffic-distribution
 */
export enum TrafficDistribution {
  /**
   * Endpoints in the client's zone first (1.31). From 1.35 the API server warns that it is
   * deprecated: the same as `PREFER_SAME_ZONE`, which needs 1.34.
   */
  PREFER_CLOSE = 'PreferClose',
  /** Endpoints in the client's zone first (1.34). */
  PREFER_SAME_ZONE = 'PreferSameZone',
  /** Endpoints on the client's node first, then in its zone (1.34). */
  PREFER_SAME_NODE = 'PreferSameNode',
}

/** `clusterIP: None`: a headless Service, with no cluster IP and no proxy (DNS returns the pods' IPs). */
export const CLUSTER_IP_NONE = 'None';

/** The largest ClientIP affinity timeout the API server accepts: one day. */
export const MAX_AFFINITY_SECONDS = 86400;

/**
 * Whether a client's connections go to the same pod. Build it with {@link SessionAffinity.NONE}
 * or {@link SessionAffinity.clientIp}.
 * @see https://kubernetes.io/docs/reference/networking/virtual-ips/#session-affinity
 */
export class SessionAffinity {
  /** Whether `x` is a SessionAffinity of any copy of this package. */
  public static isSessionAffinity(x: unknown): x is SessionAffinity {
    return hasBrand(x, 'SessionAffinity');
  }

  /** Every connection may go to any pod (Kubernetes' default). */
  public static readonly NONE = new SessionAffinity('None');

  /**
   * The connections of one client IP go to the same pod, until it has been idle for `timeout`.
   * @param timeout idle time before the stickiness ends, whole seconds from 1 s to 1 day
   * (the API server's range); Kubernetes' default (3 hours) when left out (not written)
   */
  public static clientIp(timeout?: Duration): SessionAffinity {
    const problems = new ProblemCollector('SessionAffinity.clientIp()');
    let seconds: number | undefined;
    if (timeout !== undefined) {
      if (typeof (timeout as Partial<Duration> | null)?.toSeconds !== 'function') {
        problems.add('props', 'timeout', timeout, 'a Duration, e.g. Duration.hours(1)');
      } else {
        // (written as given, in seconds: a timeout outside 1 s – 1 day is judged at synth, rule session-affinity)
        seconds = timeout.toSeconds({ integral: false });
      }
    }
    problems.throwIfAny();
    return new SessionAffinity('ClientIP', seconds);
  }

  private constructor(
    /** `None` or `ClientIP`. */
    public readonly type: 'None' | 'ClientIP',
    /** The ClientIP idle timeout in seconds, when one was given. */
    public readonly timeoutSeconds?: number,
  ) {
    brand(this, 'SessionAffinity');
  }
}
