import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AppPod, AppPodProps, CHECKSUM_ANNOTATION, ConfigMapRef, DownwardApiFile, EnvFieldPath, EnvFrom, EnvValue, MountPropagation, ResourceFieldPath,
  SecretRef, Volume, VolumeFieldPath, VolumeProjection, Workload,
} from '../../../src';
import { brief, only, problemsOf, synth } from '../../util';

const app = { name: 'app', image: 'example/app:1', port: 8080 };
const checksumOf = (manifest: any): string | undefined => manifest.spec.template.metadata.annotations?.[CHECKSUM_ANNOTATION];

describe('a pod configured from ConfigMaps, Secrets, its own fields and resources', () => {
  test('the whole manifest', () => {
    const chart = Testing.chart();
    const settings = new kplus.ConfigMap(chart, 'settings', { metadata: { name: 'settings' }, data: { LEVEL: 'info', 'app.conf': 'x = 1\n' } });
    const token = SecretRef.named('api-token');
    new AppPod(chart, 'web', {
      name: 'web', workload: Workload.deployment({ replicas: 2 }), rollOnConfigChange: true,
      containers: [{
        ...app,
        env: {
          LEVEL: EnvValue.fromConfigMap(settings, 'LEVEL'),
          TOKEN: EnvValue.fromSecret(token, 'token', { optional: true }),
          POD_NAME: EnvValue.fromField(EnvFieldPath.POD_NAME),
          POD_IP: EnvValue.fromField(EnvFieldPath.POD_IP),
          TEAM: EnvValue.fromPodLabel('team'),
          MEMORY_MB: EnvValue.fromResource(ResourceFieldPath.MEMORY_LIMIT, { divisor: '1Mi' }),
          GREETING: 'olá',
        },
        envFrom: [EnvFrom.configMap(ConfigMapRef.named('shared'), { prefix: 'SHARED_', optional: true })],
        mounts: [
          { volume: Volume.configMap('conf', settings, { items: [{ key: 'app.conf', path: 'app.conf' }], defaultMode: 0o444 }), path: '/etc/app', readOnly: true },
          { volume: Volume.secret('tls', SecretRef.named('web-tls'), { defaultMode: 0o400 }), path: '/etc/tls', readOnly: true },
          { volume: Volume.persistentVolumeClaim('data', 'web-data'), path: '/data', subPathExpr: '$(POD_NAME)' },
          {
            volume: Volume.projected('identity', {
              sources: [
                VolumeProjection.downwardApi([DownwardApiFile.field('labels', VolumeFieldPath.POD_LABELS), DownwardApiFile.resource('cpu', 'app', ResourceFieldPath.CPU_REQUEST, { divisor: '1m' })]),
                VolumeProjection.serviceAccountToken({ path: 'token', audience: 'vault' }),
              ],
            }),
            path: '/var/run/identity', readOnly: true, propagation: MountPropagation.NONE,
          },
        ],
      }],
    });
    expect(synth(chart)).toMatchSnapshot();
  });
});

describe('rollOnConfigChange', () => {
  /** A Deployment reading the ConfigMap (or Secret) `make` builds, and the chart. */
  function deployment(make: (chart: any) => Partial<AppPodProps> & { mounts?: any; env?: any; envFrom?: any }, props: Partial<AppPodProps> = {}) {
    const chart = Testing.chart();
    const { mounts, env, envFrom, ...rest } = make(chart);
    new AppPod(chart, 'web', { workload: Workload.deployment(), rollOnConfigChange: true, ...rest, ...props, containers: [{ ...app, mounts, env, envFrom }] });
    return chart;
  }

  test('default: no annotation, even for a ConfigMap the app writes', () => {
    const chart = Testing.chart();
    const cm = new kplus.ConfigMap(chart, 'cm', { data: { a: '1' } });
    new AppPod(chart, 'web', { workload: Workload.deployment(), containers: [{ ...app, env: { A: EnvValue.fromConfigMap(cm, 'a') } }] });
    expect(only(chart, 'Deployment').spec.template.metadata.annotations).toBeUndefined();
  });

  test('the sha256 of the data of the ConfigMap the app writes, read at synth: data added later counts', () => {
    let cm!: kplus.ConfigMap;
    const chart = deployment(c => {
      cm = new kplus.ConfigMap(c, 'cm', { data: { a: '1' } });
      return { env: { A: EnvValue.fromConfigMap(cm, 'a') } };
    });
    const before = checksumOf(only(chart, 'Deployment'));
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    cm.addData('b', '2');
    const after = checksumOf(only(chart, 'Deployment'));
    expect(after).toMatch(/^[0-9a-f]{64}$/);
    expect(after).not.toBe(before);
  });

  test('deterministic: the same data gives the same sum, whatever the order it was added in and the way it is read', () => {
    const a = deployment(c => ({ env: { A: EnvValue.fromConfigMap(new kplus.ConfigMap(c, 'cm', { metadata: { name: 'cm' }, data: { x: '1', y: '2' } }), 'x') } }));
    const b = deployment(c => {
      const cm = new kplus.ConfigMap(c, 'cm', { metadata: { name: 'cm' } });
      cm.addData('y', '2');
      cm.addData('x', '1');
      return { envFrom: [EnvFrom.configMap(cm)] };
    });
    expect(checksumOf(only(a, 'Deployment'))).toBe(checksumOf(only(b, 'Deployment')));
  });

  test('counts Secrets the app writes, through volumes and projections too', () => {
    const secretOnly = deployment(c => ({ mounts: [{ volume: Volume.secret('s', new kplus.Secret(c, 's', { stringData: { k: 'v' } })), path: '/s' }] }));
    expect(checksumOf(only(secretOnly, 'Deployment'))).toMatch(/^[0-9a-f]{64}$/);
    const projected = deployment(c => ({
      mounts: [{ volume: Volume.projected('p', { sources: [VolumeProjection.secret(new kplus.Secret(c, 's', { stringData: { k: 'v' } }))] }), path: '/p' }],
    }));
    expect(checksumOf(only(projected, 'Deployment'))).toMatch(/^[0-9a-f]{64}$/);
    const other = deployment(c => ({ mounts: [{ volume: Volume.secret('s', new kplus.Secret(c, 's', { stringData: { k: 'w' } })), path: '/s' }] }));
    expect(checksumOf(only(other, 'Deployment'))).not.toBe(checksumOf(only(secretOnly, 'Deployment')));
  });

  test('references to objects the app does not write count for nothing: no annotation', () => {
    const chart = deployment(c => ({
      env: { A: EnvValue.fromConfigMap(ConfigMapRef.named('existing'), 'a'), B: EnvValue.fromSecret(kplus.Secret.fromSecretName(c, 'imported', 'imported'), 'b') },
      envFrom: [EnvFrom.secret(SecretRef.named('creds'))],
    }));
    expect(only(chart, 'Deployment').spec.template.metadata.annotations).toBeUndefined();
  });

  test('keeps the user\'s annotations beside the checksum', () => {
    const chart = deployment(c => ({ env: { A: EnvValue.fromConfigMap(new kplus.ConfigMap(c, 'cm', { data: { a: '1' } }), 'a') } }), { annotations: { note: 'x' } });
    expect(only(chart, 'Deployment').spec.template.metadata.annotations).toEqual({ note: 'x', [CHECKSUM_ANNOTATION]: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  test('fails under Workload.pod(): a bare Pod keeps the configuration it started with', () => {
    const problems = problemsOf(() => new AppPod(Testing.chart(), 'web', { rollOnConfigChange: true, containers: [app] }));
    expect(brief(problems)).toEqual([{ rule: 'config-checksum', field: 'rollOnConfigChange', value: true }]);
    expect(problems[0].fix).toMatch(/Workload\.deployment/);
  });

  test('fails beside a checksum/config annotation of the user\'s, and on a value that is not a boolean', () => {
    expect(brief(problemsOf(() => new AppPod(Testing.chart(), 'web', {
      workload: Workload.deployment(), rollOnConfigChange: true, annotations: { [CHECKSUM_ANNOTATION]: 'abc' }, containers: [app],
    })))).toEqual([{ rule: 'config-checksum', field: `annotations.${CHECKSUM_ANNOTATION}`, value: 'abc' }]);
    expect(brief(problemsOf(() => new AppPod(Testing.chart(), 'web', { workload: Workload.deployment(), rollOnConfigChange: 'yes' as any, containers: [app] }))))
      .toEqual([{ rule: 'props', field: 'rollOnConfigChange', value: 'yes' }]);
  });
});
