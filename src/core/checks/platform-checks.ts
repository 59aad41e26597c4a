/**
 * What a platform's admission refuses that Kubernetes itself accepts, when the app or the plugin
 * names the platform (`Platform.applyTo`, the `cdk8s-pods-services:platform` context value, the
 * plugin's `platform` property). Run on the written manifests, so hand-written YAML judged by the
 * plugin gets them too.
 *
 * GKE Autopilot: its admission webhooks (GKE Warden) refuse a privileged container, a capability
 * added beyond its list (and `NET_RAW`), the host's network, PID or IPC namespace, a host port,
 * and a hostPath volume mounted in write mode or outside `/var/log/`, unless a WorkloadAllowlist
 * admits the workload. What Autopilot only changes (requests below a compute class's minimum,
 * which it raises; containers without requests, which it defaults) is no problem here: the pod
 * runs, and is billed for what Autopilot set.
 *
 * OpenShift: its default SCC for pods (`restricted-v2`, 4.11 and later) refuses a privileged
 * container, privilege escalation, a capability added other than `NET_BIND_SERVICE`, the host's
 * namespaces, a host port, a volume type outside its list (so `hostPath`), a seccomp profile other
 * than `RuntimeDefault`, and a fixed `runAsUser` or `fsGroup` outside the namespace's ranges, which
 * the manifests cannot know. The local platform has no checks.
 */
import type { ObjectReporter } from '../rule';
import type { Json, KubeObject, ManifestModel, PodSource} from '../manifest';
import { array, record, str } from '../manifest';
import type { PlatformName } from '../settings';

/** Options of {@link checkPlatform}. */
export interface PlatformOptions {
  /**
   * The platform the manifests are for.
   * @default - none: no platform's checks
   */
  readonly platform?: PlatformName;
}

/**
 * The capabilities GKE Autopilot's `autogke-default-linux-capabilities` policy lets a container
 * add, as its refusals list them, less `NET_RAW`, which Autopilot's documentation says it now
 * refuses by default (refusals of older Autopilot versions still listed `NET_RAW` as allowed). A
 * name is compared as written (Autopilot refused `CAP_CHOWN` while allowing `CHOWN`).
 * @see https://cloud.google.com/kubernetes-engine/docs/concepts/autopilot-security
 * @see https://cloud.google.com/kubernetes-engine/docs/concepts/run-autopilot-open-source-workloads
 */
export const AUTOPILOT_ALLOWED_CAPABILITIES: readonly string[] = Object.freeze(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL',
  'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT', 'SYS_PTRACE']);

/**
 * The host path prefix GKE Autopilot lets a hostPath volume use, read-only (policy
 * `autogke-no-write-mode-hostpath`: "Allowed path prefixes for hostPath volumes are: [/var/log/]",
 * in Autopilot's refusals; its documentation said "using hostPath volumes in write mode is
 * prohibited, while using hostPath volumes in read mode is allowed only for /var/log/ path
 * prefixes"). The path `/var/log` itself is let through: whether Autopilot takes it is not known.
 * @see https://github.com/vectordotdev/helm-charts/issues/269
 * @see https://github.com/grafana/helm-charts/issues/447
 */
export const AUTOPILOT_HOST_PATH_PREFIX = '/var/log/';

/**
 * The capabilities OpenShift's `restricted-v2` SCC lets a container add (its
 * `allowedCapabilities`; it also drops `ALL`). A name is compared as written.
 * @see https://docs.openshift.com/container-platform/4.14/authentication/managing-security-context-constraints.html
 */
export const OPENSHIFT_ALLOWED_CAPABILITIES: readonly string[] = Object.freeze(['NET_BIND_SERVICE']);

/**
 * The volume types OpenShift's `restricted-v2` SCC allows (its `volumes`, OpenShift 4.13 to 4.16:
 * Kubernetes 1.26 to 1.29). 4.11 allowed neither `csi` nor `ephemeral`, 4.12 not `csi`; no host
 * directory (`allowHostDirVolumePlugin: false`).
 * @see https://github.com/openshift/cluster-kube-apiserver-operator/blob/release-4.15/bindata/bootkube/scc-manifests/0000_20_kube-apiserver-operator_00_scc-restricted-v2.yaml
 */
export const OPENSHIFT_ALLOWED_VOLUMES: readonly string[] = Object.freeze(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);

/** Every pod source's spec against the platform's admission; nothing when no platform is named. */
export function checkPlatform(model: ManifestModel, about: (object: KubeObject) => ObjectReporter, options: PlatformOptions = {}): void {
  const check = options.platform === 'gke-autopilot' ? checkAutopilot : options.platform === 'openshift' ? checkOpenShift : undefined;
  if (check === undefined) return;
  for (const pod of model.pods) check(pod, about(pod.object));
}

/** One container of a pod spec, with the path of its fields. */
interface ContainerAt {
  readonly container: Json;
  readonly securityContext: Json;
  /** The path of one of its fields: `spec.containers[1].securityContext.privileged`. */
  field(f: string): string;
}

/** The init containers, then the app containers, of a pod source. */
function containersOf(pod: PodSource): ContainerAt[] {
  return ['initContainers', 'containers'].flatMap(list => array(pod.spec[list]).map((item, i) => {
    const container = record(item);
    return { container, securityContext: record(container.securityContext), field: (f: string) => `${pod.template}spec.${list}[${i}].${f}` };
  }));
}

/** How a platform's problems are worded: who refuses, and the way around it. */
interface Admission {
  /** Who refuses: "Autopilot", "OpenShift's restricted-v2 SCC". */
  readonly who: string;
  /** The policy that refuses something (a host namespace by its field), as the platform names it, for `allowed`. */
  policy(what: 'privileged' | 'hostNetwork' | 'hostPID' | 'hostIPC' | 'hostPort'): string;
  /** The end of every fix: how a workload that needs it gets in. */
  readonly otherwise: string;
}

const AUTOPILOT: Admission = {
  who: 'Autopilot',
  policy: what => `policy ${what === 'privileged' ? 'autogke-disallow-privilege' : what === 'hostPort' ? 'autogke-no-host-port' : 'autogke-disallow-hostnamespaces'}`,
  otherwise: 'Autopilot refuses it unless a WorkloadAllowlist admits the workload (a GKE partner\'s privileged workload)',
};

const OPENSHIFT: Admission = {
  who: 'OpenShift\'s restricted-v2 SCC',
  policy: what => `${what === 'privileged' ? 'allowPrivilegedContainer' : what === 'hostPort' ? 'allowHostPorts' : `allow${what[0].toUpperCase()}${what.slice(1)}`}: false`,
  otherwise: 'or grant the pod\'s ServiceAccount an SCC that allows it (oc adm policy add-scc-to-user <scc> -z <serviceaccount>) and skip this rule',
};

/** What both platforms refuse alike: the host's namespaces, a privileged container, a host port. */
function checkHostAccess(pod: PodSource, r: ObjectReporter, a: Admission): void {
  for (const ns of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (pod.spec[ns] === true) {
      r.add(`${pod.template}spec.${ns}`, true, `false or unset: ${a.who} does not let a pod use the node's ${ns.slice(4)} namespace (${a.policy(ns)})`,
        `drop ${ns}${ns === 'hostNetwork' ? ' and reach the pod through a Service' : ''}; ${a.otherwise}`);
    }
  }
  for (const c of containersOf(pod)) {
    if (c.securityContext.privileged === true) {
      r.add(c.field('securityContext.privileged'), true, `false or unset: ${a.who} refuses a privileged container (${a.policy('privileged')})`,
        `drop privileged (add only the capabilities the image needs); ${a.otherwise}`);
    }
    array(c.container.ports).forEach((p, j) => {
      const hostPort = record(p).hostPort;
      if (hostPort !== undefined && hostPort !== 0) {
        r.add(c.field(`ports[${j}].hostPort`), hostPort, `unset: ${a.who} refuses a host port (${a.policy('hostPort')})`,
          `drop hostPort and reach the pod through a Service (a NodePort or LoadBalancer Service for traffic from outside the cluster); ${a.otherwise}`);
      }
    });
  }
}

/** Each capability a container adds beyond `allowed`. */
function checkCapabilities(c: ContainerAt, r: ObjectReporter, allowed: readonly string[], describe: (cap: unknown) => string, fix: string): void {
  array(record(c.securityContext.capabilities).add).forEach((cap, j) => {
    if (typeof cap === 'string' && allowed.includes(cap)) return;
    r.add(c.field(`securityContext.capabilities.add[${j}]`), cap, describe(cap), fix);
  });
}

/**
 * What OpenShift's default SCC for pods, `restricted-v2` (4.11 and later), refuses that the
 * manifests show, on the pod and every container and init container:
 * - `privileged: true` (`allowPrivilegedContainer: false`), `allowPrivilegeEscalation: true`
 *   (`allowPrivilegeEscalation: false`), a capability added other than `NET_BIND_SERVICE`
 *   ({@link OPENSHIFT_ALLOWED_CAPABILITIES});
 * - `hostNetwork`, `hostPID`, `hostIPC`, a `hostPort`;
 * - a volume of a type outside {@link OPENSHIFT_ALLOWED_VOLUMES} (`hostPath`, `nfs`, …);
 * - a seccomp profile other than `RuntimeDefault` (`Unconfined`, `Localhost`), on the pod or a
 *   container (the SCC allows `runtime/default` only, and sets it where none is written);
 * - a fixed `runAsUser` (strategy `MustRunAsRange`) or `fsGroup` (`MustRunAs`): the SCC takes the
 *   user from the namespace's range (annotation `openshift.io/sa.scc.uid-range`) and the group
 *   from its supplemental groups (`openshift.io/sa.scc.supplemental-groups`), given when the
 *   namespace is made, and refuses a value outside them; the manifests cannot know those ranges,
 *   and a value inside one namespace's range is outside every other's.
 * A ServiceAccount granted another SCC may do these: then skip the rule. Not checked: the old
 * seccomp annotations, SELinux options.
 * @see https://docs.openshift.com/container-platform/4.14/authentication/managing-security-context-constraints.html
 * @see https://github.com/openshift/cluster-kube-apiserver-operator/blob/release-4.15/bindata/bootkube/scc-manifests/0000_20_kube-apiserver-operator_00_scc-restricted-v2.yaml
 */
function checkOpenShift(pod: PodSource, r: ObjectReporter): void {
  const spec = pod.spec;
  const at = (f: string) => `${pod.template}spec.${f}`;
  const range = (field: string, value: unknown, what: string, annotation: string, drop: string) => r.add(field, value,
    `unset on OpenShift: the restricted-v2 SCC assigns each pod ${what} from its namespace's range (annotation ${annotation}) and refuses one outside it, a range these manifests cannot know`,
    `${drop}, or grant the pod's ServiceAccount an SCC that admits it and skip this rule`);
  const dropUser = 'drop runAsUser (SecurityProfile.restricted({ arbitraryUser: true }), as Platform.OPENSHIFT sets, writes none)';
  const seccomp = (field: string, sc: Json) => {
    const type = str(record(sc.seccompProfile).type);
    if (type !== undefined && type !== 'RuntimeDefault') {
      r.add(field, type, 'RuntimeDefault or unset: the restricted-v2 SCC allows the runtime/default seccomp profile only (and sets it where none is written)',
        `write RuntimeDefault or nothing; ${OPENSHIFT.otherwise}`);
    }
  };

  checkHostAccess(pod, r, OPENSHIFT);
  const podSc = record(spec.securityContext);
  if (podSc.runAsUser !== undefined) range(at('securityContext.runAsUser'), podSc.runAsUser, 'a user', 'openshift.io/sa.scc.uid-range', dropUser);
  if (podSc.fsGroup !== undefined) range(at('securityContext.fsGroup'), podSc.fsGroup, 'an fsGroup', 'openshift.io/sa.scc.supplemental-groups', 'drop fsGroup (the SCC sets one from the range)');
  seccomp(at('securityContext.seccompProfile.type'), podSc);
  array(spec.volumes).forEach((v, k) => {
    for (const type of Object.keys(record(v)).filter(key => key !== 'name')) {
      if (OPENSHIFT_ALLOWED_VOLUMES.includes(type)) continue;
      r.add(at(`volumes[${k}].${type}`), record(v)[type],
        `a volume type the restricted-v2 SCC allows: ${OPENSHIFT_ALLOWED_VOLUMES.join(', ')}${type === 'hostPath' ? ' (no host directory: allowHostDirVolumePlugin is false)' : ''}`,
        `use one of those (a PersistentVolumeClaim for storage, an emptyDir for scratch space), ${OPENSHIFT.otherwise}`);
    }
  });
  for (const c of containersOf(pod)) {
    const sc = c.securityContext;
    if (sc.allowPrivilegeEscalation === true) {
      r.add(c.field('securityContext.allowPrivilegeEscalation'), true, 'false or unset: the restricted-v2 SCC refuses privilege escalation (allowPrivilegeEscalation: false)',
        `drop it (setuid binaries such as sudo then stop working); ${OPENSHIFT.otherwise}`);
    }
    checkCapabilities(c, r, OPENSHIFT_ALLOWED_CAPABILITIES,
      () => `a capability the restricted-v2 SCC lets a container add: ${OPENSHIFT_ALLOWED_CAPABILITIES.join(', ')} (allowedCapabilities; it drops ALL others)`,
      `drop the capability; ${OPENSHIFT.otherwise}`);
    if (sc.runAsUser !== undefined) range(c.field('securityContext.runAsUser'), sc.runAsUser, 'a user', 'openshift.io/sa.scc.uid-range', dropUser);
    seccomp(c.field('securityContext.seccompProfile.type'), sc);
  }
}

/**
 * What GKE Autopilot's default admission policies refuse in one pod spec: `privileged`
 * containers, added capabilities beyond {@link AUTOPILOT_ALLOWED_CAPABILITIES}, `hostNetwork`,
 * `hostPID`, `hostIPC`, `hostPort`s, and hostPath volumes a container mounts in write mode (not
 * `readOnly: true`) or whose path is outside `/var/log/` (policy `autogke-no-write-mode-hostpath`,
 * as Autopilot's refusals word it, see {@link AUTOPILOT_HOST_PATH_PREFIX}). A hostPath volume no
 * container mounts is not judged (Autopilot's refusals name the container that mounts it).
 * @see https://cloud.google.com/kubernetes-engine/docs/concepts/about-autopilot-privileged-workloads
 * @see https://cloud.google.com/kubernetes-engine/docs/concepts/run-autopilot-open-source-workloads
 */
function checkAutopilot(pod: PodSource, r: ObjectReporter): void {
  checkHostAccess(pod, r, AUTOPILOT);
  const hostPaths = new Map<string, { index: number; path: unknown }>();
  array(pod.spec.volumes).forEach((v, index) => {
    const volume = record(v);
    if (typeof volume.name === 'string' && volume.hostPath !== undefined) hostPaths.set(volume.name, { index, path: record(volume.hostPath).path });
  });
  const mounted = new Set<number>();
  for (const c of containersOf(pod)) {
    checkCapabilities(c, r, AUTOPILOT_ALLOWED_CAPABILITIES,
      cap => `a capability Autopilot lets a container add: ${AUTOPILOT_ALLOWED_CAPABILITIES.join(', ')} (policy autogke-default-linux-capabilities${cap === 'NET_RAW'
        ? '; NET_RAW is refused by default, see https://cloud.google.com/kubernetes-engine/docs/concepts/run-autopilot-open-source-workloads, though older Autopilot versions allowed it and their refusals still list it'
        : ''})`,
      `drop the capability; ${AUTOPILOT.otherwise}`);
    array(c.container.volumeMounts).forEach((m, j) => {
      const mount = record(m);
      const volume = typeof mount.name === 'string' ? hostPaths.get(mount.name) : undefined;
      if (volume === undefined) return;
      mounted.add(volume.index);
      if (mount.readOnly !== true) {
        r.add(c.field(`volumeMounts[${j}].readOnly`), mount.readOnly, 'true: Autopilot refuses a hostPath volume mounted in write mode (policy autogke-no-write-mode-hostpath)',
          `mount it readOnly: true, or keep what the pod writes in an emptyDir or a PersistentVolumeClaim; ${AUTOPILOT.otherwise}`);
      }
    });
  }
  for (const { index, path } of hostPaths.values()) {
    if (!mounted.has(index) || (typeof path === 'string' && (path === '/var/log' || path.startsWith(AUTOPILOT_HOST_PATH_PREFIX)))) continue;
    r.add(`${pod.template}spec.volumes[${index}].hostPath.path`, path,
      `a path under ${AUTOPILOT_HOST_PATH_PREFIX}: Autopilot lets a pod mount only the node's logs, read-only (policy autogke-no-write-mode-hostpath)`,
      `read the logs under ${AUTOPILOT_HOST_PATH_PREFIX} only, or use an emptyDir or a PersistentVolumeClaim; ${AUTOPILOT.otherwise}`);
  }
}
