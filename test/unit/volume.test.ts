import { Testing } from 'cdk8s';
import { AppPod, EmptyDirMedium, Volume } from '../src';
import { only } from './util';

const web = { name: 'web', image: 'nginx', port: 80 };

describe('Volume', () => {
  test('emptyDir defaults: the node\'s medium, no size limit, nothing else written', () => {
    expect(Volume.emptyDir('data')._toKube()).toEqual({ name: 'data', emptyDir: {} });
    expect(Volume.emptyDir('data', { medium: EmptyDirMedium.DEFAULT })._toKube()).toEqual({ name: 'data', emptyDir: {} });
  });

  test('emptyDir in memory with a size limit', () => {
    const chart = Testing.chart();
    const cache = Volume.emptyDir('cache', { medium: EmptyDirMedium.MEMORY, sizeLimit: '64Mi' });
    new AppPod(chart, 'app', { containers: [{ ...web, mounts: [{ volume: cache, path: '/cache' }] }] });
    expect(only(chart, 'Pod').spec.volumes).toEqual([{ name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } }]);
  });

  test('configMap: the keys of a ConfigMap as files; a mount is read-write unless readOnly, with an optional subPath', () => {
    const chart = Testing.chart();
    const conf = Volume.configMap('conf', 'nginx-conf');
    new AppPod(chart, 'app', { containers: [{ ...web, mounts: [{ volume: conf, path: '/etc/nginx/conf.d/default.conf', subPath: 'default.conf' }] }] });
    const spec = only(chart, 'Pod').spec;
    expect(spec.volumes).toEqual([{ name: 'conf', configMap: { name: 'nginx-conf' } }]);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'conf', mountPath: '/etc/nginx/conf.d/default.conf', subPath: 'default.conf' }]);
  });
});
