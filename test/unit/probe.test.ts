import { Testing } from 'cdk8s';
import { AppPod, Probe } from '../src';
import { only } from './util';

describe('Probe', () => {
  test('timings are written only when set; a probe names its own port or takes the container\'s first', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', {
      containers: [{
        name: 'web', image: 'nginx', ports: [{ number: 80 }, { number: 9090 }],
        readiness: Probe.httpGet(),
        liveness: Probe.tcpSocket({ port: 9090, initialDelaySeconds: 5, periodSeconds: 20, timeoutSeconds: 2, failureThreshold: 6 }),
        startup: Probe.exec(['cat', '/tmp/started'], { failureThreshold: 30 }),
      }],
    });
    const [c] = only(chart, 'Pod').spec.containers;
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/', port: 80 } });
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: 9090 }, initialDelaySeconds: 5, periodSeconds: 20, timeoutSeconds: 2, failureThreshold: 6 });
    expect(c.startupProbe).toEqual({ exec: { command: ['cat', '/tmp/started'] }, failureThreshold: 30 });
  });

  test('kind and port are readable', () => {
    expect(Probe.httpGet('/healthz', { port: 8080 })).toMatchObject({ kind: 'httpGet', port: 8080 });
    expect(Probe.exec(['true']).port).toBeUndefined();
  });

  test('fails on a path that is not a string', () => {
    expect(() => Probe.httpGet(42 as any)).toThrow(/\[Probe\.httpGet\(\)\] path: 42 is not valid: a URL path/);
  });
});
