import { Testing } from 'cdk8s';
import { AppPod, EmptyDirMedium, Volume } from '../../../src';
import { brief, only, problemsOf } from '../../util';

const web = { name: 'web', image: 'nginx', port: 80 };

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
      const problems = problemsOf(() => Volume.emptyDir('Bad_Name'));
      expect(brief(problems)).toEqual([{ rule: 'volumes', field: 'name', value: 'Bad_Name' }]);
      expect(problems[0].path).toBe('Volume.emptyDir()');
      expect(brief(problemsOf(() => Volume.configMap('Bad_Name', 'conf')))).toEqual([{ rule: 'volumes', field: 'name', value: 'Bad_Name' }]);
    });

    test('fails on an unknown medium and a size limit that is not a quantity, together', () => {
      expect(brief(problemsOf(() => Volume.emptyDir('v', { medium: 'Disk' as EmptyDirMedium, sizeLimit: 'big' })))).toEqual([
        { rule: 'volumes', field: 'medium', value: 'Disk' },
        { rule: 'volumes', field: 'sizeLimit', value: 'big' },
      ]);
    });

    test('fails on a ConfigMap name that is not a DNS-1123 subdomain', () => {
      const problems = problemsOf(() => Volume.configMap('v', 'My Config'));
      expect(brief(problems)).toEqual([{ rule: 'volumes', field: 'configMapName', value: 'My Config' }]);
      expect(problems[0].path).toBe('Volume.configMap()');
    });
  });

  describe('wrong types from JavaScript are reported, never as a TypeError', () => {
    test('fails on null emptyDir options', () => {
      expect(brief(problemsOf(() => Volume.emptyDir('v', null as any)))).toEqual([{ rule: 'props', field: 'options', value: null }]);
    });

    test('fails on a name that is not a string', () => {
      expect(brief(problemsOf(() => Volume.emptyDir(5 as any)))).toEqual([{ rule: 'volumes', field: 'name', value: 5 }]);
    });

    test('fails on a plain object as a mount\'s volume', () => {
      expect(brief(problemsOf(() => new AppPod(Testing.chart(), 'app', { containers: [{ ...web, mounts: [{ volume: { name: 'v' } as any, path: '/v' }] }] }))))
        .toEqual([{ rule: 'props', field: 'containers[0].mounts[0]', value: { volume: { name: 'v' }, path: '/v' } }]);
    });
  });
});
