import type { Construct } from 'constructs';
import type { KubernetesVersion } from '../core/versions';
import { atLeast, FIELD_SINCE, NATIVE_SIDECAR_DEFAULT_FROM } from '../core/versions';
import { appKubernetesVersion } from '../synth/app-checks';
import { isPlainObject } from '../core/util';
import type { ContainerProps, ContainerResources } from '../values/container';
import { ContainerRestartPolicy } from '../values/container';
import { HELPER_SECURITY_CONTEXT, logSidecar, writeFilesInit } from '../values/helper-containers';
import { Hook } from '../values/lifecycle';
import { Probe } from '../values/probe';
import { SecurityProfile } from '../values/security-profile';
import type { VolumeMount } from '../values/volume';
import { Volume } from '../values/volume';
import { Workload, WorkloadKind } from '../values/workload';
import { UNPRIVILEGED_NGINX_IMAGE } from '../values/library-images';
import type { AppPodProps } from './app-pod';
import { AppPod } from './app-pod';
import { presetWithDefaults } from './pod-defaults';
import type { PresetDefaults, PresetPodProps } from './preset-pod';
import { listOf, presetPodProps, presetProfile, presetShapeProblems } from './preset-pod';
import { checkedScope } from './construct-args';
import { NGINX_POD_SHAPE } from './prop-shapes';

/** Options of the nginx log sidecar ({@link NginxPodProps.logSidecar}). */
export interface NginxLogSidecarOptions {
  /**
   * The sidecar's container name.
   * @default 'logs' - what it does: `kubectl logs <pod> -c logs`
   */
  readonly name?: string;
  /**
   * The helper container's image.
   * @default HELPER_IMAGE - `busybox:1.36.1`
   */
  readonly image?: string;
  /**
   * CPU and memory of the helper container.
   * @default HELPER_RESOURCES - requests 10m CPU and 16Mi, limit 32Mi memory
   */
  readonly resources?: ContainerResources;
  /**
   * The sidecar's liveness probe: a `Probe`, or `false` for none.
   * @default - under `SecurityProfile.RESTRICTED` `logFilesLiveness()` of `access.log` and
   * `error.log` (fails when nginx's log files exist and the sidecar cannot read them); none
   * under the other profiles (the tutorial's manifests stay as they are)
   */
  readonly liveness?: Probe | false;
  /**
   * The sidecar's readiness probe: a `Probe`, or `false` for none.
   * @default - under `SecurityProfile.RESTRICTED` `logDirReadiness('/var/log/nginx')` (ready once
   * the log directory is mounted and readable); none under the other profiles
   */
  readonly readiness?: Probe | false;
  /**
   * Runs the sidecar as a native sidecar (Kubernetes "sidecar containers"): an init container
   * with `restartPolicy: Always`, started before nginx and stopped after it, so the last log
   * lines of a stopping nginx are still followed, and a Job-like pod could complete. Runs on
   * Kubernetes 1.29 and later, and on 1.28 only with the `SidecarContainers` feature gate on
   * (alpha, off by default): a 1.28 API server without the gate drops `restartPolicy`, and the
   * sidecar becomes an init container that never exits, so nginx never starts (and refuses a
   * pod whose init container has a probe: under `SecurityProfile.RESTRICTED`, which gives the
   * sidecar its liveness and readiness probes, the pod is refused instead). Below the target 1.29
   * rule `field-version` refuses it.
   * @default - true when the app's target Kubernetes minor (`cdk8s-pods-services:kubernetesVersion`,
   * 1.35 by default) is 1.33 or later, where sidecar containers are GA; else false, a regular
   * container beside nginx
   * @see https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/
   */
  readonly native?: boolean;
}

/** How long {@link NginxPod}'s default preStop hook waits, in seconds. */
export const NGINX_DRAIN_SECONDS = 5;

/**
 * Props of {@link NginxPod}.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/
 */
export interface NginxPodProps extends PresetPodProps {
  /**
   * Image of the main container.
   * @default 'nginx' - the stock image, as in the tutorial; `NginxPod.RESTRICTED_IMAGE`
   * (`nginxinc/nginx-unprivileged`) under `SecurityProfile.RESTRICTED`
   */
  readonly image?: string;
  /**
   * The port nginx listens on. With the stock images (`nginx` or `nginxinc/nginx-unprivileged`,
   * any tag) another port than theirs (80, 8080) also replaces their `default.conf`: an init
   * container (`write-conf`) writes one that listens on `port` into an `emptyDir` mounted at
   * `/etc/nginx/conf.d`. Any other image must listen on `port` itself. Under
   * `SecurityProfile.RESTRICTED` nginx runs as a user without capabilities: a port below 1024
   * binds only where the node lets unprivileged processes do so (`net.ipv4.ip_unprivileged_port_start`).
   * @default 80 - where the stock image listens; 8080 under `SecurityProfile.RESTRICTED`
   */
  readonly port?: number;
  /**
   * Name of the main container.
   * @default 'nginx' - the image's name, as `kubectl run` names a container
   */
  readonly containerName?: string;
  /**
   * Readiness probe of the main container: the Pod gets traffic only while it passes (`false`: none).
   * @default Probe.httpGet('/') - nginx answers its welcome page (or `page`) with 200 on its port
   */
  readonly readiness?: Probe | false;
  /**
   * Liveness probe of the main container: the kubelet restarts it when it fails (`false`: none).
   * Distinct from the readiness probe on purpose: a page that answers 404 or 500 (a missing
   * `index.html`, a broken upstream) should take the pod out of its Services, not restart an
   * nginx that is alive; and a liveness probe identical to the readiness probe restarts the
   * container exactly when it would only have been taken out of service (kube-score
   * `pod-probes-identical`).
   * @default Probe.tcpSocket() - restarts an nginx that no longer accepts connections on its port
   */
  readonly liveness?: Probe | false;
  /**
   * Adds the tutorial's "helper container for logs": nginx writes `access.log` and
   * `error.log` into an `emptyDir` volume `nginx-logs` mounted at `/var/log/nginx`, and a
   * `busybox` sidecar follows both (`tail -F`) to its own stdout:
   * `kubectl logs <pod> -c logs`. (The stock image links those files to its own stdout and
   * stderr; the volume replaces the links with real files the sidecar can read.)
   * The kubelet's HTTP probes appear there too (user agent `kube-probe`).
   * `true` for the defaults, or options.
   * @default false - nginx logs to its own stdout and stderr
   */
  readonly logSidecar?: boolean | NginxLogSidecarOptions;
  /**
   * The nginx container's preStop hook; `false` for none. Under a controller it is by default
   * `Hook.exec(['sleep', '5'])` (`NGINX_DRAIN_SECONDS`) for the stock images: when a rollout or
   * a scale-down stops a pod, the kubelet and the endpoints controller learn it at the same
   * time, and for a moment kube-proxy still sends new connections to the pod; the sleep keeps
   * nginx answering until its Services have dropped it, then nginx gets its stop signal
   * (`SIGQUIT`, a graceful stop, in both images). Both stock images (`nginx` and
   * `nginxinc/nginx-unprivileged`, Debian- or Alpine-based) have `sleep`. Not by default for a
   * bare Pod (nothing replaces it: the tutorial deletes its pods by hand, and a delay would only
   * slow `kubectl delete`), nor for another image, which may have no `sleep`. Keep it well under
   * `terminationGracePeriodSeconds` (30 by default).
   * From the target Kubernetes 1.30 (`cdk8s-pods-services:kubernetesVersion`, 1.35 by default)
   * the default is the kubelet's own `Hook.sleep(5)` instead, the same delay with no command run.
   * @default - `Hook.sleep(5)` (below the target 1.30 `Hook.exec(['sleep', '5'])`) under a controller with a stock image; else none
   * @see https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/
   */
  readonly preStop?: Hook | false;
  /**
   * An `index.html` that an init container (`write-page`, `busybox`) writes into an
   * `emptyDir` volume `html` before nginx starts; nginx serves it from `/usr/share/nginx/html`
   * (mounted read-only).
   * @default - the image's own welcome page
   */
  readonly page?: string;
}

/**
 * The tutorial's web server: a Pod running `nginx` on port 80, with a readiness probe (HTTP GET
 * `/`) and a liveness probe (a TCP connection to its port).
 *
 * The stock image runs as root, writes `/var/cache/nginx` and `/var/run/nginx.pid` at start
 * and binds port 80, so by default the Pod sets no security context that forbids it
 * (cdk8s-plus's `runAsNonRoot` and read-only root filesystem defaults would stop it). Under
 * `SecurityProfile.RESTRICTED` it runs `nginxinc/nginx-unprivileged` instead, at a pinned tag
 * ({@link NginxPod.RESTRICTED_IMAGE}): user and group 10101 (the image runs as any user: it
 * needs no user of its own, only a writable `/tmp`), port 8080, a read-only root filesystem,
 * and `emptyDir`s at `/tmp` (its pid file and temporary files) and `/var/cache/nginx` (where a
 * `proxy_cache_path` of your own configuration would write). A Service in front keeps the
 * `port` you give it and sends traffic to 8080.
 *
 * A stock `nginx` image you choose under `SecurityProfile.RESTRICTED` fails at construction
 * with the fix (rule `preset-image`): its `nginx.conf` has `user nginx;` (the master must be root
 * to change to it), its pid file in `/var/run` and its temporary paths in `/var/cache/nginx`;
 * making it run means replacing that configuration, which is what `nginx-unprivileged` is.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/pods/
 * @see https://hub.docker.com/_/nginx
 * @see https://hub.docker.com/r/nginxinc/nginx-unprivileged
 */
export class NginxPod extends AppPod {
  /** The image the tutorial runs. */
  public static readonly DEFAULT_IMAGE = 'nginx';
  /** The port the stock image listens on. */
  public static readonly DEFAULT_PORT = 80;
  /** The main container's name. */
  public static readonly DEFAULT_CONTAINER_NAME = 'nginx';
  /** The image under `SecurityProfile.RESTRICTED`: nginx as any user, on 8080, writing only `/tmp`, at a pinned tag. */
  public static readonly RESTRICTED_IMAGE = UNPRIVILEGED_NGINX_IMAGE;
  /** The repository of {@link NginxPod.RESTRICTED_IMAGE}, without a tag. */
  public static readonly RESTRICTED_REPOSITORY = 'nginxinc/nginx-unprivileged';
  /** Where {@link NginxPod.RESTRICTED_IMAGE} listens. */
  public static readonly RESTRICTED_PORT = 8080;
  /**
   * The user (and group) {@link NginxPod.RESTRICTED_IMAGE} runs as under
   * `SecurityProfile.RESTRICTED`: 10101, not the image's own 101, to keep to 10000 and above.
   */
  public static readonly RESTRICTED_USER = 10101;
  /** Where nginx writes its logs. */
  public static readonly LOG_DIR = '/var/log/nginx';
  /** Where nginx serves files from. */
  public static readonly HTML_DIR = '/usr/share/nginx/html';
  /** Where the stock images read their server configuration (`default.conf`). */
  public static readonly CONF_DIR = '/etc/nginx/conf.d';
  /**
   * The capabilities the stock `nginx` image does not use, dropped under
   * `SecurityProfile.AS_BUILT` (the default). Of the container runtime's default set it keeps
   * what its root master process needs: `NET_BIND_SERVICE` (it binds port 80), `SETUID` and
   * `SETGID` (it switches its workers to user `nginx` with setuid()/setgid()), `CHOWN` (at start
   * it creates `/var/cache/nginx/*_temp` and chowns them to `nginx`), `KILL` (the root master
   * signals its workers, which run as another user), and `DAC_OVERRIDE`, `FOWNER`, `FSETID`
   * (kept: the entrypoint scripts rewrite files of `/etc/nginx` and the master writes where its
   * workers own directories; whether it gets by without them we could not verify without a
   * cluster). It drops: `NET_RAW` (no raw sockets: no ping, no packet crafting), `MKNOD` (no
   * device files), `SYS_CHROOT` (nginx does not chroot), `AUDIT_WRITE` (no audit log),
   * `SETFCAP` and `SETPCAP` (it sets no file or process capabilities).
   */
  public static readonly UNUSED_CAPABILITIES: readonly string[] = Object.freeze(['NET_RAW', 'MKNOD', 'SYS_CHROOT', 'AUDIT_WRITE', 'SETFCAP', 'SETPCAP']);

  constructor(scope: Construct, id: string, props: NginxPodProps = {}) {
    super(checkedScope('NginxPod', scope, id, props, new.target === NginxPod ? NGINX_POD_SHAPE : undefined, false), id, nginxPodProps(presetWithDefaults(scope, props), appKubernetesVersion(scope)));
  }
}

/** NginxPod's props as AppPod props: the preset's containers, volumes and problems added. */
function nginxPodProps(props: NginxPodProps, target: KubernetesVersion): AppPodProps {
  const problems = presetShapeProblems(props);
  if (problems === undefined) return props; // not an object: the pod says so
  const mounts: VolumeMount[] = listOf(props.mounts);
  const containers: ContainerProps[] = listOf(props.containers);
  const initContainers: ContainerProps[] = listOf(props.initContainers);
  // the busybox helpers need nothing under AS_BUILT (see HELPER_SECURITY_CONTEXT)
  const helper = presetProfile(props.securityProfile)?.isAsBuilt === true ? AS_BUILT_HELPER : NO_HELPER;
  const sidecar = props.logSidecar;
  if (sidecar !== undefined && typeof sidecar !== 'boolean' && !isPlainObject(sidecar)) {
    problems.push({ rule: 'props', field: 'logSidecar', value: sidecar, allowed: 'true, false, or an object { name?, image?, resources?, liveness?, readiness?, native? }', fix: 'pass logSidecar: true for the defaults, or an object of those options' });
  } else if (sidecar) {
    const { native = atLeast(target, NATIVE_SIDECAR_DEFAULT_FROM), ...options } = sidecar === true ? {} : sidecar;
    const logs = Volume.emptyDir('nginx-logs');
    mounts.push({ volume: logs, path: NginxPod.LOG_DIR });
    const follower = { ...logSidecar({ ...options, volume: logs, path: NginxPod.LOG_DIR, files: ['access.log', 'error.log'] }), ...helper };
    if (native !== undefined && typeof native !== 'boolean') {
      problems.push({ rule: 'props', field: 'logSidecar.native', value: native, allowed: 'true or false' });
    } else if (native) {
      // first, so that it follows the logs of every init container after it too
      initContainers.unshift({ ...follower, restartPolicy: ContainerRestartPolicy.ALWAYS });
    } else {
      containers.unshift(follower);
    }
  }
  if (props.page !== undefined && typeof props.page !== 'string') {
    problems.push({ rule: 'props', field: 'page', value: props.page, allowed: 'a string: the HTML of index.html' });
  } else if (props.page !== undefined) {
    const html = Volume.emptyDir('html');
    mounts.push({ volume: html, path: NginxPod.HTML_DIR, readOnly: true });
    initContainers.push({ ...writeFilesInit({ name: 'write-page', volume: html, path: NginxPod.HTML_DIR, files: { 'index.html': props.page } }), ...helper });
  }
  const restricted = SecurityProfile.isSecurityProfile(props.securityProfile) && props.securityProfile.isRestricted;
  const image = props.image ?? (restricted ? NginxPod.RESTRICTED_IMAGE : NginxPod.DEFAULT_IMAGE);
  const port = props.port ?? (restricted ? NginxPod.RESTRICTED_PORT : NginxPod.DEFAULT_PORT);
  const listens = stockListenPort(image);
  if (restricted && listens === NginxPod.DEFAULT_PORT) {
    // The stock image starts as root: it chowns and writes /var/cache/nginx, writes
    // /var/run/nginx.pid and binds port 80, none of which a non-root user with a read-only
    // root filesystem and no capabilities may do. It exits at start.
    problems.push({
      rule: 'preset-image', field: 'image', value: props.image,
      allowed: 'an image that runs as a non-root user under SecurityProfile.RESTRICTED: the stock nginx image starts as root (it writes /var/cache/nginx and /var/run/nginx.pid and binds port 80) and exits at start',
      fix: `leave image out for ${NginxPod.RESTRICTED_IMAGE}, use its tag of the same version (e.g. "${NginxPod.RESTRICTED_REPOSITORY}:${tagOf(String(props.image)) ?? 'latest'}"), or use SecurityProfile.AS_BUILT`,
    });
  }
  if (listens !== undefined && port !== listens) {
    // The stock images listen where their conf.d/default.conf says; replace it, or the probes
    // and the Service would knock on a port nothing listens on.
    const conf = Volume.emptyDir('nginx-conf');
    mounts.push({ volume: conf, path: NginxPod.CONF_DIR, readOnly: true });
    initContainers.push({ ...writeFilesInit({ name: 'write-conf', volume: conf, path: NginxPod.CONF_DIR, files: { 'default.conf': serverConf(port) } }), ...helper });
  }
  return presetPodProps(props, nginxDefaults(), problems, {
    preStop: props.preStop ?? defaultPreStop(props.workload, listens, target),
    mounts,
    containers,
    initContainers,
  });
}

/** What the busybox helpers get under AS_BUILT, and under the other profiles (spread into each: never changed). */
const AS_BUILT_HELPER: Partial<ContainerProps> = Object.freeze({ securityContext: HELPER_SECURITY_CONTEXT as ContainerProps['securityContext'] });
const NO_HELPER: Partial<ContainerProps> = Object.freeze({});

/** A drain delay under a controller, for the stock images (which have `sleep`); else none. */
function defaultPreStop(workload: unknown, stockPort: number | undefined, target: KubernetesVersion): Hook | undefined {
  if (stockPort === undefined || !Workload.isWorkload(workload) || workload.kind === WorkloadKind.POD) return undefined;
  if (atLeast(target, FIELD_SINCE.sleepHook)) return (sleepHook ??= Hook.sleep(NGINX_DRAIN_SECONDS));
  return (drainHook ??= Hook.exec(['sleep', String(NGINX_DRAIN_SECONDS)]));
}

let drainHook: Hook | undefined;
let sleepHook: Hook | undefined;

/** The tag of an image reference, if it has one. */
function tagOf(image: string): string | undefined {
  const match = /:([\w][\w.-]{0,127})$/.exec(image.split('@')[0]);
  return match?.[1];
}

let defaults: PresetDefaults | undefined;

/** NginxPod's preset defaults: one frozen object for every pod (a Probe is immutable). */
function nginxDefaults(): PresetDefaults {
  defaults ??= Object.freeze({
    image: NginxPod.DEFAULT_IMAGE,
    port: NginxPod.DEFAULT_PORT,
    containerName: NginxPod.DEFAULT_CONTAINER_NAME,
    readiness: Probe.httpGet('/'),
    liveness: Probe.tcpSocket(),
    restricted: Object.freeze({
      runAsUser: NginxPod.RESTRICTED_USER,
      image: NginxPod.RESTRICTED_IMAGE,
      port: NginxPod.RESTRICTED_PORT,
      writablePaths: Object.freeze(['/tmp', '/var/cache/nginx']),
    }),
    asBuilt: asBuiltContext,
  });
  return defaults;
}

/**
 * The nginx container's security context under `SecurityProfile.AS_BUILT`: for the stock
 * `nginx` image, no privilege escalation (its entrypoint and master change user with the
 * setuid()/setgid() system calls, which no_new_privs allows, and exec no setuid program) and the
 * capabilities it does not use dropped ({@link NginxPod.UNUSED_CAPABILITIES}); for
 * `nginxinc/nginx-unprivileged`, which runs as user 101 on port 8080 and needs no capability, all
 * dropped; for another image, nothing (we do not know what it needs).
 */
function asBuiltContext(image: string): { allowPrivilegeEscalation: boolean; capabilities: { drop: string[] } } | undefined {
  const port = stockListenPort(image);
  if (port === NginxPod.DEFAULT_PORT) return { allowPrivilegeEscalation: false, capabilities: { drop: [...NginxPod.UNUSED_CAPABILITIES] } };
  if (port === NginxPod.RESTRICTED_PORT) return { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
  return undefined;
}

/**
 * The port a stock nginx image listens on (its `conf.d/default.conf`): 80 for Docker's official
 * `nginx`, 8080 for `nginxinc/nginx-unprivileged`, whatever the tag or digest; undefined for any
 * other image. The official image is also recognised through a registry that mirrors Docker Hub
 * under the same path (`mirror.gcr.io/library/nginx`, `public.ecr.aws/docker/library/nginx`, a
 * private mirror's `…/library/nginx`) and as `public.ecr.aws/nginx/nginx` (nginx's own copy on
 * ECR Public); a bare `nginx` on another registry may be anyone's image, and is not.
 */
function stockListenPort(image: unknown): number | undefined {
  if (typeof image !== 'string') return undefined;
  // A bare name (no registry, path, tag or digest), the default's case: Docker Hub's, itself the path.
  if (!/[@:/]/.test(image)) return image === 'nginx' ? NginxPod.DEFAULT_PORT : undefined;
  const name = image.split('@')[0].replace(/:[^/]*$/, '');
  const parts = name.split('/');
  // A first component with a dot or a port, or localhost, is a registry (the reference grammar).
  const registry = parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost') ? parts.shift() : undefined;
  const path = parts.join('/');
  const dockerHub = registry === undefined || DOCKER_HUB.includes(registry);
  if ((dockerHub && path === 'nginx') || path === 'library/nginx' || path.endsWith('/library/nginx') || (registry === 'public.ecr.aws' && path === 'nginx/nginx')) {
    return NginxPod.DEFAULT_PORT;
  }
  if (path === 'nginxinc/nginx-unprivileged' || path.endsWith('/nginxinc/nginx-unprivileged')) return NginxPod.RESTRICTED_PORT;
  return undefined;
}

/** The names of Docker Hub's registry in an image reference. */
const DOCKER_HUB = ['docker.io', 'index.docker.io', 'registry-1.docker.io'];

/** The stock `default.conf`, listening on `port`. */
function serverConf(port: number): string {
  return [
    'server {',
    `    listen       ${port};`,
    '    server_name  localhost;',
    `    location / { root ${NginxPod.HTML_DIR}; index index.html index.htm; }`,
    `    error_page   500 502 503 504  /50x.html;`,
    `    location = /50x.html { root ${NginxPod.HTML_DIR}; }`,
    '}',
    '',
  ].join('\n');
}
