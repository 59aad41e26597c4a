/**
 * cdk8s-plus is an optional peer: the library loads and synthesizes with no cdk8s-plus at all
 * (its L1 types are its own, src/imports/k8s.ts), and it takes the ConfigMaps and Secrets of
 * any cdk8s-plus by what they are (`resourceType`, `name`), not by the class of one version.
 */
import { spawnSync } from 'child_process';

import { ApiObject, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { AppPod, EnvValue, Volume } from '../../src';
import { only, synth } from '../util';
import { REPO } from '../paths';

// A child node: every `require` of a cdk8s-plus package throws, then the library is loaded and
// the pods and Services of the tutorial's shape are synthesized.
const CHILD = `
const Module = require('module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (/^cdk8s-plus(-\\d+)?(\\/|$)/.test(request)) throw new Error('cdk8s-plus was required: ' + request);
  return resolve.call(this, request, ...rest);
};
require('esbuild-register/dist/node').register({ target: 'node18' });
const { App, Chart } = require('cdk8s');
const lib = require('./src');
const app = new App({ outdir: require('os').tmpdir() + '/no-cdk8s-plus-' + process.pid });
const chart = new Chart(app, 'c');
const web = new lib.NginxPod(chart, 'web', { name: 'web' });
new lib.ExposedService(chart, 'web-svc', { target: web, type: lib.ServiceType.NODE_PORT, ports: [{ port: 80, nodePort: 30080 }] });
const kinds = app.synthYaml ? chart.toJson().map(o => o.kind) : [];
const loaded = Object.keys(require.cache).filter(f => f.includes('cdk8s-plus'));
process.stdout.write(JSON.stringify({ kinds, loaded }));
`;

describe('cdk8s-plus is optional', () => {
  test('the library loads and synthesizes with every cdk8s-plus package unresolvable', () => {
    const r = spawnSync(process.execPath, ['-e', CHILD], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { kinds: string[]; loaded: string[] };
    expect(out.loaded).toEqual([]);
    expect(out.kinds.sort()).toEqual(['Pod', 'Service']);
  }, 60_000);

  test('a ConfigMap and a Secret of another cdk8s-plus (a construct with resourceType and name) are taken by what they are', () => {
    const chart = Testing.chart();
    // what every cdk8s-plus's ConfigMap and Secret are: a construct whose default child is the
    // L1 object, with `resourceType` and `name`; no class of cdk8s-plus-28 involved
    class ForeignConfig extends Construct {
      public readonly name: string;
      constructor(scope: Construct, id: string, public readonly resourceType: 'configmaps' | 'secrets', kind: string) {
        super(scope, id);
        const obj = new ApiObject(this, 'Resource', { apiVersion: 'v1', kind, metadata: { name: `${id}-obj` }, data: { k: 'dg==' } });
        this.name = obj.name;
      }
    }
    const cm = new ForeignConfig(chart, 'settings', 'configmaps', 'ConfigMap');
    const secret = new ForeignConfig(chart, 'token', 'secrets', 'Secret');
    new AppPod(chart, 'app', {
      containers: [{
        name: 'app', image: 'example/app:1', port: 8080,
        env: { LEVEL: EnvValue.fromConfigMap(cm as any, 'k'), TOKEN: EnvValue.fromSecret(secret as any, 'k') },
        mounts: [{ volume: Volume.configMap('conf', cm as any), path: '/etc/app', readOnly: true }],
      }],
    });
    const pod = only(synth(chart), 'Pod');
    expect(pod.spec.containers[0].env).toEqual([
      { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'settings-obj', key: 'k' } } },
      { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'token-obj', key: 'k' } } },
    ]);
    expect(pod.spec.volumes).toEqual([{ name: 'conf', configMap: { name: 'settings-obj' } }]);
  });
});

