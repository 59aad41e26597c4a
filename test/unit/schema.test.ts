import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Testing } from 'cdk8s';
import { buildTutorial } from '../../app/tutorial';
import { NginxPod } from '../../src';
import { schemaErrors } from '../schema';
import { synth } from '../util';

const pod = () => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: { containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 80 }] }] } });

describe('schema validation (Kubernetes 1.28 OpenAPI, strict)', () => {
  test('every object of the tutorial is schema-valid', () => {
    const app = new App({ outdir: path.join(os.tmpdir(), 'schema-test-unused') });
    buildTutorial(app);
    const objects = app.charts.flatMap(c => c.toJson());
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) expect(schemaErrors(o)).toEqual([]);
  });

  test('a valid manifest passes', () => {
    expect(schemaErrors(pod())).toEqual([]);
  });

  test('fails on an unknown field, at any depth', () => {
    const top = { ...pod(), extra: 1 };
    const deep = pod();
    (deep.spec.containers[0].ports[0] as any).hostPortt = 8080;
    expect(schemaErrors(top)).toEqual(['Pod.extra: unknown field']);
    expect(schemaErrors(deep)).toEqual(['Pod.spec.containers[0].ports[0].hostPortt: unknown field']);
  });

  test('an object field with an acronym is known by the API\'s spelling (downwardAPI), not by jsii\'s (downwardApi)', () => {
    const withVolume = (volume: object) => ({ ...pod(), spec: { ...pod().spec, volumes: [{ name: 'v', ...volume }] } });
    expect(schemaErrors(withVolume({ downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'metadata.name' } }] } }))).toEqual([]);
    expect(schemaErrors(withVolume({ downwardApi: {} }))).toEqual(['Pod.spec.volumes[0].downwardApi: unknown field']);
  });

  test('fails on a field spelled as jsii spells it, not as the API does (clusterIp for clusterIP)', () => {
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { clusterIp: 'None', selector: { app: 'a' } } };
    expect(schemaErrors(service)).toEqual(['Service.spec.clusterIp: unknown field']);
    expect(schemaErrors({ ...service, spec: { clusterIP: 'None', selector: { app: 'a' } } })).toEqual([]);
    const hostIpc = pod();
    (hostIpc.spec as any).hostIpc = true;
    expect(schemaErrors(hostIpc)).toEqual(['Pod.spec.hostIpc: unknown field']);
  });

  test('fails on a wrong type and a missing required field', () => {
    const wrong = pod();
    (wrong.spec.containers[0].ports[0] as any).containerPort = '80';
    expect(schemaErrors(wrong).join('\n')).toContain('containerPort must be integer');
    const missing = pod();
    delete (missing.spec.containers[0] as any).name;
    expect(schemaErrors(missing).join('\n')).toContain('must have required property name');
  });

  test('fails on a kind the Kubernetes 1.28 API does not have', () => {
    expect(schemaErrors({ apiVersion: 'v1', kind: 'Pods' })).toEqual(['v1/Pods: no schema for this kind']);
  });

  test('every object any test renders is validated: an unknown field in a raw ApiObject fails synth (reported as an object synth cannot write)', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web');
    // (L1 objects drop unknown fields when they render, so a raw ApiObject it is.)
    new ApiObject(chart, 'raw', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' }, dataz: { c: 'd' } } as any);
    expect(() => synth(chart)).toThrow('cdk8s cannot write ConfigMap/test-raw-c82609b8: [test/raw] ConfigMap is not schema-valid: ConfigMap.dataz: unknown field');
    expect((globalThis as { schemaValidatedObjects?: number }).schemaValidatedObjects).toBeGreaterThan(0);
  });
});
