import { Testing } from 'cdk8s';
import { AppPod, ExposedService, FlaskPod, NginxPod, Protocol, ServiceType } from '../src';
import { only, synth } from './util';

function setup() {
  const chart = Testing.chart();
  const web = new NginxPod(chart, 'web', { name: 'pod-1', labels: { app: 'pod-label' } });
  const api = new FlaskPod(chart, 'api', { name: 'pod-2', labels: { app: 'pod-label2' } });
  return { chart, web, api };
}

describe('ExposedService', () => {
  test('ClusterIP', () => {
    const { chart, web } = setup();
    new ExposedService(chart, 'svc', { name: 'svc-pod', type: ServiceType.CLUSTER_IP, target: web, port: 4050 });
    expect(only(chart, 'Service')).toMatchSnapshot();
  });

  test('NodePort', () => {
    const { chart, api } = setup();
    new ExposedService(chart, 'np', { name: 'svc-pod2', type: ServiceType.NODE_PORT, target: api, port: 5000, nodePort: 30000 });
    expect(only(chart, 'Service')).toMatchSnapshot();
  });

  test('LoadBalancer', () => {
    const { chart, web } = setup();
    new ExposedService(chart, 'lb', { type: ServiceType.LOAD_BALANCER, target: web, port: 80 });
    expect(only(chart, 'Service')).toMatchSnapshot();
  });

  test('ExternalName', () => {
    const chart = Testing.chart();
    new ExposedService(chart, 'ext', { type: ServiceType.EXTERNAL_NAME, externalName: 'foo.bar.example.com' });
    expect(only(chart, 'Service')).toMatchSnapshot();
  });

  test('re-exports cdk8s-plus-28 ServiceType', () => {
    expect(ServiceType.CLUSTER_IP).toBe('ClusterIP');
    expect(ServiceType.NODE_PORT).toBe('NodePort');
    expect(ServiceType.LOAD_BALANCER).toBe('LoadBalancer');
    expect(ServiceType.EXTERNAL_NAME).toBe('ExternalName');
  });

  test('the type is written as given', () => {
    for (const type of [ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER]) {
      const { chart, web } = setup();
      new ExposedService(chart, 'svc', { type, target: web });
      expect(only(chart, 'Service').spec.type).toBe(type);
    }
  });

  test('the selector is exactly the target\'s labels', () => {
    const { chart, web } = setup();
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web });
    const objects = synth(chart);
    const service = only(objects, 'Service');
    const pod = objects.find(o => o.kind === 'Pod' && o.metadata.name === 'pod-1')!;
    expect(service.spec.selector).toEqual({ app: 'pod-label' });
    expect(service.spec.selector).toEqual(pod.metadata.labels);
  });

  test('port and targetPort default to the target\'s container port', () => {
    const { chart, web } = setup();
    const svc = new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web });
    expect(only(chart, 'Service').spec.ports).toEqual([{ port: 80, targetPort: 80 }]);
    expect(svc.ports).toEqual([{ port: 80, targetPort: 80, nodePort: undefined, name: undefined, protocol: undefined }]);
  });

  test('targetPort follows the pod\'s port when only port is given', () => {
    const chart = Testing.chart();
    const web = new NginxPod(chart, 'web', { port: 8080 });
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, port: 4050 });
    expect(only(chart, 'Service').spec.ports).toEqual([{ port: 4050, targetPort: 8080 }]);
  });

  test('port defaults to a numeric targetPort; targetPort to the container port of the same number, else the first', () => {
    const chart = Testing.chart();
    const web = new AppPod(chart, 'web', { containers: [{ name: 'web', image: 'nginx', ports: [{ number: 80 }, { number: 8081 }] }] });
    new ExposedService(chart, 'a', { type: ServiceType.CLUSTER_IP, target: web, targetPort: 8081 });
    new ExposedService(chart, 'b', { type: ServiceType.CLUSTER_IP, target: web, port: 8081 });
    new ExposedService(chart, 'c', { type: ServiceType.CLUSTER_IP, target: web, port: 9000 });
    expect(synth(chart).filter(o => o.kind === 'Service').map(s => s.spec.ports[0])).toEqual([
      { port: 8081, targetPort: 8081 }, { port: 8081, targetPort: 8081 }, { port: 9000, targetPort: 80 },
    ]);
  });

  test('targetPort may be a number or a port name', () => {
    const chart = Testing.chart();
    const web = new AppPod(chart, 'web', { containers: [{ name: 'web', image: 'nginx', ports: [{ number: 80 }, { number: 8081 }, { number: 8082, name: 'http' }] }] });
    new ExposedService(chart, 'a', { type: ServiceType.CLUSTER_IP, target: web, port: 80, targetPort: 8081 });
    new ExposedService(chart, 'b', { type: ServiceType.CLUSTER_IP, target: web, port: 80, targetPort: 'http' });
    expect(synth(chart).filter(o => o.kind === 'Service').map(s => s.spec.ports[0].targetPort)).toEqual([8081, 'http']);
  });

  test('namespace defaults to the target\'s, where the selector finds its pods', () => {
    const chart = Testing.chart();
    const shop = new NginxPod(chart, 'shop', { namespace: 'shop' });
    const plain = new NginxPod(chart, 'plain');
    new ExposedService(chart, 'a', { type: ServiceType.CLUSTER_IP, target: shop });
    new ExposedService(chart, 'b', { type: ServiceType.CLUSTER_IP, target: plain });
    expect(synth(chart).filter(o => o.kind === 'Service').map(s => s.metadata.namespace)).toEqual(['shop', undefined]);
  });

  test('nodePort is pinned as given', () => {
    const { chart, api } = setup();
    new ExposedService(chart, 'np', { type: ServiceType.NODE_PORT, target: api, nodePort: 30000 });
    expect(only(chart, 'Service').spec.ports).toEqual([{ port: 5000, targetPort: 5000, nodePort: 30000 }]);
  });

  test('a NodePort Service without nodePort leaves the choice to the cluster', () => {
    const { chart, api } = setup();
    new ExposedService(chart, 'np', { type: ServiceType.NODE_PORT, target: api });
    expect(only(chart, 'Service').spec.ports[0].nodePort).toBeUndefined();
  });

  test('ExternalName has no selector or ports', () => {
    const chart = Testing.chart();
    new ExposedService(chart, 'ext', { type: ServiceType.EXTERNAL_NAME, externalName: 'foo.bar.example.com' });
    const svc = only(chart, 'Service');
    expect(svc.spec).toEqual({ type: 'ExternalName', externalName: 'foo.bar.example.com' });
  });

  test('several named ports', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', { containers: [{ name: 'app', image: 'x', ports: [{ number: 80 }, { number: 53, protocol: Protocol.UDP }] }] });
    new ExposedService(chart, 'svc', {
      type: ServiceType.CLUSTER_IP, target: pod,
      ports: [{ name: 'http', port: 80 }, { name: 'dns', port: 53, protocol: Protocol.UDP }],
    });
    expect(only(chart, 'Service').spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 80 },
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
    ]);
  });

  test('name defaults to one derived from the construct path', () => {
    const { chart, web } = setup();
    const svc = new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web });
    expect(svc.name).toMatch(/^test-svc-[0-9a-f]{8}$/);
    expect(only(chart, 'Service').metadata.name).toBe(svc.name);
  });

  test('the Service is written before the pods it selects, whatever the construct order', () => {
    const { chart, web, api } = setup();
    new ExposedService(chart, 'svc', { name: 'svc-pod', type: ServiceType.CLUSTER_IP, target: web });
    new ExposedService(chart, 'np', { name: 'svc-pod2', type: ServiceType.NODE_PORT, target: api });
    const names = synth(chart).map(o => `${o.kind}/${o.metadata.name}`);
    expect(names.indexOf('Service/svc-pod')).toBeLessThan(names.indexOf('Pod/pod-1'));
    expect(names.indexOf('Service/svc-pod2')).toBeLessThan(names.indexOf('Pod/pod-2'));
  });

  test('fails on a port outside 1-65535', () => {
    const { chart, web } = setup();
    expect(() => new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, port: 70000 }))
      .toThrow(/\[test\/svc\] port: 70000 is not valid: an integer from 1 to 65535/);
    expect(() => new ExposedService(chart, 'svc0', { type: ServiceType.CLUSTER_IP, target: web, port: 0 }))
      .toThrow(/\[test\/svc0\] port: 0 is not valid/);
  });

  test('fails on a targetPort outside 1-65535', () => {
    const { chart, web } = setup();
    expect(() => new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, port: 80, targetPort: 65536 }))
      .toThrow(/\[test\/svc\] targetPort: 65536 is not valid: an integer from 1 to 65535/);
  });

  test('fails on a nodePort on a ClusterIP Service', () => {
    const { chart, web } = setup();
    expect(() => new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, nodePort: 30000 }))
      .toThrow(/\[test\/svc\] nodePort: 30000 is not valid: no nodePort on a ClusterIP Service: only NodePort and LoadBalancer Services have one/);
  });

  test('fails on a nodePort outside 30000-32767', () => {
    const { chart, api } = setup();
    expect(() => new ExposedService(chart, 'np', { type: ServiceType.NODE_PORT, target: api, nodePort: 8080 }))
      .toThrow(/\[test\/np\] nodePort: 8080 is not valid: an integer from 30000 to 32767/);
  });

  test('fails on ExternalName without a host', () => {
    const chart = Testing.chart();
    expect(() => new ExposedService(chart, 'ext', { type: ServiceType.EXTERNAL_NAME }))
      .toThrow(/\[test\/ext\] externalName: undefined is not valid: a host name for an ExternalName Service/);
  });

  test('fails on an ExternalName host that is not a DNS name', () => {
    const chart = Testing.chart();
    expect(() => new ExposedService(chart, 'ext', { type: ServiceType.EXTERNAL_NAME, externalName: 'http://foo' }))
      .toThrow(/externalName: "http:\/\/foo" is not valid: a DNS-1123 subdomain/);
  });

  test('fails on an ExternalName Service with a target or ports', () => {
    const { chart, web } = setup();
    expect(() => new ExposedService(chart, 'ext', { type: ServiceType.EXTERNAL_NAME, externalName: 'foo.bar.example.com', target: web, port: 80 }))
      .toThrow(/target: "test\/web" is not valid: nothing on an ExternalName Service[\s\S]*port: 80 is not valid: nothing on an ExternalName Service/);
  });

  test('fails on a ClusterIP Service without a target', () => {
    const chart = Testing.chart();
    expect(() => new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, port: 80 }))
      .toThrow(/\[test\/svc\] target: undefined is not valid: a pod construct to expose/);
  });

  test('fails on externalName on another type', () => {
    const { chart, web } = setup();
    expect(() => new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, externalName: 'foo.example.com' }))
      .toThrow(/externalName: "foo.example.com" is not valid: no externalName on a ClusterIP Service/);
  });

  test('fails on an unknown type', () => {
    const { chart, web } = setup();
    expect(() => new ExposedService(chart, 'svc', { type: 'Headless' as ServiceType, target: web }))
      .toThrow(/type: "Headless" is not valid: one of ClusterIP, NodePort, LoadBalancer, ExternalName/);
  });

  test('fails on a Service name that is not a DNS-1035 label', () => {
    const { chart, web } = setup();
    expect(() => new ExposedService(chart, 'svc', { name: '1-web', type: ServiceType.CLUSTER_IP, target: web }))
      .toThrow(/name: "1-web" is not valid: a DNS-1035 label/);
  });

  test('fails on a target with no port and no port given', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', { containers: [{ name: 'x', image: 'x' }] });
    expect(() => new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod }))
      .toThrow(/port: undefined is not valid: a port: the target exposes no container port to default to/);
  });

  test('fails on several ports without names, or with the same port twice', () => {
    const { chart, web } = setup();
    expect(() => new ExposedService(chart, 'a', { type: ServiceType.CLUSTER_IP, target: web, ports: [{ port: 80 }, { port: 81 }] }))
      .toThrow(/ports\[0\]\.name: undefined is not valid: a name: every port of a Service with more than one port needs one/);
    expect(() => new ExposedService(chart, 'b', { type: ServiceType.CLUSTER_IP, target: web, ports: [{ port: 80, name: 'a' }, { port: 80, name: 'b' }] }))
      .toThrow(/ports\[1\]\.port: 80 is not valid: a \(port, protocol\) pair no other port of the Service has/);
  });

  test('fails on an empty ports list: the API server refuses a Service without ports', () => {
    const chart = Testing.chart();
    const pod = new NginxPod(chart, 'web');
    expect(() => new ExposedService(chart, 'svc', { type: ServiceType.NODE_PORT, target: pod, ports: [] }))
      .toThrow(/\[test\/svc\] ports: \[\] is not valid: at least one port: the API server refuses a NodePort Service without one\. Fix: list a port/);
  });

  test('fails on ports together with port', () => {
    const { chart, web } = setup();
    expect(() => new ExposedService(chart, 'a', { type: ServiceType.CLUSTER_IP, target: web, port: 80, ports: [{ port: 80 }] }))
      .toThrow(/ports: .* is not valid: either `ports` or `port`\/`targetPort`\/`nodePort`, not both/);
  });
});
