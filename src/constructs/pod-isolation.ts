import { ApiObject, Chart, Lazy } from 'cdk8s';
import * as k8s from '../imports/k8s';
import type { IPlusNetworkPolicyPeer } from '../values/foreign-shapes';
import { selectorToKube } from '../values/foreign-shapes';
import type { IConstruct } from 'constructs';
import { Construct } from 'constructs';
import { ProblemCollector } from '../core/problems';
import { definedOnly, hasBrand, isPlainObject } from '../core/util';
import { checkedAtSynth } from '../synth/app-checks';
import { Protocol } from '../values/container';
import { PortRef } from '../values/port-ref';
import type { IPodTarget } from './pod-target';
import { servicesOf } from './pod-target';
import { checkUnderChart } from './scope';
import { checkedScope } from './construct-args';
import { POD_ISOLATION_SHAPE } from './prop-shapes';


/** The namespace label every namespace has (Kubernetes 1.21+): selects one namespace by name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
/** The namespace of the cluster DNS. */
export const DNS_NAMESPACE = 'kube-system';
/** The pod labels of the cluster DNS (CoreDNS keeps kube-dns's label, on kubeadm, kind and minikube). */
export const DNS_POD_LABELS: { readonly [key: string]: string } = Object.freeze({ 'k8s-app': 'kube-dns' });

/**
 * Props of {@link PodIsolation}.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export interface PodIsolationProps {
  /** The pods to isolate: their labels are the policy's pod selector, their namespace its namespace. */
  readonly target: IPodTarget;
  /**
   * The container ports let in.
   * @default - the container ports the ExposedServices that target the pods send traffic to,
   * and those of a StatefulSet's headless Service (every container port: the members' stable
   * names resolve to them), found at synth (none: nothing is let in)
   */
  readonly ports?: readonly PortRef[];
  /**
   * Who is let in on those ports: cdk8s-plus network policy peers (an {@link AppPod},
   * `kplus.Pods.select(...)`, `kplus.Namespaces.select(...)`, `kplus.NetworkPolicyIpBlock.ipv4(...)`).
   * @default - every source: the Services' clients, wherever they are (other pods, nodes, an
   * Ingress controller, a load balancer)
   */
  readonly allowFrom?: readonly IPlusNetworkPolicyPeer[];
  /**
   * Whether outgoing traffic is isolated too (denied but for DNS and `allowEgressTo`).
   * @default true - deny by default, as the tutorial says a pod is isolated
   */
  readonly isolateEgress?: boolean;
  /**
   * Whether the pods may ask the cluster DNS (UDP and TCP 53 to the `k8s-app: kube-dns` pods of
   * `kube-system`) while egress is isolated. On a cluster with NodeLocal DNSCache (GKE Autopilot)
   * this rule may not reach the node-local cache: see {@link PodIsolation}.
   * @default true - a pod that cannot resolve names cannot reach a Service by name
   */
  readonly allowDns?: boolean;
  /**
   * Peers the pods may reach on every port while egress is isolated.
   * @default - none
   */
  readonly allowEgressTo?: readonly IPlusNetworkPolicyPeer[];
  /**
   * `metadata.name` of the NetworkPolicy (a DNS-1123 subdomain).
   * @default - a unique name cdk8s derives from the construct path
   */
  readonly name?: string;
}

/**
 * Isolates the pods of a pod construct with one NetworkPolicy: nothing gets in but on the ports
 * their Services send traffic to (from the peers you choose), and nothing gets out but DNS (and
 * the peers you choose). On a cluster whose network plugin enforces NetworkPolicy only: the
 * default CNI of minikube (kindnet/bridge) does not, Calico and Cilium do.
 *
 * At synth the engine fails when a Service's port is blocked by the policies of every pod it
 * selects (rule `service-port-allowed`), whichever construct wrote the policies.
 *
 * DNS through a node-local cache: a cluster that runs NodeLocal DNSCache (GKE Autopilot always
 * does) answers the pods' DNS queries from a cache on their own node, which runs with
 * `hostNetwork` (listening on 169.254.20.10 in the Kubernetes add-on), not from the `kube-dns`
 * pods the DNS rule selects, so that rule may not let the queries out (it depends on how the
 * network plugin sees the cache's traffic; we could not confirm from GKE's documentation which
 * egress an isolated pod needs there, so the rule is unchanged). Check that an isolated pod
 * resolves names; if not, let it reach the address it sends DNS queries to (the `nameserver` of
 * its `/etc/resolv.conf`), e.g. `allowEgressTo: [kplus.NetworkPolicyIpBlock.ipv4(chart, 'dns-cache', '169.254.20.10/32')]`
 * (every port to that one address), or use `isolateEgress: false`.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/nodelocal-dns-cache
 * @see https://kubernetes.io/docs/tasks/administer-cluster/nodelocaldns/
 */
export class PodIsolation extends Construct {
  /** The underlying `KubeNetworkPolicy`. */
  public readonly apiObject: ApiObject;
  /** `metadata.name` of the NetworkPolicy. */
  public readonly name: string;
  /** The isolated pods. */
  public readonly target: IPodTarget;

  private readonly props: PodIsolationProps;

  constructor(scope: Construct, id: string, props: PodIsolationProps) {
    super(checkedScope('PodIsolation', scope, id, props, POD_ISOLATION_SHAPE, true), id);
    const problems = new ProblemCollector(this.node.path);
    if (!isPlainObject(props)) {
      problems.add('props', 'props', props, 'an object with at least `target`');
      problems.throwIfAny();
    }
    const t = props.target as Partial<IPodTarget> | undefined;
    if (!isPlainObject(t) || !ApiObject.isApiObject(t.apiObject) || !isPlainObject(t.selectorLabels)) {
      problems.add('props', 'target', t, 'a pod construct (AppPod, NginxPod, FlaskPod or another IPodTarget)');
    } else if (Object.keys(t.selectorLabels).length === 0) {
      problems.add('props', 'target.selectorLabels', {}, 'at least one label: an empty pod selector isolates every pod of the namespace', 'give the pod construct labels');
    }
    // (the name is written as given and judged at synth: rule object-name)
    if (props.name !== undefined && typeof props.name !== 'string') problems.add('props', 'name', props.name, 'a string');
    if (props.ports !== undefined) {
      if (!Array.isArray(props.ports)) problems.add('props', 'ports', props.ports, 'an array of PortRef (pod.portRef(...))');
      else {
        props.ports.forEach((p, i) => {
          if (!PortRef.isPortRef(p)) problems.add('props', `ports[${i}]`, p, 'a PortRef (pod.portRef(...))');
          else if (p.target !== props.target) {
            problems.add('port-reference', `ports[${i}]`, p.toString(), 'a port of the isolated pods: the handle is of another pod construct', 'take the handle from the target: target.portRef(...)');
          }
        });
      }
    }
    for (const list of ['allowFrom', 'allowEgressTo'] as const) {
      const peers = props[list];
      if (peers === undefined) continue;
      if (!Array.isArray(peers)) problems.add('props', list, peers, 'an array of cdk8s-plus network policy peers');
      else {
        peers.forEach((p, i) => {
          if (typeof (p as Partial<IPlusNetworkPolicyPeer> | null)?.toNetworkPolicyPeerConfig !== 'function') {
            problems.add('props', `${list}[${i}]`, p, 'a cdk8s-plus network policy peer (an AppPod, kplus.Pods.select(), kplus.Namespaces.select(), kplus.NetworkPolicyIpBlock)');
          }
        });
      }
    }
    for (const flag of ['isolateEgress', 'allowDns'] as const) {
      if (props[flag] !== undefined && typeof props[flag] !== 'boolean') problems.add('props', flag, props[flag], 'true or false');
    }
    checkUnderChart(problems, this);
    problems.throwIfAny();

    this.target = props.target;
    this.props = props;
    const target = props.target;
    this.apiObject = new k8s.KubeNetworkPolicy(this, 'Resource', {
      metadata: definedOnly({ name: props.name, namespace: target.apiObject.metadata.namespace ?? Chart.of(target.apiObject).namespace }),
      spec: Lazy.any({ produce: () => this.renderSpec() }) as unknown as k8s.NetworkPolicySpec,
    });
    this.name = this.apiObject.name;
    checkedAtSynth(this.apiObject);
    // A pod construct isolated by its security profile drops that policy for this one (made
    // first: the pods are never without a policy).
    (target as { _isolatedBy?: (isolation: PodIsolation) => void })._isolatedBy?.(this);
  }

  /** The container ports let in: those given, else those the pods' Services target, found now. */
  public get ports(): readonly { readonly port: number | string; readonly protocol: Protocol }[] {
    if (this.props.ports !== undefined) return dedupe(this.props.ports.map(p => ({ port: p.value, protocol: p.protocol })));
    const found: { port: number | string; protocol: Protocol }[] = [];
    for (const c of servicesOf(this.target)) {
      if (!isExposedService(c)) continue;
      for (const p of c.ports) found.push({ port: p.targetPort ?? p.port, protocol: p.protocol ?? Protocol.TCP });
    }
    // A StatefulSet's headless Service sends traffic to every container port of its pods.
    if (ApiObject.isApiObject((this.target as { readonly headlessService?: unknown }).headlessService)) {
      for (const p of this.target.exposedPorts) found.push({ port: p.number, protocol: p.protocol });
    }
    return dedupe(found);
  }

  /** The NetworkPolicy spec, as the Kubernetes API spells it. */
  private renderSpec(): k8s.NetworkPolicySpec {
    const ports = this.ports.map(p => definedOnly({
      port: typeof p.port === 'number' ? k8s.IntOrString.fromNumber(p.port) : k8s.IntOrString.fromString(p.port),
      protocol: p.protocol === Protocol.TCP ? undefined : p.protocol,
    }));
    const from = (this.props.allowFrom ?? []).flatMap(peerToKube);
    // Peers were given but none renders to a peer: no rule at all (nothing gets in), never a rule
    // without `from`, which would let every source in.
    const closed = this.props.allowFrom !== undefined && from.length === 0;
    const ingress: k8s.NetworkPolicyIngressRule[] = ports.length > 0 && !closed ? [definedOnly({ from: from.length > 0 ? from : undefined, ports })] : [];
    const isolateEgress = this.props.isolateEgress ?? true;
    const egress: k8s.NetworkPolicyEgressRule[] = [];
    if (isolateEgress && (this.props.allowDns ?? true)) {
      egress.push({
        to: [{
          namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: DNS_NAMESPACE } },
          podSelector: { matchLabels: { ...DNS_POD_LABELS } },
        }],
        ports: [{ port: k8s.IntOrString.fromNumber(53), protocol: 'UDP' }, { port: k8s.IntOrString.fromNumber(53) }],
      });
    }
    const to = isolateEgress ? (this.props.allowEgressTo ?? []).flatMap(peerToKube) : [];
    if (to.length > 0) egress.push({ to });
    return definedOnly({
      podSelector: { matchLabels: { ...this.target.selectorLabels } },
      policyTypes: isolateEgress ? ['Ingress', 'Egress'] : ['Ingress'],
      ingress: ingress.length > 0 ? ingress : undefined,
      egress: egress.length > 0 ? egress : undefined,
    });
  }
}

function dedupe<T extends { port: number | string; protocol: Protocol }>(ports: T[]): T[] {
  const seen = new Set<string>();
  return ports.filter(p => {
    const key = `${p.port}/${p.protocol}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** An ExposedService of any copy of this package (its brand), seen as the isolation needs it. */
function isExposedService(c: IConstruct): c is IConstruct & {
  readonly target?: IPodTarget;
  readonly ports: readonly { readonly port: number; readonly targetPort?: number | string; readonly protocol?: Protocol }[];
} {
  return hasBrand(c, 'ExposedService');
}

/** A cdk8s-plus peer as NetworkPolicy peers, the way cdk8s-plus's own NetworkPolicy writes it. */
function peerToKube(peer: IPlusNetworkPolicyPeer): k8s.NetworkPolicyPeer[] {
  const config = peer.toNetworkPolicyPeerConfig();
  if (config.ipBlock) return [definedOnly({ ipBlock: definedOnly({ cidr: config.ipBlock.cidr, except: config.ipBlock.except }) })];
  const ps = config.podSelector;
  if (!ps) return [];
  const podSelector = selectorToKube(ps.labelSelector) ?? {};
  const names = ps.namespaces?.names;
  const nsSelector = selectorToKube(ps.namespaces?.labelSelector);
  if (!names) return [definedOnly({ namespaceSelector: nsSelector, podSelector })];
  // One peer per namespace name: a selector cannot hold two values of the name label.
  return names.map(n => ({
    podSelector,
    namespaceSelector: definedOnly({ matchExpressions: nsSelector?.matchExpressions, matchLabels: { ...nsSelector?.matchLabels, [NAMESPACE_NAME_LABEL]: n } }),
  }));
}
