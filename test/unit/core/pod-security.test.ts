/**
 * The Pod Security Standards "restricted" level (src/core/checks/pod-security.ts), which
 * includes "baseline", over a pod's annotations and spec.
 */
import { restrictedViolations } from '../../../src/core/checks/pod-security';

type Spec = { [key: string]: any };

/** A pod spec that meets the level, as SecurityProfile.RESTRICTED writes it; `change` edits it. */
function spec(change: (s: Spec) => void = () => {}): Spec {
  const container = (name: string) => ({
    name, image: 'nginx',
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true },
  });
  const s: Spec = {
    securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
    initContainers: [container('setup')],
    containers: [container('app')],
    volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg' } }],
  };
  change(s);
  return s;
}

/** The violations, as [field, value]. */
const violations = (s: Spec, annotations: Spec = {}) => restrictedViolations(annotations, s).map(v => [v.field, v.value]);

test('a pod as SecurityProfile.RESTRICTED writes it meets the level', () => {
  expect(violations(spec())).toEqual([]);
});

describe('baseline', () => {
  test('fails on host namespaces and a Windows host process', () => {
    expect(violations(spec(s => {
      s.hostNetwork = true; s.hostPID = true; s.hostIPC = true; s.securityContext.windowsOptions = { hostProcess: true };
    }))).toEqual([['hostNetwork', true], ['hostPID', true], ['hostIPC', true], ['securityContext.windowsOptions.hostProcess', true]]);
  });

  test('fails on a hostPath volume (once, though it breaks both levels) and any volume type outside the restricted list', () => {
    expect(violations(spec(s => { s.volumes = [{ name: 'h', hostPath: { path: '/' } }, { name: 'n', nfs: { server: 'x', path: '/' } }]; }))).toEqual([
      ['volumes[0].hostPath', { path: '/' }], ['volumes[1]', 'nfs'],
    ]);
  });

  test('fails on an AppArmor profile other than runtime/default or localhost/*', () => {
    const key = 'container.apparmor.security.beta.kubernetes.io/app';
    expect(violations(spec(), { [key]: 'unconfined' })).toEqual([[`metadata.annotations[${JSON.stringify(key)}]`, 'unconfined']]);
    expect(violations(spec(), { [key]: 'localhost/mine', other: 'x' })).toEqual([]);
  });

  test('fails on an appArmorProfile field other than RuntimeDefault or Localhost, on the pod or a container; an empty annotation is none', () => {
    expect(violations(spec(s => {
      s.securityContext.appArmorProfile = { type: 'Unconfined' };
      s.containers[0].securityContext.appArmorProfile = { type: 'Localhost', localhostProfile: 'mine' };
      s.initContainers[0].securityContext.appArmorProfile = { type: 'Unconfined' };
    }))).toEqual([['securityContext.appArmorProfile.type', 'Unconfined'], ['initContainers[0].securityContext.appArmorProfile.type', 'Unconfined']]);
    expect(violations(spec(s => { s.securityContext.appArmorProfile = { type: 'RuntimeDefault' }; }), { 'container.apparmor.security.beta.kubernetes.io/app': '' })).toEqual([]);
  });

  test('fails on SELinux options beyond the container types, and on unsafe sysctls', () => {
    expect(violations(spec(s => {
      s.securityContext.seLinuxOptions = { type: 'spc_t', user: 'root', role: 'sysadm_r' };
      s.securityContext.sysctls = [{ name: 'net.ipv4.tcp_syncookies', value: '1' }, { name: 'kernel.msgmax', value: '1' }];
    }))).toEqual([
      ['securityContext.seLinuxOptions.type', 'spc_t'], ['securityContext.seLinuxOptions.user', 'root'], ['securityContext.seLinuxOptions.role', 'sysadm_r'],
      ['securityContext.sysctls[1].name', 'kernel.msgmax'],
    ]);
  });

  test('fails on a privileged container, a procMount, a hostPort, a capability beyond baseline (once, though it breaks both levels)', () => {
    expect(violations(spec(s => {
      Object.assign(s.containers[0].securityContext, { privileged: true, procMount: 'Unmasked' });
      s.containers[0].ports = [{ containerPort: 80, hostPort: 8080 }, { containerPort: 81, hostPort: 0 }];
      s.initContainers[0].securityContext.capabilities.add = ['SYS_ADMIN'];
    }))).toEqual([
      ['initContainers[0].securityContext.capabilities.add', ['SYS_ADMIN']],
      ['containers[0].securityContext.privileged', true],
      ['containers[0].securityContext.procMount', 'Unmasked'],
      ['containers[0].ports[0].hostPort', 8080],
    ]);
  });
});

describe('restricted', () => {
  test('fails on privilege escalation, or capabilities that do not drop ALL; adds only NET_BIND_SERVICE', () => {
    expect(violations(spec(s => {
      s.containers[0].securityContext.allowPrivilegeEscalation = true;
      s.initContainers[0].securityContext.capabilities = { drop: ['NET_RAW'], add: ['NET_BIND_SERVICE'] };
    }))).toEqual([
      ['initContainers[0].securityContext.capabilities.drop', ['NET_RAW']],
      ['containers[0].securityContext.allowPrivilegeEscalation', true],
    ]);
  });

  test('allowPrivilegeEscalation must be set to false, not left out', () => {
    expect(violations(spec(s => { delete s.containers[0].securityContext.allowPrivilegeEscalation; }))).toEqual([
      ['containers[0].securityContext.allowPrivilegeEscalation', undefined],
    ]);
  });

  test('an image volume is of the restricted types', () => {
    expect(violations(spec(s => { s.volumes.push({ name: 'data', image: { reference: 'example/data:1' } }); }))).toEqual([]);
  });

  test('from 1.35, a pod with hostUsers: false may run as root and set procMount (its own user namespace); before, not', () => {
    const root = spec(s => {
      s.hostUsers = false;
      s.securityContext.runAsUser = 0; s.securityContext.runAsNonRoot = false;
      s.containers[0].securityContext.procMount = 'Unmasked';
    });
    expect(restrictedViolations({}, root, '1.35')).toEqual([]);
    expect(restrictedViolations({}, root, '1.34').map(v => v.field)).toEqual([
      'securityContext.runAsNonRoot', 'securityContext.runAsUser', 'containers[0].securityContext.procMount',
    ]);
  });

  test('runAsNonRoot true on the pod or every container; no user 0', () => {
    expect(violations(spec(s => {
      delete s.securityContext.runAsNonRoot;
      delete s.initContainers[0].securityContext.runAsNonRoot;
      s.containers[0].securityContext.runAsUser = 0;
    }))).toEqual([
      ['initContainers[0].securityContext.runAsNonRoot', undefined],
      ['containers[0].securityContext.runAsUser', 0],
    ]);
    expect(violations(spec(s => { s.containers[0].securityContext.runAsNonRoot = false; s.securityContext.runAsUser = 0; }))).toEqual([
      ['securityContext.runAsUser', 0],
      ['containers[0].securityContext.runAsNonRoot', false],
    ]);
  });

  test('a seccomp profile RuntimeDefault or Localhost, on the pod or every container', () => {
    expect(violations(spec(s => { s.securityContext.seccompProfile = { type: 'Unconfined' }; }))).toEqual([
      ['securityContext.seccompProfile.type', 'Unconfined'],
      ['initContainers[0].securityContext.seccompProfile.type', undefined],
      ['containers[0].securityContext.seccompProfile.type', undefined],
    ]);
    expect(violations(spec(s => {
      delete s.securityContext.seccompProfile;
      s.initContainers[0].securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'p.json' };
      s.containers[0].securityContext.seccompProfile = { type: 'RuntimeDefault' };
    }))).toEqual([]);
  });

  test('ephemeral containers are held to it too', () => {
    expect(violations(spec(s => { s.ephemeralContainers = [{ name: 'debug', image: 'busybox' }]; })).map(([field]) => field)).toEqual([
      'ephemeralContainers[0].securityContext.allowPrivilegeEscalation',
      'ephemeralContainers[0].securityContext.capabilities.drop',
    ]);
  });
});
