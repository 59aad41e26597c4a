import type * as k8s from '../imports/k8s';
import type { ProblemCollector } from '../core/problems';
import { definedOnly, isPlainObject } from '../core/util';
import { AppArmorProfile } from './app-armor-profile';

/**
 * How a pod's DNS resolver is set up.
 * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy
 */
export enum DnsPolicy {
  /** The cluster's DNS first, the node's upstream servers for other names (Kubernetes' default). */
  CLUSTER_FIRST = 'ClusterFirst',
  /** `ClusterFirst` for a pod on the host network (which otherwise gets `Default`). */
  CLUSTER_FIRST_WITH_HOST_NET = 'ClusterFirstWithHostNet',
  /** The node's own resolver settings: no cluster names. */
  DEFAULT = 'Default',
  /** Nothing but `dnsConfig`, which must list a nameserver. */
  NONE = 'None',
}

/** What the kubelet does with a volume's ownership when the pod has an `fsGroup`. */
export enum FsGroupChangePolicy {
  /** Change ownership and permissions only when the volume's root does not match already (fast for large volumes). */
  ON_ROOT_MISMATCH = 'OnRootMismatch',
  /** Change them on every mount (Kubernetes' default). */
  ALWAYS = 'Always',
}

/**
 * An entry of the pod's `/etc/hosts`.
 * @see https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/
 */
export interface HostAlias {
  /** The IP address (IPv4 or IPv6). */
  readonly ip: string;
  /** The host names that resolve to it, each a DNS-1123 subdomain. */
  readonly hostnames: readonly string[];
}

/** A resolver option of `/etc/resolv.conf` (`ndots:2`). */
export interface DnsOption {
  /** The option's name (`ndots`, `edns0`). */
  readonly name: string;
  /**
   * Its value.
   * @default - none (a flag such as `edns0`)
   */
  readonly value?: string;
}

/**
 * DNS settings merged into what `dnsPolicy` generates (all of it under `DnsPolicy.NONE`).
 * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-dns-config
 */
export interface DnsConfig {
  /**
   * Nameserver IP addresses, at most 3. At least one under `DnsPolicy.NONE`.
   * @default - none
   */
  readonly nameservers?: readonly string[];
  /**
   * Search domains, at most 32 and 2048 characters in all.
   * @default - none
   */
  readonly searches?: readonly string[];
  /**
   * Resolver options.
   * @default - none
   */
  readonly options?: readonly DnsOption[];
}

/** A kernel parameter set for the pod's namespaces. */
export interface Sysctl {
  /** The name (`net.ipv4.tcp_keepalive_time`). */
  readonly name: string;
  /** The value, as a string (`"600"`). */
  readonly value: string;
}

/**
 * Pod-level security settings beyond the users a {@link SecurityProfile} sets: they are
 * merged with the profile's (`runAsNonRoot`, `runAsUser`, `runAsGroup`, `seccompProfile`),
 * which they never overlap.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
 */
export interface PodSecurityOptions {
  /**
   * The group that owns the pod's volumes (those that support ownership management), added to
   * every container's groups.
   * @default - none: volumes keep their ownership
   */
  readonly fsGroup?: number;
  /**
   * When the kubelet changes the volumes' ownership to `fsGroup`.
   * @default - Kubernetes' default (`Always`; not written)
   */
  readonly fsGroupChangePolicy?: FsGroupChangePolicy;
  /**
   * More groups every container's first process belongs to.
   * @default - none
   */
  readonly supplementalGroups?: readonly number[];
  /**
   * Kernel parameters of the pod's namespaces. The API server checks only their names. The
   * kubelet (1.28) starts only pods whose sysctls are all "safe" (`kernel.shm_rmid_forced`,
   * `net.ipv4.ip_local_port_range`, `net.ipv4.ip_unprivileged_port_start`,
   * `net.ipv4.tcp_syncookies`, `net.ipv4.ping_group_range`,
   * `net.ipv4.ip_local_reserved_ports`; from 1.29 also `net.ipv4.tcp_keepalive_time`,
   * `tcp_fin_timeout`, `tcp_keepalive_intvl`, `tcp_keepalive_probes`) or allowed on its node
   * (`--allowed-unsafe-sysctls`): any other is accepted by the API server and then fails the
   * pod with `SysctlForbidden` on a node that does not allow it. Not checked here, since a
   * cluster may allow it. Under `SecurityProfile.RESTRICTED` only the safe ones of the Pod
   * Security Standards are accepted (judged at synth).
   * @default - none
   * @see https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/
   */
  readonly sysctls?: readonly Sysctl[];
  /**
   * The AppArmor profile of every container of the pod (`securityContext.appArmorProfile`),
   * unless a container names its own (`appArmorProfile` of its props). A field from Kubernetes
   * 1.30. `AppArmorProfile.UNCONFINED` breaks the Pod Security Standards (baseline and
   * restricted), and so `SecurityProfile.RESTRICTED`.
   * @default - none: the runtime's default profile on a node with AppArmor (not written)
   * @see https://kubernetes.io/docs/tutorials/security/apparmor/
   */
  readonly appArmorProfile?: AppArmorProfile;
}

/**
 * Who a pod runs as and how it runs: the pod-level identity and runtime fields of
 * {@link AppPodProps}.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodSpec
 */
export interface PodRuntimeProps {
  /**
   * The ServiceAccount the pod runs as (its API identity), in the pod's namespace.
   * @default - Kubernetes' default: the namespace's `default` ServiceAccount (not written)
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/
   */
  readonly serviceAccountName?: string;
  /**
   * Whether the ServiceAccount's API token is mounted into the containers. `false` for an app
   * that never calls the Kubernetes API (nginx, a web app): a stolen token is then no use.
   * @default - the ServiceAccount's setting (itself `true` unless set; not written)
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * Names of Secrets (type `kubernetes.io/dockerconfigjson`) in the pod's namespace that hold
   * credentials for private registries, tried in order.
   * @default - none: only the ServiceAccount's pull secrets
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/pull-image-private-registry/
   */
  readonly imagePullSecrets?: readonly string[];
  /**
   * Seconds between the stop signal (after the preStop hooks) and the kill. In seconds, as
   * every duration of this library's props.
   * @default - Kubernetes' default (30; not written)
   * @see https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination
   */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * Entries added to the pod's `/etc/hosts`.
   * @default - none
   * @see https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/
   */
  readonly hostAliases?: readonly HostAlias[];
  /**
   * How the pod's resolver is set up.
   * @default - Kubernetes' default (`DnsPolicy.CLUSTER_FIRST`; not written)
   * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy
   */
  readonly dnsPolicy?: DnsPolicy;
  /**
   * Resolver settings added to the policy's. Required, with a nameserver, under `DnsPolicy.NONE`.
   * @default - none
   * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-dns-config
   */
  readonly dnsConfig?: DnsConfig;
  /**
   * Whether the containers share one process namespace (they see and can signal each other's
   * processes; the pause process is PID 1).
   * @default - Kubernetes' default (false; not written)
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/
   */
  readonly shareProcessNamespace?: boolean;
  /**
   * Pod-level security settings beyond the profile's users: `fsGroup`, `supplementalGroups`,
   * `sysctls`. Merged with `securityProfile`'s pod security context.
   * @default - none
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
   */
  readonly podSecurity?: PodSecurityOptions;
  /**
   * `false` runs the pod in a user namespace of its own (`spec.hostUsers: false`): root in a
   * container is an unprivileged user on the node, so a process that escapes has no privilege
   * there. Needs a node whose kernel and runtime support it (Linux 6.3 or later, containerd 2.0
   * or CRI-O 1.25); not with host namespaces (hostNetwork, hostPID, hostIPC). A field kept by
   * default from Kubernetes 1.33 (the target's API server drops it before; rule `field-version`).
   * @default - Kubernetes' default (true: the node's user namespace; not written)
   * @see https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/
   */
  readonly hostUsers?: boolean;
}

const RUNTIME_FIELDS = ['serviceAccountName', 'automountServiceAccountToken', 'imagePullSecrets', 'terminationGracePeriodSeconds',
  'hostAliases', 'dnsPolicy', 'dnsConfig', 'shareProcessNamespace', 'hostUsers'] as const;

/** The shape of each runtime field, and what it must be (one table for every pod, not one per call). */
const RUNTIME_SHAPES: { readonly [field: string]: readonly [(v: unknown) => boolean, string] } = {
  serviceAccountName: [v => typeof v === 'string', 'a ServiceAccount name'],
  automountServiceAccountToken: [v => typeof v === 'boolean', 'true or false'],
  imagePullSecrets: [v => Array.isArray(v) && v.every(s => typeof s === 'string'), 'an array of Secret names'],
  terminationGracePeriodSeconds: [isFiniteNumber, 'a number of seconds'],
  hostAliases: [v => Array.isArray(v) && v.every(a => isPlainObject(a) && typeof a.ip === 'string' && isStrings(a.hostnames)), 'an array of { ip, hostnames: [...] } of strings'],
  dnsPolicy: [v => typeof v === 'string', 'a DnsPolicy'],
  dnsConfig: [v => isPlainObject(v) && ['nameservers', 'searches'].every(k => v[k] === undefined || isStrings(v[k]))
    && (v.options === undefined || (Array.isArray(v.options) && v.options.every(o => isPlainObject(o) && typeof o.name === 'string' && (o.value === undefined || typeof o.value === 'string')))),
  'an object { nameservers?, searches?, options? } of strings and { name, value? }'],
  shareProcessNamespace: [v => typeof v === 'boolean', 'true or false'],
  hostUsers: [v => typeof v === 'boolean', 'true or false'],
};

/**
 * Checks the identity and runtime props' shape (a JavaScript caller may pass anything): what
 * cannot be written. Their values are judged at synth by the engine's rules.
 * @internal
 */
export function checkRuntimeProps(problems: ProblemCollector, props: PodRuntimeProps): void {
  for (const f of RUNTIME_FIELDS) {
    const v = props[f];
    if (v === undefined) continue;
    const [ok, allowed] = RUNTIME_SHAPES[f];
    if (!ok(v)) problems.add('props', f, v, allowed);
  }
  const priority = (props as { priorityClassName?: unknown }).priorityClassName;
  if (priority !== undefined && typeof priority !== 'string') problems.add('props', 'priorityClassName', priority, 'a PriorityClass name');
  // (the values are written as given and judged at synth: rules pod-identity, pod-runtime,
  // security-context, and restricted-profile for a sysctl a RESTRICTED pod may not set)
  const sc = props.podSecurity;
  if (sc === undefined) return;
  if (!isPlainObject(sc) || (sc.fsGroup !== undefined && !isFiniteNumber(sc.fsGroup))
    || (sc.fsGroupChangePolicy !== undefined && typeof sc.fsGroupChangePolicy !== 'string')
    || (sc.supplementalGroups !== undefined && !(Array.isArray(sc.supplementalGroups) && sc.supplementalGroups.every(isFiniteNumber)))
    || (sc.sysctls !== undefined && !(Array.isArray(sc.sysctls) && sc.sysctls.every(x => isPlainObject(x) && typeof x.name === 'string' && typeof x.value === 'string')))) {
    problems.add('props', 'podSecurity', sc, 'an object { fsGroup?: number, fsGroupChangePolicy?, supplementalGroups?: number[], sysctls?: { name, value }[] of strings, appArmorProfile? }');
  } else if (sc.appArmorProfile !== undefined && !AppArmorProfile.isAppArmorProfile(sc.appArmorProfile)) {
    problems.add('props', 'podSecurity.appArmorProfile', sc.appArmorProfile, 'an AppArmorProfile: AppArmorProfile.RUNTIME_DEFAULT, AppArmorProfile.UNCONFINED or AppArmorProfile.localhost(name)');
  }
}

/** A number cdk8s can write (no NaN or Infinity). */
function isFiniteNumber(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v);
}

/** An array of strings. */
function isStrings(v: unknown): boolean {
  return Array.isArray(v) && v.every(x => typeof x === 'string');
}

/**
 * A copy of the identity and runtime props (plain data), so that changing the caller's arrays
 * after construction changes nothing: what was checked is what is written.
 * @internal
 */
export function copyRuntimeProps(props: PodRuntimeProps): PodRuntimeProps {
  const copy: { [key: string]: unknown } = {};
  for (const f of RUNTIME_FIELDS) {
    const v = props[f];
    // (a string, boolean or finite number, as checkRuntimeProps admits them, is its own copy)
    if (v !== undefined) copy[f] = typeof v === 'object' ? JSON.parse(JSON.stringify(v)) : v;
  }
  const sc = props.podSecurity;
  if (sc !== undefined) {
    // (an AppArmorProfile is an immutable value: kept as it is, not copied as plain data)
    const { appArmorProfile, ...data } = sc;
    copy.podSecurity = definedOnly({ ...JSON.parse(JSON.stringify(data)), appArmorProfile });
  }
  return copy;
}

/**
 * The identity and runtime fields of the pod spec, only those set.
 * @internal
 */
export function renderRuntime(props: PodRuntimeProps): Partial<k8s.PodSpec> {
  const dns = props.dnsConfig;
  return definedOnly({
    serviceAccountName: props.serviceAccountName,
    automountServiceAccountToken: props.automountServiceAccountToken,
    imagePullSecrets: props.imagePullSecrets && props.imagePullSecrets.length > 0 ? props.imagePullSecrets.map(name => ({ name })) : undefined,
    terminationGracePeriodSeconds: props.terminationGracePeriodSeconds,
    hostAliases: props.hostAliases && props.hostAliases.length > 0 ? props.hostAliases.map(a => ({ ip: a.ip, hostnames: [...a.hostnames] })) : undefined,
    dnsPolicy: props.dnsPolicy,
    dnsConfig: dns ? definedOnly({
      nameservers: dns.nameservers ? [...dns.nameservers] : undefined,
      searches: dns.searches ? [...dns.searches] : undefined,
      options: dns.options ? dns.options.map(o => definedOnly({ name: o.name, value: o.value })) : undefined,
    }) : undefined,
    shareProcessNamespace: props.shareProcessNamespace,
    hostUsers: props.hostUsers,
  });
}

/**
 * The pod's security context: the profile's, with the pod security options merged in (they
 * set other fields than the profile's).
 * @internal
 */
export function mergePodSecurityContext(profile: k8s.PodSecurityContext | undefined, options: PodSecurityOptions | undefined): k8s.PodSecurityContext | undefined {
  if (options === undefined) return profile;
  const own = definedOnly({
    fsGroup: options.fsGroup,
    fsGroupChangePolicy: options.fsGroupChangePolicy,
    supplementalGroups: options.supplementalGroups ? [...options.supplementalGroups] : undefined,
    sysctls: options.sysctls ? options.sysctls.map(s => ({ name: s.name, value: s.value })) : undefined,
    appArmorProfile: options.appArmorProfile?._toKube(),
  });
  const merged = { ...(profile ?? {}), ...own };
  return Object.keys(merged).length > 0 ? merged : undefined;
}
