import { array, record } from '../manifest';
import { defineRule } from '../rule';
import * as validators from '../validators';
import { containersOf } from '../walk/containers';
import { atLeast, FIELD_SINCE, targetOf } from '../versions';
import { POD_MAKERS, STATEFULSET_TEMPLATE_VALIDATED_FROM } from '../walk/pods';

const VOLUME_SOURCES = [
  'emptyDir', 'configMap', 'secret', 'persistentVolumeClaim', 'projected', 'downwardAPI', 'hostPath', 'nfs', 'csi',
  'ephemeral', 'iscsi', 'fc', 'cephfs', 'rbd', 'cinder', 'flexVolume', 'glusterfs', 'awsElasticBlockStore', 'gcePersistentDisk',
  'azureDisk', 'azureFile', 'vsphereVolume', 'quobyte', 'flocker', 'photonPersistentDisk', 'portworxVolume', 'scaleIO',
  'storageos', 'gitRepo',
];

export const rule = defineRule({
  id: 'volumes',
  source: 'api-server',
  severity: 'error',
  kinds: POD_MAKERS,
  summary: 'volume names unique DNS-1123 labels, one source each; an emptyDir\'s sizeLimit not negative; every mount names a volume of the pod, at its own path; subPath or subPathExpr (not both) relative without ".."; mountPropagation None, HostToContainer or Bidirectional (privileged containers only)',
  fix: 'give volumes unique DNS-1123 names and one source each (an emptyDir\'s sizeLimit not negative), mount only volumes of the pod at distinct absolute paths, use subPath or subPathExpr (relative, no ".."), and mountPropagation None, HostToContainer or Bidirectional',
  versions: { from: '1.28' },
  upstream: 'pkg/apis/core/validation.ValidateVolumes and ValidateVolumeMounts',
  podSpec({ object, field, spec }, r, { options }) {
    // An image volume is a source from 1.35: before, the API server drops it (ImageVolume off)
    // and the volume has none, or (before 1.31) its strict decoding refuses the unknown field.
    const target = targetOf(options);
    const known = atLeast(target, FIELD_SINCE.imageVolume) ? [...VOLUME_SOURCES, 'image'] : VOLUME_SOURCES;
    const volumes = new Set<string>();
    array(spec.volumes).forEach((v, i) => {
      const volume = record(v);
      const name = volume.name;
      r.check(`${field}.volumes[${i}].name`, name, validators.dns1123Label(name));
      if (typeof name === 'string') {
        if (volumes.has(name)) r.add(`${field}.volumes[${i}].name`, name, 'a name no other volume of the pod has');
        volumes.add(name);
      }
      const sources = Object.keys(volume).filter(k => known.includes(k));
      if (sources.length !== 1) r.add(`${field}.volumes[${i}]`, sources, 'exactly one volume source (emptyDir, configMap, secret, …)');
      // (one that is no quantity at all: rule quantities)
      const size = volume.emptyDir === undefined || volume.emptyDir === null ? undefined : record(volume.emptyDir).sizeLimit;
      const parsed = validators.parseQuantity(size);
      if (parsed !== undefined && parsed < 0) r.add(`${field}.volumes[${i}].emptyDir.sizeLimit`, size, 'a quantity that is not negative, e.g. "64Mi"', 'give a size, or leave sizeLimit out for no limit');
    });
    // A StatefulSet's mounts may also name its claim templates. Before 1.34 the API server does not
    // judge them (rule volume-claim-templates does); from 1.34 it does, with the claim templates
    // added to the pod's volumes (apps/validation's volumesToAddForTemplates).
    const statefulSet = object.builtinKind === 'StatefulSet';
    const mountsJudged = !statefulSet || atLeast(target, STATEFULSET_TEMPLATE_VALIDATED_FROM);
    const mountable = new Set(volumes);
    if (statefulSet) for (const t of array(record(object.raw.spec).volumeClaimTemplates)) mountable.add(String(record(record(t).metadata).name));
    for (const c of containersOf(field, spec)) {
      const paths = new Set<string>();
      array(c.container.volumeMounts).forEach((m, i) => {
        const mount = record(m);
        const at = `${c.field}.volumeMounts[${i}]`;
        if (mountsJudged && (typeof mount.name !== 'string' || !mountable.has(mount.name))) {
          r.add(`${at}.name`, mount.name, `the name of a volume of the pod${statefulSet ? ' or of a claim template' : ''}${mountable.size > 0 ? ` (${[...mountable].join(', ')})` : ': it has none'}`,
            `add the volume to the pod${statefulSet ? ' (or the claim template)' : ''}, or mount one it has`);
        }
        r.check(`${at}.mountPath`, mount.mountPath, validators.mountPath(mount.mountPath));
        if (typeof mount.mountPath === 'string') {
          if (paths.has(mount.mountPath)) r.add(`${at}.mountPath`, mount.mountPath, 'a path no other mount of the container has', 'mount each volume at its own path');
          paths.add(mount.mountPath);
        }
        if (mount.subPath !== undefined) r.check(`${at}.subPath`, mount.subPath, validators.relativePath(mount.subPath));
        if (mount.subPathExpr !== undefined && mount.subPathExpr !== '') {
          if (mount.subPath !== undefined && mount.subPath !== '') {
            r.add(`${at}.subPathExpr`, mount.subPathExpr, 'no subPathExpr beside a subPath: they are mutually exclusive', 'keep one of them');
          }
          r.check(`${at}.subPathExpr`, mount.subPathExpr, validators.relativePath(mount.subPathExpr));
        }
        const propagation = mount.mountPropagation;
        if (propagation === undefined) return;
        if (!['None', 'HostToContainer', 'Bidirectional'].includes(propagation as string)) {
          r.add(`${at}.mountPropagation`, propagation, 'one of None, HostToContainer, Bidirectional');
        } else if (propagation === 'Bidirectional' && record(c.container.securityContext).privileged !== true) {
          r.add(`${at}.mountPropagation`, propagation, 'HostToContainer or None: Bidirectional propagation is for privileged containers only',
            'use HostToContainer, or run the container privileged (securityContext.privileged: true)');
        }
      });
    }
  },
});
