/**
 * The API server's rules for configuration in pods (`pkg/apis/core/validation/validation.go`
 * of Kubernetes 1.28, `k8s.io/apimachinery/pkg/util/validation`): ConfigMap and Secret keys, file
 * modes and paths of projected files, downward API field paths, resource fields and divisors.
 *
 * Like `rules.ts`: each function returns `undefined` when the value is valid, else what is
 * allowed, as a sentence fragment.
 */
import { labelKey, parseQuantity, quantityText } from './validators';

const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * A ConfigMap or Secret key (`IsConfigMapKey`): at most 253 characters of letters, digits, `-`,
 * `_` and `.`, not `.` or `..`, not starting with `..`.
 */
export function configMapKey(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length <= 253 && CONFIG_MAP_KEY.test(value) && value !== '.' && !value.startsWith('..')) return undefined;
  return 'a ConfigMap or Secret key: 1 to 253 letters, digits, "-", "_" and ".", not "." and not starting with ".."';
}

/** The largest file mode: 0777 (511). */
export const MAX_FILE_MODE = 0o777;

/** A file mode of a projected file (`mode`, `defaultMode`): an integer from 0 to 0777 (octal), 0 to 511 in decimal. */
export function fileMode(value: unknown): string | undefined {
  if (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_FILE_MODE) return undefined;
  return 'a file mode from 0 to 0o777 (0 to 511 in decimal; write it in octal in TypeScript, e.g. 0o644)';
}

/**
 * The path of a projected file (`items[].path`, `validateLocalNonReservedPath`): not empty,
 * relative, no `..` element, not starting with `..` (the kubelet keeps its own `..data` there).
 */
export function itemPath(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0 && !value.startsWith('/') && !value.split('/').includes('..') && !value.startsWith('..')) {
    return undefined;
  }
  return 'a relative file path, not empty, without a ".." element and not starting with ".." (e.g. "app.conf" or "conf/app.conf")';
}

/** The pod fields an environment variable can read (`validEnvDownwardAPIFieldPathExpressions`, 1.28), beside subscripted labels and annotations. */
export const ENV_FIELD_PATHS: readonly string[] = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];

/** The pod fields a downward API file can hold (`validVolumeDownwardAPIFieldPathExpressions`, 1.28), beside subscripted labels and annotations. */
export const VOLUME_FIELD_PATHS: readonly string[] = ['metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations', 'metadata.uid'];

/** `status.hostIPs` needs the `PodHostIPs` feature gate: alpha and off by default in 1.28 (beta, on, from 1.29). */
export const HOST_IPS = 'status.hostIPs';

const SUBSCRIPTED = /^(metadata\.labels|metadata\.annotations)\['(.*)'\]$/s;

/**
 * A downward API field path of the pod (`validateObjectFieldSelector`): one of `paths`, or
 * `metadata.labels['<key>']` / `metadata.annotations['<key>']` with a label key (annotation keys
 * compared in lower case); `status.hostIPs` only with its feature gate, which 1.28 leaves off.
 */
export function podFieldPath(written: unknown, paths: readonly string[]): string | undefined {
  const allowed = `one of ${paths.filter(p => p !== HOST_IPS).join(', ')}, or metadata.labels['<key>'] or metadata.annotations['<key>']`;
  if (typeof written !== 'string') return allowed;
  // (the API server still takes spec.host, the old name of spec.nodeName)
  const value = written === 'spec.host' ? 'spec.nodeName' : written;
  const subscripted = SUBSCRIPTED.exec(value);
  if (subscripted) {
    const key = subscripted[1] === 'metadata.annotations' ? subscripted[2].toLowerCase() : subscripted[2];
    return labelKey(key) === undefined ? undefined : `a label or annotation key inside [' ']: ${labelKey(key)!}`;
  }
  if (value === HOST_IPS && paths.includes(HOST_IPS)) {
    return `${allowed}: status.hostIPs needs the PodHostIPs feature gate, alpha and off in Kubernetes 1.28 (on from 1.29)`;
  }
  return paths.includes(value) ? undefined : allowed;
}

/** The resources of a container a resource field can read (`validContainerResourceFieldPathExpressions`). */
export const RESOURCE_FIELDS: readonly string[] = [
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
];

/** A container resource a `resourceFieldRef` reads: one of {@link RESOURCE_FIELDS}, or `requests.hugepages-<size>` / `limits.hugepages-<size>`. */
export function resourceField(value: unknown): string | undefined {
  if (typeof value === 'string' && (RESOURCE_FIELDS.includes(value) || value.startsWith('requests.hugepages-') || value.startsWith('limits.hugepages-'))) return undefined;
  return `one of ${RESOURCE_FIELDS.join(', ')} (or requests.hugepages-<size>, limits.hugepages-<size>)`;
}

const BYTE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];
const BINARY_SUFFIX = /(Ki|Mi|Gi|Ti|Pi|Ei)$/;

/**
 * The divisor of a resource field (`validateContainerResourceDivisor`): for CPU `1m` or `1`, for
 * memory, ephemeral storage and huge pages `1`, `1k` … `1E`, `1Ki` … `1Ei`. The API server
 * compares the quantity's canonical form, which keeps the notation's family: `1000m` is `1` and
 * `1024Ki` is `1Mi`, but `1024` stays `1024` and `1e3` stays `1e3`. A zero divisor is taken as unset.
 */
export function resourceDivisor(resource: unknown, divisor: unknown): string | undefined {
  const cpu = resource === 'limits.cpu' || resource === 'requests.cpu';
  const allowedList = cpu ? ['1m', '1'] : BYTE_DIVISORS;
  const value = parseQuantity(divisor);
  if (typeof divisor === 'string' && value !== undefined) {
    if (value === 0) return undefined;
    const family = (q: string) => (/[eE][-+]?[0-9]/.test(q) ? 'exponent' : BINARY_SUFFIX.test(q) ? 'binary' : 'decimal');
    const written = quantityText(divisor);
    const ok = family(written) === 'exponent'
      ? value === 1
      : allowedList.some(d => family(d) === family(written) && parseQuantity(d) === value);
    if (ok) return undefined;
  }
  return `a divisor of ${typeof resource === 'string' ? resource : 'the resource'}: one of ${allowedList.join(', ')}`;
}

/** The token lifetime of a projected service account token: 600 s (10 minutes) to 2^32 s. */
export function tokenExpiration(value: unknown): string | undefined {
  if (Number.isInteger(value) && (value as number) >= 600 && (value as number) <= 2 ** 32) return undefined;
  return 'a lifetime from 600 seconds (10 minutes) to 4294967296 seconds (2^32), in whole seconds';
}
