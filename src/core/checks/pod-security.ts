/**
 * The Pod Security Standards, "restricted" level (which includes "baseline"), as the Pod
 * Security admission checks a pod spec (`k8s.io/pod-security-admission`,
 * policy version "latest"). The test suite compares this with the admission library itself.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
import type { Json } from '../manifest';
import { array, record, str } from '../manifest';
import type { KubernetesVersion } from '../versions';
import { atLeast, DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS } from '../versions';

/** One thing in a pod spec that breaks the level. */
export interface SecurityViolation {
  /** The field, relative to the pod spec (`containers[0].securityContext.allowPrivilegeEscalation`). */
  readonly field: string;
  /** The value found. */
  readonly value: unknown;
  /** What the level allows. */
  readonly allowed: string;
  /** The lowest level it breaks: `baseline` (and so `restricted` too), or `restricted` only. */
  readonly level: 'baseline' | 'restricted';
}

/** A Pod Security Standards level, as the `pod-security.kubernetes.io/*` namespace labels name it. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** The capabilities the "baseline" level lets a container add. */
export const BASELINE_CAPABILITIES = ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'];

/** What in a pod breaks the level (`privileged`: nothing). */
export function podSecurityViolations(level: PodSecurityLevel, annotations: Json, spec: Json): SecurityViolation[] {
  if (level === 'privileged') return [];
  const all = restrictedViolations(annotations, spec);
  return level === 'restricted' ? all : all.filter(v => v.level === 'baseline');
}

const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
/**
 * The sysctls the Pod Security Standards (baseline and restricted) allow, by the minor that added
 * them; the kubelet's own safe list (pkg/kubelet/sysctl/safe_sysctls.go) grew the same way.
 * k8s.io/pod-security-admission policy/check_sysctls.go: sysctlsAllowedV1Dot0 … V1Dot37.
 */
const SAFE_SYSCTLS_SINCE: ReadonlyArray<readonly [KubernetesVersion, readonly string[]]> = [
  ['1.28', ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start',
    'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports']],
  ['1.29', ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes']],
  ['1.32', ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
  ['1.37', ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']],
];

/** The sysctls safe at a minor: those of every minor up to it. */
function safeAt(target: KubernetesVersion): readonly string[] {
  return SAFE_SYSCTLS_SINCE.filter(([since]) => atLeast(target, since)).flatMap(([, names]) => names);
}

/** The safe sysctls at each known minor (read at every pod spec that the sysctl checks judge). */
const SAFE_SYSCTLS_AT: ReadonlyMap<KubernetesVersion, readonly string[]> = new Map(KUBERNETES_VERSIONS.map(v => [v, safeAt(v)]));

/** The safe sysctls at the target minor (those of the Pod Security Standards at that version). */
export function safeSysctls(target: KubernetesVersion = DEFAULT_KUBERNETES_VERSION): readonly string[] {
  return SAFE_SYSCTLS_AT.get(target) ?? safeAt(target);
}

/** The minor from which a sysctl is safe, when some known minor makes it so. */
export function safeSysctlSince(name: string): KubernetesVersion | undefined {
  return SAFE_SYSCTLS_SINCE.find(([, names]) => names.includes(name))?.[0];
}

/** The safe sysctls at the default target. */
export const SAFE_SYSCTLS: readonly string[] = safeSysctls();
const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];
const SECCOMP_OK = ['RuntimeDefault', 'Localhost'];
/** The AppArmor profile types the baseline level allows in `securityContext.appArmorProfile` (policy/check_appArmorProfile.go). */
const APPARMOR_OK = ['RuntimeDefault', 'Localhost'];
/**
 * The minor from which the Pod Security Standards relax runAsNonRoot, runAsUser and procMount
 * for a pod in a user namespace of its own (`hostUsers: false`): policy versions 1.35 of
 * check_runAsNonRoot.go, check_runAsUser.go and check_procMount_baseline.go.
 */
const USER_NAMESPACE_RELAXED_FROM: KubernetesVersion = '1.35';
const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/**
 * What in a pod (its template's annotations and spec) breaks the "restricted" level; empty when
 * it meets it.
 */
export function restrictedViolations(annotations: Json, spec: Json, target: KubernetesVersion = DEFAULT_KUBERNETES_VERSION): SecurityViolation[] {
  const safe = safeSysctls(target);
  const found: SecurityViolation[] = [];
  const add = (field: string, value: unknown, allowed: string) => found.push({ field, value, allowed, level: 'baseline' });
  const restricted = (field: string, value: unknown, allowed: string) => found.push({ field, value, allowed, level: 'restricted' });
  const podSc = record(spec.securityContext);
  const containers: Array<[string, Json]> = [];
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    array(spec[list]).forEach((c, i) => containers.push([`${list}[${i}]`, record(c)]));
  }

  // Baseline.
  for (const ns of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[ns] === true) add(ns, true, 'false or unset');
  if (record(podSc.windowsOptions).hostProcess === true) add('securityContext.windowsOptions.hostProcess', true, 'false or unset');
  array(spec.volumes).forEach((v, i) => {
    const volume = record(v);
    const type = Object.keys(volume).find(k => k !== 'name');
    // (a hostPath volume breaks both levels: one problem, the baseline's)
    if (volume.hostPath !== undefined) add(`volumes[${i}].hostPath`, volume.hostPath, 'no hostPath volumes');
    else if (type !== undefined && !RESTRICTED_VOLUMES.includes(type)) restricted(`volumes[${i}]`, type, `a volume of type ${RESTRICTED_VOLUMES.join(', ')}`);
  });
  for (const [key, value] of Object.entries(annotations)) {
    if (key.startsWith(APPARMOR_PREFIX) && value !== '' && value !== 'runtime/default' && !(typeof value === 'string' && value.startsWith('localhost/'))) {
      add(`metadata.annotations[${JSON.stringify(key)}]`, value, '"runtime/default" or "localhost/<profile>"');
    }
  }
  const appArmor = (at: string, sc: Json) => {
    if (sc.appArmorProfile === undefined || sc.appArmorProfile === null) return;
    const type = record(sc.appArmorProfile).type;
    if (!APPARMOR_OK.includes(type as string)) add(`${at}.appArmorProfile.type`, type, 'RuntimeDefault or Localhost');
  };
  appArmor('securityContext', podSc);
  checkSeLinux('securityContext', record(podSc.seLinuxOptions), add);
  array(podSc.sysctls).forEach((s, i) => {
    const name = record(s).name;
    if (safe.includes(name as string)) return;
    const since = typeof name === 'string' ? safeSysctlSince(name) : undefined;
    add(`securityContext.sysctls[${i}].name`, name, `a safe sysctl at Kubernetes ${target} (${safe.join(', ')})${since !== undefined ? `; ${String(name)} is safe from ${since}` : ''}`);
  });

  // Restricted, pod level (an Unconfined seccomp profile breaks the baseline already).
  const podSeccomp = str(record(podSc.seccompProfile).type);
  if (podSeccomp !== undefined && !SECCOMP_OK.includes(podSeccomp)) add('securityContext.seccompProfile.type', podSeccomp, 'RuntimeDefault or Localhost');
  // (from 1.35 a pod with hostUsers: false may run as root: root in its user namespace is no user of the node)
  const userNamespace = spec.hostUsers === false && atLeast(target, USER_NAMESPACE_RELAXED_FROM);
  if (podSc.runAsNonRoot === false && !userNamespace) restricted('securityContext.runAsNonRoot', false, 'true');
  if (podSc.runAsUser === 0 && !userNamespace) restricted('securityContext.runAsUser', 0, 'a non-root user (not 0)');

  for (const [at, c] of containers) {
    const sc = record(c.securityContext);
    const field = (f: string) => `${at}.securityContext.${f}`;
    if (sc.privileged === true) add(field('privileged'), true, 'false or unset');
    if (record(sc.windowsOptions).hostProcess === true) add(field('windowsOptions.hostProcess'), true, 'false or unset');
    if (sc.procMount !== undefined && sc.procMount !== 'Default' && !userNamespace) add(field('procMount'), sc.procMount, 'Default or unset');
    appArmor(`${at}.securityContext`, sc);
    checkSeLinux(`${at}.securityContext`, record(sc.seLinuxOptions), add);
    array(c.ports).forEach((p, i) => {
      const hostPort = record(p).hostPort;
      if (hostPort !== undefined && hostPort !== 0) add(`${at}.ports[${i}].hostPort`, hostPort, '0 or unset');
    });
    const caps = record(sc.capabilities);
    // Capabilities beyond NET_BIND_SERVICE break "restricted" (those beyond the baseline's list
    // break "baseline" too): one problem for the field.
    const beyond = array(caps.add).filter(cap => cap !== 'NET_BIND_SERVICE');
    if (beyond.length > 0) (beyond.every(cap => BASELINE_CAPABILITIES.includes(cap as string)) ? restricted : add)(field('capabilities.add'), beyond, 'only NET_BIND_SERVICE');
    if (sc.allowPrivilegeEscalation !== false) restricted(field('allowPrivilegeEscalation'), sc.allowPrivilegeEscalation, 'false');
    if (!array(caps.drop).includes('ALL')) restricted(field('capabilities.drop'), caps.drop, 'a list that includes "ALL"');
    if (userNamespace) {
      // (runAsNonRoot and runAsUser are any value in a pod of its own user namespace)
    } else if (sc.runAsNonRoot === false) restricted(field('runAsNonRoot'), false, 'true or unset (with the pod\'s true)');
    else if (sc.runAsNonRoot !== true && podSc.runAsNonRoot !== true) restricted(field('runAsNonRoot'), sc.runAsNonRoot, 'true (here or on the pod)');
    if (sc.runAsUser === 0 && !userNamespace) restricted(field('runAsUser'), 0, 'a non-root user (not 0)');
    const seccomp = str(record(sc.seccompProfile).type);
    if (seccomp !== undefined && !SECCOMP_OK.includes(seccomp)) add(field('seccompProfile.type'), seccomp, 'RuntimeDefault or Localhost');
    else if (seccomp === undefined && (podSeccomp === undefined || !SECCOMP_OK.includes(podSeccomp))) {
      restricted(field('seccompProfile.type'), undefined, 'RuntimeDefault or Localhost (here or on the pod)');
    }
  }
  return found;
}

function checkSeLinux(at: string, options: Json, add: (field: string, value: unknown, allowed: string) => void): void {
  if (options.type !== undefined && !SELINUX_TYPES.includes(options.type as string)) {
    add(`${at}.seLinuxOptions.type`, options.type, `one of ${SELINUX_TYPES.map(t => JSON.stringify(t)).join(', ')}`);
  }
  if (options.user !== undefined) add(`${at}.seLinuxOptions.user`, options.user, 'unset');
  if (options.role !== undefined) add(`${at}.seLinuxOptions.role`, options.role, 'unset');
}
