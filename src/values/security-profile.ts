import type * as k8s from '../imports/k8s';
import { ProblemCollector } from '../core/problems';
import { MAX_INT32 } from '../core/validators';
import { brand, definedOnly, hasBrand, isPlainObject } from '../core/util';
import type { ContainerResources } from './container';

/**
 * The user (and group) a restricted profile runs as when neither the profile nor a preset names
 * one: 10000, above the users and groups of images and of the node (a container that escapes
 * as a low UID such as 1000 may share it with a real user of the node; kube-score and checkov
 * ask for 10000 or more).
 */
export const DEFAULT_NON_ROOT_USER = 10000;

/**
 * The local ephemeral storage a restricted profile gives every container (and init container)
 * that sets none (see {@link RestrictedProfileOptions.ephemeralStorage}): a request of 64Mi
 * (what the scheduler reserves on the node's disk: logs and a few temporary files) and a limit
 * of 1Gi (the pod is evicted when its containers' writable layers, logs and disk-backed
 * `emptyDir`s together pass the sum of its containers' limits, instead of filling the node's disk).
 */
export const RESTRICTED_EPHEMERAL_STORAGE: { readonly request: string; readonly limit: string } = Object.freeze({ request: '64Mi', limit: '1Gi' });


/** Options of {@link SecurityProfile.restricted}. */
export interface RestrictedProfileOptions {
  /**
   * The numeric, non-root user every container runs as (`runAsUser`; must not be 0).
   * @default - the preset's user (`NginxPod`: 10101, `FlaskPod`: 10000), else 10000 (`DEFAULT_NON_ROOT_USER`)
   */
  readonly runAsUser?: number;
  /**
   * The numeric group every container runs as (`runAsGroup`).
   * @default - the same number as the user
   */
  readonly runAsGroup?: number;
  /**
   * Mount every container's root filesystem read-only. The presets mount an `emptyDir`
   * where their image must write (`NginxPod`: `/tmp`).
   * @default true - the restricted profile's aim: nothing in the image can be changed at run time
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Require every image the user chooses to be pinned by digest (`image@sha256:…`): a tag can be
   * moved to other content, a digest cannot. The images the library chooses itself (the busybox
   * helpers' `HELPER_IMAGE`, `NginxPod.RESTRICTED_IMAGE`) are pinned by digest too. Checked at
   * construction (rule `image-digest`).
   * @default false - a tag is the user's choice
   * @see https://kubernetes.io/docs/concepts/containers/images/#image-names
   */
  readonly requireDigest?: boolean;
  /**
   * Write no `runAsUser` and no `runAsGroup`: the platform assigns the user. OpenShift's
   * restricted SCC (`restricted-v2`) gives every pod a UID from its namespace's range
   * (`openshift.io/sa.scc.uid-range`), with group 0, and refuses a pod that names a user outside
   * that range. `runAsNonRoot: true` stays. Only for such a platform: elsewhere the container
   * runs as its image's user, and the kubelet refuses an image whose user is root or a name.
   * The images must run as any user with group 0 (`NginxPod`'s unprivileged image and the Flask
   * image do). Excludes `runAsUser` and `runAsGroup`.
   * @default false - a fixed user (the preset's, or 10000)
   * @see https://docs.openshift.com/container-platform/4.14/authentication/managing-security-context-constraints.html
   */
  readonly arbitraryUser?: boolean;
  /**
   * Give every container and init container (the busybox helpers too) that requests CPU and
   * sets no CPU limit a limit equal to its request (`limits.cpu = requests.cpu`).
   *
   * Why: without a limit a container may take every idle CPU of its node, and a busy or
   * compromised one starves its neighbours down to their requests; with one it has a bounded
   * share, and what it may use is what the scheduler counted. checkov (CKV_K8S_11) and
   * kube-score (`container-resources`) ask every container for a CPU limit.
   *
   * The trade-off: the kernel throttles a container that uses its limit within a period
   * (100 ms), even on an idle node, so a burst (a Python app importing its modules at start,
   * a spike of requests) runs at the request's speed: at 50m (`DEFAULT_RESOURCES`) a start
   * that takes 0.5 s of CPU takes 10 s. Give such a container a larger request, or a limit of
   * its own above the request (never lowered, never replaced), or turn this off
   * (`cpuLimits: false`).
   *
   * A container with no CPU request gets no limit: there is no share to bound it to that the
   * user chose. (The pod constructs give every container that sets no `resources` the
   * `DEFAULT_RESOURCES` or the `PodDefaults`' resources, which request CPU; a container whose
   * own `resources` request none keeps running unbounded.) Requests are never changed: the
   * capacity check (rule `capacity`) adds up requests as before; a ResourceQuota's `limits.cpu`
   * now counts the limits written.
   * @default true - a bounded CPU share for every container that requests one
   * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#how-pods-with-resource-limits-are-run
   */
  readonly cpuLimits?: boolean;
  /**
   * Give every container and init container (the busybox helpers too) that sets neither a
   * request nor a limit of local ephemeral storage those of {@link RESTRICTED_EPHEMERAL_STORAGE}
   * (request 64Mi, limit 1Gi). A container that sets either keeps its own.
   *
   * Why: without a limit, a container that writes logs or temporary files without end (or a
   * disk-backed `emptyDir`) fills the node's disk, and the kubelet evicts every pod of the node
   * under disk pressure, not only the culprit; with one, only that pod is evicted. kube-score
   * (`container-ephemeral-storage-request-and-limit`) asks every container for both.
   * @default true - a bounded share of the node's disk for every container
   * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage
   */
  readonly ephemeralStorage?: boolean;
  /**
   * Isolate every pod construct (`AppPod`, the presets, under any workload) as `pod.isolate()`
   * does with no options: a NetworkPolicy (a `PodIsolation` child `Isolation` of the pod
   * construct) that lets in only the container ports its `ExposedService`s send traffic to
   * (from any source), and lets out only DNS to the cluster DNS. A pod that must reach another
   * Service or the Internet needs `pod.isolate({ allowEgressTo })` (or `isolateEgress: false`),
   * and pods that talk to each other directly (a StatefulSet's members, through its headless
   * Service) need `pod.isolate({ allowFrom: [pod], allowEgressTo: [pod] })` with their ports.
   *
   * How it combines with your own: `pod.isolate(options)` and any `PodIsolation` whose target
   * is the pod replace the profile's policy (NetworkPolicies add up: the profile's, left beside
   * yours, would let every source in on the Services' ports whatever your `allowFrom` says).
   * The replacement is made before the profile's policy is taken away, and a failed
   * `isolate()` leaves it in place: the pod is never left without a policy. A NetworkPolicy of
   * your own written otherwise (cdk8s-plus's `NetworkPolicy`) adds to the profile's: use
   * `isolate()`, or turn this off. Enforced only where the cluster's network plugin enforces
   * NetworkPolicy (Calico, Cilium; not minikube's default). On a cluster with NodeLocal
   * DNSCache (GKE Autopilot always runs it) the pods ask a cache on their node, which the DNS
   * rule (the `k8s-app: kube-dns` pods of `kube-system`) may not reach: check that the pods
   * resolve names, and if not, `pod.isolate({ allowEgressTo: [kplus.NetworkPolicyIpBlock.ipv4(chart, 'dns-cache', '169.254.20.10/32')] })`
   * with the address in the pods' `/etc/resolv.conf` (see `PodIsolation`).
   * @default true - deny by default: a pod gets only the traffic its Services are for
   * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies
   */
  readonly isolate?: boolean;
}

/**
 * How locked down a pod construct's containers run: the `securityProfile` prop of
 * {@link AppPod}, {@link NginxPod} and {@link FlaskPod}.
 *
 * - {@link SecurityProfile.NONE} (`AppPod`'s default): no security context; each image runs as
 *   it was built.
 * - {@link SecurityProfile.AS_BUILT} (the presets' default): each image still runs as it was
 *   built (the stock `nginx` and the tutorial's Flask image as root), with what does not stop
 *   it: seccomp `RuntimeDefault` on the Pod, and on the containers whose image the construct
 *   knows (the presets' images, the busybox helpers) no privilege escalation and the
 *   capabilities the image does not use dropped (see `NginxPod` and `FlaskPod` for each reason).
 * - {@link SecurityProfile.RESTRICTED}: meets the Pod Security Standards "restricted" level:
 *   `runAsNonRoot` with a numeric non-root `runAsUser`, seccomp `RuntimeDefault` (on the Pod),
 *   and on every container and init container `allowPrivilegeEscalation: false`, capabilities
 *   drop `ALL` and a read-only root filesystem. A container's own `securityContext` is merged
 *   over it, and anything that breaks the level fails at synth. Beyond the level: a user and
 *   group of 10000 or more, no ServiceAccount token, CPU limits equal to the CPU requests
 *   ({@link RestrictedProfileOptions.cpuLimits}), local ephemeral storage requests and limits
 *   ({@link RestrictedProfileOptions.ephemeralStorage}), liveness and readiness probes on the
 *   long-running busybox helper (`logSidecar`), and every pod isolated by a NetworkPolicy
 *   ({@link RestrictedProfileOptions.isolate}).
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export class SecurityProfile {
  /** No security context: each image runs as it was built. */
  public static readonly NONE = new SecurityProfile(false, {});
  /**
   * Each image runs as it was built, with seccomp `RuntimeDefault` on the Pod (the container
   * runtime's default syscall filter, the one `docker run` applies and images are built and
   * tested under), and what the construct knows its images do without: a preset's main
   * container and the busybox helpers get `allowPrivilegeEscalation: false` and drop the
   * capabilities their image does not use. A container of an image the construct does not know
   * keeps its own security context only.
   */
  public static readonly AS_BUILT = new SecurityProfile(false, {}, true);
  /**
   * The Pod Security Standards "restricted" level, with the preset's (or the default) user,
   * CPU limits and pod isolation: `SecurityProfile.restricted()` with its defaults.
   */
  public static readonly RESTRICTED = new SecurityProfile(true, {});

  /** The "restricted" level, with a user, group, root filesystem, CPU limits or isolation of your choice. */
  public static restricted(options: RestrictedProfileOptions = {}): SecurityProfile {
    const problems = new ProblemCollector('SecurityProfile.restricted()');
    if (!isPlainObject(options)) {
      problems.add('props', 'options', options, 'an object { runAsUser?, runAsGroup?, readOnlyRootFilesystem?, requireDigest?, arbitraryUser?, cpuLimits?, ephemeralStorage?, isolate? }',
        'pass the options as an object, e.g. SecurityProfile.restricted({ runAsUser: 10001 }), or use SecurityProfile.RESTRICTED');
      problems.throwIfAny();
    }
    const { runAsUser, runAsGroup, readOnlyRootFilesystem } = options;
    // (written as given into the pods' security context and judged at synth: rules
    // security-context, and restricted-profile for root)
    for (const [key, value] of [['runAsUser', runAsUser], ['runAsGroup', runAsGroup]] as const) {
      if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value))) problems.add('props', key, value, `a numeric id: an integer up to ${MAX_INT32}`);
    }
    if (readOnlyRootFilesystem !== undefined && typeof readOnlyRootFilesystem !== 'boolean') {
      problems.add('props', 'readOnlyRootFilesystem', readOnlyRootFilesystem, 'true or false');
    }
    if (options.requireDigest !== undefined && typeof options.requireDigest !== 'boolean') {
      problems.add('props', 'requireDigest', options.requireDigest, 'true or false');
    }
    for (const flag of ['cpuLimits', 'ephemeralStorage', 'isolate'] as const) {
      if (options[flag] !== undefined && typeof options[flag] !== 'boolean') problems.add('props', flag, options[flag], 'true or false', `write ${flag}: true or ${flag}: false (a boolean, not ${JSON.stringify(options[flag])})`);
    }
    if (options.arbitraryUser !== undefined && typeof options.arbitraryUser !== 'boolean') {
      problems.add('props', 'arbitraryUser', options.arbitraryUser, 'true or false');
    } else if (options.arbitraryUser === true && (runAsUser !== undefined || runAsGroup !== undefined)) {
      problems.add('props', 'arbitraryUser', true, 'arbitraryUser without runAsUser and runAsGroup: it leaves the user to the platform',
        'drop runAsUser and runAsGroup, or arbitraryUser');
    }
    problems.throwIfAny();
    return new SecurityProfile(true, { ...options });
  }

  /** Whether `x` is a SecurityProfile of any copy of this package. */
  public static isSecurityProfile(x: unknown): x is SecurityProfile {
    return hasBrand(x, 'SecurityProfile');
  }

  private constructor(
    /** Whether this is the "restricted" level. */
    public readonly isRestricted: boolean,
    private readonly options: RestrictedProfileOptions,
    /** Whether this is {@link SecurityProfile.AS_BUILT}: the images as they were built, with what does not stop them. */
    public readonly isAsBuilt: boolean = false,
  ) {
    brand(this, 'SecurityProfile');
  }

  /** Whether the platform assigns the user (no `runAsUser` or `runAsGroup` written). */
  public get arbitraryUser(): boolean {
    return this.options.arbitraryUser === true;
  }

  /** Whether every image the user chooses must be pinned by digest. */
  public get requiresDigest(): boolean {
    return this.options.requireDigest === true;
  }

  /** Whether containers that request CPU and set no CPU limit get a limit equal to the request (see {@link RestrictedProfileOptions.cpuLimits}). */
  public get setsCpuLimits(): boolean {
    return this.isRestricted && this.options.cpuLimits !== false;
  }

  /** Whether containers without local ephemeral storage get {@link RESTRICTED_EPHEMERAL_STORAGE} (see {@link RestrictedProfileOptions.ephemeralStorage}). */
  public get setsEphemeralStorage(): boolean {
    return this.isRestricted && this.options.ephemeralStorage !== false;
  }

  /** Whether every pod construct is isolated by a NetworkPolicy (see {@link RestrictedProfileOptions.isolate}). */
  public get isolatesPods(): boolean {
    return this.isRestricted && this.options.isolate !== false;
  }

  /** The user containers run as under this profile, when it names one. */
  public get runAsUser(): number | undefined {
    return this.options.runAsUser;
  }

  /**
   * This profile, with `user` and `group` when it names none (how a preset gives its image's user).
   * @internal
   */
  public _withDefaultUser(user: number, group: number = user): SecurityProfile {
    if (!this.isRestricted || this.options.arbitraryUser === true) return this;
    return new SecurityProfile(true, {
      ...this.options,
      runAsUser: this.options.runAsUser ?? user,
      runAsGroup: this.options.runAsGroup ?? (this.options.runAsUser === undefined ? group : undefined),
    });
  }

  /** @internal */
  public _podSecurityContext(): k8s.PodSecurityContext | undefined {
    if (this.isAsBuilt) return { seccompProfile: { type: 'RuntimeDefault' } };
    if (!this.isRestricted) return undefined;
    if (this.options.arbitraryUser === true) return { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
    const runAsUser = this.options.runAsUser ?? DEFAULT_NON_ROOT_USER;
    return {
      runAsNonRoot: true,
      runAsUser,
      runAsGroup: this.options.runAsGroup ?? runAsUser,
      seccompProfile: { type: 'RuntimeDefault' },
    };
  }

  /**
   * A container's resources under this profile: with `cpuLimits`, a CPU request without a CPU
   * limit gets a limit equal to it; anything else as given (a limit the user set is kept).
   * @internal
   */
  public _containerResources(resources: ContainerResources): ContainerResources {
    let out = resources;
    const request = resources.requests?.cpu;
    if (this.setsCpuLimits && request !== undefined && resources.limits?.cpu === undefined) {
      out = { ...out, limits: { ...out.limits, cpu: request } };
    }
    // (a container that sets either keeps its own: a limit alone is also its request, Kubernetes' defaulting)
    if (this.setsEphemeralStorage && out.requests?.ephemeralStorage === undefined && out.limits?.ephemeralStorage === undefined) {
      out = {
        ...out,
        requests: { ...out.requests, ephemeralStorage: RESTRICTED_EPHEMERAL_STORAGE.request },
        limits: { ...out.limits, ephemeralStorage: RESTRICTED_EPHEMERAL_STORAGE.limit },
      };
    }
    return out;
  }

  /**
   * The container's security context: the profile's, with the container's own merged over it.
   * @internal
   */
  public _containerSecurityContext(own: k8s.SecurityContext | undefined): k8s.SecurityContext | undefined {
    if (!this.isRestricted) return own;
    return {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: this.options.readOnlyRootFilesystem ?? true,
      runAsNonRoot: true,
      // A field set to undefined keeps the profile's value.
      ...definedOnly(own ?? {}),
    };
  }
}
