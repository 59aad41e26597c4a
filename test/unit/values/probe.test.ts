import { Testing } from 'cdk8s';
import { AppPod, ExposedService, HttpScheme, Probe, Protocol, ServiceType } from '../../../src';
import { brief, only, problemsOf, synthProblemsOf } from '../../util';

/** The probes of one container, as written. */
function written(container: object): any {
  const chart = Testing.chart();
  new AppPod(chart, 'app', { containers: [{ name: 'web', image: 'nginx', ...container }] });
  return only(chart, 'Pod').spec.containers[0];
}

/** The problems the engine finds at synth in a pod with one container (`web`, `nginx`, and these fields). */
function judged(container: object) {
  const chart = Testing.chart();
  new AppPod(chart, 'app', { containers: [{ name: 'web', image: 'nginx', ...container }] });
  return synthProblemsOf(chart);
}

describe('Probe', () => {
  test('timings are written as given; a probe names its own port or takes the container\'s first', () => {
    const c = written({
      ports: [{ number: 80 }, { number: 9090 }],
      readiness: Probe.httpGet(),
      liveness: Probe.tcpSocket({ port: 9090, initialDelaySeconds: 5, periodSeconds: 20, timeoutSeconds: 2, failureThreshold: 6 }),
      startup: Probe.exec(['cat', '/tmp/started'], { failureThreshold: 30 }),
    });
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/', port: 80 } });
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: 9090 }, initialDelaySeconds: 5, periodSeconds: 20, timeoutSeconds: 2, failureThreshold: 6 });
    expect(c.startupProbe).toEqual({ exec: { command: ['cat', '/tmp/started'] }, failureThreshold: 30 });
  });

  test('defaults: path /, the container\'s first port (`port` before `ports`), Kubernetes\' timings (not written)', () => {
    const c = written({ port: 8080, ports: [{ number: 9090 }], readiness: Probe.httpGet(), liveness: Probe.tcpSocket() });
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/', port: 8080 } });
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: 8080 } });
  });

  test('timings of 0 are written (the API server defaults period and threshold)', () => {
    expect(written({ port: 80, readiness: Probe.httpGet('/', { initialDelaySeconds: 0, periodSeconds: 0 }) }).readinessProbe)
      .toEqual({ httpGet: { path: '/', port: 80 }, initialDelaySeconds: 0, periodSeconds: 0 });
  });

  test('kind and port are readable', () => {
    expect(Probe.httpGet('/healthz', { port: 8080 })).toMatchObject({ kind: 'httpGet', port: 8080 });
    expect(Probe.tcpSocket()).toMatchObject({ kind: 'tcpSocket', port: undefined });
    expect(Probe.exec(['true'])).toMatchObject({ kind: 'exec', port: undefined });
  });

  test('an exec probe needs no port', () => {
    expect(written({ liveness: Probe.exec(['true']) }).livenessProbe).toEqual({ exec: { command: ['true'] } });
  });

  test('the command given to exec is copied: changing it afterwards changes nothing', () => {
    const command = ['cat', '/tmp/ready'];
    const probe = Probe.exec(command);
    command[1] = '/changed';
    expect(written({ readiness: probe }).readinessProbe.exec.command).toEqual(['cat', '/tmp/ready']);
  });

  describe('scheme, headers, named ports, gRPC and successThreshold', () => {
    test('defaults: no scheme (HTTP), no headers, no successThreshold written', () => {
      expect(written({ port: 80, readiness: Probe.httpGet('/') }).readinessProbe).toEqual({ httpGet: { path: '/', port: 80 } });
    });

    test('an HTTPS probe with headers', () => {
      const probe = Probe.httpGet('/healthz', { scheme: HttpScheme.HTTPS, headers: { 'Host': 'example.com', 'X-Probe': '1' } });
      expect(written({ port: 8443, readiness: probe }).readinessProbe).toEqual({
        httpGet: { path: '/healthz', port: 8443, scheme: 'HTTPS', httpHeaders: [{ name: 'Host', value: 'example.com' }, { name: 'X-Probe', value: '1' }] },
      });
    });

    test('a named port is written as the name', () => {
      const c = written({ ports: [{ number: 8080, name: 'http' }], readiness: Probe.httpGet('/', { port: 'http' }), liveness: Probe.tcpSocket({ port: 'http' }) });
      expect(c.readinessProbe).toEqual({ httpGet: { path: '/', port: 'http' } });
      expect(c.livenessProbe).toEqual({ tcpSocket: { port: 'http' } });
    });

    test('a gRPC probe, with its service or on the container\'s first port', () => {
      const c = written({ port: 9000, liveness: Probe.grpc({ service: 'health', periodSeconds: 5 }), readiness: Probe.grpc({ port: 9001 }) });
      expect(c.livenessProbe).toEqual({ grpc: { port: 9000, service: 'health' }, periodSeconds: 5 });
      expect(c.readinessProbe).toEqual({ grpc: { port: 9001 } });
    });

    test('a readiness probe may ask more than one success', () => {
      expect(written({ port: 80, readiness: Probe.httpGet('/', { successThreshold: 3 }) }).readinessProbe).toEqual({ httpGet: { path: '/', port: 80 }, successThreshold: 3 });
    });

    test('fails on a successThreshold other than 1 on a liveness or startup probe (the API server refuses it)', () => {
      const problems = judged({ port: 80, liveness: Probe.tcpSocket({ successThreshold: 2 }), startup: Probe.tcpSocket({ successThreshold: 3 }) });
      expect(brief(problems)).toEqual([
        { rule: 'probes', field: 'spec.containers[0].livenessProbe.successThreshold', value: 2 },
        { rule: 'probes', field: 'spec.containers[0].startupProbe.successThreshold', value: 3 },
      ]);
    });

    test('fails on a named port the container does not declare (the kubelet would fail the probe)', () => {
      const problems = judged({ ports: [{ number: 8080, name: 'web' }], readiness: Probe.httpGet('/', { port: 'http' }) });
      expect(brief(problems)).toEqual([{ rule: 'probe-port-name', field: 'spec.containers[0].readinessProbe.httpGet.port', value: 'http' }]);
      expect(problems[0].allowed).toContain('"web"');
    });

    test('fails on a port name that is no IANA service name, a bad scheme or header name', () => {
      expect(brief(judged({ readiness: Probe.httpGet('/', { port: 'HTTP_PORT', scheme: 'FTP' as HttpScheme, headers: { 'Bad Header': 'x' } }) }))).toEqual([
        { rule: 'probes', field: 'spec.containers[0].readinessProbe.httpGet.port', value: 'HTTP_PORT' },
        { rule: 'probes', field: 'spec.containers[0].readinessProbe.httpGet.scheme', value: 'FTP' },
        { rule: 'probes', field: 'spec.containers[0].readinessProbe.httpGet.httpHeaders[0].name', value: 'Bad Header' },
      ]);
    });

    test('fails on a gRPC port outside 1-65535, or a service that is no string', () => {
      expect(brief(judged({ port: 80, liveness: Probe.grpc({ port: 0 }) }))).toEqual([{ rule: 'probes', field: 'spec.containers[0].livenessProbe.grpc.port', value: 0 }]);
      expect(brief(problemsOf(() => Probe.grpc({ port: 0, service: 5 as any })))).toEqual([{ rule: 'props', field: 'service', value: 5 }]);
    });

    test('fails on a gRPC probe without a port on a container without one', () => {
      // (written as port 0: the engine refuses the port, not "no port")
      expect(brief(judged({ liveness: Probe.grpc() }))).toEqual([{ rule: 'probes', field: 'spec.containers[0].livenessProbe.grpc.port', value: 0 }]);
    });
  });

  describe('Probe.isProbe', () => {
    test('recognises the probes, and nothing else', () => {
      for (const p of [Probe.httpGet(), Probe.tcpSocket(), Probe.exec(['true'])]) expect(Probe.isProbe(p)).toBe(true);
      expect(Probe.isProbe({ kind: 'httpGet' })).toBe(false);
      expect(Probe.isProbe(null)).toBe(false);
    });

    test('recognises a probe of another copy of the package, by its brand', () => {
      const foreign = Object.defineProperty({ kind: 'httpGet', port: 80 }, Symbol.for('cdk8s-pods-services.Probe'), { value: true });
      expect(Probe.isProbe(foreign)).toBe(true);
    });
  });

  describe('fails', () => {
    test('fails on a path that is not a URL path', () => {
      const problems = problemsOf(() => Probe.httpGet('healthz'));
      expect(brief(problems)).toEqual([{ rule: 'props', field: 'path', value: 'healthz' }]);
      expect(problems[0].path).toBe('Probe.httpGet()');
    });

    test('fails on negative or fractional timings', () => {
      expect(brief(judged({ port: 80, readiness: Probe.httpGet('/', { periodSeconds: -1 }) })))
        .toEqual([{ rule: 'probes', field: 'spec.containers[0].readinessProbe.periodSeconds', value: -1 }]);
      expect(brief(judged({ port: 80, readiness: Probe.tcpSocket({ timeoutSeconds: 0.5 }) })))
        .toEqual([{ rule: 'probes', field: 'spec.containers[0].readinessProbe.timeoutSeconds', value: 0.5 }]);
      expect(brief(judged({ readiness: Probe.exec(['true'], { initialDelaySeconds: -5, failureThreshold: 1.5 }) }))).toEqual([
        { rule: 'probes', field: 'spec.containers[0].readinessProbe.initialDelaySeconds', value: -5 },
        { rule: 'probes', field: 'spec.containers[0].readinessProbe.failureThreshold', value: 1.5 },
      ]);
    });

    test('fails on a port outside 1-65535', () => {
      expect(brief(judged({ port: 80, readiness: Probe.tcpSocket({ port: 0 }) }))).toEqual([{ rule: 'probes', field: 'spec.containers[0].readinessProbe.tcpSocket.port', value: 0 }]);
      expect(brief(judged({ port: 80, readiness: Probe.httpGet('/', { port: 65536 }) }))).toEqual([{ rule: 'probes', field: 'spec.containers[0].readinessProbe.httpGet.port', value: 65536 }]);
    });

    test('fails on an empty exec command', () => {
      expect(brief(problemsOf(() => Probe.exec([])))).toEqual([{ rule: 'props', field: 'command', value: [] }]);
    });

    test('fails on every problem at once', () => {
      expect(brief(problemsOf(() => Probe.httpGet('x', { port: '80' as any, periodSeconds: 'often' as any })))).toEqual([
        { rule: 'props', field: 'periodSeconds', value: 'often' },
        { rule: 'props', field: 'path', value: 'x' },
      ]);
      expect(brief(problemsOf(() => Probe.httpGet(5 as any, { port: null as any, periodSeconds: NaN })))).toEqual([
        { rule: 'props', field: 'periodSeconds', value: NaN },
        { rule: 'props', field: 'port', value: null },
        { rule: 'props', field: 'path', value: 5 },
      ]);
    });
  });

  describe('wrong types from JavaScript are reported as props, never as a TypeError', () => {
    test.each<[string, () => unknown, string, unknown]>([
      ['a path that is not a string', () => Probe.httpGet(42 as any), 'path', 42],
      ['null options', () => Probe.httpGet('/', null as any), 'options', null],
      ['null tcpSocket options', () => Probe.tcpSocket(null as any), 'options', null],
      ['no exec command', () => Probe.exec(undefined as any), 'command', undefined],
      ['a string as the exec command', () => Probe.exec('ls -l' as any), 'command', 'ls -l'],
      ['null exec options', () => Probe.exec(['true'], null as any), 'options', null],
    ])('fails on %s', (_name, build, field, value) => {
      expect(brief(problemsOf(build))).toEqual([{ rule: 'props', field, value }]);
    });
  });
});

test('a liveness probe\'s successThreshold of 0 is Kubernetes\' "unset" (it defaults to 1), so it is taken', () => {
  expect(written({ port: 80, liveness: Probe.httpGet('/', { successThreshold: 0 }) }).livenessProbe).toEqual({ httpGet: { path: '/', port: 80 }, successThreshold: 0 });
});

describe('a port declared once: the container, its probes and everything that reaches it take the same object', () => {
  test('a probe given the ContainerPort object writes its name, or its number when it has none', () => {
    const http = { number: 8080, name: 'http' };
    const admin = { number: 9090 };
    const c = written({ ports: [http, admin], readiness: Probe.httpGet('/ready', { port: http }), liveness: Probe.tcpSocket({ port: admin }) });
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/ready', port: 'http' } });
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: 9090 } });
  });

  test('renaming the declared port renames it in the probe and in the Service that targets it through portRef', () => {
    const chart = Testing.chart();
    const web = { number: 8080, name: 'web' };
    const pod = new AppPod(chart, 'app', { containers: [{ name: 'c', image: 'nginx', ports: [web], readiness: Probe.httpGet('/', { port: web }) }] });
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod, port: 80, targetPort: pod.portRef(web) });
    expect(only(chart, 'Pod').spec.containers[0].readinessProbe.httpGet.port).toBe('web');
    expect(only(chart, 'Service').spec.ports[0].targetPort).toBe('web');
  });

  test('a PortRef is taken too, and writes the port\'s name', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'a', { containers: [{ name: 'c', image: 'nginx', ports: [{ number: 80, name: 'http' }] }] });
    expect(Probe.httpGet('/', { port: pod.portRef('http') })).toMatchObject({ port: 'http' });
  });

  test('fails on a UDP port: probes connect over TCP', () => {
    // (the probe writes the port's name; the container declares it UDP: judged at synth)
    const dns = { number: 53, name: 'dns', protocol: Protocol.UDP };
    expect(brief(judged({ ports: [dns], liveness: Probe.tcpSocket({ port: dns }) }))).toEqual([
      { rule: 'probe-port-name', field: 'spec.containers[0].livenessProbe.tcpSocket.port', value: 'dns' },
    ]);
  });

  test('fails on a declared port that is no port: its number out of range, or its name no IANA name', () => {
    expect(brief(judged({ port: 80, readiness: Probe.tcpSocket({ port: { number: 70000 } }) })))
      .toEqual([{ rule: 'probes', field: 'spec.containers[0].readinessProbe.tcpSocket.port', value: 70000 }]);
    expect(brief(judged({ ports: [{ number: 80, name: 'HTTP' }], readiness: Probe.httpGet('/', { port: { number: 80, name: 'HTTP' } }) }))).toEqual([
      { rule: 'container-ports', field: 'spec.containers[0].ports[0].name', value: 'HTTP' },
      { rule: 'probes', field: 'spec.containers[0].readinessProbe.httpGet.port', value: 'HTTP' },
    ]);
  });
});
