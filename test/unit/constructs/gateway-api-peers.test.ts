/**
 * The Gateway API against the peers (docs/gateway-api.md's table): cdk8s-plus has none, and a
 * route hand-written as an ApiObject in a plain cdk8s app is written whatever it says, where the
 * same object in an app that uses this library is judged at synth.
 */
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fs from 'fs';
import { ExposedService, Gateway, ListenerProtocol, NginxPod, ServiceType, validateApp } from '../../../src';

/** An HTTPRoute as a user writes it by hand: to port 80 of Service web, which listens on 8080. */
function handWritten(chart: Chart): ApiObject {
  return new ApiObject(chart, 'route', {
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web' },
    spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
  });
}

test('cdk8s-plus-28 has no Gateway API: no construct, and no L1 class of gateway.networking.k8s.io', () => {
  expect(Object.keys(kplus).filter(name => /gateway|route/i.test(name))).toEqual([]);
  expect(Object.keys(kplus.k8s).filter(name => /gateway|route|grant/i.test(name))).toEqual([]);
  expect(fs.readFileSync(require.resolve('cdk8s-plus-28/lib/imports/k8s.js'), 'utf8')).not.toContain('gateway.networking.k8s.io');
});

test('a hand-written ApiObject route in a plain cdk8s app is written with a port its Service does not have: nothing judges it', () => {
  const chart = Testing.chart();
  new kplus.Service(chart, 'svc', { metadata: { name: 'web' }, ports: [{ port: 8080 }] });
  handWritten(chart);
  expect(Testing.synth(chart).map(o => o.kind)).toEqual(['Service', 'HTTPRoute']);
});

test('the same hand-written route in an app that uses this library is judged at synth (route-backend-ref)', () => {
  const chart = Testing.chart();
  const web = new NginxPod(chart, 'web', { name: 'web' });
  new ExposedService(chart, 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: web, port: 8080 });
  new Gateway(chart, 'gateway', { name: 'gw', gatewayClassName: 'eg', listeners: [{ protocol: ListenerProtocol.HTTP }] });
  handWritten(chart);
  expect(validateApp(chart).map(p => [p.rule, p.object, p.field, p.value])).toEqual([
    ['route-backend-ref', 'HTTPRoute/web', 'spec.rules[0].backendRefs[0].port', 80],
  ]);
});
