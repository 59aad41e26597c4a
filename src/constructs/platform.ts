import { IConstruct } from 'constructs';
import { CapacityBudget } from '../core/checks/capacity-checks';
import { PlatformName } from '../core/settings';
import { brand, hasBrand } from '../core/util';
import { appPlatform, DECLARED_PLATFORM } from '../synth/app-checks';
import { ContainerResources, DEFAULT_RESOURCES } from '../values/container';
import { SecurityProfile } from '../values/security-profile';
import { ClusterCapacity } from './cluster-capacity';
import { PodDefaults, PodDefaultsProps } from './pod-defaults';

/**
 * The cluster minikube starts by default: one node of 2 CPUs (`minikube start`'s `--cpus`
 * default) and 2 GiB. minikube's memory default is computed: a quarter of the host's memory,
 * rounded to 100 MB, at least 2200 MiB and at most 6000 MiB; we budget 2 GiB, below its smallest
 * default, to leave the node's operating system and the kubelet's eviction threshold (100Mi)
 * their share. Reserved: what minikube's own pods request — kube-apiserver 250m,
 * kube-controller-manager 200m, kube-scheduler 100m, etcd 100m / 100Mi, CoreDNS 100m / 70Mi
 * (kubeadm's and CoreDNS's manifests; kube-proxy and the storage provisioner request nothing).
 * A kind cluster's node is the host itself, usually larger: this budget is the small end.
 * @see https://minikube.sigs.k8s.io/docs/commands/start/
 */
export const LOCAL_CAPACITY: CapacityBudget = Object.freeze({
  nodes: 1, cpu: '2', memory: '2Gi', reserved: Object.freeze({ cpu: '750m', memory: '170Mi' }),
});

/**
 * What `Platform.GKE_AUTOPILOT` gives every container that gives none: requests 250m CPU and
 * 512Mi, limits equal to them. GKE Autopilot bills a pod by its requests and gives a container
 * without any its general-purpose default, 0.5 vCPU and 2 GiB (so a pod of two such containers
 * is billed 1 vCPU and 4 GiB); it raises a request below its compute class's minimum. 250m and
 * 512Mi is the minimum Autopilot reports raising requests to on a cluster without bursting
 * (`adjusted requests for container "app" to meet minimum: {"cpu":"250m",…,"memory":"512Mi"}`),
 * so such a cluster keeps them as written; limits equal to the requests are what Autopilot
 * itself sets without bursting. The minimum depends on the cluster's version and the compute
 * class (with bursting the documented minimum is 50m CPU and 52 MiB): on such a cluster set
 * smaller requests with `PodDefaults.set` or per construct.
 * @see https://cloud.google.com/kubernetes-engine/docs/concepts/autopilot-resource-requests
 */
export const AUTOPILOT_RESOURCES: ContainerResources = Object.freeze({
  requests: Object.freeze({ cpu: '250m', memory: '512Mi' }),
  limits: Object.freeze({ cpu: '250m', memory: '512Mi' }),
});

/**
 * A named platform: the pod defaults and the cluster budget of a kind of cluster, applied to a
 * scope once ({@link Platform.applyTo}). The defaults go through {@link PodDefaults} (a pod
 * construct's own props still win), the budget through {@link ClusterCapacity}, and the
 * platform's name goes to the engine, which then runs the platform's admission checks (rule
 * `platform-admission`) over everything the app writes.
 */
export class Platform {
  /**
   * A small local cluster (minikube, kind), as the tutorial runs on: every container that gives
   * none requests the tutorial's small `DEFAULT_RESOURCES` (50m CPU, 64Mi; limit 128Mi), and
   * the app must fit {@link LOCAL_CAPACITY} (one node, 2 CPUs, 2 GiB, less what minikube's own
   * pods request). The images run as they were built (no security profile).
   * @see https://minikube.sigs.k8s.io/docs/start/
   * @see https://kind.sigs.k8s.io/docs/user/quick-start/
   */
  public static readonly LOCAL = new Platform('local', { resources: DEFAULT_RESOURCES }, LOCAL_CAPACITY);

  /**
   * OpenShift (4.11 and later, whose default SCC for pods is `restricted-v2`): every pod
   * construct that names no profile runs under `SecurityProfile.restricted({ arbitraryUser: true, isolate: false })`
   * — the Pod Security "restricted" level, which `restricted-v2` also demands (no privilege
   * escalation, capabilities drop `ALL`, seccomp `RuntimeDefault`, `runAsNonRoot`), without a
   * fixed `runAsUser` or `runAsGroup`: the SCC assigns a UID from the namespace's range with
   * group 0, and refuses a pod that names a user outside it. So the images must run as any user
   * with group 0: `NginxPod` runs `nginx-unprivileged` (its writable paths owned by group 0,
   * group-writable; `/tmp` and `/var/cache/nginx` are `emptyDir`s), `FlaskPod`'s image reads only
   * world-readable files. No pod isolation by the profile (`isolate: false`): OpenShift's DNS
   * runs in `openshift-dns`, not where the default isolation lets DNS out (`kube-system`,
   * `k8s-app: kube-dns`), so the pods could not resolve a name. No budget: an OpenShift
   * cluster's size is its own. The engine knows the platform and fails (rule
   * `platform-admission`) on a fixed `runAsUser` anywhere in the app's pods, which
   * `restricted-v2` refuses outside the namespace's range.
   * @see https://docs.openshift.com/container-platform/4.14/authentication/managing-security-context-constraints.html
   * @see https://docs.openshift.com/container-platform/4.14/openshift_images/create-images.html#use-uid_create-images
   */
  public static readonly OPENSHIFT = new Platform('openshift', { securityProfile: SecurityProfile.restricted({ arbitraryUser: true, isolate: false }) });

  /**
   * GKE Autopilot, so that its mutating webhooks leave the app's own containers as written and
   * it bills what you chose:
   * - `resources`: {@link AUTOPILOT_RESOURCES} (requests 250m CPU and 512Mi, limits equal) for
   *   every container that gives none (a preset's main container, `AppPod`'s containers and
   *   init containers), instead of Autopilot's default of 0.5 vCPU and 2 GiB per container
   *   (billed by requests). 250m / 512Mi is the minimum Autopilot raises requests to on a
   *   cluster without bursting; on a cluster with bursting (a lower minimum, 50m CPU and 52 MiB
   *   in the documentation) set smaller requests with `PodDefaults.set` or per construct. The
   *   busybox helpers keep their `HELPER_RESOURCES` (10m / 16Mi), which Autopilot may raise to
   *   its minimum (it changes the request; it does not refuse the pod). No ephemeral storage is
   *   written: Autopilot gives each container its default (1 GiB).
   * - `securityProfile`: `SecurityProfile.AS_BUILT` for every pod construct that names none:
   *   seccomp `RuntimeDefault` on the pod (`AppPod`'s too), and on a preset's known image and its
   *   busybox helpers no privilege escalation and the capabilities the image does not use
   *   dropped (`NET_RAW` among them). `AppPod`'s containers keep their own security context.
   *
   * No budget: Autopilot provisions nodes for the pods (a ResourceQuota the app writes is still
   * checked, rule `capacity`). The engine knows the platform and fails (rule
   * `platform-admission`) on what Autopilot's admission refuses by default: a privileged
   * container, a capability added beyond Autopilot's list (or `NET_RAW`), `hostNetwork`,
   * `hostPID` or `hostIPC`, and a `hostPort`. Requests below Autopilot's minimum are no problem:
   * Autopilot raises them.
   * @see https://cloud.google.com/kubernetes-engine/docs/concepts/autopilot-resource-requests
   * @see https://cloud.google.com/kubernetes-engine/docs/concepts/autopilot-security
   * @see https://cloud.google.com/kubernetes-engine/docs/concepts/about-autopilot-privileged-workloads
   * @see https://cloud.google.com/kubernetes-engine/docs/concepts/run-autopilot-open-source-workloads
   */
  public static readonly GKE_AUTOPILOT = new Platform('gke-autopilot', { resources: AUTOPILOT_RESOURCES, securityProfile: SecurityProfile.AS_BUILT });

  /** Whether `x` is a Platform of any copy of this package. */
  public static isPlatform(x: unknown): x is Platform {
    return hasBrand(x, 'Platform');
  }

  /**
   * The platform the app that holds `scope` is for: the one the context value
   * `cdk8s-pods-services:platform` (`PLATFORM_CONTEXT`) names, else the last one applied to a
   * scope of the app, else undefined. Fails on a malformed context value.
   */
  public static of(scope: IConstruct): Platform | undefined {
    const name = appPlatform(scope);
    return [Platform.LOCAL, Platform.OPENSHIFT, Platform.GKE_AUTOPILOT].find(p => p.name === name);
  }

  private constructor(
    /** The platform's name, as the context value and the plugin's `platform` property name it. */
    public readonly name: PlatformName,
    /** The pod defaults it sets. */
    public readonly podDefaults: PodDefaultsProps,
    /** The cluster budget it declares, when it has one. */
    public readonly capacity?: CapacityBudget,
  ) {
    brand(this, 'Platform');
  }

  /**
   * Sets the platform's pod defaults on `scope` (before its pods: see {@link PodDefaults.set}),
   * declares its budget for the app that holds `scope`, and records the platform for the app's
   * checks (one per app: a later `applyTo` of another platform replaces it; the context value
   * `cdk8s-pods-services:platform` wins over both).
   */
  public applyTo(scope: IConstruct): void {
    PodDefaults.set(scope, this.podDefaults);
    if (this.capacity !== undefined) ClusterCapacity.declare(scope, this.capacity);
    (scope.node.root as { [DECLARED_PLATFORM]?: PlatformName })[DECLARED_PLATFORM] = this.name;
  }
}
