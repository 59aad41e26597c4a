/**
 * The checks of configuration in written pods, and of the ConfigMaps and Secrets themselves:
 * env values from keys, pod fields and resources, `envFrom`, the sources of ConfigMap, Secret,
 * PersistentVolumeClaim, downward API and projected volumes, mount options, and data keys.
 * Each is what Kubernetes 1.28's `pkg/apis/core/validation` refuses, but for `volume-refs`:
 * names and keys no object can have, which the API server lets through and the kubelet cannot mount.
 */
import type { Reporter } from '../problems';
import * as config from '../config-rules';
import type { Json, KubeObject } from '../manifest';
import { array, record } from '../manifest';
import * as rules from '../rules';

/** Checks one `env[]` entry's `valueFrom`: exactly one source, each valid. */
export function checkValueFrom(r: Reporter, field: string, valueFrom: unknown): void {
  if (valueFrom === undefined) return;
  const v = record(valueFrom);
  const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter(s => v[s] !== undefined);
  if (sources.length !== 1) {
    r.add('env-sources', field, sources, 'exactly one source: fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef');
    return;
  }
  const source = sources[0];
  const ref = record(v[source]);
  const at = `${field}.${source}`;
  if (source === 'configMapKeyRef' || source === 'secretKeyRef') {
    r.check('env-sources', `${at}.name`, ref.name, rules.dns1123Subdomain(ref.name));
    r.check('env-sources', `${at}.key`, ref.key, config.configMapKey(ref.key));
  } else if (source === 'fieldRef') {
    if (ref.apiVersion !== undefined && ref.apiVersion !== 'v1' && ref.apiVersion !== '') r.add('env-sources', `${at}.apiVersion`, ref.apiVersion, '"v1" (or unset)');
    r.check('env-sources', `${at}.fieldPath`, ref.fieldPath, config.podFieldPath(ref.fieldPath, config.ENV_FIELD_PATHS));
  } else {
    checkResourceFieldRef(r, at, ref, false);
  }
}

/** Checks a `resourceFieldRef` (in a downward API file it must name its container). */
function checkResourceFieldRef(r: Reporter, field: string, ref: Json, inVolume: boolean): void {
  const rule = inVolume ? 'volume-sources' : 'env-sources';
  if (inVolume && (typeof ref.containerName !== 'string' || ref.containerName === '')) {
    r.add(rule, `${field}.containerName`, ref.containerName, 'the name of the container whose resources the file holds');
  }
  const resourceProblem = config.resourceField(ref.resource);
  r.check(rule, `${field}.resource`, ref.resource, resourceProblem);
  if (resourceProblem === undefined && ref.divisor !== undefined && !(rules.parseQuantity(ref.divisor) === 0)) {
    r.check(rule, `${field}.divisor`, ref.divisor, config.resourceDivisor(ref.resource, ref.divisor));
  }
}

/** Checks a container's `envFrom`: one ConfigMap or Secret each, a valid name, a prefix that is a variable name. */
export function checkEnvFrom(r: Reporter, field: string, envFrom: unknown): void {
  array(envFrom).forEach((e, i) => {
    const source = record(e);
    const at = `${field}[${i}]`;
    if (source.prefix !== undefined && source.prefix !== '') r.check('env-sources', `${at}.prefix`, source.prefix, rules.envVarName(source.prefix));
    const refs = ['configMapRef', 'secretRef'].filter(s => source[s] !== undefined);
    if (refs.length !== 1) {
      r.add('env-sources', at, refs, 'exactly one of configMapRef and secretRef');
      return;
    }
    const name = record(source[refs[0]]).name;
    r.check('env-sources', `${at}.${refs[0]}.name`, name, rules.dns1123Subdomain(name));
  });
}

/** Checks the source of one volume (its name and the count of sources are the pod checks'). */
export function checkVolumeSource(r: Reporter, field: string, volume: Json): void {
  if (volume.configMap !== undefined) checkKeyVolume(r, `${field}.configMap`, record(volume.configMap), 'name');
  if (volume.secret !== undefined) checkKeyVolume(r, `${field}.secret`, record(volume.secret), 'secretName');
  if (volume.persistentVolumeClaim !== undefined) {
    const claimName = record(volume.persistentVolumeClaim).claimName;
    if (typeof claimName !== 'string' || claimName === '') r.add('volume-sources', `${field}.persistentVolumeClaim.claimName`, claimName, 'the name of a PersistentVolumeClaim');
    else r.check('volume-refs', `${field}.persistentVolumeClaim.claimName`, claimName, rules.dns1123Subdomain(claimName));
  }
  if (volume.downwardAPI !== undefined) {
    const source = record(volume.downwardAPI);
    checkMode(r, `${field}.downwardAPI.defaultMode`, source.defaultMode);
    array(source.items).forEach((f, i) => checkDownwardApiFile(r, `${field}.downwardAPI.items[${i}]`, record(f)));
  }
  if (volume.projected !== undefined) checkProjected(r, `${field}.projected`, record(volume.projected));
}

function checkMode(r: Reporter, field: string, mode: unknown): void {
  if (mode !== undefined) r.check('volume-sources', field, mode, config.fileMode(mode));
}

/** A ConfigMap or Secret volume (or projection): a name, items with keys and safe paths, modes. */
function checkKeyVolume(r: Reporter, field: string, source: Json, nameField: string): void {
  const name = source[nameField];
  if (typeof name !== 'string' || name === '') r.add('volume-sources', `${field}.${nameField}`, name, 'the name of the object whose keys the volume holds');
  else r.check('volume-refs', `${field}.${nameField}`, name, rules.dns1123Subdomain(name));
  checkMode(r, `${field}.defaultMode`, source.defaultMode);
  array(source.items).forEach((it, i) => {
    const item = record(it);
    const at = `${field}.items[${i}]`;
    if (typeof item.key !== 'string' || item.key === '') r.add('volume-sources', `${at}.key`, item.key, 'a key of the object');
    else r.check('volume-refs', `${at}.key`, item.key, config.configMapKey(item.key));
    r.check('volume-sources', `${at}.path`, item.path, config.itemPath(item.path));
    checkMode(r, `${at}.mode`, item.mode);
  });
}

function checkDownwardApiFile(r: Reporter, field: string, file: Json): void {
  r.check('volume-sources', `${field}.path`, file.path, config.itemPath(file.path));
  checkMode(r, `${field}.mode`, file.mode);
  const refs = ['fieldRef', 'resourceFieldRef'].filter(s => file[s] !== undefined);
  if (refs.length !== 1) {
    r.add('volume-sources', field, refs, 'exactly one of fieldRef and resourceFieldRef');
  } else if (refs[0] === 'fieldRef') {
    const ref = record(file.fieldRef);
    if (ref.apiVersion !== undefined && ref.apiVersion !== 'v1' && ref.apiVersion !== '') r.add('volume-sources', `${field}.fieldRef.apiVersion`, ref.apiVersion, '"v1" (or unset)');
    r.check('volume-sources', `${field}.fieldRef.fieldPath`, ref.fieldPath, config.podFieldPath(ref.fieldPath, config.VOLUME_FIELD_PATHS));
  } else {
    checkResourceFieldRef(r, `${field}.resourceFieldRef`, record(file.resourceFieldRef), true);
  }
}

/** A projected volume: one kind per source, no path twice (items and downward API files), token lifetimes. */
function checkProjected(r: Reporter, field: string, projected: Json): void {
  checkMode(r, `${field}.defaultMode`, projected.defaultMode);
  const paths = new Set<string>();
  const claim = (at: string, path: unknown) => {
    if (typeof path !== 'string' || path === '') return;
    if (paths.has(path)) r.add('volume-sources', at, path, 'a path no other file of the projected volume has', 'give each file its own path');
    paths.add(path);
  };
  array(projected.sources).forEach((s, i) => {
    const source = record(s);
    const at = `${field}.sources[${i}]`;
    const kinds = ['configMap', 'secret', 'downwardAPI', 'serviceAccountToken'].filter(k => source[k] !== undefined);
    if (kinds.length > 1) {
      r.add('volume-sources', at, kinds, 'one of configMap, secret, downwardAPI and serviceAccountToken per source');
      return;
    }
    if (kinds.length === 0) return; // (an empty source projects nothing; the API server takes it)
    const kind = kinds[0];
    const body = record(source[kind]);
    if (kind === 'configMap' || kind === 'secret') {
      checkKeyVolume(r, `${at}.${kind}`, body, 'name');
      array(body.items).forEach((it, j) => claim(`${at}.${kind}.items[${j}].path`, record(it).path));
    } else if (kind === 'downwardAPI') {
      array(body.items).forEach((f, j) => {
        checkDownwardApiFile(r, `${at}.downwardAPI.items[${j}]`, record(f));
        claim(`${at}.downwardAPI.items[${j}].path`, record(f).path);
      });
    } else if (kind === 'serviceAccountToken') {
      if (typeof body.path !== 'string' || body.path === '') r.add('volume-sources', `${at}.serviceAccountToken.path`, body.path, 'the token file\'s path in the volume');
      if (body.expirationSeconds !== undefined) {
        r.check('volume-sources', `${at}.serviceAccountToken.expirationSeconds`, body.expirationSeconds, config.tokenExpiration(body.expirationSeconds));
      }
    }
  });
}

/** Checks a mount's `subPathExpr` and `mountPropagation` (its name, path and `subPath` are the pod checks'). */
export function checkMountOptions(r: Reporter, field: string, mount: Json, container: Json): void {
  if (mount.subPathExpr !== undefined && mount.subPathExpr !== '') {
    if (mount.subPath !== undefined && mount.subPath !== '') {
      r.add('volumes', `${field}.subPathExpr`, mount.subPathExpr, 'no subPathExpr beside a subPath: they are mutually exclusive', 'keep one of them');
    }
    r.check('volumes', `${field}.subPathExpr`, mount.subPathExpr, rules.relativePath(mount.subPathExpr));
  }
  const propagation = mount.mountPropagation;
  if (propagation === undefined) return;
  if (!['None', 'HostToContainer', 'Bidirectional'].includes(propagation as string)) {
    r.add('volumes', `${field}.mountPropagation`, propagation, 'one of None, HostToContainer, Bidirectional');
  } else if (propagation === 'Bidirectional' && record(container.securityContext).privileged !== true) {
    r.add('volumes', `${field}.mountPropagation`, propagation, 'HostToContainer or None: Bidirectional propagation is for privileged containers only',
      'use HostToContainer, or run the container privileged (securityContext.privileged: true)');
  }
}

/** Checks a ConfigMap's or Secret's data keys. */
export function checkConfigData(object: KubeObject, r: Reporter): void {
  const fields = object.builtinKind === 'ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData'];
  for (const field of fields) {
    for (const key of Object.keys(record(object.raw[field]))) r.check('config-data', `${field}.${key}`, key, config.configMapKey(key));
  }
  if (object.builtinKind === 'ConfigMap') {
    const binary = record(object.raw.binaryData);
    for (const key of Object.keys(record(object.raw.data))) {
      if (key in binary) r.add('config-data', `data.${key}`, key, 'a key not also in binaryData', 'keep the key in one of data and binaryData');
    }
  }
}
