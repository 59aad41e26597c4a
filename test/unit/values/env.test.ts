import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AppPod, ConfigMapRef, ContainerProps, EnvFieldPath, EnvFrom, EnvValue, FlaskPod, ResourceFieldPath, SecretRef,
} from '../../../src';
import { brief, only, problemsOf, synthProblemsOf } from '../../util';

const base = { name: 'c', image: 'nginx' };

/** The container as written, with these extra fields. */
function written(extra: Partial<ContainerProps>): any {
  const chart = Testing.chart();
  new AppPod(chart, 'app', { containers: [{ ...base, ...extra }] });
  return only(chart, 'Pod').spec.containers[0];
}

/** What the engine finds at synth in a pod whose container has these extra fields. */
function judged(extra: Partial<ContainerProps>) {
  const chart = Testing.chart();
  new AppPod(chart, 'app', { containers: [{ ...base, ...extra }] });
  return synthProblemsOf(chart);
}

/** What the engine finds at synth in the env entry `EnvValue` writes for the variable `X`. */
const judgedEnv = (value: EnvValue) => judged({ env: { X: value } });
const ENV = 'spec.containers[0].env[0].valueFrom';

/** The env entry `EnvValue` writes for the variable `X`. */
const envOf = (value: EnvValue) => written({ env: { X: value } }).env[0];

describe('EnvValue', () => {
  test('plain strings and EnvValue.fromValue write the same literal, in the order given', () => {
    expect(written({ env: { A: 'a', B: EnvValue.fromValue('b'), C: '' } }).env).toEqual([
      { name: 'A', value: 'a' }, { name: 'B', value: 'b' }, { name: 'C', value: '' },
    ]);
  });

  test('fromConfigMap: a key of a ConfigMap, by reference or of a cdk8s-plus ConfigMap (its name)', () => {
    expect(envOf(EnvValue.fromConfigMap(ConfigMapRef.named('settings'), 'LEVEL'))).toEqual({
      name: 'X', valueFrom: { configMapKeyRef: { name: 'settings', key: 'LEVEL' } },
    });
    const chart = Testing.chart();
    const cm = new kplus.ConfigMap(chart, 'cm', { metadata: { name: 'app-config' }, data: { k: 'v' } });
    new AppPod(chart, 'app', { containers: [{ ...base, env: { X: EnvValue.fromConfigMap(cm, 'k') } }] });
    expect(only(chart, 'Pod').spec.containers[0].env).toEqual([{ name: 'X', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'k' } } }]);
  });

  test('fromConfigMap and fromSecret: `optional` is not written unless given (Kubernetes\' default: false)', () => {
    expect(envOf(EnvValue.fromSecret(SecretRef.named('token'), 'token')).valueFrom.secretKeyRef).toEqual({ name: 'token', key: 'token' });
    expect(envOf(EnvValue.fromSecret(SecretRef.named('token'), 'token', { optional: true })).valueFrom.secretKeyRef)
      .toEqual({ name: 'token', key: 'token', optional: true });
    expect(envOf(EnvValue.fromConfigMap(ConfigMapRef.named('c'), 'k', { optional: false })).valueFrom.configMapKeyRef)
      .toEqual({ name: 'c', key: 'k', optional: false });
  });

  test('fromSecret takes a cdk8s-plus Secret, imported or written by the app', () => {
    const chart = Testing.chart();
    const imported = kplus.Secret.fromSecretName(chart, 'imported', 'db-password');
    const own = new kplus.Secret(chart, 'own', { metadata: { name: 'own' }, stringData: { k: 'v' } });
    new AppPod(chart, 'app', { containers: [{ ...base, env: { A: EnvValue.fromSecret(imported, 'password'), B: EnvValue.fromSecret(own, 'k') } }] });
    expect(only(chart, 'Pod').spec.containers[0].env.map((e: any) => e.valueFrom.secretKeyRef.name)).toEqual(['db-password', 'own']);
  });

  test.each(Object.entries(EnvFieldPath))('fromField(EnvFieldPath.%s) reads %s', (_, path) => {
    expect(envOf(EnvValue.fromField(path)).valueFrom).toEqual({ fieldRef: { fieldPath: path } });
  });

  test('fromPodLabel and fromPodAnnotation: one label or annotation, subscripted', () => {
    expect(envOf(EnvValue.fromPodLabel('app.kubernetes.io/name')).valueFrom).toEqual({ fieldRef: { fieldPath: "metadata.labels['app.kubernetes.io/name']" } });
    expect(envOf(EnvValue.fromPodAnnotation('Example.com/Note')).valueFrom).toEqual({ fieldRef: { fieldPath: "metadata.annotations['Example.com/Note']" } });
  });

  test('fromResource: the container and divisor are not written unless given (this container, divisor 1)', () => {
    expect(envOf(EnvValue.fromResource(ResourceFieldPath.MEMORY_LIMIT)).valueFrom).toEqual({ resourceFieldRef: { resource: 'limits.memory' } });
    // (a container of the pod: naming one it lacks is downward-api-container's finding)
    expect(envOf(EnvValue.fromResource(ResourceFieldPath.CPU_REQUEST, { container: 'c', divisor: '1m' })).valueFrom)
      .toEqual({ resourceFieldRef: { resource: 'requests.cpu', containerName: 'c', divisor: '1m' } });
  });

  test.each(['1', '1m', '1000m'])('fromResource takes the CPU divisor %s', divisor => {
    expect(EnvValue.isEnvValue(EnvValue.fromResource(ResourceFieldPath.CPU_LIMIT, { divisor }))).toBe(true);
  });

  test.each(['1', '1k', '1Ki', '1Mi', '1024Ki', '1G', '1E', '1Ei', '1e0'])('fromResource takes the memory divisor %s', divisor => {
    expect(EnvValue.isEnvValue(EnvValue.fromResource(ResourceFieldPath.MEMORY_REQUEST, { divisor }))).toBe(true);
  });

  test('a FlaskPod takes EnvValues in env, and EnvFroms in envFrom, for its main container', () => {
    const chart = Testing.chart();
    new FlaskPod(chart, 'flask', { env: { POD: EnvValue.fromField(EnvFieldPath.POD_NAME) }, envFrom: [EnvFrom.configMap(ConfigMapRef.named('c'))] });
    const c = only(chart, 'Pod').spec.containers[0];
    expect([c.env, c.envFrom]).toEqual([[{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }], [{ configMapRef: { name: 'c' } }]]);
  });

  test('fromField writes any path the API server takes for env, as given (from JavaScript: the old spec.host, a subscript)', () => {
    expect(envOf(EnvValue.fromField('spec.host' as EnvFieldPath)).valueFrom).toEqual({ fieldRef: { fieldPath: 'spec.host' } });
    expect(envOf(EnvValue.fromField("metadata.labels['app']" as EnvFieldPath)).valueFrom).toEqual({ fieldRef: { fieldPath: "metadata.labels['app']" } });
  });

  describe('fails', () => {
    test('fails on a key no ConfigMap or Secret can have', () => {
      for (const key of ['', '.', '..', '..data', 'a b', 'a/b', 'x'.repeat(254)]) {
        expect(brief(judgedEnv(EnvValue.fromConfigMap(ConfigMapRef.named('c'), key)))).toEqual([{ rule: 'env-sources', field: `${ENV}.configMapKeyRef.key`, value: key }]);
      }
      const problems = judgedEnv(EnvValue.fromSecret(SecretRef.named('s'), 'a:b'));
      expect(problems[0]).toMatchObject({ rule: 'env-sources', path: 'test/app', field: `${ENV}.secretKeyRef.key`, value: 'a:b' });
    });

    test('fails on a name that is not a DNS-1123 subdomain, with the key\'s problem, together', () => {
      expect(brief(judgedEnv(EnvValue.fromConfigMap(ConfigMapRef.named('My Config'), '')))).toEqual([
        { rule: 'env-sources', field: `${ENV}.configMapKeyRef.name`, value: 'My Config' },
        { rule: 'env-sources', field: `${ENV}.configMapKeyRef.key`, value: '' },
      ]);
    });

    test('fails on a Secret where a ConfigMap is expected (and on a plain name, with the fix)', () => {
      const chart = Testing.chart();
      const secret = kplus.Secret.fromSecretName(chart, 's', 's');
      expect(brief(problemsOf(() => EnvValue.fromConfigMap(secret as any, 'k')))).toEqual([{ rule: 'props', field: 'configMap', value: secret }]);
      const problems = problemsOf(() => EnvValue.fromSecret('token' as any, 'k'));
      expect(brief(problems)).toEqual([{ rule: 'props', field: 'secret', value: 'token' }]);
      expect(problems[0].fix).toBe('write SecretRef.named("token")');
    });

    test('fails on an optional that is not a boolean', () => {
      expect(brief(problemsOf(() => EnvValue.fromSecret(SecretRef.named('s'), 'k', { optional: 'yes' as any })))).toEqual([
        { rule: 'props', field: 'options.optional', value: 'yes' },
      ]);
    });

    test('fails on a pod field environment variables cannot read', () => {
      for (const path of ['metadata.labels', 'status.hostIPs', 'spec.restartPolicy', 'status.phase']) {
        expect(brief(judgedEnv(EnvValue.fromField(path as EnvFieldPath)))).toEqual([{ rule: 'env-sources', field: `${ENV}.fieldRef.fieldPath`, value: path }]);
      }
    });

    test('fails on a label or annotation key that is not a label key', () => {
      expect(brief(judgedEnv(EnvValue.fromPodLabel('a b')))).toEqual([{ rule: 'env-sources', field: `${ENV}.fieldRef.fieldPath`, value: "metadata.labels['a b']" }]);
      expect(brief(judgedEnv(EnvValue.fromPodAnnotation('')))).toEqual([{ rule: 'env-sources', field: `${ENV}.fieldRef.fieldPath`, value: "metadata.annotations['']" }]);
    });

    test('fails on an unknown resource and on divisors the API server refuses', () => {
      expect(brief(judgedEnv(EnvValue.fromResource('cpu' as ResourceFieldPath)))).toEqual([{ rule: 'env-sources', field: `${ENV}.resourceFieldRef.resource`, value: 'cpu' }]);
      for (const divisor of ['2', '10m', '1Mi', '1e3']) {
        expect(brief(judgedEnv(EnvValue.fromResource(ResourceFieldPath.CPU_LIMIT, { divisor }))))
          .toEqual([{ rule: 'env-sources', field: `${ENV}.resourceFieldRef.divisor`, value: divisor }]);
      }
      for (const divisor of ['1m', '1024', '2Mi', 'lots']) {
        expect(brief(judgedEnv(EnvValue.fromResource(ResourceFieldPath.MEMORY_LIMIT, { divisor }))))
          .toEqual([{ rule: 'env-sources', field: `${ENV}.resourceFieldRef.divisor`, value: divisor }]);
      }
    });

    test('fails on a value that is not a string, with the fix', () => {
      const problems = problemsOf(() => EnvValue.fromValue(5 as any));
      expect(brief(problems)).toEqual([{ rule: 'props', field: 'value', value: 5 }]);
      expect(problems[0].fix).toBe('quote it: "5"');
    });

    test('fails on an env value that is neither a string nor an EnvValue, and on an envFrom entry that is no EnvFrom', () => {
      expect(brief(problemsOf(() => written({ env: { A: { configMapKeyRef: { name: 'c', key: 'k' } } as any }, envFrom: [{ configMapRef: { name: 'c' } } as any] })))).toEqual([
        { rule: 'props', field: 'containers[0].env.A', value: { configMapKeyRef: { name: 'c', key: 'k' } } },
        { rule: 'props', field: 'containers[0].envFrom[0]', value: { configMapRef: { name: 'c' } } },
      ]);
      expect(brief(problemsOf(() => written({ envFrom: EnvFrom.configMap(ConfigMapRef.named('c')) as any })))).toEqual([
        { rule: 'props', field: 'containers[0].envFrom', value: EnvFrom.configMap(ConfigMapRef.named('c')) },
      ]);
    });
  });
});

describe('EnvFrom', () => {
  test('every key of a ConfigMap or Secret; prefix and optional written only when given', () => {
    expect(written({
      envFrom: [
        EnvFrom.configMap(ConfigMapRef.named('settings')),
        EnvFrom.secret(SecretRef.named('creds'), { prefix: 'DB_', optional: true }),
      ],
    }).envFrom).toEqual([{ configMapRef: { name: 'settings' } }, { prefix: 'DB_', secretRef: { name: 'creds', optional: true } }]);
  });

  test('an empty envFrom writes nothing', () => {
    expect(written({ envFrom: [] }).envFrom).toBeUndefined();
  });

  test('fails on a prefix that is not a variable name, and on a name that is not a DNS-1123 subdomain', () => {
    expect(brief(judged({ envFrom: [EnvFrom.secret(SecretRef.named('Creds'), { prefix: '1=' })] }))).toEqual([
      { rule: 'env-sources', field: 'spec.containers[0].envFrom[0].prefix', value: '1=' },
      { rule: 'env-sources', field: 'spec.containers[0].envFrom[0].secretRef.name', value: 'Creds' },
    ]);
    expect(problemsOf(() => EnvFrom.configMap(ConfigMapRef.named('c'), { prefix: 5 as any }))[0]).toMatchObject({ rule: 'props', path: 'EnvFrom.configMap()', field: 'options.prefix' });
  });
});

describe('ConfigMapRef and SecretRef', () => {
  test('name the object; isConfigMapRef and isSecretRef tell them apart', () => {
    const cm = ConfigMapRef.named('a');
    const secret = SecretRef.named('b');
    expect([cm.name, secret.name]).toEqual(['a', 'b']);
    expect([ConfigMapRef.isConfigMapRef(cm), ConfigMapRef.isConfigMapRef(secret), SecretRef.isSecretRef(secret), SecretRef.isSecretRef({ name: 'b' })])
      .toEqual([true, false, true, false]);
  });
});
