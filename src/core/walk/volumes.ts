/**
 * The sources of a pod's volumes as data: what Kubernetes 1.28's `validateVolumeSource` refuses
 * (`shape`, rule `volume-sources`), and names and keys no object can have, which the API server
 * lets through and the kubelet cannot mount (`reference`, rule `volume-refs`).
 */
import * as config from '../config-rules';
import type { Json} from '../manifest';
import { array, record } from '../manifest';
import * as validators from '../validators';

/** One thing wrong in a volume's source. */
export interface VolumeFinding {
  readonly kind: 'shape' | 'reference';
  readonly field: string;
  readonly value: unknown;
  readonly allowed: string;
  readonly fix?: string;
}

/** A `resourceFieldRef` (in a downward API file it must name its container). */
export function resourceFieldRefFindings(field: string, ref: Json, inVolume: boolean): VolumeFinding[] {
  const out: VolumeFinding[] = [];
  if (inVolume && (typeof ref.containerName !== 'string' || ref.containerName === '')) {
    out.push({ kind: 'shape', field: `${field}.containerName`, value: ref.containerName, allowed: 'the name of the container whose resources the file holds' });
  }
  const resourceProblem = config.resourceField(ref.resource);
  if (resourceProblem !== undefined) out.push({ kind: 'shape', field: `${field}.resource`, value: ref.resource, allowed: resourceProblem });
  if (resourceProblem === undefined && ref.divisor !== undefined && !(validators.parseQuantity(ref.divisor) === 0)) {
    const divisor = config.resourceDivisor(ref.resource, ref.divisor);
    if (divisor !== undefined) out.push({ kind: 'shape', field: `${field}.divisor`, value: ref.divisor, allowed: divisor });
  }
  return out;
}

/** The findings of one volume's source (its name and the count of sources are rule `volumes`'). */
export function volumeSourceFindings(field: string, volume: Json): VolumeFinding[] {
  const out: VolumeFinding[] = [];
  const shape = (f: string, value: unknown, allowed: string | undefined, fix?: string) => {
    if (allowed !== undefined) out.push({ kind: 'shape', field: f, value, allowed, ...(fix !== undefined ? { fix } : {}) });
  };
  const reference = (f: string, value: unknown, allowed: string | undefined) => {
    if (allowed !== undefined) out.push({ kind: 'reference', field: f, value, allowed });
  };
  const mode = (f: string, m: unknown) => {
    if (m !== undefined) shape(f, m, config.fileMode(m));
  };
  const keyVolume = (f: string, source: Json, nameField: string) => {
    const name = source[nameField];
    if (typeof name !== 'string' || name === '') shape(`${f}.${nameField}`, name, 'the name of the object whose keys the volume holds');
    else reference(`${f}.${nameField}`, name, validators.dns1123Subdomain(name));
    mode(`${f}.defaultMode`, source.defaultMode);
    array(source.items).forEach((it, i) => {
      const item = record(it);
      const at = `${f}.items[${i}]`;
      if (typeof item.key !== 'string' || item.key === '') shape(`${at}.key`, item.key, 'a key of the object');
      else reference(`${at}.key`, item.key, config.configMapKey(item.key));
      shape(`${at}.path`, item.path, config.itemPath(item.path));
      mode(`${at}.mode`, item.mode);
    });
  };
  const downwardApiFile = (f: string, file: Json) => {
    shape(`${f}.path`, file.path, config.itemPath(file.path));
    mode(`${f}.mode`, file.mode);
    const refs = ['fieldRef', 'resourceFieldRef'].filter(s => file[s] !== undefined);
    if (refs.length !== 1) {
      shape(f, refs, 'exactly one of fieldRef and resourceFieldRef');
    } else if (refs[0] === 'fieldRef') {
      const ref = record(file.fieldRef);
      if (ref.apiVersion !== undefined && ref.apiVersion !== 'v1' && ref.apiVersion !== '') shape(`${f}.fieldRef.apiVersion`, ref.apiVersion, '"v1" (or unset)');
      shape(`${f}.fieldRef.fieldPath`, ref.fieldPath, config.podFieldPath(ref.fieldPath, config.VOLUME_FIELD_PATHS));
    } else {
      out.push(...resourceFieldRefFindings(`${f}.resourceFieldRef`, record(file.resourceFieldRef), true));
    }
  };
  const projected = (f: string, p: Json) => {
    mode(`${f}.defaultMode`, p.defaultMode);
    const paths = new Set<string>();
    const claim = (at: string, path: unknown) => {
      if (typeof path !== 'string' || path === '') return;
      if (paths.has(path)) shape(at, path, 'a path no other file of the projected volume has', 'give each file its own path');
      paths.add(path);
    };
    array(p.sources).forEach((s, i) => {
      const source = record(s);
      const at = `${f}.sources[${i}]`;
      const kinds = ['configMap', 'secret', 'downwardAPI', 'serviceAccountToken'].filter(k => source[k] !== undefined);
      if (kinds.length > 1) {
        shape(at, kinds, 'one of configMap, secret, downwardAPI and serviceAccountToken per source');
        return;
      }
      if (kinds.length === 0) return; // (an empty source projects nothing; the API server takes it)
      const kind = kinds[0];
      const body = record(source[kind]);
      if (kind === 'configMap' || kind === 'secret') {
        keyVolume(`${at}.${kind}`, body, 'name');
        array(body.items).forEach((it, j) => claim(`${at}.${kind}.items[${j}].path`, record(it).path));
      } else if (kind === 'downwardAPI') {
        array(body.items).forEach((file, j) => {
          downwardApiFile(`${at}.downwardAPI.items[${j}]`, record(file));
          claim(`${at}.downwardAPI.items[${j}].path`, record(file).path);
        });
      } else if (kind === 'serviceAccountToken') {
        if (typeof body.path !== 'string' || body.path === '') shape(`${at}.serviceAccountToken.path`, body.path, 'the token file\'s path in the volume');
        if (body.expirationSeconds !== undefined) {
          shape(`${at}.serviceAccountToken.expirationSeconds`, body.expirationSeconds, config.tokenExpiration(body.expirationSeconds));
        }
      }
    });
  };

  if (volume.configMap !== undefined) keyVolume(`${field}.configMap`, record(volume.configMap), 'name');
  if (volume.secret !== undefined) keyVolume(`${field}.secret`, record(volume.secret), 'secretName');
  if (volume.persistentVolumeClaim !== undefined) {
    const claimName = record(volume.persistentVolumeClaim).claimName;
    if (typeof claimName !== 'string' || claimName === '') shape(`${field}.persistentVolumeClaim.claimName`, claimName, 'the name of a PersistentVolumeClaim');
    else reference(`${field}.persistentVolumeClaim.claimName`, claimName, validators.dns1123Subdomain(claimName));
  }
  if (volume.downwardAPI !== undefined) {
    const source = record(volume.downwardAPI);
    mode(`${field}.downwardAPI.defaultMode`, source.defaultMode);
    array(source.items).forEach((file, i) => downwardApiFile(`${field}.downwardAPI.items[${i}]`, record(file)));
  }
  if (volume.projected !== undefined) projected(`${field}.projected`, record(volume.projected));
  return out;
}
