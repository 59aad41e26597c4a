import { Testing } from 'cdk8s';
import { Duration, Testing as T } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AppPod, ConfigMapRef, DownwardApiFile, EnvValue, EmptyDirMedium, MountPropagation, ResourceFieldPath, SecretRef, Volume, VolumeFieldPath, VolumeProjection,
} from '../../../src';
import { brief, only, problemsOf, synthProblemsOf } from '../../util';

/** The volumes and the container's mounts of a pod that mounts each volume at /v<i> (with the mount's extra fields). */
function mounted(volumes: Volume[], extra: object[] = [], securityContext?: object): { volumes: any[]; mounts: any[] } {
  const chart = T.chart();
  // (POD_NAME defined: a subPathExpr naming an undefined variable is subpath-expr-env's finding)
  new AppPod(chart, 'app', { containers: [{ name: 'c', image: 'nginx', securityContext, env: { POD_NAME: EnvValue.fromValue('p') }, mounts: volumes.map((volume, i) => ({ volume, path: `/v${i}`, ...extra[i] })) }] });
  const spec = only(chart, 'Pod').spec;
  return { volumes: spec.volumes, mounts: spec.containers[0].volumeMounts };
}

const web = { name: 'web', image: 'nginx', port: 80 };

/** What the engine finds at synth in a pod that mounts each volume at /v<i> (with the mount's extra fields). */
function judged(volumes: Volume[], extra: object[] = []) {
  const chart = T.chart();
  // (X defined: a subPathExpr naming an undefined variable is subpath-expr-env's finding)
  new AppPod(chart, 'app', { containers: [{ name: 'c', image: 'nginx', env: { X: EnvValue.fromValue('x') }, mounts: volumes.map((volume, i) => ({ volume, path: `/v${i}`, ...extra[i] })) }] });
  return synthProblemsOf(chart);
}

describe('Volume', () => {
  test('emptyDir defaults: the node\'s medium, no size limit, nothing else written', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', {
      containers: [{ ...web, mounts: [{ volume: Volume.emptyDir('data'), path: '/data' }, { volume: Volume.emptyDir('disk', { medium: EmptyDirMedium.DEFAULT }), path: '/disk' }] }],
    });
    expect(only(chart, 'Pod').spec.volumes).toEqual([{ name: 'data', emptyDir: {} }, { name: 'disk', emptyDir: {} }]);
  });

  test('emptyDir in memory with a size limit', () => {
    const chart = Testing.chart();
    const cache = Volume.emptyDir('cache', { medium: EmptyDirMedium.MEMORY, sizeLimit: '64Mi' });
    new AppPod(chart, 'app', { containers: [{ ...web, mounts: [{ volume: cache, path: '/cache' }] }] });
    expect(only(chart, 'Pod').spec.volumes).toEqual([{ name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } }]);
  });

  test('configMap: the keys of a ConfigMap as files', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', { containers: [{ ...web, mounts: [{ volume: Volume.configMap('conf', 'nginx-conf'), path: '/etc/nginx/conf.d' }] }] });
    expect(only(chart, 'Pod').spec.volumes).toEqual([{ name: 'conf', configMap: { name: 'nginx-conf' } }]);
  });

  test('a mount is read-write unless readOnly (not written), at the volume\'s root unless subPath', () => {
    const chart = Testing.chart();
    const conf = Volume.configMap('conf', 'nginx-conf');
    new AppPod(chart, 'app', {
      containers: [{
        ...web, mounts: [
          { volume: conf, path: '/etc/nginx/conf.d/default.conf', subPath: 'default.conf' },
          { volume: conf, path: '/etc/conf', readOnly: true },
          { volume: conf, path: '/etc/rw', readOnly: false },
        ],
      }],
    });
    expect(only(chart, 'Pod').spec.containers[0].volumeMounts).toEqual([
      { name: 'conf', mountPath: '/etc/nginx/conf.d/default.conf', subPath: 'default.conf' },
      { name: 'conf', mountPath: '/etc/conf', readOnly: true },
      { name: 'conf', mountPath: '/etc/rw', readOnly: false },
    ]);
  });

  test('name is readable', () => {
    expect(Volume.emptyDir('data').name).toBe('data');
  });

  describe('Volume.isVolume', () => {
    test('recognises the volumes, and nothing else', () => {
      expect(Volume.isVolume(Volume.emptyDir('v'))).toBe(true);
      expect(Volume.isVolume(Volume.configMap('v', 'c'))).toBe(true);
      expect(Volume.isVolume({ name: 'v' })).toBe(false);
      expect(Volume.isVolume(undefined)).toBe(false);
    });

    test('recognises a volume of another copy of the package, by its brand, and a pod mounts it', () => {
      const foreign = { name: 'shared', _toKube: () => ({ name: 'shared', emptyDir: {} }) };
      Object.defineProperty(foreign, Symbol.for('cdk8s-pods-services.Volume'), { value: true });
      expect(Volume.isVolume(foreign)).toBe(true);
      const chart = Testing.chart();
      new AppPod(chart, 'app', { containers: [{ ...web, mounts: [{ volume: foreign as unknown as Volume, path: '/shared' }] }] });
      const { spec } = only(chart, 'Pod');
      expect(spec.volumes).toEqual([{ name: 'shared', emptyDir: {} }]);
      expect(spec.containers[0].volumeMounts).toEqual([{ name: 'shared', mountPath: '/shared' }]);
    });
  });

  describe('fails', () => {
    test('fails on a volume name that is not a DNS-1123 label', () => {
      const problems = judged([Volume.emptyDir('Bad_Name')]);
      expect(brief(problems)).toEqual([{ rule: 'volumes', field: 'spec.volumes[0].name', value: 'Bad_Name' }]);
      expect(problems[0]).toMatchObject({ path: 'test/app', object: expect.stringMatching(/^Pod\//) });
      expect(brief(judged([Volume.configMap('Bad_Name', 'conf')]))[0]).toEqual({ rule: 'volumes', field: 'spec.volumes[0].name', value: 'Bad_Name' });
    });

    test('fails on an unknown medium and a size limit that is not a quantity, together, at synth', () => {
      expect(brief(judged([Volume.emptyDir('v', { medium: 'Disk' as EmptyDirMedium, sizeLimit: 'big' })]))).toEqual([
        { rule: 'quantities', field: 'spec.volumes[0].emptyDir.sizeLimit', value: 'big' },
        { rule: 'empty-dir-medium', field: 'spec.volumes[0].emptyDir.medium', value: 'Disk' },
      ]);
      // (what cannot be written is refused when built)
      expect(brief(problemsOf(() => Volume.emptyDir('v', { medium: 1 as never, sizeLimit: 64 as never })))).toEqual([
        { rule: 'props', field: 'medium', value: 1 },
        { rule: 'props', field: 'sizeLimit', value: 64 },
      ]);
    });

    test('fails on a ConfigMap name that is not a DNS-1123 subdomain (the API server takes it; no ConfigMap has it)', () => {
      expect(brief(judged([Volume.configMap('v', 'My Config')]))).toEqual([{ rule: 'volume-refs', field: 'spec.volumes[0].configMap.name', value: 'My Config' }]);
      expect(brief(judged([Volume.configMap('v', ConfigMapRef.named('My Config'))]))).toEqual([{ rule: 'volume-refs', field: 'spec.volumes[0].configMap.name', value: 'My Config' }]);
    });
  });

  describe('wrong types from JavaScript are reported, never as a TypeError', () => {
    test('fails on null emptyDir options', () => {
      expect(brief(problemsOf(() => Volume.emptyDir('v', null as any)))).toEqual([{ rule: 'props', field: 'options', value: null }]);
    });

    test('fails on a name that is not a string', () => {
      expect(brief(problemsOf(() => Volume.emptyDir(5 as any)))).toEqual([{ rule: 'props', field: 'name', value: 5 }]);
    });

    test('fails on a plain object as a mount\'s volume', () => {
      expect(brief(problemsOf(() => new AppPod(Testing.chart(), 'app', { containers: [{ ...web, mounts: [{ volume: { name: 'v' } as any, path: '/v' }] }] }))))
        .toEqual([{ rule: 'props', field: 'containers[0].mounts[0]', value: { volume: { name: 'v' }, path: '/v' } }]);
    });
  });

  describe('ConfigMap and Secret volumes', () => {
    test('configMap takes a name, a ConfigMapRef or a cdk8s-plus ConfigMap; items, defaultMode and optional only when given', () => {
      const chart = T.chart();
      const cm = new kplus.ConfigMap(chart, 'cm', { metadata: { name: 'own' } });
      const { volumes } = mounted([
        Volume.configMap('a', ConfigMapRef.named('settings')),
        Volume.configMap('b', cm, { items: [{ key: 'app.conf', path: 'conf/app.conf' }, { key: 'k', path: 'k', mode: 0o600 }], defaultMode: 0o440, optional: true }),
      ]);
      expect(volumes).toEqual([
        { name: 'a', configMap: { name: 'settings' } },
        { name: 'b', configMap: { name: 'own', items: [{ key: 'app.conf', path: 'conf/app.conf' }, { key: 'k', path: 'k', mode: 0o600 }], defaultMode: 288, optional: true } },
      ]);
    });

    test('secret: secretName from a SecretRef or a cdk8s-plus Secret; nothing else unless given', () => {
      const chart = T.chart();
      const imported = kplus.Secret.fromSecretName(chart, 'tls', 'tls-cert');
      const { volumes } = mounted([Volume.secret('s', SecretRef.named('creds')), Volume.secret('t', imported, { items: [{ key: 'tls.key', path: 'key' }], defaultMode: 0o400 })]);
      expect(volumes).toEqual([
        { name: 's', secret: { secretName: 'creds' } },
        { name: 't', secret: { secretName: 'tls-cert', items: [{ key: 'tls.key', path: 'key' }], defaultMode: 256 } },
      ]);
    });

    test('an empty items list writes none (every key)', () => {
      expect(mounted([Volume.secret('s', SecretRef.named('creds'), { items: [] })]).volumes).toEqual([{ name: 's', secret: { secretName: 'creds' } }]);
    });

    test.each([0, 0o644, 0o777])('takes the mode %o', mode => {
      expect(Volume.isVolume(Volume.configMap('v', 'c', { defaultMode: mode, items: [{ key: 'k', path: 'p', mode }] }))).toBe(true);
    });

    test('fails on keys no ConfigMap can have, and on item paths that are absolute, have "..", start with ".." or are empty', () => {
      const items = [
        { key: 'a b', path: 'ok' }, { key: '..x', path: 'ok2' },
        { key: 'k1', path: '/etc/x' }, { key: 'k2', path: 'a/../b' }, { key: 'k3', path: '..data' }, { key: 'k4', path: '' },
      ];
      const at = (i: number) => `spec.volumes[0].secret.items[${i}]`;
      expect(brief(judged([Volume.secret('v', SecretRef.named('s'), { items })]))).toEqual([
        { rule: 'volume-sources', field: `${at(2)}.path`, value: '/etc/x' },
        { rule: 'volume-sources', field: `${at(3)}.path`, value: 'a/../b' },
        { rule: 'volume-sources', field: `${at(4)}.path`, value: '..data' },
        { rule: 'volume-sources', field: `${at(5)}.path`, value: '' },
        { rule: 'volume-refs', field: `${at(0)}.key`, value: 'a b' },
        { rule: 'volume-refs', field: `${at(1)}.key`, value: '..x' },
      ]);
    });

    test('fails on modes outside 0–0o777, written in decimal or octal', () => {
      expect(brief(judged([Volume.configMap('v', 'c', { defaultMode: 777, items: [{ key: 'k', path: 'p', mode: -1 }] })]))).toEqual([
        { rule: 'volume-sources', field: 'spec.volumes[0].configMap.defaultMode', value: 777 },
        { rule: 'volume-sources', field: 'spec.volumes[0].configMap.items[0].mode', value: -1 },
      ]);
    });

    test('fails on a Secret reference that is no Secret, and on options of the wrong shape', () => {
      expect(brief(problemsOf(() => Volume.secret('v', ConfigMapRef.named('c') as any)))).toEqual([{ rule: 'props', field: 'secret', value: ConfigMapRef.named('c') }]);
      expect(brief(problemsOf(() => Volume.secret('v', SecretRef.named('s'), { items: 'k' as any, optional: 1 as any })))).toEqual([
        { rule: 'props', field: 'options.optional', value: 1 },
        { rule: 'props', field: 'options.items', value: 'k' },
      ]);
    });
  });

  describe('PersistentVolumeClaim volumes', () => {
    test('claimName, and readOnly only when given', () => {
      expect(mounted([Volume.persistentVolumeClaim('data', 'data-claim'), Volume.persistentVolumeClaim('ro', 'shared', { readOnly: true })]).volumes).toEqual([
        { name: 'data', persistentVolumeClaim: { claimName: 'data-claim' } },
        { name: 'ro', persistentVolumeClaim: { claimName: 'shared', readOnly: true } },
      ]);
    });

    test('fails on an empty claim name (the API server\'s rule) and on one no claim can have (ours)', () => {
      expect(brief(judged([Volume.persistentVolumeClaim('v', '')]))).toEqual([{ rule: 'volume-sources', field: 'spec.volumes[0].persistentVolumeClaim.claimName', value: '' }]);
      expect(brief(judged([Volume.persistentVolumeClaim('v', 'Data')]))).toEqual([{ rule: 'volume-refs', field: 'spec.volumes[0].persistentVolumeClaim.claimName', value: 'Data' }]);
      expect(brief(problemsOf(() => Volume.persistentVolumeClaim('v', 'd', { readOnly: 'yes' as any })))).toEqual([{ rule: 'props', field: 'options.readOnly', value: 'yes' }]);
    });
  });

  describe('downward API volumes', () => {
    test('files of pod fields and container resources; modes and divisors only when given', () => {
      const volume = Volume.downwardApi('info', {
        files: [
          DownwardApiFile.field('labels', VolumeFieldPath.POD_LABELS),
          DownwardApiFile.field('name', VolumeFieldPath.POD_NAME, { mode: 0o400 }),
          DownwardApiFile.resource('cpu', 'c', ResourceFieldPath.CPU_LIMIT, { divisor: '1m' }),
        ],
        defaultMode: 0o444,
      });
      expect(mounted([volume]).volumes).toEqual([{
        name: 'info', downwardAPI: {
          items: [
            { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
            { path: 'name', fieldRef: { fieldPath: 'metadata.name' }, mode: 0o400 },
            { path: 'cpu', resourceFieldRef: { containerName: 'c', resource: 'limits.cpu', divisor: '1m' } },
          ],
          defaultMode: 0o444,
        },
      }]);
      expect(DownwardApiFile.field('x', VolumeFieldPath.POD_UID).path).toBe('x');
    });

    test('fails on a field a file cannot hold, a path that climbs, a resource file without its container', () => {
      const at = 'spec.volumes[0].downwardAPI.items[0]';
      expect(brief(judged([Volume.downwardApi('v', { files: [DownwardApiFile.field('../ip', 'status.podIP' as VolumeFieldPath)] })]))).toEqual([
        { rule: 'volume-sources', field: `${at}.path`, value: '../ip' },
        { rule: 'volume-sources', field: `${at}.fieldRef.fieldPath`, value: 'status.podIP' },
      ]);
      expect(brief(judged([Volume.downwardApi('v', { files: [DownwardApiFile.resource('mem', '', ResourceFieldPath.MEMORY_LIMIT, { divisor: '1m', mode: 0o1000 })] })]))).toEqual([
        { rule: 'volume-sources', field: `${at}.mode`, value: 0o1000 },
        { rule: 'volume-sources', field: `${at}.resourceFieldRef.containerName`, value: '' },
        { rule: 'volume-sources', field: `${at}.resourceFieldRef.divisor`, value: '1m' },
      ]);
      expect(brief(problemsOf(() => Volume.downwardApi('v', { files: [{ path: 'x' } as any] })))).toEqual([{ rule: 'props', field: 'options.files[0]', value: { path: 'x' } }]);
    });
  });

  describe('projected volumes', () => {
    test('ConfigMap, Secret, downward API and service account token sources in one directory', () => {
      const volume = Volume.projected('all', {
        sources: [
          VolumeProjection.configMap(ConfigMapRef.named('settings'), { items: [{ key: 'app.conf', path: 'app.conf' }] }),
          VolumeProjection.secret(SecretRef.named('creds'), { optional: true }),
          VolumeProjection.downwardApi([DownwardApiFile.field('labels', VolumeFieldPath.POD_LABELS)]),
          VolumeProjection.serviceAccountToken({ path: 'token' }),
          VolumeProjection.serviceAccountToken({ path: 'vault-token', audience: 'vault', expiration: Duration.hours(2) }),
        ],
        defaultMode: 0o440,
      });
      expect(mounted([volume]).volumes).toEqual([{
        name: 'all', projected: {
          sources: [
            { configMap: { name: 'settings', items: [{ key: 'app.conf', path: 'app.conf' }] } },
            { secret: { name: 'creds', optional: true } },
            { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
            { serviceAccountToken: { path: 'token' } },
            { serviceAccountToken: { path: 'vault-token', audience: 'vault', expirationSeconds: 7200 } },
          ],
          defaultMode: 0o440,
        },
      }]);
    });

    test('fails on two files at one path, across sources', () => {
      expect(brief(judged([Volume.projected('v', {
        sources: [
          VolumeProjection.configMap(ConfigMapRef.named('a'), { items: [{ key: 'k', path: 'conf' }] }),
          VolumeProjection.downwardApi([DownwardApiFile.field('conf', VolumeFieldPath.POD_NAME)]),
        ],
      })]))).toEqual([{ rule: 'volume-sources', field: 'spec.volumes[0].projected.sources[1].downwardAPI.items[0].path', value: 'conf' }]);
    });

    test('fails on a token lifetime under 10 minutes or over 2^32 seconds, and on a token without a path', () => {
      const token = (options: { path: string; expiration: Duration }) => judged([Volume.projected('v', { sources: [VolumeProjection.serviceAccountToken(options)] })]);
      const at = 'spec.volumes[0].projected.sources[0].serviceAccountToken';
      expect(brief(token({ path: 't', expiration: Duration.minutes(9) }))).toEqual([
        { rule: 'volume-sources', field: `${at}.expirationSeconds`, value: 540 },
      ]);
      expect(brief(token({ path: '', expiration: Duration.seconds(2 ** 32 + 1) }))).toEqual([
        { rule: 'volume-sources', field: `${at}.path`, value: '' },
        { rule: 'volume-sources', field: `${at}.expirationSeconds`, value: 2 ** 32 + 1 },
      ]);
      expect(brief(problemsOf(() => VolumeProjection.serviceAccountToken({ path: 't', expiration: 3600 as any })))).toEqual([{ rule: 'props', field: 'expiration', value: 3600 }]);
    });

    test('fails on sources that are no VolumeProjection', () => {
      expect(brief(problemsOf(() => Volume.projected('v', { sources: [{ secret: { name: 's' } } as any] })))).toEqual([
        { rule: 'props', field: 'options.sources[0]', value: { secret: { name: 's' } } },
      ]);
    });
  });

  describe('mounts', () => {
    test('subPathExpr and propagation are written as the API spells them, only when given', () => {
      const { mounts } = mounted([Volume.emptyDir('a'), Volume.emptyDir('b'), Volume.emptyDir('c')],
        [{ subPathExpr: '$(POD_NAME)' }, { propagation: MountPropagation.HOST_TO_CONTAINER }, {}]);
      expect(mounts).toEqual([
        { name: 'a', mountPath: '/v0', subPathExpr: '$(POD_NAME)' },
        { name: 'b', mountPath: '/v1', mountPropagation: 'HostToContainer' },
        { name: 'c', mountPath: '/v2' },
      ]);
    });

    test('Bidirectional propagation in a privileged container', () => {
      expect(mounted([Volume.emptyDir('a')], [{ propagation: MountPropagation.BIDIRECTIONAL }], { privileged: true }).mounts)
        .toEqual([{ name: 'a', mountPath: '/v0', mountPropagation: 'Bidirectional' }]);
    });

    test('fails on subPath beside subPathExpr, a subPathExpr that climbs, Bidirectional unprivileged, an unknown propagation', () => {
      const v = Volume.emptyDir('v');
      const at = (i: number) => `spec.containers[0].volumeMounts[${i}]`;
      expect(brief(judged([v, v, v, v], [
        { subPath: 'a', subPathExpr: '$(X)' }, { subPathExpr: '../$(X)' }, { propagation: MountPropagation.BIDIRECTIONAL }, { propagation: 'Both' },
      ]))).toEqual([
        { rule: 'volumes', field: `${at(0)}.subPathExpr`, value: '$(X)' },
        { rule: 'volumes', field: `${at(1)}.subPathExpr`, value: '../$(X)' },
        { rule: 'volumes', field: `${at(2)}.mountPropagation`, value: 'Bidirectional' },
        { rule: 'volumes', field: `${at(3)}.mountPropagation`, value: 'Both' },
      ]);
    });
  });
});
