import type { IConstruct } from 'constructs';
import { Construct } from 'constructs';
import type { CapacityBudget } from '../core/checks/capacity-checks';
import { ProblemCollector } from '../core/problems';
import type { PlatformName } from '../core/settings';
import { brand, hasBrand } from '../core/util';
import { appPlatform, DECLARED_KUBERNETES_VERSION, DECLARED_PLATFORM, judgedAtSynth } from '../synth/app-checks';
import type { KubernetesVersion } from '../core/versions';
import { parseKubernetesVersion } from '../core/version-setting';
import type { ContainerResources } from '../values/container';
import { DEFAULT_RESOURCES } from '../values/container';
import { SecurityProfile } from '../values/security-profile';
import { ClusterCapacity } from './cluster-capacity';
import type { PodDefaultsProps } from './pod-defaults';
import { setPodDefaults } from './pod-defaults';

/** Where `applyTo` marks the scope it applied a platform to (shared across copies of the package). */
const APPLIED = Symbol.for('cdk8s-pods-services.Platform.applied');

/** The constant that names each platform, for messages. */
const CONSTANTS: { readonly [name in PlatformName]: string } = { 'local': 'Platform.LOCAL', 'openshift': 'Platform.OPENSHIFT', 'gke-autopilot': 'Platform.GKE_AUTOPILOT' };

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
 * A named platform: the pod defaults and the cluster budget of a kind of cluster, applied once
 * per app ({@link Platform.applyTo}), at the App, before its pods. The defaults go through
 * {@link PodDefaults} (a pod construct's own props still win), the budget through
 * {@link ClusterCapacity}, and the platform's name goes to the engine, which then runs the
 * platform's admission checks (rule `platform-admission`) over everything the app writes.
 *
 * The context value `cdk8s-pods-services:platform` (`PLATFORM_CONTEXT`) is not the same: it is
 * read when the app is validated, after its pods were made, so it only chooses which platform's
 * admission checks the engine runs (over the one applied in code, if any); it sets no pod
 * defaults and declares no budget. For those, call `applyTo` (or set the same fields with
 * `PodDefaults.set` and `ClusterCapacity.declare`).
 */
export class Platform {
  /**
   * A small local cluster (minikube, kind), as the tutorial runs on: every container that gives
   * none requests the tutorial's small `DEFAULT_RESOURCES` (50m CPU, 64Mi; limit 128Mi), and
   * the app must fit {@link LOCAL_CAPACITY} (one node, 2 CPUs, 2 GiB, less what minikube's own
   * pods request). No security profile: each pod construct keeps its own default (`AppPod`
   * SecurityProfile.NONE, the presets SecurityProfile.AS_BUILT).
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
   * `platform-admission`) on what `restricted-v2` refuses anywhere in the app's pods: a
   * privileged container, `allowPrivilegeEscalation: true`, a capability added other than
   * `NET_BIND_SERVICE`, `hostNetwork`/`hostPID`/`hostIPC`, a `hostPort`, a volume type outside
   * the SCC's list (`OPENSHIFT_ALLOWED_VOLUMES`: no `hostPath`), a seccomp profile other than
   * `RuntimeDefault`, and a fixed `runAsUser` or `fsGroup`, which the SCC assigns from the
   * namespace's ranges.
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
   * container, a capability added beyond Autopilot's list (or `NET_RAW`, which older Autopilot
   * versions allowed), `hostNetwork`, `hostPID` or `hostIPC`, a `hostPort`, and a hostPath
   * volume mounted in write mode or outside `/var/log/`. Requests below Autopilot's minimum are
   * no problem: Autopilot raises them.
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
   * The platform whose admission checks the engine runs for the app that holds `scope`: the one
   * the context value `cdk8s-pods-services:platform` (`PLATFORM_CONTEXT`) names, else the one
   * applied to a scope of the app, else undefined. Fails on a malformed context value.
   */
  public static of(scope: IConstruct): Platform | undefined {
    if (!Construct.isConstruct(scope)) {
      const problems = new ProblemCollector('Platform.of()');
      problems.add('props', 'scope', scope, 'a construct (an App, a Chart or any construct below them)');
      problems.throwIfAny();
    }
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
   * Sets the platform's pod defaults on `scope`, declares its budget for the app that holds
   * `scope`, and records the platform for the app's admission checks. One platform per app:
   * apply it at the App, right after creating it, before its pods (they read the defaults when
   * they are made). Applying it again where it applies already does nothing; applying it after
   * pod constructs exist below `scope` fails (rule `pod-defaults`), and so does applying another
   * platform to any scope of an app that has one (rule `one-platform`): their defaults and
   * budgets would mix. The context value `cdk8s-pods-services:platform` only chooses the
   * admission checks (see {@link Platform}).
   */
  public applyTo(scope: IConstruct, options: PlatformApplyOptions = {}): void {
    const constant = CONSTANTS[this.name];
    const call = `${constant}.applyTo()`;
    const version = (options as PlatformApplyOptions | undefined)?.kubernetesVersion;
    if (version !== undefined) parseKubernetesVersion(version, call, 'kubernetesVersion');
    if (!Construct.isConstruct(scope)) {
      const problems = new ProblemCollector(call);
      problems.add('props', 'scope', scope, 'a construct: the App (or a scope of it) whose pod constructs get the platform\'s defaults', `${constant}.applyTo(app), right after new App()`);
      problems.throwIfAny();
    }
    const root = scope.node.root as { [DECLARED_PLATFORM]?: string };
    const declared = root[DECLARED_PLATFORM];
    if (declared !== undefined && declared !== this.name) {
      const problems = new ProblemCollector(`${scope.node.path || '<app>'} (${constant})`);
      const other = CONSTANTS[declared as PlatformName] ?? JSON.stringify(declared);
      problems.add('one-platform', 'platform', this.name,
        `the app's platform, ${other}, applied already: one platform per app (${constant}'s pod defaults and budget would mix with ${other}'s)`,
        `apply one platform, at the app, before its pods: keep ${other}.applyTo(app) or ${constant}.applyTo(app), not both`);
      problems.throwIfAny();
    }
    if (declared === this.name && [...scope.node.scopes].some(s => (s as { [APPLIED]?: string })[APPLIED] === this.name)) return;
    setPodDefaults(scope, this.podDefaults, {
      name: constant, call, done: `${constant} applied`,
      fix: `call ${constant}.applyTo(app) right after creating the app, before its pods`,
    });
    if (this.capacity !== undefined) ClusterCapacity.declare(scope, this.capacity);
    (scope as { [APPLIED]?: string })[APPLIED] = this.name;
    root[DECLARED_PLATFORM] = this.name;
    if (version !== undefined) (root as { [DECLARED_KUBERNETES_VERSION]?: string })[DECLARED_KUBERNETES_VERSION] = version;
    // the platform's admission judges every object the app writes, ours or not
    judgedAtSynth(scope);
  }
}

/** Options of {@link Platform.applyTo}. */
export interface PlatformApplyOptions {
  /**
   * The Kubernetes minor of the platform's clusters the app is for (the oldest it must run on):
   * what the pods write and the rules the engine runs follow it. The context value
   * `cdk8s-pods-services:kubernetesVersion` wins over it.
   * @default - the context value's, else DEFAULT_KUBERNETES_VERSION ('1.35')
   */
  readonly kubernetesVersion?: KubernetesVersion;
}
