/**
 * Lifecycle hooks (src/values/lifecycle.ts) and native sidecars (an init container's
 * restartPolicy Always): written as given, judged at synth.
 */
import { Chart, Testing } from 'cdk8s';
import { AppPod, AppPodProps, ContainerRestartPolicy, Hook, HttpScheme, KUBERNETES_VERSION_CONTEXT, Probe, Protocol, validateApp } from '../../../src';
import { brief, only, problemsOf, synthProblemsOf } from '../../util';

const web = { name: 'web', image: 'nginx', port: 80 };

function specOf(props: AppPodProps) {
  const chart = Testing.chart();
  new AppPod(chart, 'pod', props);
  expect(validateApp(chart)).toEqual([]);
  return only(chart, 'Pod').spec;
}

/** What the engine finds at synth in a pod of these props (at the default target, or at `version`). */
const fails = (props: AppPodProps, version?: string) => {
  const app = Testing.app();
  if (version !== undefined) app.node.setContext(KUBERNETES_VERSION_CONTEXT, version);
  const chart = new Chart(app, 'test');
  new AppPod(chart, 'pod', props);
  return brief(synthProblemsOf(chart));
};

describe('Hook', () => {
  test('defaults: no lifecycle written', () => {
    expect(specOf({ containers: [web] }).containers[0].lifecycle).toBeUndefined();
  });

  test('exec and httpGet hooks, as the API spells them', () => {
    const spec = specOf({ containers: [{ ...web, ports: [{ number: 8080, name: 'admin' }],
      postStart: Hook.httpGet('/warm', { port: 'admin', scheme: HttpScheme.HTTPS, headers: { 'X-Warm': '1' } }), preStop: Hook.exec(['sleep', '5']) }] });
    expect(spec.containers[0].lifecycle).toEqual({
      postStart: { httpGet: { path: '/warm', port: 'admin', scheme: 'HTTPS', httpHeaders: [{ name: 'X-Warm', value: '1' }] } },
      preStop: { exec: { command: ['sleep', '5'] } },
    });
  });

  test('an HTTP hook without a port reaches the container\'s first port', () => {
    expect(specOf({ containers: [{ ...web, preStop: Hook.httpGet('/drain') }] }).containers[0].lifecycle).toEqual({ preStop: { httpGet: { path: '/drain', port: 80 } } });
  });

  test('an HTTP hook takes the container port itself, or a PortRef, and writes its name (else its number)', () => {
    const admin = { number: 8080, name: 'admin' };
    const metrics = { number: 9090 };
    const spec = specOf({ containers: [{ ...web, ports: [admin, metrics], postStart: Hook.httpGet('/warm', { port: admin }), preStop: Hook.httpGet('/drain', { port: metrics }) }] });
    expect(spec.containers[0].lifecycle).toEqual({ postStart: { httpGet: { path: '/warm', port: 'admin' } }, preStop: { httpGet: { path: '/drain', port: 9090 } } });
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'ref', { containers: [{ ...web, ports: [admin] }] });
    expect(Hook.httpGet('/', { port: pod.portRef('admin') }).port).toBe('admin');
  });

  test('the command is copied', () => {
    const command = ['sleep', '5'];
    const hook = Hook.exec(command);
    command[1] = '50';
    expect(specOf({ containers: [{ ...web, preStop: hook }] }).containers[0].lifecycle.preStop.exec.command).toEqual(['sleep', '5']);
  });

  test('isHook recognises hooks only', () => {
    expect(Hook.isHook(Hook.exec(['true']))).toBe(true);
    expect(Hook.isHook({ kind: 'exec' })).toBe(false);
  });

  describe('fails', () => {
    test('fails on an empty command, a bad path, port, scheme or header', () => {
      expect(brief(problemsOf(() => Hook.exec([])))).toEqual([{ rule: 'props', field: 'command', value: [] }]);
      expect(brief(problemsOf(() => Hook.httpGet('drain', { port: 0, scheme: 'FTP' as HttpScheme, headers: { 'a b': 'c' } })))).toEqual([
        { rule: 'props', field: 'path', value: 'drain' },
      ]);
      expect(fails({ containers: [{ ...web, preStop: Hook.httpGet('/drain', { port: 0, scheme: 'FTP' as HttpScheme, headers: { 'a b': 'c' } }) }] })).toEqual([
        { rule: 'lifecycle', field: 'spec.containers[0].lifecycle.preStop.httpGet.port', value: 0 },
        { rule: 'lifecycle', field: 'spec.containers[0].lifecycle.preStop.httpGet.scheme', value: 'FTP' },
        { rule: 'lifecycle', field: 'spec.containers[0].lifecycle.preStop.httpGet.httpHeaders[0].name', value: 'a b' },
      ]);
    });

    test('fails on a UDP container port, or a malformed one, as a hook\'s port', () => {
      // (the hook writes the port's name; the container declares it UDP: judged at synth)
      const dns = { number: 53, name: 'dns', protocol: Protocol.UDP };
      expect(fails({ containers: [{ ...web, ports: [dns], preStop: Hook.httpGet('/', { port: dns }) }] })).toEqual([
        { rule: 'probe-port-name', field: 'spec.containers[0].lifecycle.preStop.httpGet.port', value: 'dns' },
      ]);
      expect(fails({ containers: [{ ...web, preStop: Hook.httpGet('/', { port: { number: 0 } }) }] })).toEqual([
        { rule: 'lifecycle', field: 'spec.containers[0].lifecycle.preStop.httpGet.port', value: 0 },
      ]);
    });

    test('fails on a hook on an init container that is no native sidecar', () => {
      expect(fails({ containers: [web], initContainers: [{ name: 'init', image: 'busybox', preStop: Hook.exec(['true']) }] })).toEqual([
        { rule: 'lifecycle', field: 'spec.initContainers[0].lifecycle.preStop', value: ['exec'] },
      ]);
    });

    test('fails on a named hook port the container does not declare', () => {
      expect(fails({ containers: [{ ...web, preStop: Hook.httpGet('/', { port: 'admin' }) }] })).toEqual([
        { rule: 'probe-port-name', field: 'spec.containers[0].lifecycle.preStop.httpGet.port', value: 'admin' },
      ]);
    });

    test('fails on an HTTP hook with no port to reach (written as port 0)', () => {
      expect(fails({ containers: [{ name: 'w', image: 'nginx', postStart: Hook.httpGet('/') }] })).toEqual([
        { rule: 'lifecycle', field: 'spec.containers[0].lifecycle.postStart.httpGet.port', value: 0 },
      ]);
    });

    test('fails on a hook that is no Hook', () => {
      expect(brief(problemsOf(() => new AppPod(Testing.chart(), 'pod', { containers: [{ ...web, preStop: { exec: ['sleep'] } as any }] })))).toEqual([
        { rule: 'props', field: 'containers[0].preStop', value: { exec: ['sleep'] } },
      ]);
    });
  });
});

describe('native sidecars (an init container with restartPolicy Always)', () => {
  const sidecar = { name: 'proxy', image: 'envoyproxy/envoy:v1.29.0', port: 9901, restartPolicy: ContainerRestartPolicy.ALWAYS };

  test('defaults: no restartPolicy on any container', () => {
    const spec = specOf({ containers: [web], initContainers: [{ name: 'init', image: 'busybox' }] });
    expect(spec.initContainers[0].restartPolicy).toBeUndefined();
    expect(spec.containers[0].restartPolicy).toBeUndefined();
  });

  test('written on the init container, which may have probes and hooks', () => {
    const spec = specOf({ containers: [web], initContainers: [{ ...sidecar, readiness: Probe.httpGet('/ready'), startup: Probe.tcpSocket(), preStop: Hook.exec(['sleep', '2']) }] });
    expect(spec.initContainers[0]).toMatchObject({
      name: 'proxy', restartPolicy: 'Always',
      readinessProbe: { httpGet: { path: '/ready', port: 9901 } }, startupProbe: { tcpSocket: { port: 9901 } },
      lifecycle: { preStop: { exec: { command: ['sleep', '2'] } } },
    });
  });

  test('fails on probes on a plain init container (only a native sidecar has them)', () => {
    expect(fails({ containers: [web], initContainers: [{ name: 'init', image: 'busybox', readiness: Probe.exec(['true']) }] })).toEqual([
      { rule: 'probes', field: 'spec.initContainers[0].readinessProbe', value: ['exec'] },
    ]);
  });

  test('fails on restartPolicy on an app container before 1.35, or any other value on an init container', () => {
    const props: AppPodProps = { containers: [{ ...web, restartPolicy: ContainerRestartPolicy.ALWAYS }], initContainers: [{ name: 'init', image: 'busybox', restartPolicy: 'Never' as any }] };
    expect(fails(props, '1.34')).toEqual([
      { rule: 'container-restart-policy', field: 'spec.containers[0].restartPolicy', value: 'Always' },
      { rule: 'init-restart-policy', field: 'spec.initContainers[0].restartPolicy', value: 'Never' },
    ]);
    // from 1.35 an app container may have one of Always, OnFailure, Never
    expect(fails(props)).toEqual([
      { rule: 'init-restart-policy', field: 'spec.initContainers[0].restartPolicy', value: 'Never' },
    ]);
  });
});
