import { Testing } from 'cdk8s';
import { AppPod, ExposedService, FlaskPod, NginxPod, SecurityProfile, ServiceType, Workload } from '../src';
import { only, synth } from './util';

const web = { name: 'web', image: 'example/web:1', port: 8080 };

function synthApp(chart: ReturnType<typeof Testing.chart>): void {
  (chart.node.scope as ReturnType<typeof Testing.app>).synthYaml();
}

describe('SecurityProfile', () => {
  test('defaults: a hardened NginxPod', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { securityProfile: SecurityProfile.RESTRICTED });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('NONE is the default and writes no security context', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', { containers: [web] });
    expect(pod.securityProfile).toBe(SecurityProfile.NONE);
    const spec = only(chart, 'Pod').spec;
    expect(spec.securityContext).toBeUndefined();
    expect(spec.containers[0].securityContext).toBeUndefined();
  });

  describe('RESTRICTED meets the Pod Security Standards "restricted" level', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', {
      containers: [web, { name: 'helper', image: 'busybox:1.36' }],
      initContainers: [{ name: 'init', image: 'busybox:1.36' }],
      securityProfile: SecurityProfile.RESTRICTED,
    });
    const spec = only(chart, 'Pod').spec;
    const containers = [...spec.initContainers, ...spec.containers];

    test('runAsNonRoot, with a numeric non-root user (1000 by default) and group', () => {
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000 });
    });
    test('seccomp RuntimeDefault', () => {
      expect(spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    });
    test('allowPrivilegeEscalation false on every container and init container', () => {
      for (const c of containers) expect([c.name, c.securityContext.allowPrivilegeEscalation]).toEqual([c.name, false]);
    });
    test('capabilities drop ALL on every container and init container', () => {
      for (const c of containers) expect([c.name, c.securityContext.capabilities]).toEqual([c.name, { drop: ['ALL'] }]);
    });
    test('a read-only root filesystem on every container and init container', () => {
      for (const c of containers) expect([c.name, c.securityContext.readOnlyRootFilesystem]).toEqual([c.name, true]);
    });
    test('runAsNonRoot on every container too', () => {
      for (const c of containers) expect([c.name, c.securityContext.runAsNonRoot]).toEqual([c.name, true]);
    });
  });

  test('restricted() takes a user, a group and a writable root filesystem', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', {
      containers: [web], securityProfile: SecurityProfile.restricted({ runAsUser: 2000, runAsGroup: 3000, readOnlyRootFilesystem: false }),
    });
    const spec = only(chart, 'Pod').spec;
    expect(spec.securityContext).toMatchObject({ runAsUser: 2000, runAsGroup: 3000 });
    expect(spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(false);
  });

  test('a container\'s own security context is merged over the profile', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', {
      containers: [{ ...web, securityContext: { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } }],
      securityProfile: SecurityProfile.RESTRICTED,
    });
    expect(only(chart, 'Pod').spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] }, readOnlyRootFilesystem: true, runAsNonRoot: true,
    });
  });

  test('hardened NginxPod: nginx-unprivileged as user 101 on 8080, an emptyDir at /tmp', () => {
    const chart = Testing.chart();
    const pod = new NginxPod(chart, 'web', { securityProfile: SecurityProfile.RESTRICTED });
    const spec = only(chart, 'Pod').spec;
    const nginx = spec.containers[0];
    expect(nginx.image).toBe('nginxinc/nginx-unprivileged');
    expect(nginx.ports).toEqual([{ containerPort: 8080 }]);
    expect(nginx.readinessProbe.httpGet.port).toBe(8080);
    expect(nginx.livenessProbe.httpGet.port).toBe(8080);
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 101, runAsGroup: 101 });
    expect(nginx.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(spec.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
    expect(pod.port).toBe(8080);
  });

  test('a Service in front of a hardened NginxPod keeps its port and sends traffic to 8080', () => {
    const chart = Testing.chart();
    const pod = new NginxPod(chart, 'web', { securityProfile: SecurityProfile.RESTRICTED });
    new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod, port: 80 });
    expect(only(chart, 'Service').spec.ports).toEqual([{ port: 80, targetPort: 8080 }]);
  });

  test('hardened NginxPod with a log sidecar and a page: the helpers run restricted too', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { securityProfile: SecurityProfile.RESTRICTED, logSidecar: true, page: '<h1>oi</h1>' });
    const spec = only(chart, 'Pod').spec;
    for (const c of [...spec.initContainers, ...spec.containers]) {
      expect([c.name, c.securityContext.readOnlyRootFilesystem, c.securityContext.allowPrivilegeEscalation]).toEqual([c.name, true, false]);
    }
    expect(spec.volumes.map((v: any) => v.name).sort()).toEqual(['html', 'nginx-logs', 'tmp']);
  });

  test('hardened FlaskPod: user and group 1000, read-only root filesystem, no extra volume, port 5000', () => {
    const chart = Testing.chart();
    new FlaskPod(chart, 'api', { securityProfile: SecurityProfile.RESTRICTED, workload: Workload.deployment({ replicas: 2 }) });
    const spec = only(chart, 'Deployment').spec.template.spec;
    expect(spec.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.containers[0]).toMatchObject({ image: 'sposigor/app-flask-teste:1', ports: [{ containerPort: 5000 }] });
    expect(spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(spec.volumes).toBeUndefined();
    expect(FlaskPod.RESTRICTED_USER).toBe(1000);
  });

  test('a preset keeps the user the profile names', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { securityProfile: SecurityProfile.restricted({ runAsUser: 5000 }) });
    expect(only(chart, 'Pod').spec.securityContext).toMatchObject({ runAsUser: 5000, runAsGroup: 5000 });
  });

  test('fails on a root or non-numeric user', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'a', { containers: [web], securityProfile: SecurityProfile.restricted({ runAsUser: 0 }) }))
      .toThrow(/\[test\/a\] securityProfile\.runAsUser: 0 is not valid: a numeric non-root user/);
  });

  test('a container field set to undefined keeps the profile\'s value', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', { containers: [{ ...web, securityContext: { allowPrivilegeEscalation: undefined, runAsUser: 3000 } }], securityProfile: SecurityProfile.RESTRICTED });
    expect(only(chart, 'Pod').spec.containers[0].securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsUser: 3000 });
  });

  test('fails on a negative group or a user beyond the int32 range', () => {
    const chart = Testing.chart();
    expect(() => new AppPod(chart, 'a', { containers: [web], securityProfile: SecurityProfile.restricted({ runAsGroup: -1 }) }))
      .toThrow(/\[test\/a\] securityProfile\.runAsGroup: -1 is not valid: a numeric group: an integer from 0 to 2147483647/);
    expect(() => new AppPod(chart, 'b', { containers: [web], securityProfile: SecurityProfile.restricted({ runAsUser: 2 ** 31 }) }))
      .toThrow(/\[test\/b\] securityProfile\.runAsUser: 2147483648 is not valid: a numeric non-root user: an integer from 1 to 2147483647/);
  });

  test('fails at synth on a container override that breaks the baseline level, which restricted includes', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', {
      initContainers: [{ name: 'init', image: 'busybox', securityContext: { windowsOptions: { hostProcess: true } } }],
      containers: [{ ...web, securityContext: { procMount: 'Unmasked', seLinuxOptions: { type: 'spc_t', user: 'root', role: 'sysadm_r' } } }],
      securityProfile: SecurityProfile.RESTRICTED,
    });
    expect(() => synthApp(chart)).toThrow(/\[test\/app\] containers\[0\]\.securityContext\.procMount: "Unmasked" is not valid: Default or unset under the restricted profile/);
    expect(() => synthApp(chart)).toThrow(/containers\[0\]\.securityContext\.seLinuxOptions\.type: "spc_t" is not valid: one of "", "container_t", "container_init_t", "container_kvm_t"/);
    expect(() => synthApp(chart)).toThrow(/containers\[0\]\.securityContext\.seLinuxOptions\.user: "root" is not valid: unset under the restricted profile/);
    expect(() => synthApp(chart)).toThrow(/containers\[0\]\.securityContext\.seLinuxOptions\.role: "sysadm_r" is not valid/);
    expect(() => synthApp(chart)).toThrow(/initContainers\[0\]\.securityContext\.windowsOptions\.hostProcess: true is not valid/);
  });

  test('an allowed SELinux type and procMount Default pass', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', {
      containers: [{ ...web, securityContext: { procMount: 'Default', seLinuxOptions: { type: 'container_t', level: 's0:c1,c2' } } }],
      securityProfile: SecurityProfile.RESTRICTED,
    });
    expect(() => synthApp(chart)).not.toThrow();
  });

  test('fails at synth on a container override that breaks the restricted level', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', {
      containers: [{ ...web, securityContext: { allowPrivilegeEscalation: true, privileged: true, runAsUser: 0, capabilities: { add: ['SYS_ADMIN'] } } }],
      securityProfile: SecurityProfile.RESTRICTED,
    });
    expect(() => synthApp(chart)).toThrow(/\[test\/app\] containers\[0\]\.securityContext\.allowPrivilegeEscalation: true is not valid: false under the restricted profile/);
    expect(() => synthApp(chart)).toThrow(/containers\[0\]\.securityContext\.privileged: true is not valid/);
    expect(() => synthApp(chart)).toThrow(/containers\[0\]\.securityContext\.runAsUser: 0 is not valid/);
    expect(() => synthApp(chart)).toThrow(/containers\[0\]\.securityContext\.capabilities\.drop: undefined is not valid: \["ALL"\]/);
    expect(() => synthApp(chart)).toThrow(/containers\[0\]\.securityContext\.capabilities\.add: \["SYS_ADMIN"\] is not valid: only NET_BIND_SERVICE/);
  });
});
