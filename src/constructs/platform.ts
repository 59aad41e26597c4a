import { IConstruct } from 'constructs';
import { CapacityBudget } from '../core/checks/capacity-checks';
import { brand, hasBrand } from '../core/util';
import { DEFAULT_RESOURCES } from '../values/container';
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
 * A named platform: the pod defaults and the cluster budget of a kind of cluster, applied to a
 * scope once ({@link Platform.applyTo}). The defaults go through {@link PodDefaults} (a pod
 * construct's own props still win), the budget through {@link ClusterCapacity}.
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
   * cluster's size is its own.
   * @see https://docs.openshift.com/container-platform/4.14/authentication/managing-security-context-constraints.html
   * @see https://docs.openshift.com/container-platform/4.14/openshift_images/create-images.html#use-uid_create-images
   */
  public static readonly OPENSHIFT = new Platform('openshift', { securityProfile: SecurityProfile.restricted({ arbitraryUser: true, isolate: false }) });

  /** Whether `x` is a Platform of any copy of this package. */
  public static isPlatform(x: unknown): x is Platform {
    return hasBrand(x, 'Platform');
  }

  private constructor(
    /** The platform's name. */
    public readonly name: string,
    /** The pod defaults it sets. */
    public readonly podDefaults: PodDefaultsProps,
    /** The cluster budget it declares, when it has one. */
    public readonly capacity?: CapacityBudget,
  ) {
    brand(this, 'Platform');
  }

  /**
   * Sets the platform's pod defaults on `scope` (before its pods: see {@link PodDefaults.set})
   * and declares its budget for the app that holds `scope`.
   */
  public applyTo(scope: IConstruct): void {
    PodDefaults.set(scope, this.podDefaults);
    if (this.capacity !== undefined) ClusterCapacity.declare(scope, this.capacity);
  }
}
