/**
 * Reading plain Kubernetes manifests (objects as parsed from YAML or JSON) defensively:
 * anything malformed reads as empty instead of throwing. Shared by the cross-object checks'
 * manifest reader and the topology pictures, so both find pods in the same places.
 * @internal
 */

/** The kinds whose pod template sits at `spec.template`. */
const TEMPLATE_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job'];

/** Whether objects of this kind make pods (a Pod, a controller with a pod template, a CronJob). */
export function makesPods(kind: unknown): boolean {
  return kind === 'Pod' || kind === 'CronJob' || TEMPLATE_KINDS.includes(kind as string);
}

/**
 * The pod template of a manifest that makes pods — the Pod itself, `spec.template`, or a
 * CronJob's `spec.jobTemplate.spec.template` — else undefined.
 */
export function podTemplateOf(manifest: Record<string, unknown>): Record<string, unknown> | undefined {
  const kind = manifest.kind;
  if (kind === 'Pod') return manifest;
  if (TEMPLATE_KINDS.includes(kind as string)) return asRecord(asRecord(manifest.spec).template);
  if (kind === 'CronJob') return asRecord(asRecord(asRecord(asRecord(manifest.spec).jobTemplate).spec).template);
  return undefined;
}

/** The value if it is a plain object, else `{}`. */
export function asRecord(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : {};
}

/** The value if it is an array, else `[]`. */
export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The value if it is a string, else undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The string-valued entries of a plain object (labels, selectors), else undefined. */
export function stringMap(v: unknown): { [key: string]: string } | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: { [key: string]: string } = {};
  for (const [k, val] of Object.entries(v as object)) if (typeof val === 'string') out[k] = val;
  return out;
}
