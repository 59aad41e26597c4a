import { ContainerProps, ContainerResources } from './container';
import { Problem, ValidationError } from './errors';
import { Volume } from './volume';

/** The small image the helper containers run: it has `sh`, `tail` and `printf`. */
export const HELPER_IMAGE = 'busybox:1.36';

/**
 * Requests and limits of a helper container. `tail` and `printf` need next to nothing;
 * this keeps a sidecar from doubling a Pod's request.
 */
export const HELPER_RESOURCES: ContainerResources = Object.freeze({
  requests: Object.freeze({ cpu: '10m', memory: '16Mi' }),
  limits: Object.freeze({ memory: '32Mi' }),
});

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
   * @default 'logs'
   */
  readonly name?: string;
  /**
   * The helper container's image.
   * @default HELPER_IMAGE - `busybox:1.36`
   */
  readonly image?: string;
  /**
   * CPU and memory of the helper container.
   * @default HELPER_RESOURCES - requests 10m CPU and 16Mi, limit 32Mi memory
   */
  readonly resources?: ContainerResources;
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
  checkHelperProps('logSidecar()', props, files => Array.isArray(files) && files.every(f => typeof f === 'string'), 'an array of file names');
  checkFileNames('logSidecar()', 'files', props.files);
  const dir = props.path.replace(/\/+$/, '');
  return {
    name: props.name ?? 'logs',
    image: props.image ?? HELPER_IMAGE,
    command: ['tail', '-n', '+1', '-F', ...props.files.map(f => escapeExpansion(`${dir}/${f}`))],
    mounts: [{ volume: props.volume, path: props.path, readOnly: true }],
    resources: props.resources ?? HELPER_RESOURCES,
  };
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
   * @default HELPER_IMAGE - `busybox:1.36`
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
  checkHelperProps('writeFilesInit()', props, files => files !== null && typeof files === 'object' && !Array.isArray(files)
    && Object.values(files).every(v => typeof v === 'string'), 'an object of file names to string contents');
  const entries = Object.entries(props.files);
  checkFileNames('writeFilesInit()', 'files key', entries.map(([name]) => name));
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

/** A JavaScript caller may pass anything: the shape first, so the rest never meets a wrong type. */
function checkHelperProps(fn: string, props: LogSidecarProps | WriteFilesInitProps, filesOk: (files: unknown) => boolean, filesAllowed: string): void {
  if (props === null || typeof props !== 'object' || Array.isArray(props)) {
    throw new ValidationError([{ path: fn, field: 'props', value: props, allowed: 'an object { volume, path, files, … }' }]);
  }
  const problems: Problem[] = [];
  if (!(props.volume instanceof Volume)) problems.push({ path: fn, field: 'volume', value: props.volume, allowed: 'a Volume (Volume.emptyDir() or Volume.configMap())' });
  if (typeof props.path !== 'string' || props.path === '') problems.push({ path: fn, field: 'path', value: props.path, allowed: 'a path inside the container, e.g. "/var/log/app"' });
  if (!filesOk(props.files)) problems.push({ path: fn, field: 'files', value: props.files, allowed: filesAllowed });
  if (problems.length > 0) throw new ValidationError(problems);
}

function checkFileNames(fn: string, field: string, names: readonly string[]): void {
  const allowed = 'a plain file name: not empty, no "/", not "." or ".."';
  const problems = names
    .filter(n => typeof n !== 'string' || n === '' || n.includes('/') || n === '.' || n === '..')
    .map(value => ({ path: fn, field, value, allowed }));
  if (names.length === 0) problems.push({ path: fn, field, value: names as any, allowed: 'at least one file' });
  if (problems.length > 0) throw new ValidationError(problems);
}
