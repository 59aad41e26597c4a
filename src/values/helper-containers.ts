import { ProblemCollector } from '../core/problems';
import { isPlainObject } from '../core/util';
import type { ContainerProps, ContainerResources } from './container';
import { Probe } from './probe';
import { Volume } from './volume';

/**
 * The small image the helper containers run: it has `sh`, `tail` and `printf`. Pinned to the
 * release 1.36.1 and by digest (the multi-platform index of Docker Hub's `busybox:1.36.1`): a tag
 * can be moved to other content, a digest cannot, so it meets
 * `SecurityProfile.restricted({ requireDigest: true })` and checkov's CKV_K8S_43.
 * The digest was not pulled here: it is the one public manifests pin for this tag (e.g.
 * "as Docker Hub's registry answered on 2026-10-03"); `docker buildx imagetools inspect busybox:1.36.1`
 * prints it.
 */
export const HELPER_IMAGE = 'busybox:1.36.1@sha256:73aaf090f3d85aa34ee199857f03fa3a95c8ede2ffd4cc2cdb5b94e566b11662';

/**
 * Requests and limits of a helper container. `tail` and `printf` need next to nothing;
 * this keeps a sidecar from doubling a Pod's request.
 */
export const HELPER_RESOURCES: ContainerResources = Object.freeze({
  requests: Object.freeze({ cpu: '10m', memory: '16Mi' }),
  limits: Object.freeze({ memory: '32Mi' }),
});

/**
 * The security context the presets give the busybox helpers under `SecurityProfile.AS_BUILT`:
 * `tail` and `sh -c printf` run as root (busybox has no `USER`), read and write only the Pod's
 * `emptyDir`s (mode 0777) and files nginx creates world-readable (0644), and exec no setuid
 * program: they need no capability and no privilege escalation.
 */
export const HELPER_SECURITY_CONTEXT = Object.freeze({
  allowPrivilegeEscalation: false,
  capabilities: Object.freeze({ drop: Object.freeze(['ALL']) }),
}) as { readonly allowPrivilegeEscalation: boolean; readonly capabilities: { readonly drop: readonly string[] } };

/**
 * Props of {@link logSidecar}.
 * @see https://kubernetes.io/docs/concepts/cluster-administration/logging/#sidecar-container-with-logging-agent
 */
export interface LogSidecarProps {
  /** The shared volume the app writes its logs into. */
  readonly volume: Volume;
  /** Where the sidecar mounts it (read-only); the same path as in the app keeps the logs' names. */
  readonly path: string;
  /** The log files to follow, relative to `path` (`access.log`). */
  readonly files: readonly string[];
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
   * @default - under `SecurityProfile.RESTRICTED` (which asks for probes on long-running
   * helpers) {@link logFilesLiveness} of the files followed; none under the other profiles
   */
  readonly liveness?: Probe | false;
  /**
   * The sidecar's readiness probe: a `Probe`, or `false` for none.
   * @default - under `SecurityProfile.RESTRICTED` {@link logDirReadiness} of `path`; none under
   * the other profiles
   */
  readonly readiness?: Probe | false;
}

/**
 * Where a helper container keeps the readiness probe a profile that asks for probes on
 * long-running helpers gives it (see {@link HELPER_LIVENESS}).
 */
const HELPER_READINESS = Symbol.for('cdk8s-pods-services.helperReadiness');

/**
 * The readiness probe a profile that asks for probes on long-running helpers gives `c`, when
 * `c` is such a helper (made by {@link logSidecar}) and has no readiness probe of its own.
 * @internal
 */
export function helperReadiness(c: ContainerProps): Probe | undefined {
  const probe = (c as { [HELPER_READINESS]?: unknown })[HELPER_READINESS];
  return c.readiness === undefined && Probe.isProbe(probe) ? probe : undefined;
}

/**
 * The readiness probe of a log sidecar that follows files in `dir`: ready once the directory is
 * mounted and the sidecar may list and read it (`[ -d ] && [ -r ] && [ -x ]`), that is once
 * `tail -F` can see the files appear. Distinct from {@link logFilesLiveness} (which judges the
 * files, not the directory): a liveness probe identical to the readiness probe restarts a
 * container exactly when it would only have been taken out of service (kube-score
 * `pod-probes-identical`). Valid for both shapes of the sidecar: a regular container, and a
 * native sidecar (an init container with `restartPolicy: Always`, whose readiness counts for the
 * pod's). Every 30 seconds, 5 seconds to answer, like the liveness probe.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/#sidecar-containers-and-pod-lifecycle
 */
export function logDirReadiness(dir: string): Probe {
  return Probe.exec(['sh', '-c', '[ -d "$1" ] && [ -r "$1" ] && [ -x "$1" ]', 'logs-readiness', escapeExpansion(dir)],
    { periodSeconds: 30, timeoutSeconds: 5 });
}

/**
 * Where a helper container keeps the liveness probe a profile that asks for probes on
 * long-running helpers gives it (`SecurityProfile.RESTRICTED`): a symbol, so that it travels
 * with the container's props (spread included) without being a field of `ContainerProps`.
 */
const HELPER_LIVENESS = Symbol.for('cdk8s-pods-services.helperLiveness');

/**
 * The liveness probe a profile that asks for probes on long-running helpers gives `c`, when
 * `c` is such a helper (made by {@link logSidecar}) and has no liveness probe of its own.
 * @internal
 */
export function helperLiveness(c: ContainerProps): Probe | undefined {
  const probe = (c as { [HELPER_LIVENESS]?: unknown })[HELPER_LIVENESS];
  return c.liveness === undefined && Probe.isProbe(probe) ? probe : undefined;
}

/**
 * The liveness probe of a log sidecar that follows `paths` (absolute paths): it fails when
 * one of them exists and the sidecar cannot read it.
 *
 * Why this check: the sidecar is `tail -F`, the container's only process, so while the probe
 * can run at all, `tail` is alive (when it exits, the container exits and is restarted
 * anyway: a "process alive" probe would test nothing). What a live `tail -F` can fail at is
 * its job: a followed file it cannot read (an app that writes its logs as another user with
 * mode 0600, or rotates them into such files) gets an error on the sidecar's stderr and
 * nothing more is followed from it, while the pod looks healthy. The probe turns that into restarts and
 * a `Liveness probe failed` event in `kubectl describe pod`. A file that does not exist yet
 * passes: `tail -F` waits for it, and the app creates it when it starts (a native sidecar
 * starts before the app). It runs with busybox's own `sh` and `[` (`test`), nothing else; the
 * paths are arguments, never parsed by the shell, and escaped from the kubelet's `$(VAR)`
 * expansion (which exec probes get too). Every 30 seconds (a process per probe, in a container
 * of 10m CPU), with 5 seconds to answer (under `SecurityProfile.RESTRICTED` the helper's CPU
 * limit is its 10m request: a shell start may be throttled). The trade-off: while the sidecar
 * restarts, the pod is not Ready (every container must be), so a file it can never read keeps
 * the pod out of its Services: fix the file's owner or mode, or pass `liveness: false`.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-a-liveness-command
 */
export function logFilesLiveness(paths: readonly string[]): Probe {
  return Probe.exec(['sh', '-c', 'for f; do [ ! -e "$f" ] || [ -r "$f" ] || exit 1; done', 'logs-liveness', ...paths.map(escapeExpansion)],
    { periodSeconds: 30, timeoutSeconds: 5 });
}

/**
 * A sidecar that follows log files of another container of its Pod (`tail -F`, which waits
 * for files that do not exist yet and survives their rotation) and writes them to its own
 * stdout, so `kubectl logs <pod> -c logs` shows them. Pass it to `containers` next to the app
 * container that mounts `volume` where it writes its logs.
 *
 * @see https://kubernetes.io/docs/concepts/cluster-administration/logging/#sidecar-container-with-logging-agent
 */
export function logSidecar(props: LogSidecarProps): ContainerProps {
  checkHelperProps('logSidecar()', props, files => Array.isArray(files) ? files : undefined, 'an array of file names');
  const dir = props.path.replace(/\/+$/, '');
  const paths = props.files.map(f => `${dir}/${f}`);
  const container: ContainerProps = {
    name: props.name ?? 'logs',
    image: props.image ?? HELPER_IMAGE,
    command: ['tail', '-n', '+1', '-F', ...paths.map(escapeExpansion)],
    mounts: [{ volume: props.volume, path: props.path, readOnly: true }],
    resources: props.resources ?? HELPER_RESOURCES,
  };
  // (anything but a Probe or false goes to the container as it is: the pod reports it)
  const withLiveness: ContainerProps = props.liveness === undefined ? { ...container, [HELPER_LIVENESS]: logFilesLiveness(paths) } as ContainerProps
    : props.liveness === false ? container : { ...container, liveness: props.liveness };
  if (props.readiness === undefined) return { ...withLiveness, [HELPER_READINESS]: logDirReadiness(dir === '' ? '/' : dir) } as ContainerProps;
  return props.readiness === false ? withLiveness : { ...withLiveness, readiness: props.readiness };
}

/**
 * Props of {@link writeFilesInit}.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/init-containers/
 */
export interface WriteFilesInitProps {
  /** The shared volume to write into; the app container mounts it too. */
  readonly volume: Volume;
  /** Where the init container mounts it (the files are written there). */
  readonly path: string;
  /** File name (no `/`) to content, e.g. `{ 'index.html': '<h1>Olá</h1>' }`. */
  readonly files: { readonly [fileName: string]: string };
  /**
   * The init container's name.
   * @default 'write-files'
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
}

/**
 * An init container that writes files into a shared volume, then exits, before the app
 * containers start (e.g. the page nginx serves). Pass it to `initContainers`.
 * Names and contents travel in environment variables, so no content is ever parsed by the shell,
 * and every `$` is escaped from the kubelet's `$(VAR)` expansion: the files hold exactly `files`.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/pods/init-containers/
 */
export function writeFilesInit(props: WriteFilesInitProps): ContainerProps {
  checkHelperProps('writeFilesInit()', props, files => (isPlainObject(files) ? Object.keys(files) : undefined), 'an object of file names to string contents',
    files => Object.entries(files as object).filter(([, v]) => typeof v !== 'string').map(([k, v]) => [`files[${JSON.stringify(k)}]`, v]));
  const entries = Object.entries(props.files);
  const env: { [name: string]: string } = {};
  const steps = entries.map(([name, content], i) => {
    env[`FILE_${i}_NAME`] = escapeExpansion(name);
    env[`FILE_${i}_CONTENT`] = escapeExpansion(content);
    return `printf '%s' "$FILE_${i}_CONTENT" > "$FILE_${i}_NAME"`;
  });
  return {
    name: props.name ?? 'write-files',
    image: props.image ?? HELPER_IMAGE,
    command: ['sh', '-c', steps.join(' && ')],
    env,
    workingDir: props.path,
    mounts: [{ volume: props.volume, path: props.path }],
    resources: props.resources ?? HELPER_RESOURCES,
  };
}

/**
 * The kubelet expands `$(VAR)` and turns `$$` into `$` in a container's command, args and env
 * values: `$$` for each `$` keeps a string verbatim.
 */
function escapeExpansion(value: string): string {
  return value.replace(/\$/g, '$$$$');
}

/**
 * Every mistake of a helper's props, reported together: the shape (a JavaScript caller may pass
 * anything), then the file names.
 * @param namesOf the file names in `files`, or undefined when `files` has the wrong shape
 * @param badValues `[field, value]` of file contents that are not strings
 */
function checkHelperProps(fn: string, props: LogSidecarProps | WriteFilesInitProps, namesOf: (files: unknown) => readonly unknown[] | undefined,
  filesAllowed: string, badValues: (files: unknown) => Array<[string, unknown]> = () => []): void {
  const problems = new ProblemCollector(fn);
  if (!isPlainObject(props)) {
    problems.add('props', 'props', props, 'an object { volume, path, files, … }');
    problems.throwIfAny();
  }
  if (!Volume.isVolume(props.volume)) problems.add('props', 'volume', props.volume, 'a Volume (Volume.emptyDir() or Volume.configMap())');
  if (typeof props.path !== 'string' || props.path === '') problems.add('props', 'path', props.path, 'a path inside the container, e.g. "/var/log/app"');
  const names = namesOf(props.files);
  if (names === undefined) {
    problems.add('props', 'files', props.files, filesAllowed);
  } else {
    if (names.length === 0) problems.add('props', 'files', props.files, 'at least one file');
    for (const name of names) {
      if (typeof name !== 'string' || name === '' || name.includes('/') || name === '.' || name === '..') {
        problems.add('props', 'files', name, 'a plain file name: a string, not empty, no "/", not "." or ".."');
      }
    }
    for (const [field, value] of badValues(props.files)) problems.add('props', field, value, 'a string: the file\'s content');
  }
  problems.throwIfAny();
}
