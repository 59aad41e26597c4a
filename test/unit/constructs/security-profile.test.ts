import { Testing } from 'cdk8s';
import { AppPod, ExposedService, FlaskPod, HELPER_IMAGE, NginxPod, SecurityProfile, ServiceType, validateApp, Workload } from '../../../src';
import { brief, ofKind, only, problemsOf, synth, synthProblemsOf } from '../../util';

const web = { name: 'web', image: 'example/web:1', port: 8080 };

describe('SecurityProfile', () => {
  test('defaults: a hardened NginxPod', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { securityProfile: SecurityProfile.RESTRICTED });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('NONE is the default and writes no security context', () => {
    const chart = Testing.chart();
    const pod = new AppPod(chart, 'app', { containers: [web], initContainers: [{ name: 'init', image: 'busybox:1.36.1' }] });
    expect(pod.securityProfile).toBe(SecurityProfile.NONE);
    const { spec } = only(chart, 'Pod');
    expect(spec.securityContext).toBeUndefined();
    expect(spec.containers[0].securityContext).toBeUndefined();
    expect(spec.initContainers[0].securityContext).toBeUndefined();
  });

  test('NONE keeps a container\'s own security context as given', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', { containers: [{ ...web, securityContext: { runAsUser: 3000 } }], securityProfile: SecurityProfile.NONE });
    expect(only(chart, 'Pod').spec.containers[0].securityContext).toEqual({ runAsUser: 3000 });
  });

  describe('RESTRICTED meets the Pod Security Standards "restricted" level', () => {
    const chart = Testing.chart();
    new AppPod(chart, 'app', {
      containers: [web, { name: 'helper', image: 'busybox:1.36.1' }],
      initContainers: [{ name: 'init', image: 'busybox:1.36.1' }],
      securityProfile: SecurityProfile.RESTRICTED,
    });
    const { spec } = only(chart, 'Pod');
    const containers = [...spec.initContainers, ...spec.containers];

    test('runAsNonRoot with a numeric non-root user (10000 by default) and the same group, and no ServiceAccount token', () => {
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10000, runAsGroup: 10000 });
      expect(spec.automountServiceAccountToken).toBe(false);
    });
    test('seccomp RuntimeDefault', () => {
      expect(spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
    });
    test('every container and init container: no privilege escalation, capabilities dropped, a read-only root filesystem, non-root', () => {
      for (const c of containers) {
        expect([c.name, c.securityContext]).toEqual([c.name, {
          allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true,
        }]);
      }
    });
    test('the app passes its checks at synth', () => {
      expect(validateApp(chart)).toEqual([]);
    });
  });

  describe('restricted()', () => {
    test('takes a user, a group and a writable root filesystem', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'app', {
        containers: [web], securityProfile: SecurityProfile.restricted({ runAsUser: 2000, runAsGroup: 3000, readOnlyRootFilesystem: false }),
      });
      const { spec } = only(chart, 'Pod');
      expect(spec.securityContext).toMatchObject({ runAsUser: 2000, runAsGroup: 3000 });
      expect(spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(false);
    });

    test('defaults: user 10000, the group the user, a read-only root filesystem', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'a', { containers: [web], securityProfile: SecurityProfile.restricted() });
      new AppPod(chart, 'b', { containers: [web], securityProfile: SecurityProfile.restricted({ runAsUser: 2000 }) });
      const [a, b] = ofKind(chart, 'Pod').map(p => p.spec);
      expect(a.securityContext).toMatchObject({ runAsUser: 10000, runAsGroup: 10000 });
      expect(b.securityContext).toMatchObject({ runAsUser: 2000, runAsGroup: 2000 });
      expect(a.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    });

    test('runAsUser is readable: the profile\'s user, when it names one', () => {
      expect(SecurityProfile.restricted({ runAsUser: 2000 }).runAsUser).toBe(2000);
      expect(SecurityProfile.RESTRICTED.runAsUser).toBeUndefined();
    });
  });

  describe('a container\'s own security context', () => {
    test('is merged over the profile', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'app', {
        containers: [{ ...web, securityContext: { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } }],
        securityProfile: SecurityProfile.RESTRICTED,
      });
      expect(only(chart, 'Pod').spec.containers[0].securityContext).toEqual({
        allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] }, readOnlyRootFilesystem: true, runAsNonRoot: true,
      });
    });

    test('a field set to undefined keeps the profile\'s value', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'app', { containers: [{ ...web, securityContext: { allowPrivilegeEscalation: undefined, runAsUser: 3000 } }], securityProfile: SecurityProfile.RESTRICTED });
      expect(only(chart, 'Pod').spec.containers[0].securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsUser: 3000 });
    });

    test('an allowed SELinux type and procMount Default pass at synth', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'app', {
        containers: [{ ...web, securityContext: { procMount: 'Default', seLinuxOptions: { type: 'container_t', level: 's0:c1,c2' } } }],
        securityProfile: SecurityProfile.RESTRICTED,
      });
      expect(validateApp(chart)).toEqual([]);
    });

    test('fails at synth on an override that breaks the baseline level, which restricted includes', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'app', {
        initContainers: [{ name: 'init', image: 'busybox', securityContext: { windowsOptions: { hostProcess: true } } }],
        containers: [{ ...web, securityContext: { procMount: 'Unmasked', seLinuxOptions: { type: 'spc_t', user: 'root', role: 'sysadm_r' } } }],
        securityProfile: SecurityProfile.RESTRICTED,
      });
      const problems = validateApp(chart);
      expect(brief(problems)).toEqual([
        { rule: 'restricted-profile', field: 'spec.initContainers[0].securityContext.windowsOptions.hostProcess', value: true },
        { rule: 'restricted-profile', field: 'spec.containers[0].securityContext.procMount', value: 'Unmasked' },
        { rule: 'restricted-profile', field: 'spec.containers[0].securityContext.seLinuxOptions.type', value: 'spc_t' },
        { rule: 'restricted-profile', field: 'spec.containers[0].securityContext.seLinuxOptions.user', value: 'root' },
        { rule: 'restricted-profile', field: 'spec.containers[0].securityContext.seLinuxOptions.role', value: 'sysadm_r' },
      ]);
      expect(new Set(problems.map(p => p.path))).toEqual(new Set(['test/app']));
    });

    test('fails at synth on an override that breaks the restricted level', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'app', {
        containers: [{ ...web, securityContext: { allowPrivilegeEscalation: true, privileged: true, runAsUser: 0, capabilities: { add: ['SYS_ADMIN'] } } }],
        securityProfile: SecurityProfile.RESTRICTED,
      });
      const found = brief(validateApp(chart));
      const at = 'spec.containers[0].securityContext';
      for (const expected of [
        { rule: 'restricted-profile', field: `${at}.allowPrivilegeEscalation`, value: true },
        { rule: 'restricted-profile', field: `${at}.privileged`, value: true },
        { rule: 'restricted-profile', field: `${at}.runAsUser`, value: 0 },
        { rule: 'restricted-profile', field: `${at}.capabilities.drop`, value: undefined },
        { rule: 'restricted-profile', field: `${at}.capabilities.add`, value: ['SYS_ADMIN'] },
      ]) expect(found).toContainEqual(expected);
    });
  });

  describe('the presets under RESTRICTED', () => {
    test('NginxPod: nginx-unprivileged pinned by tag and digest as user 10101 on 8080, emptyDirs at /tmp and /var/cache/nginx, no token', () => {
      const chart = Testing.chart();
      const pod = new NginxPod(chart, 'web', { securityProfile: SecurityProfile.RESTRICTED });
      const { spec } = only(chart, 'Pod');
      const nginx = spec.containers[0];
      expect(nginx.image).toBe('nginxinc/nginx-unprivileged:1.26.3@sha256:cd83270b8e0019ee7687198a473842b45c1ef31126229d511afd96c8bba625bc');
      expect(nginx.ports).toEqual([{ containerPort: 8080 }]);
      expect(nginx.readinessProbe.httpGet.port).toBe(8080);
      expect(nginx.livenessProbe.tcpSocket.port).toBe(8080);
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10101, runAsGroup: 10101 });
      expect(nginx.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }, { name: 'var-cache-nginx', mountPath: '/var/cache/nginx' }]);
      expect(spec.volumes).toEqual([{ name: 'tmp', emptyDir: {} }, { name: 'var-cache-nginx', emptyDir: {} }]);
      expect(spec.automountServiceAccountToken).toBe(false);
      expect(pod.port).toBe(8080);
    });

    test('a Service in front of a hardened NginxPod keeps its port and sends traffic to 8080', () => {
      const chart = Testing.chart();
      const pod = new NginxPod(chart, 'web', { securityProfile: SecurityProfile.RESTRICTED });
      new ExposedService(chart, 'svc', { type: ServiceType.CLUSTER_IP, target: pod, port: 80 });
      expect(only(chart, 'Service').spec.ports).toEqual([{ port: 80, targetPort: 8080 }]);
    });

    test('NginxPod with a log sidecar and a page: the helpers run restricted too', () => {
      const chart = Testing.chart();
      new NginxPod(chart, 'web', { securityProfile: SecurityProfile.RESTRICTED, logSidecar: true, page: '<h1>oi</h1>' });
      const { spec } = only(chart, 'Pod');
      for (const c of [...spec.initContainers, ...spec.containers]) {
        expect([c.name, c.securityContext.readOnlyRootFilesystem, c.securityContext.allowPrivilegeEscalation]).toEqual([c.name, true, false]);
      }
      expect(spec.volumes.map((v: any) => v.name).sort()).toEqual(['html', 'nginx-logs', 'tmp', 'var-cache-nginx']);
    });

    test('FlaskPod: user and group 10000, read-only root filesystem, no extra volume, port 5000', () => {
      const chart = Testing.chart();
      new FlaskPod(chart, 'api', { securityProfile: SecurityProfile.RESTRICTED, workload: Workload.deployment({ replicas: 2 }) });
      const { spec } = only(chart, 'Deployment').spec.template;
      expect(spec.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10000, runAsGroup: 10000, seccompProfile: { type: 'RuntimeDefault' } });
      expect(spec.containers[0]).toMatchObject({ image: 'sposigor/app-flask-teste:1', ports: [{ containerPort: 5000 }] });
      expect(spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
      expect(spec.volumes).toBeUndefined();
    });

    test('a preset keeps the user (and group) the profile names', () => {
      const chart = Testing.chart();
      new NginxPod(chart, 'a', { securityProfile: SecurityProfile.restricted({ runAsUser: 5000 }) });
      new NginxPod(chart, 'b', { securityProfile: SecurityProfile.restricted({ runAsGroup: 7 }) });
      expect(ofKind(chart, 'Pod').map(p => p.spec.securityContext)).toEqual([
        expect.objectContaining({ runAsUser: 5000, runAsGroup: 5000 }), expect.objectContaining({ runAsUser: 10101, runAsGroup: 7 }),
      ]);
    });
  });

  describe('restricted({ requireDigest })', () => {
    const digest = `@sha256:${'a'.repeat(64)}`;
    const profile = SecurityProfile.restricted({ requireDigest: true });

    test('accepts images pinned by digest, and the library\'s own images, pinned by digest too (helpers, nginx-unprivileged)', () => {
      const chart = Testing.chart();
      expect(profile.requiresDigest).toBe(true);
      expect(SecurityProfile.RESTRICTED.requiresDigest).toBe(false);
      new AppPod(chart, 'app', { securityProfile: profile, containers: [{ ...web, image: `example/web:1${digest}` }] });
      new NginxPod(chart, 'web', { securityProfile: profile, logSidecar: true, page: 'x' });
      expect(ofKind(chart, 'Pod')).toHaveLength(2);
      for (const image of [HELPER_IMAGE, NginxPod.RESTRICTED_IMAGE]) expect(image).toMatch(/^[a-z0-9./-]+:[\w.-]+@sha256:[0-9a-f]{64}$/);
    });

    test('the library\'s images are not exempt: the same image by tag alone fails like any other', () => {
      const chart = Testing.chart();
      const tagOnly = HELPER_IMAGE.split('@')[0];
      expect(brief(problemsOf(() => new NginxPod(chart, 'web', { securityProfile: profile, logSidecar: { image: tagOnly } })))).toEqual([
        // (the log sidecar is a native sidecar at the default target: the first init container)
        { rule: 'image-digest', field: 'initContainers[0].image', value: tagOnly },
      ]);
    });

    test('fails on an image the user chose by tag, in containers, init containers and added containers', () => {
      const chart = Testing.chart();
      expect(brief(problemsOf(() => new AppPod(chart, 'app', {
        securityProfile: profile, containers: [web], initContainers: [{ name: 'init', image: 'busybox:1.37' }],
      })))).toEqual([
        { rule: 'image-digest', field: 'initContainers[0].image', value: 'busybox:1.37' },
        { rule: 'image-digest', field: 'containers[0].image', value: 'example/web:1' },
      ]);
      const pod = new AppPod(chart, 'ok', { securityProfile: profile, containers: [{ ...web, image: `example/web${digest}` }] });
      expect(brief(problemsOf(() => pod.addContainer({ name: 'x', image: 'example/x:2' })))).toEqual([{ rule: 'image-digest', field: 'containers[1].image', value: 'example/x:2' }]);
      expect(brief(problemsOf(() => new FlaskPod(chart, 'api', { securityProfile: profile })))).toEqual([
        { rule: 'image-digest', field: 'containers[0].image', value: 'sposigor/app-flask-teste:1' },
      ]);
    });

    test('fails on a requireDigest that is no boolean', () => {
      expect(brief(problemsOf(() => SecurityProfile.restricted({ requireDigest: 'yes' as any })))).toEqual([{ rule: 'props', field: 'requireDigest', value: 'yes' }]);
    });
  });

  describe('SecurityProfile.AS_BUILT on AppPod', () => {
    test('writes seccomp RuntimeDefault on the pod, and leaves each container\'s own security context as given', () => {
      const chart = Testing.chart();
      const pod = new AppPod(chart, 'app', { securityProfile: SecurityProfile.AS_BUILT, containers: [web, { name: 'b', image: 'example/b:1', securityContext: { runAsUser: 3 } }] });
      expect(pod.securityProfile.isAsBuilt).toBe(true);
      const { spec } = only(chart, 'Pod');
      expect(spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
      expect(spec.containers.map((c: any) => c.securityContext)).toEqual([undefined, { runAsUser: 3 }]);
      expect(spec.automountServiceAccountToken).toBeUndefined();
    });
  });

  describe('SecurityProfile.isSecurityProfile', () => {
    test('recognises the profiles, and nothing else', () => {
      for (const p of [SecurityProfile.NONE, SecurityProfile.AS_BUILT, SecurityProfile.RESTRICTED, SecurityProfile.restricted()]) expect(SecurityProfile.isSecurityProfile(p)).toBe(true);
      expect(SecurityProfile.isSecurityProfile({ isRestricted: true })).toBe(false);
      expect(SecurityProfile.isSecurityProfile({})).toBe(false);
      expect(SecurityProfile.isSecurityProfile('restricted')).toBe(false);
    });

    test('recognises a profile of another copy of the package, by its brand', () => {
      const foreign = Object.defineProperty({ isRestricted: false }, Symbol.for('cdk8s-pods-services.SecurityProfile'), { value: true });
      expect(SecurityProfile.isSecurityProfile(foreign)).toBe(true);
    });
  });

  describe('fails', () => {
    /** What the engine finds at synth in a pod under this profile. */
    const judged = (profile: SecurityProfile) => {
      const chart = Testing.chart();
      new AppPod(chart, 'app', { containers: [{ name: 'c', image: 'nginx' }], securityProfile: profile });
      return synthProblemsOf(chart);
    };

    test('fails on a root user', () => {
      const problems = judged(SecurityProfile.restricted({ runAsUser: 0 }));
      expect(brief(problems)).toEqual([{ rule: 'restricted-profile', field: 'spec.securityContext.runAsUser', value: 0 }]);
      expect(problems[0].path).toBe('test/app');
    });

    test('fails on a negative group and a user beyond the int32 range, together', () => {
      expect(brief(judged(SecurityProfile.restricted({ runAsGroup: -1, runAsUser: 2 ** 31 })))).toEqual([
        { rule: 'security-context', field: 'spec.securityContext.runAsUser', value: 2 ** 31 },
        { rule: 'security-context', field: 'spec.securityContext.runAsGroup', value: -1 },
      ]);
    });

    test('fails on a group that is not a number', () => {
      expect(brief(problemsOf(() => SecurityProfile.restricted({ runAsGroup: '1000' as any }))))
        .toEqual([{ rule: 'props', field: 'runAsGroup', value: '1000' }]);
    });
  });

  describe('wrong types from JavaScript are reported as props, never as a TypeError', () => {
    test('fails on null options', () => {
      expect(brief(problemsOf(() => SecurityProfile.restricted(null as any)))).toEqual([{ rule: 'props', field: 'options', value: null }]);
    });

    test('fails on a readOnlyRootFilesystem that is not a boolean', () => {
      expect(brief(problemsOf(() => SecurityProfile.restricted({ readOnlyRootFilesystem: 'no' as any }))))
        .toEqual([{ rule: 'props', field: 'readOnlyRootFilesystem', value: 'no' }]);
    });
  });
});
