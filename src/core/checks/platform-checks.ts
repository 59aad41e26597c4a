/**
 * What a platform's admission refuses that Kubernetes itself accepts, when the app or the plugin
 * names the platform (`Platform.applyTo`, the `cdk8s-pods-services:platform` context value, the
 * plugin's `platform` property). Run on the written manifests, so hand-written YAML judged by the
 * plugin gets them too.
 *
 * GKE Autopilot: its admission webhooks (GKE Warden) refuse a privileged container, a capability
 * added beyond its list (and `NET_RAW`), the host's network, PID or IPC namespace and a host
 * port, unless a WorkloadAllowlist admits the workload. What Autopilot only changes (requests
 * below a compute class's minimum, which it raises; containers without requests, which it
 * defaults) is no problem here: the pod runs, and is billed for what Autopilot set.
 *
 * OpenShift: its default SCC (`restricted-v2`) refuses a fixed `runAsUser` outside the
 * namespace's range, which the manifests cannot know. The local platform has no checks.
 */
import { Findings } from '../findings';
import { array, ManifestModel, PodSource, record } from '../manifest';
import { Reporter } from '../problems';
import { PlatformName } from '../settings';

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
 * add, as its refusal lists them, less `NET_RAW`, which Autopilot's documentation says it now
 * refuses by default. A name is compared as written.
 * @see https://cloud.google.com/kubernetes-engine/docs/concepts/autopilot-security
 * @see https://cloud.google.com/kubernetes-engine/docs/concepts/run-autopilot-open-source-workloads
 */
export const AUTOPILOT_ALLOWED_CAPABILITIES: readonly string[] = Object.freeze(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL',
  'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT', 'SYS_PTRACE']);

/** How the Autopilot fixes end: the way a workload that needs it gets in. */
const ALLOWLIST = 'Autopilot refuses it unless a WorkloadAllowlist admits the workload (a GKE partner\'s privileged workload)';

/** Every pod source's spec against the platform's admission; nothing when no platform is named. */
export function checkPlatform(model: ManifestModel, out: Findings, options: PlatformOptions = {}): void {
  const check = options.platform === 'gke-autopilot' ? checkAutopilot : options.platform === 'openshift' ? checkOpenShift : undefined;
  if (check === undefined) return;
  for (const pod of model.pods) check(pod, out.about(pod.object));
}

/**
 * What OpenShift's default SCC for pods, `restricted-v2` (4.11 and later), refuses that the
 * manifests show: a fixed `runAsUser`, on the pod or a container. The SCC assigns every pod a
 * UID from its namespace's range (the annotation `openshift.io/sa.scc.uid-range`, given when the
 * namespace is made) and refuses a user outside it; the manifests cannot know that range, and a
 * user inside one namespace's range is outside every other's. A ServiceAccount granted another
 * SCC may run a fixed user: then skip the rule.
 * @see https://docs.openshift.com/container-platform/4.14/authentication/managing-security-context-constraints.html
 */
function checkOpenShift(pod: PodSource, r: Reporter): void {
  const spec = pod.spec;
  const report = (field: string, value: unknown) => r.add('platform-admission', `${pod.template}spec.${field}`, value,
    'unset on OpenShift: the restricted-v2 SCC assigns each pod a user from its namespace\'s range and refuses a runAsUser outside it, a range these manifests cannot know',
    'drop runAsUser (SecurityProfile.restricted({ arbitraryUser: true }), as Platform.OPENSHIFT sets, writes none), or grant the pod\'s ServiceAccount an SCC that admits the user and skip this rule');
  const podUser = record(spec.securityContext).runAsUser;
  if (podUser !== undefined) report('securityContext.runAsUser', podUser);
  for (const list of ['initContainers', 'containers']) {
    array(spec[list]).forEach((item, i) => {
      const user = record(record(item).securityContext).runAsUser;
      if (user !== undefined) report(`${list}[${i}].securityContext.runAsUser`, user);
    });
  }
}

/**
 * What GKE Autopilot's default admission policies refuse in one pod spec: `privileged`
 * containers, added capabilities beyond {@link AUTOPILOT_ALLOWED_CAPABILITIES}, `hostNetwork`,
 * `hostPID`, `hostIPC` and `hostPort`s.
 * @see https://cloud.google.com/kubernetes-engine/docs/concepts/about-autopilot-privileged-workloads
 */
function checkAutopilot(pod: PodSource, r: Reporter): void {
  const spec = pod.spec;
  const at = (f: string) => `${pod.template}spec.${f}`;
  for (const ns of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (spec[ns] === true) {
      r.add('platform-admission', at(ns), true, `false or unset: Autopilot does not let a pod use the node's ${ns.slice(4)} namespace (policy autogke-disallow-hostnamespaces)`,
        `drop ${ns}; ${ns === 'hostNetwork' ? 'reach the pod through a Service' : ALLOWLIST}`);
    }
  }
  for (const list of ['initContainers', 'containers']) {
    array(spec[list]).forEach((item, i) => {
      const c = record(item);
      const sc = record(c.securityContext);
      const field = (f: string) => at(`${list}[${i}].${f}`);
      if (sc.privileged === true) {
        r.add('platform-admission', field('securityContext.privileged'), true, 'false or unset: Autopilot refuses a privileged container',
          `drop privileged (add only the capabilities the image needs, from Autopilot's list); ${ALLOWLIST}`);
      }
      array(record(sc.capabilities).add).forEach((cap, j) => {
        if (typeof cap === 'string' && AUTOPILOT_ALLOWED_CAPABILITIES.includes(cap)) return;
        r.add('platform-admission', field(`securityContext.capabilities.add[${j}]`), cap,
          `a capability Autopilot lets a container add: ${AUTOPILOT_ALLOWED_CAPABILITIES.join(', ')} (policy autogke-default-linux-capabilities${cap === 'NET_RAW' ? '; NET_RAW is refused by default' : ''})`,
          `drop the capability; ${ALLOWLIST}`);
      });
      array(c.ports).forEach((p, j) => {
        const hostPort = record(p).hostPort;
        if (hostPort !== undefined && hostPort !== 0) {
          r.add('platform-admission', field(`ports[${j}].hostPort`), hostPort, 'unset: Autopilot refuses a host port (policy autogke-no-host-port)',
            'drop hostPort and reach the pod through a Service (a NodePort or LoadBalancer Service for traffic from outside the cluster)');
        }
      });
    });
  }
}
