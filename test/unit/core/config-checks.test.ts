/**
 * The checks of configuration in written objects (src/core/checks/config-checks.ts), through the
 * engine: env sources, envFrom, volume sources, mount options, ConfigMap and Secret keys. Every
 * object is otherwise valid, so each case shows only the problem it is about. (The differential
 * oracle test compares these verdicts with the API server's own, on generated manifests.)
 */
import { checkManifests } from '../../../src/check';
import { brief, Manifest } from '../../util';

type Spec = { [key: string]: any };

const pod = (container: Spec = {}, spec: Spec = {}): Manifest => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', image: 'nginx', ...container }], ...spec },
});
const withEnv = (...env: Spec[]) => pod({ env });
const withVolume = (volume: Spec) => pod({}, { volumes: [{ name: 'v', ...volume }] });
/** The problems of each object, judged alone (several objects named alike would clash by name), in order. */
const check = (...objects: Manifest[]) => objects.flatMap(o => brief(checkManifests([o])));

describe('env sources', () => {
  test('valid sources of every kind pass', () => {
    expect(check(withEnv(
      { name: 'A', valueFrom: { configMapKeyRef: { name: 'settings', key: 'a.b', optional: true } } },
      { name: 'B', valueFrom: { secretKeyRef: { name: 'creds', key: 'TOKEN' } } },
      { name: 'C', valueFrom: { fieldRef: { fieldPath: 'status.podIPs' } } },
      { name: 'D', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['app']" } } },
      { name: 'E', valueFrom: { fieldRef: { fieldPath: 'spec.host' } } },
      { name: 'F', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
      { name: 'G', valueFrom: { resourceFieldRef: { resource: 'requests.hugepages-2Mi', containerName: 'c' } } },
      { name: 'H', value: '', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      // (a divisor is decoded as a quantity, the white space around it trimmed: the oracle accepts '1Gi ')
      { name: 'I', valueFrom: { resourceFieldRef: { resource: 'limits.ephemeral-storage', divisor: '1Gi ' } } },
    ))).toEqual([]);
  });

  test('fails on no source, and on two', () => {
    expect(check(withEnv({ name: 'A', valueFrom: {} }, { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' }, secretKeyRef: { name: 's', key: 'k' } } }))).toEqual([
      { rule: 'env-sources', field: 'spec.containers[0].env[0].valueFrom', value: [] },
      { rule: 'env-sources', field: 'spec.containers[0].env[1].valueFrom', value: ['fieldRef', 'secretKeyRef'] },
    ]);
  });

  test('fails on a key reference with a bad name or key', () => {
    expect(check(withEnv({ name: 'A', valueFrom: { configMapKeyRef: { name: 'My Config', key: '..data' } } }))).toEqual([
      { rule: 'env-sources', field: 'spec.containers[0].env[0].valueFrom.configMapKeyRef.name', value: 'My Config' },
      { rule: 'env-sources', field: 'spec.containers[0].env[0].valueFrom.configMapKeyRef.key', value: '..data' },
    ]);
  });

  test('fails on pod fields env cannot read, and on an apiVersion other than v1', () => {
    expect(check(withEnv(
      { name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.labels' } } },
      { name: 'B', valueFrom: { fieldRef: { fieldPath: 'status.hostIPs' } } },
      { name: 'C', valueFrom: { fieldRef: { fieldPath: "metadata.name['x']" } } },
      { name: 'D', valueFrom: { fieldRef: { apiVersion: 'v2', fieldPath: 'metadata.name' } } },
    ))).toEqual([
      { rule: 'env-sources', field: 'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath', value: 'metadata.labels' },
      { rule: 'env-sources', field: 'spec.containers[0].env[1].valueFrom.fieldRef.fieldPath', value: 'status.hostIPs' },
      { rule: 'env-sources', field: 'spec.containers[0].env[2].valueFrom.fieldRef.fieldPath', value: "metadata.name['x']" },
      { rule: 'env-sources', field: 'spec.containers[0].env[3].valueFrom.fieldRef.apiVersion', value: 'v2' },
    ]);
  });

  test('fails on an unknown resource and on a divisor of the wrong unit (a zero divisor is unset)', () => {
    expect(check(withEnv(
      { name: 'A', valueFrom: { resourceFieldRef: { resource: 'cpu' } } },
      { name: 'B', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1Mi' } } },
      { name: 'C', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1024' } } },
      { name: 'D', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '0' } } },
    ))).toEqual([
      { rule: 'env-sources', field: 'spec.containers[0].env[0].valueFrom.resourceFieldRef.resource', value: 'cpu' },
      { rule: 'env-sources', field: 'spec.containers[0].env[1].valueFrom.resourceFieldRef.divisor', value: '1Mi' },
      { rule: 'env-sources', field: 'spec.containers[0].env[2].valueFrom.resourceFieldRef.divisor', value: '1024' },
    ]);
  });

  test('envFrom: fails on both or neither reference, a bad name, a prefix that is no variable name', () => {
    expect(check(pod({
      envFrom: [
        { configMapRef: { name: 'a' } }, { prefix: '', secretRef: { name: 'b' } },
        { configMapRef: { name: 'a' }, secretRef: { name: 'b' } }, { prefix: 'X_' }, { prefix: 'X=', configMapRef: { name: 'A' } },
      ],
    }))).toEqual([
      { rule: 'env-sources', field: 'spec.containers[0].envFrom[2]', value: ['configMapRef', 'secretRef'] },
      { rule: 'env-sources', field: 'spec.containers[0].envFrom[3]', value: [] },
      { rule: 'env-sources', field: 'spec.containers[0].envFrom[4].prefix', value: 'X=' },
      { rule: 'env-sources', field: 'spec.containers[0].envFrom[4].configMapRef.name', value: 'A' },
    ]);
  });
});

describe('volume sources', () => {
  test('valid sources of every kind pass', () => {
    expect(check(pod({}, {
      volumes: [
        { name: 'a', configMap: { name: 'settings', items: [{ key: 'k', path: 'a..b', mode: 0o400 }], defaultMode: 0o777, optional: true } },
        { name: 'b', secret: { secretName: 'creds', defaultMode: 0 } },
        { name: 'c', persistentVolumeClaim: { claimName: 'data', readOnly: true } },
        { name: 'd', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'cpu', resourceFieldRef: { containerName: 'c', resource: 'limits.cpu', divisor: '1m' } }] } },
        { name: 'e', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 600 } }, { configMap: { name: 'x', items: [{ key: 'k', path: 'k' }] } }, {}] } },
      ],
    }))).toEqual([]);
  });

  test('fails on item paths and modes the API server refuses, and on an empty key', () => {
    expect(check(withVolume({ configMap: { name: 'c', defaultMode: 512, items: [{ key: '', path: '/abs' }, { key: 'k', path: '..data', mode: -1 }, { key: 'k', path: 'a/../b' }] } }))).toEqual([
      { rule: 'volume-sources', field: 'spec.volumes[0].configMap.defaultMode', value: 512 },
      { rule: 'volume-sources', field: 'spec.volumes[0].configMap.items[0].key', value: '' },
      { rule: 'volume-sources', field: 'spec.volumes[0].configMap.items[0].path', value: '/abs' },
      { rule: 'volume-sources', field: 'spec.volumes[0].configMap.items[1].path', value: '..data' },
      { rule: 'volume-sources', field: 'spec.volumes[0].configMap.items[1].mode', value: -1 },
      { rule: 'volume-sources', field: 'spec.volumes[0].configMap.items[2].path', value: 'a/../b' },
    ]);
  });

  test('names and keys no object can have are our rule: the API server only requires them', () => {
    expect(check(withVolume({ secret: { secretName: 'My Secret', items: [{ key: 'a b', path: 'x' }] } }))).toEqual([
      { rule: 'volume-refs', field: 'spec.volumes[0].secret.secretName', value: 'My Secret' },
      { rule: 'volume-refs', field: 'spec.volumes[0].secret.items[0].key', value: 'a b' },
    ]);
    expect(check(withVolume({ persistentVolumeClaim: { claimName: 'Data' } }))).toEqual([
      { rule: 'volume-refs', field: 'spec.volumes[0].persistentVolumeClaim.claimName', value: 'Data' },
    ]);
  });

  test('fails on a missing secretName or claimName', () => {
    expect(check(withVolume({ secret: {} }), withVolume({ persistentVolumeClaim: { claimName: '' } }))).toEqual([
      { rule: 'volume-sources', field: 'spec.volumes[0].secret.secretName', value: undefined },
      { rule: 'volume-sources', field: 'spec.volumes[0].persistentVolumeClaim.claimName', value: '' },
    ]);
  });

  test('fails on downward API files: a field volumes cannot hold, both refs or neither, a resource without its container', () => {
    expect(check(withVolume({
      downwardAPI: {
        items: [
          { path: 'ip', fieldRef: { fieldPath: 'status.podIP' } },
          { path: 'x', fieldRef: { fieldPath: 'metadata.name' }, resourceFieldRef: { containerName: 'c', resource: 'limits.cpu' } },
          { path: 'y' },
          { path: 'z', resourceFieldRef: { resource: 'limits.cpu' } },
        ],
      },
    }))).toEqual([
      { rule: 'volume-sources', field: 'spec.volumes[0].downwardAPI.items[0].fieldRef.fieldPath', value: 'status.podIP' },
      { rule: 'volume-sources', field: 'spec.volumes[0].downwardAPI.items[1]', value: ['fieldRef', 'resourceFieldRef'] },
      { rule: 'volume-sources', field: 'spec.volumes[0].downwardAPI.items[2]', value: [] },
      { rule: 'volume-sources', field: 'spec.volumes[0].downwardAPI.items[3].resourceFieldRef.containerName', value: undefined },
    ]);
  });

  test('fails on projected sources of two kinds, two files at one path, a token without a path or of a bad lifetime', () => {
    expect(check(withVolume({
      projected: {
        sources: [
          { configMap: { name: 'a' }, secret: { name: 'b' } },
          { configMap: { name: 'a', items: [{ key: 'k', path: 'p' }] } },
          { downwardAPI: { items: [{ path: 'p', fieldRef: { fieldPath: 'metadata.name' } }] } },
          { serviceAccountToken: { path: '', expirationSeconds: 599 } },
        ],
      },
    }))).toEqual([
      { rule: 'volume-sources', field: 'spec.volumes[0].projected.sources[0]', value: ['configMap', 'secret'] },
      { rule: 'volume-sources', field: 'spec.volumes[0].projected.sources[2].downwardAPI.items[0].path', value: 'p' },
      { rule: 'volume-sources', field: 'spec.volumes[0].projected.sources[3].serviceAccountToken.path', value: '' },
      { rule: 'volume-sources', field: 'spec.volumes[0].projected.sources[3].serviceAccountToken.expirationSeconds', value: 599 },
    ]);
  });
});

describe('mount options', () => {
  // (the variables the subPathExprs name are defined: subpath-expr-env is tested on its own)
  const env = [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'X', value: 'x' }];
  const mounted = (mount: Spec, securityContext?: Spec) => pod({ env, volumeMounts: [{ name: 'v', mountPath: '/v', ...mount }], securityContext }, { volumes: [{ name: 'v', emptyDir: {} }] });

  test('subPathExpr alone, and Bidirectional propagation in a privileged container, pass', () => {
    expect(check(mounted({ subPathExpr: '$(POD_NAME)', mountPropagation: 'HostToContainer' }), mounted({ mountPropagation: 'Bidirectional' }, { privileged: true }))).toEqual([]);
  });

  test('fails on subPath beside subPathExpr, a subPathExpr that climbs, Bidirectional unprivileged, an unknown propagation', () => {
    expect(check(mounted({ subPath: 'a', subPathExpr: '../$(X)' }), mounted({ mountPropagation: 'Bidirectional' }), mounted({ mountPropagation: 'none' }))).toEqual([
      { rule: 'volumes', field: 'spec.containers[0].volumeMounts[0].subPathExpr', value: '../$(X)' },
      { rule: 'volumes', field: 'spec.containers[0].volumeMounts[0].subPathExpr', value: '../$(X)' },
      { rule: 'volumes', field: 'spec.containers[0].volumeMounts[0].mountPropagation', value: 'Bidirectional' },
      { rule: 'volumes', field: 'spec.containers[0].volumeMounts[0].mountPropagation', value: 'none' },
    ]);
  });
});

describe('ConfigMap and Secret data', () => {
  const configMap = (body: Spec): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, ...body });
  const secret = (body: Spec): Manifest => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, ...body });

  test('valid keys pass', () => {
    expect(check(configMap({ data: { 'app.conf': 'x', 'A_B-1': '' }, binaryData: { bin: 'eA==' } }), secret({ data: { '.hidden': 'eA==' }, stringData: { token: 't' } }))).toEqual([]);
  });

  test('fails on keys that are not ConfigMap keys, and on a key in both data and binaryData', () => {
    expect(check(configMap({ data: { 'a b': 'x', 'k': 'x' }, binaryData: { k: 'eA==' } }), secret({ data: { '..x': 'eA==' }, stringData: { 'a/b': 't' } }))).toEqual([
      { rule: 'config-data', field: 'data.a b', value: 'a b' },
      { rule: 'config-data', field: 'data.k', value: 'k' },
      { rule: 'config-data', field: 'data...x', value: '..x' },
      { rule: 'config-data', field: 'stringData.a/b', value: 'a/b' },
    ]);
  });
});
