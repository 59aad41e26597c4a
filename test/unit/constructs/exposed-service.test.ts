import { Chart, Testing } from 'cdk8s';
import { AppPod, ExposedService, ExposedServiceProps, FlaskPod, NginxPod, NODE_PORT_RANGE_CONTEXT, Protocol, ServiceType, validateApp } from '../../../src';
import { brief, ofKind, only, problemsOf, synth, synthProblemsOf } from '../../util';

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

  describe('the four types', () => {
    test('the type is written as given', () => {
      for (const type of [ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER]) {
        const { chart, web } = setup();
        new ExposedService(chart, 'svc', { type, target: web } as ExposedServiceProps);
        expect(only(chart, 'Service').spec.type).toBe(type);
      }
    });

    test('NodePort: a pinned nodePort is written', () => {
      const { chart, api } = setup();
      new ExposedService(chart, 'np', { name: 'svc-pod2', type: ServiceType.NODE_PORT, target: api, port: 5000, nodePort: 30000 });
      expect(only(chart, 'Service').spec).toEqual({
        type: 'NodePort', selector: { app: 'pod-label2' }, ports: [{ port: 5000, targetPort: 5000, nodePort: 30000 }],
      });
    });

    test('LoadBalancer', () => {
      const { chart, web } = setup();
      new ExposedService(chart, 'lb', { type: ServiceType.LOAD_BALANCER, target: web, port: 80, nodePort: 32767 });
      expect(only(chart, 'Service').spec).toEqual({
        type: 'LoadBalancer', selector: { app: 'pod-label' }, ports: [{ port: 80, targetPort: 80, nodePort: 32767 }],
      });
    });

    test('ExternalName: a DNS CNAME, no selector and no ports', () => {
      const chart = Testing.chart();
      const svc = new ExposedService(chart, 'ext', { type: ServiceType.EXTERNAL_NAME, externalName: 'foo.bar.example.com' });
      expect(only(chart, 'Service').spec).toEqual({ type: 'ExternalName', externalName: 'foo.bar.example.com' });
      expect(svc.externalName).toBe('foo.bar.example.com');
      expect(svc.target).toBeUndefined();
    });

    test('ExternalName: a host with a trailing dot is accepted and written as given', () => {
      const chart = Testing.chart();
      new ExposedService(chart, 'ext', { type: ServiceType.EXTERNAL_NAME, externalName: 'foo.example.com.' });
      expect(only(chart, 'Service').spec.externalName).toBe('foo.example.com.');
    });

    test('ExternalName: ports are accepted and written as given', () => {
      const chart = Testing.chart();
      new ExposedService(chart, 'a', { type: ServiceType.EXTERNAL_NAME, externalName: 'foo.example.com', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] });
      new ExposedService(chart, 'b', { type: ServiceType.EXTERNAL_NAME, externalName: 'foo.example.com', port: 8080 });
      expect(ofKind(chart, 'Service').map(s => s.spec.ports)).toEqual([
        [{ name: 'http', port: 80 }, { name: 'https', port: 443 }], [{ port: 8080 }],
      ]);
    });
  });

  describe('defaults', () => {
    test('the selector is exactly the target\'s labels', () => {
      const { chart, web } = setup();
      new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web });
      const pod = ofKind(chart, 'Pod').find(o => o.metadata.name === 'pod-1')!;
      expect(only(chart, 'Service').spec.selector).toEqual({ app: 'pod-label' });
      expect(only(chart, 'Service').spec.selector).toEqual(pod.metadata.labels);
    });

    test('port and targetPort: the target\'s container port; one port, unnamed, TCP (not written)', () => {
      const { chart, web } = setup();
      const svc = new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web });
      expect(only(chart, 'Service').spec.ports).toEqual([{ port: 80, targetPort: 80 }]);
      expect(svc.ports).toEqual([{ port: 80, targetPort: 80 }]);
    });

    test('targetPort: the pod\'s port when only port is given', () => {
      const chart = Testing.chart();
      const web = new NginxPod(chart, 'web', { port: 8080 });
      new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, port: 4050 });
      expect(only(chart, 'Service').spec.ports).toEqual([{ port: 4050, targetPort: 8080 }]);
    });

    test('port: a numeric targetPort; targetPort: the container port of the same number, else the first', () => {
      const chart = Testing.chart();
      const web = new AppPod(chart, 'web', { containers: [{ name: 'web', image: 'nginx', ports: [{ number: 80 }, { number: 8081 }] }] });
      new ExposedService(chart, 'a', { type: ServiceType.CLUSTER_IP, target: web, targetPort: 8081 });
      new ExposedService(chart, 'b', { type: ServiceType.CLUSTER_IP, target: web, port: 8081 });
      new ExposedService(chart, 'c', { type: ServiceType.CLUSTER_IP, target: web, port: 9000 });
      expect(ofKind(chart, 'Service').map(s => s.spec.ports[0])).toEqual([
        { port: 8081, targetPort: 8081 }, { port: 8081, targetPort: 8081 }, { port: 9000, targetPort: 80 },
      ]);
    });

    test('targetPort: the container port of the same number and protocol', () => {
      const chart = Testing.chart();
      const dns = new AppPod(chart, 'dns', { containers: [{ name: 'dns', image: 'x', ports: [{ number: 5353 }, { number: 53, protocol: Protocol.UDP }] }] });
      new ExposedService(chart, 'tcp', { type: ServiceType.CLUSTER_IP, target: dns, port: 53 });
      new ExposedService(chart, 'udp', { type: ServiceType.CLUSTER_IP, target: dns, ports: [{ port: 53, protocol: Protocol.UDP }] });
      expect(ofKind(chart, 'Service').map(s => s.spec.ports[0])).toEqual([
        { port: 53, targetPort: 5353 }, { port: 53, protocol: 'UDP', targetPort: 53 },
      ]);
    });

    test('namespace: the target\'s, where the selector finds its pods; none when the target has none', () => {
      const chart = Testing.chart();
      new ExposedService(chart, 'a', { type: ServiceType.CLUSTER_IP, target: new NginxPod(chart, 'shop', { namespace: 'shop' }) });
      new ExposedService(chart, 'b', { type: ServiceType.CLUSTER_IP, target: new NginxPod(chart, 'plain') });
      expect(ofKind(chart, 'Service').map(s => s.metadata.namespace)).toEqual(['shop', undefined]);
    });

    test('nodePort: left to the cluster, not written', () => {
      const { chart, api } = setup();
      new ExposedService(chart, 'np', { type: ServiceType.NODE_PORT, target: api });
      expect(only(chart, 'Service').spec.ports).toEqual([{ port: 5000, targetPort: 5000 }]);
    });

    test('name: one derived from the construct path; labels: none', () => {
      const { chart, web } = setup();
      const svc = new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web });
      expect(svc.name).toMatch(/^test-svc-[0-9a-f]{8}$/);
      expect(only(chart, 'Service').metadata).toEqual({ name: svc.name });
    });
  });

  describe('what is given is written', () => {
    test('name and labels', () => {
      const { chart, web } = setup();
      new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, name: 'front', labels: { tier: 'web' } });
      expect(only(chart, 'Service').metadata).toEqual({ name: 'front', labels: { tier: 'web' } });
    });

    test('a namespace of its own is written, and fails at synth when the target\'s pods are elsewhere', () => {
      const { chart, web } = setup();
      const svc = new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, namespace: 'demo' });
      expect(svc.apiObject.metadata.namespace).toBe('demo');
      const problems = validateApp(chart);
      expect(brief(problems)).toEqual([{ rule: 'service-selects-a-pod', field: 'spec.selector', value: { app: 'pod-label' } }]);
      expect(problems[0].path).toBe('test/svc');
    });

    test('targetPort may be a number or a port name', () => {
      const chart = Testing.chart();
      const web = new AppPod(chart, 'web', { containers: [{ name: 'web', image: 'nginx', ports: [{ number: 80 }, { number: 8081 }, { number: 8082, name: 'http' }] }] });
      new ExposedService(chart, 'a', { type: ServiceType.CLUSTER_IP, target: web, port: 80, targetPort: 8081 });
      new ExposedService(chart, 'b', { type: ServiceType.CLUSTER_IP, target: web, port: 80, targetPort: 'http' });
      expect(ofKind(chart, 'Service').map(s => s.spec.ports[0].targetPort)).toEqual([8081, 'http']);
    });

    test('several named ports', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app', { containers: [{ name: 'app', image: 'x', ports: [{ number: 80 }, { number: 53, protocol: Protocol.UDP }] }] });
      const svc = new ExposedService(chart, 'svc', {
        type: ServiceType.CLUSTER_IP, target: pod,
        ports: [{ name: 'http', port: 80 }, { name: 'dns', port: 53, protocol: Protocol.UDP }],
      });
      expect(only(chart, 'Service').spec.ports).toEqual([
        { name: 'http', port: 80, targetPort: 80 },
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
      ]);
      expect(svc.ports.map(p => p.name)).toEqual(['http', 'dns']);
    });

    test('the Service is written before the pods it selects, whatever the construct order', () => {
      const { chart, web, api } = setup();
      new ExposedService(chart, 'svc', { name: 'svc-pod', type: ServiceType.CLUSTER_IP, target: web });
      new ExposedService(chart, 'np', { name: 'svc-pod2', type: ServiceType.NODE_PORT, target: api });
      const names = synth(chart).map(o => `${o.kind}/${o.metadata.name}`);
      expect(names.indexOf('Service/svc-pod')).toBeLessThan(names.indexOf('Pod/pod-1'));
      expect(names.indexOf('Service/svc-pod2')).toBeLessThan(names.indexOf('Pod/pod-2'));
    });

    test('a nodePort inside a range widened by the context value is accepted', () => {
      const app = Testing.app();
      app.node.setContext(NODE_PORT_RANGE_CONTEXT, '20000-40000');
      const chart = new Chart(app, 'test');
      new ExposedService(chart, 'svc', { type: ServiceType.NODE_PORT, target: new FlaskPod(chart, 'api'), nodePort: 20000 });
      expect(only(chart, 'Service').spec.ports[0].nodePort).toBe(20000);
    });
  });

  describe('fails', () => {
    /** What the engine finds at synth in the Service `svc` of these props, beside the setup's two pods. */
    const judged = (props: (pods: ReturnType<typeof setup>) => ExposedServiceProps) => {
      const pods = setup();
      new ExposedService(pods.chart, 'svc', props(pods));
      return synthProblemsOf(pods.chart);
    };

    test('fails on a port outside 1-65535', () => {
      const problems = judged(({ web }) => ({ type: ServiceType.CLUSTER_IP, target: web, port: 70000 }));
      expect(brief(problems)).toEqual([{ rule: 'service-ports', field: 'spec.ports[0].port', value: 70000 }]);
      expect(problems[0]).toMatchObject({ path: 'test/svc', object: expect.stringMatching(/^Service\//) });
      expect(brief(judged(({ web }) => ({ type: ServiceType.CLUSTER_IP, target: web, port: 0 }))))
        .toEqual([{ rule: 'service-ports', field: 'spec.ports[0].port', value: 0 }]);
    });

    test('fails on a targetPort outside 1-65535, or a name that is not an IANA service name', () => {
      expect(brief(judged(({ web }) => ({ type: ServiceType.CLUSTER_IP, target: web, port: 80, targetPort: 65536 }))))
        .toEqual([
          { rule: 'service-ports', field: 'spec.ports[0].targetPort', value: 65536 },
          // (and no container of the target listens on it)
          { rule: 'target-port-is-exposed', field: 'spec.ports[0].targetPort', value: 65536 },
        ]);
      expect(brief(judged(({ web }) => ({ type: ServiceType.CLUSTER_IP, target: web, port: 80, targetPort: 'Web_Port' }))))
        .toEqual([
          { rule: 'service-ports', field: 'spec.ports[0].targetPort', value: 'Web_Port' },
          { rule: 'target-port-is-exposed', field: 'spec.ports[0].targetPort', value: 'Web_Port' },
        ]);
    });

    test('fails on a nodePort on a ClusterIP Service (TypeScript refuses it; JavaScript gets a props error naming the field)', () => {
      const { chart, web } = setup();
      expect(brief(problemsOf(() => new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, nodePort: 30000 } as never))))
        .toEqual([{ rule: 'props', field: 'nodePort', value: 30000 }]);
      expect(brief(problemsOf(() => new ExposedService(chart, 'ports', { type: ServiceType.CLUSTER_IP, target: web, ports: [{ port: 80, nodePort: 30000 }] } as never))))
        .toEqual([{ rule: 'props', field: 'ports[0].nodePort', value: 30000 }]);
    });

    test('fails on a nodePort outside 30000-32767, with the way to widen the range', () => {
      const problems = judged(({ api }) => ({ type: ServiceType.NODE_PORT, target: api, nodePort: 29999 }));
      expect(brief(problems)).toEqual([{ rule: 'node-port', field: 'spec.ports[0].nodePort', value: 29999 }]);
      expect(problems[0].fix).toContain(NODE_PORT_RANGE_CONTEXT);
      expect(() => Testing.synth((() => {
        const { chart, api } = setup();
        new ExposedService(chart, 'top', { type: ServiceType.NODE_PORT, target: api, nodePort: 32767 });
        return chart;
      })())).not.toThrow();
    });

    test('fails on a malformed node port range context value, together with the props\' problems', () => {
      const app = Testing.app();
      app.node.setContext(NODE_PORT_RANGE_CONTEXT, '40000-20000');
      const chart = new Chart(app, 'test');
      new ExposedService(chart, 'svc', { type: ServiceType.EXTERNAL_NAME, externalName: 'a.example.com', name: 'Bad' });
      expect(brief(synthProblemsOf(chart))).toEqual([
        { rule: 'props', field: `context "${NODE_PORT_RANGE_CONTEXT}"`, value: '40000-20000' },
        { rule: 'object-name', field: 'metadata.name', value: 'Bad' },
      ]);
    });

    test('fails on ExternalName without a host', () => {
      expect(brief(judged(() => ({ type: ServiceType.EXTERNAL_NAME }) as never)))
        .toEqual([{ rule: 'external-name', field: 'spec.externalName', value: undefined }]);
    });

    test('fails on an ExternalName host that is not a DNS name', () => {
      expect(brief(judged(() => ({ type: ServiceType.EXTERNAL_NAME, externalName: 'http://foo' }))))
        .toEqual([{ rule: 'external-name', field: 'spec.externalName', value: 'http://foo' }]);
    });

    test('fails on a target on an ExternalName Service, whatever the target is', () => {
      const { chart, web } = setup();
      const problems = problemsOf(() => new ExposedService(chart, 'ext', { type: ServiceType.EXTERNAL_NAME, externalName: 'foo.bar.example.com', target: web } as never));
      expect(brief(problems)).toEqual([{ rule: 'props', field: 'target', value: 'test/web' }]);
      expect(brief(problemsOf(() => new ExposedService(chart, 'null', { type: ServiceType.EXTERNAL_NAME, externalName: 'a.example.com', target: null as any }))))
        .toEqual([{ rule: 'props', field: 'target', value: null }]);
    });

    test('fails on a nodePort on an ExternalName Service (a field it does not take), and on nothing else', () => {
      expect(brief(problemsOf(() => new ExposedService(Testing.chart(), 'ext', { type: ServiceType.EXTERNAL_NAME, externalName: 'a.example.com', nodePort: 30000 } as never))))
        .toEqual([{ rule: 'props', field: 'nodePort', value: 30000 }]);
    });

    test('fails on a ClusterIP Service without a target', () => {
      const problems = problemsOf(() => new ExposedService(Testing.chart(), 'svc', { type: ServiceType.CLUSTER_IP, port: 80 } as never));
      expect(brief(problems)).toEqual([{ rule: 'props', field: 'target', value: undefined }]);
      expect(problems[0].path).toBe('test/svc');
    });

    test('fails on a missing target once: no second problem for the port it would have given', () => {
      expect(brief(problemsOf(() => new ExposedService(Testing.chart(), 'svc', { type: ServiceType.CLUSTER_IP } as never))))
        .toEqual([{ rule: 'props', field: 'target', value: undefined }]);
    });

    test('fails on externalName on another type', () => {
      const { chart, web } = setup();
      expect(brief(problemsOf(() => new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, externalName: 'foo.example.com' } as never))))
        .toEqual([{ rule: 'props', field: 'externalName', value: 'foo.example.com' }]);
    });

    test('fails on an unknown type', () => {
      expect(brief(judged(({ web }) => ({ type: 'Headless', target: web }) as never)))
        .toEqual([{ rule: 'service-type', field: 'spec.type', value: 'Headless' }]);
    });

    test('fails on a Service name that is not a DNS-1035 label (a valid Pod name)', () => {
      const chart = Testing.chart();
      const web = new NginxPod(chart, 'web', { name: '1-web' });
      new ExposedService(chart, 'svc', { name: '1-web', type: ServiceType.CLUSTER_IP, target: web });
      expect(brief(synthProblemsOf(chart))).toEqual([{ rule: 'object-name', field: 'metadata.name', value: '1-web' }]);
    });

    test('fails on an invalid namespace or labels', () => {
      expect(brief(judged(({ web }) => ({ type: ServiceType.CLUSTER_IP, target: web, namespace: 'My NS', labels: { tier: 'a b' } }))))
        .toEqual([
          { rule: 'namespace', field: 'metadata.namespace', value: 'My NS' }, { rule: 'labels', field: 'metadata.labels["tier"]', value: 'a b' },
          // (and the pods are in another namespace)
          { rule: 'service-selects-a-pod', field: 'spec.selector', value: { app: 'pod-label' } },
        ]);
    });

    test('fails on a target with no port, and no port given: there is no port to write', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app', { containers: [{ name: 'x', image: 'x' }] });
      expect(brief(problemsOf(() => new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod }))))
        .toEqual([{ rule: 'props', field: 'port', value: undefined }]);
    });

    test('fails on several ports without names', () => {
      expect(brief(judged(({ web }) => ({ type: ServiceType.CLUSTER_IP, target: web, ports: [{ port: 80 }, { port: 81 }] }))))
        .toEqual([
          { rule: 'service-ports', field: 'spec.ports[0].name', value: undefined },
          { rule: 'service-ports', field: 'spec.ports[1].name', value: undefined },
        ]);
    });

    test('fails on two ports with one name', () => {
      expect(brief(judged(({ web }) => ({ type: ServiceType.CLUSTER_IP, target: web, ports: [{ port: 80, name: 'web' }, { port: 81, name: 'web' }] }))))
        .toEqual([{ rule: 'service-ports', field: 'spec.ports[1].name', value: 'web' }]);
    });

    test('fails on one port and protocol twice; another protocol is fine', () => {
      expect(brief(judged(({ web }) => ({ type: ServiceType.CLUSTER_IP, target: web, ports: [{ port: 80, name: 'a' }, { port: 80, name: 'b' }] }))))
        .toEqual([{ rule: 'service-ports', field: 'spec.ports[1].port', value: '80/TCP' }]);
      const { chart, web } = setup();
      new ExposedService(chart, 'b', {
        type: ServiceType.CLUSTER_IP, target: web, ports: [{ port: 80, name: 'a' }, { port: 80, name: 'b', protocol: Protocol.UDP, targetPort: 80 }],
      });
      expect(validateApp(chart).filter(p => p.rule === 'service-ports')).toEqual([]);
    });

    test('fails on a port name that is not a DNS-1123 label, and an unknown protocol', () => {
      expect(brief(judged(({ web }) => ({ type: ServiceType.CLUSTER_IP, target: web, ports: [{ port: 80, name: 'Web_Port', protocol: 'HTTP' as Protocol }] }))))
        .toEqual([
          { rule: 'service-ports', field: 'spec.ports[0].name', value: 'Web_Port' },
          { rule: 'service-ports', field: 'spec.ports[0].protocol', value: 'HTTP' },
          // (and no container port of the target has that protocol)
          { rule: 'target-port-is-exposed', field: 'spec.ports[0].targetPort', value: 80 },
        ]);
    });

    test('fails on an empty ports list: the API server refuses a Service without ports', () => {
      expect(brief(judged(({ web }) => ({ type: ServiceType.NODE_PORT, target: web, ports: [] }))))
        .toEqual([{ rule: 'service-ports', field: 'spec.ports', value: undefined }]);
    });

    test('fails on ports together with port', () => {
      const { chart, web } = setup();
      expect(brief(problemsOf(() => new ExposedService(chart, 'a', { type: ServiceType.CLUSTER_IP, target: web, port: 80, ports: [{ port: 80 }] }))))
        .toEqual([{ rule: 'props', field: 'ports', value: [{ port: 80 }] }]);
    });

    test('fails on every problem at once', () => {
      expect(brief(judged(({ web }) => ({ type: ServiceType.NODE_PORT, target: web, name: 'Svc', port: 0, nodePort: 3000 }))))
        .toEqual([
          { rule: 'object-name', field: 'metadata.name', value: 'Svc' },
          { rule: 'service-ports', field: 'spec.ports[0].port', value: 0 },
          { rule: 'node-port', field: 'spec.ports[0].nodePort', value: 3000 },
        ]);
    });

    test('a Service that cannot be written is not written, and its target is not held back by it', () => {
      const { chart, web } = setup();
      problemsOf(() => new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, port: '80' as any }));
      expect(ofKind(chart, 'Service')).toEqual([]);
      expect(web.apiObject.node.dependencies).toEqual([]);
    });
  });

  describe('wrong types from JavaScript are reported as props, never as a TypeError', () => {
    test.each<[string, (chart: Chart) => unknown, string, unknown]>([
      ['null props', chart => new ExposedService(chart, 'x', null as any), 'props', null],
      ['a plain object as the target', chart => new ExposedService(chart, 'x', { type: ServiceType.CLUSTER_IP, target: {} as any, port: 80 }), 'target', 'Object'],
      ['null as the target', chart => new ExposedService(chart, 'x', { type: ServiceType.CLUSTER_IP, target: null as any }), 'target', null],
      ['ports as a number', chart => new ExposedService(chart, 'x', { type: ServiceType.CLUSTER_IP, target: new NginxPod(chart, 'p'), ports: 80 as any }), 'ports', 80],
      ['a null port in ports', chart => new ExposedService(chart, 'x', { type: ServiceType.CLUSTER_IP, target: new NginxPod(chart, 'p'), ports: [null as any] }), 'ports', [null]],
    ])('fails on %s', (_name, build, field, value) => {
      expect(brief(problemsOf(() => build(Testing.chart())))).toEqual([{ rule: 'props', field, value }]);
    });

    test('fails on labels as a number: labels are an object of strings', () => {
      expect(brief(problemsOf(() => new ExposedService(Testing.chart(), 'x', { type: ServiceType.EXTERNAL_NAME, externalName: 'a.b', labels: 5 as any }))))
        .toEqual([{ rule: 'props', field: 'labels', value: 5 }]);
    });

    test('fails on a string port (a ValidationError, not a TypeError)', () => {
      const chart = Testing.chart();
      expect(problemsOf(() => new ExposedService(chart, 'x', { type: ServiceType.CLUSTER_IP, target: new NginxPod(chart, 'p'), port: '80' as any })))
        .toEqual([expect.objectContaining({ field: 'port', value: '80' })]);
    });
  });
});

describe('ExposedService: review fixes', () => {
  test('a targetPort that is neither a number nor a name fails as props, before synth could not write it', () => {
    const { chart, web } = setup();
    expect(brief(problemsOf(() => new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: web, ports: [{ port: 8080, targetPort: {} as any }] }))))
      .toEqual([{ rule: 'props', field: 'ports[0].targetPort', value: {} }]);
  });

  test('port defaults to the number of the container port a named targetPort names', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', { containers: [{ name: 'app', image: 'example/app:1', ports: [{ number: 8080, name: 'http' }, { number: 9090, name: 'grpc' }] }] });
    const svc = new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod, targetPort: 'grpc' });
    expect(svc.ports).toEqual([{ port: 9090, targetPort: 'grpc' }]);
  });

  test('namespace defaults to the target\'s, which is its chart\'s when it names none', () => {
    const app = Testing.app();
    const pods = new Chart(app, 'pods', { namespace: 'team-a' });
    const web = new NginxPod(pods, 'web', { name: 'web' });
    const svc = new ExposedService(new Chart(app, 'services'), 'svc', { name: 'web', type: ServiceType.CLUSTER_IP, target: web });
    expect(svc.apiObject.metadata.namespace).toBe('team-a');
    expect(validateApp(app)).toEqual([]);
  });

  test('fails outside any Chart, as props, not with cdk8s\'s plain error', () => {
    const app = Testing.app();
    expect(brief(problemsOf(() => new ExposedService(app, 'svc', { type: ServiceType.EXTERNAL_NAME, externalName: 'db.example.com' }))))
      .toEqual([{ rule: 'props', field: 'scope', value: '<app>' }]);
  });
});
