/**
 * Typed port references (src/values/port-ref.ts): a container port as a handle that a Service
 * takes as its targetPort, resolved when it is made.
 */
import { Testing } from 'cdk8s';
import { AppPod, ExposedService, PortRef, Protocol, ServiceType, validateApp } from '../../../src';
import { brief, only, problemsOf, synthProblemsOf } from '../../util';

function setup() {
  const chart = Testing.chart();
  const pod = new AppPod(chart, 'pod', {
    name: 'web', containers: [
      { name: 'app', image: 'nginx', ports: [{ number: 8080, name: 'http' }, { number: 53, name: 'dns', protocol: Protocol.UDP }] },
      { name: 'metrics', image: 'exporter', ports: [{ number: 9100 }] },
    ],
  });
  return { chart, pod };
}

describe('PortRef', () => {
  test('resolves a name or a number to the declared port: number, name, protocol, container, value', () => {
    const { pod } = setup();
    const http = pod.portRef('http');
    expect([http.number, http.name, http.protocol, http.container, http.value]).toEqual([8080, 'http', 'TCP', 'app', 'http']);
    const metrics = pod.portRef(9100);
    expect([metrics.number, metrics.name, metrics.protocol, metrics.container, metrics.value]).toEqual([9100, undefined, 'TCP', 'metrics', 9100]);
    expect(pod.portRef(53, Protocol.UDP).name).toBe('dns');
    expect(PortRef.isPortRef(http)).toBe(true);
    expect(PortRef.isPortRef({ value: 'http' })).toBe(false);
    expect(PortRef.of(pod, 'http').toString()).toBe('8080/TCP ("http") of test/pod');
  });

  test('fails on a name or number the pod does not declare, or another protocol, with what it declares', () => {
    const { pod } = setup();
    const [p] = problemsOf(() => pod.portRef('https'));
    expect(brief([p])).toEqual([{ rule: 'port-reference', field: 'portRef', value: 'https' }]);
    expect(p.allowed).toBe('a container port the pod declares: 8080/TCP ("http") of container "app", 53/UDP ("dns") of container "app", 9100/TCP of container "metrics"');
    expect(brief(problemsOf(() => pod.portRef(53, Protocol.TCP)))).toEqual([{ rule: 'port-reference', field: 'portRef', value: '53/TCP' }]);
    expect(brief(problemsOf(() => pod.portRef(80)))).toEqual([{ rule: 'port-reference', field: 'portRef', value: 80 }]);
  });
});

describe('a Service targetPort given as a PortRef', () => {
  test('writes the port\'s name, defaults port to its number and takes its protocol (TCP not written)', () => {
    const { chart, pod } = setup();
    const svc = new ExposedService(chart, 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: pod, ports: [
      { name: 'http', targetPort: pod.portRef('http') },
      { name: 'dns', targetPort: pod.portRef('dns') },
      { name: 'metrics', port: 80, targetPort: pod.portRef(9100) },
    ] });
    expect(only(chart, 'Service').spec.ports).toEqual([
      { name: 'http', port: 8080, targetPort: 'http' },
      { name: 'dns', port: 53, targetPort: 'dns', protocol: 'UDP' },
      { name: 'metrics', port: 80, targetPort: 9100 },
    ]);
    expect(svc.ports[0].targetRef?.name).toBe('http');
    expect(validateApp(chart)).toEqual([]);
  });

  test('a single targetPort as a PortRef', () => {
    const { chart, pod } = setup();
    new ExposedService(chart, 'svc', { name: 'web', type: ServiceType.NODE_PORT, target: pod, targetPort: pod.portRef('http'), port: 80 });
    expect(only(chart, 'Service').spec.ports).toEqual([{ port: 80, targetPort: 'http' }]);
  });

  test('numbers and names keep working beside handles', () => {
    const { chart, pod } = setup();
    new ExposedService(chart, 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: pod, ports: [{ name: 'a', port: 80, targetPort: 'http' }, { name: 'b', port: 81, targetPort: 9100 }] });
    expect(only(chart, 'Service').spec.ports).toEqual([{ name: 'a', port: 80, targetPort: 'http' }, { name: 'b', port: 81, targetPort: 9100 }]);
  });

  test('fails at synth on a handle of another pod construct whose port the target lacks (target-port-is-exposed)', () => {
    const { chart, pod } = setup();
    const other = new AppPod(chart, 'other', { containers: [{ name: 'app', image: 'nginx', ports: [{ number: 9090, name: 'metrics' }] }] });
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod, targetPort: other.portRef('metrics') });
    expect(brief(synthProblemsOf(chart))).toEqual([{ rule: 'target-port-is-exposed', field: 'spec.ports[0].targetPort', value: 'metrics' }]);
  });

  test('passes a handle of another pod construct whose port the target declares too: the written Service is the same', () => {
    const { chart, pod } = setup();
    const other = new AppPod(chart, 'other', { containers: [{ name: 'app', image: 'nginx', ports: [{ number: 8080, name: 'http' }] }] });
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod, targetPort: other.portRef('http') });
    expect(validateApp(chart)).toEqual([]);
  });

  test('fails at synth on a protocol other than the handle\'s (target-port-is-exposed)', () => {
    const { chart, pod } = setup();
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod, ports: [{ targetPort: pod.portRef('dns'), protocol: Protocol.TCP }] });
    expect(brief(synthProblemsOf(chart))).toEqual([{ rule: 'target-port-is-exposed', field: 'spec.ports[0].targetPort', value: 'dns' }]);
  });
});

test('renaming the container port renames it everywhere the handle goes: the Service, the NetworkPolicy, the Ingress backend', () => {
  const build = (portName: string) => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'pod', { name: 'web', containers: [{ name: 'app', image: 'nginx', ports: [{ number: 8080, name: portName }] }] });
    const http = pod.portRef(portName);
    const svc = new ExposedService(chart, 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: pod, ports: [{ name: 'web', port: 80, targetPort: http }] });
    pod.isolate({ ports: [http] });
    svc.exposeViaIngress({ port: http });
    expect(validateApp(chart)).toEqual([]);
    return [only(chart, 'Service').spec.ports[0].targetPort, only(chart, 'NetworkPolicy').spec.ingress[0].ports[0].port, only(chart, 'Ingress').spec.rules[0].http.paths[0].backend.service.port];
  };
  expect(build('http')).toEqual(['http', 'http', { name: 'web' }]);
  expect(build('web-alt')).toEqual(['web-alt', 'web-alt', { name: 'web' }]);
});
