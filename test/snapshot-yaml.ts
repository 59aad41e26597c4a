/**
 * Snapshots of manifests are written as the YAML users apply (one document per object), not as
 * JavaScript object literals: readable, and readable by tools too. The upstream oracle test
 * judges every manifest in every snapshot (test/integration/oracle.test.ts).
 */
import { stringify } from 'yaml';

function isManifest(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    && typeof (v as { apiVersion?: unknown }).apiVersion === 'string' && typeof (v as { kind?: unknown }).kind === 'string';
}

/** An object with `apiVersion` and `kind`, or a non-empty list of them. */
export function test(v: unknown): boolean {
  return isManifest(v) || (Array.isArray(v) && v.length > 0 && v.every(isManifest));
}

export function serialize(v: unknown): string {
  const docs = Array.isArray(v) ? v : [v];
  return docs.map(d => stringify(d).trimEnd()).join('\n---\n');
}
