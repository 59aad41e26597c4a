/**
 * Every ConfigMap and Secret a pod spec reads (volumes, projected sources, env valueFrom,
 * envFrom), with the keys it names and whether it is optional; and the ConfigMaps and Secrets
 * the app writes, with their keys (rules config-source-exists and config-key-exists).
 */
import type { Json, ManifestModel, PodSource } from '../manifest';
import { array, record, str } from '../manifest';

/** One reference of a pod spec to a ConfigMap or Secret. */
export interface ConfigRef {
  readonly kind: 'ConfigMap' | 'Secret';
  readonly name: string;
  /** The field that names it, in the written object. */
  readonly field: string;
  /** The keys it reads, each with the field that names it (none: the whole object). */
  readonly keys: readonly { readonly key: string; readonly field: string }[];
  /** `optional: true`: the kubelet goes on without it. */
  readonly optional: boolean;
  /** Read by env (the container does not start) or a volume (the pod never gets past ContainerCreating). */
  readonly by: 'env' | 'volume';
}

function itemsOf(source: Json, at: string): { key: string; field: string }[] {
  return array(source.items).flatMap((it, j) => {
    const key = str(record(it).key);
    return key === undefined ? [] : [{ key, field: `${at}.items[${j}].key` }];
  });
}

/** The references of one pod (or template). */
export function configRefs(pod: PodSource): ConfigRef[] {
  const found: ConfigRef[] = [];
  const base = `${pod.template}spec`;
  const fromSource = (source: Json, kind: 'ConfigMap' | 'Secret', at: string, nameField: 'name' | 'secretName') => {
    const name = str(source[nameField]);
    if (name) found.push({ kind, name, field: `${at}.${nameField}`, keys: itemsOf(source, at), optional: source.optional === true, by: 'volume' });
  };
  array(pod.spec.volumes).forEach((v, i) => {
    const volume = record(v);
    const at = `${base}.volumes[${i}]`;
    if (volume.configMap !== undefined) fromSource(record(volume.configMap), 'ConfigMap', `${at}.configMap`, 'name');
    if (volume.secret !== undefined) fromSource(record(volume.secret), 'Secret', `${at}.secret`, 'secretName');
    array(record(volume.projected).sources).forEach((s, k) => {
      const source = record(s);
      if (source.configMap !== undefined) fromSource(record(source.configMap), 'ConfigMap', `${at}.projected.sources[${k}].configMap`, 'name');
      if (source.secret !== undefined) fromSource(record(source.secret), 'Secret', `${at}.projected.sources[${k}].secret`, 'name');
    });
  });
  for (const list of ['initContainers', 'containers'] as const) {
    array(pod.spec[list]).forEach((c, i) => {
      const container = record(c);
      const at = `${base}.${list}[${i}]`;
      array(container.env).forEach((e, k) => {
        const from = record(record(e).valueFrom);
        for (const [refName, kind] of [['configMapKeyRef', 'ConfigMap'], ['secretKeyRef', 'Secret']] as const) {
          if (from[refName] === undefined) continue;
          const ref = record(from[refName]);
          const name = str(ref.name);
          const key = str(ref.key);
          const field = `${at}.env[${k}].valueFrom.${refName}`;
          if (name) found.push({ kind, name, field: `${field}.name`, keys: key ? [{ key, field: `${field}.key` }] : [], optional: ref.optional === true, by: 'env' });
        }
      });
      array(container.envFrom).forEach((e, k) => {
        const from = record(e);
        for (const [refName, kind] of [['configMapRef', 'ConfigMap'], ['secretRef', 'Secret']] as const) {
          if (from[refName] === undefined) continue;
          const ref = record(from[refName]);
          const name = str(ref.name);
          if (name) found.push({ kind, name, field: `${at}.envFrom[${k}].${refName}.name`, keys: [], optional: ref.optional === true, by: 'env' });
        }
      });
    });
  }
  return found;
}

/** The ConfigMaps and Secrets the app writes, by `Kind/namespace/name`, with their keys. */
export function writtenConfig(model: ManifestModel): Map<string, Set<string>> {
  const written = new Map<string, Set<string>>();
  for (const o of model.objects) {
    if (o.builtinKind !== 'ConfigMap' && o.builtinKind !== 'Secret') continue;
    const fields = o.builtinKind === 'ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData'];
    written.set(`${o.builtinKind}/${o.namespace ?? ''}/${o.name}`, new Set(fields.flatMap(f => Object.keys(record(o.raw[f])))));
  }
  return written;
}
