/**
 * Reading the target Kubernetes minor from a setting (a context value, a plugin property, an
 * option), with the library's error when it is not one the library knows. Apart from
 * `versions.ts`, which the rules import: that one stays plain data, below the problems.
 */
import { ValidationError } from './problems';
import type { KubernetesVersion } from './versions';
import { DEFAULT_KUBERNETES_VERSION, isKubernetesVersion, KUBERNETES_VERSIONS } from './versions';

/**
 * A target given where the settings are read (a context value, a plugin property, an option);
 * undefined is {@link DEFAULT_KUBERNETES_VERSION}. Throws a {@link ValidationError} naming
 * `path` and `field`, listing the known minors, otherwise.
 */
export function parseKubernetesVersion(value: unknown, path: string, field: string): KubernetesVersion {
  if (value === undefined) return DEFAULT_KUBERNETES_VERSION;
  if (isKubernetesVersion(value)) return value;
  // "v1.33", "1.33.2", 1.33: the minor is clear, the spelling is not ours
  const minor = typeof value === 'string' || typeof value === 'number' ? /^v?(1\.\d+)(\.\d+)?$/.exec(String(value).trim())?.[1] : undefined;
  throw new ValidationError([{
    rule: 'props', path, field, value,
    allowed: `a Kubernetes minor the library knows, as a string: ${KUBERNETES_VERSIONS.map(v => JSON.stringify(v)).join(', ')}`,
    fix: typeof value === 'number'
      ? `quote the minor: "1.${String(value).split('.')[1] ?? ''}…" as a string (YAML reads 1.30 as the number 1.3)`
      : minor !== undefined && isKubernetesVersion(minor)
      ? `write ${JSON.stringify(minor)}`
      : `name the minor of the oldest cluster the manifests are for, or leave the setting out for ${JSON.stringify(DEFAULT_KUBERNETES_VERSION)}`,
  }]);
}
