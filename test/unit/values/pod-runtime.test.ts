/**
 * The identity and runtime props of a pod (src/values/pod-runtime.ts): defaults (nothing
 * written), each field as written, its merge with the security profile, and every failure.
 */
import { Testing } from 'cdk8s';
import { AppPod, AppPodProps, DnsPolicy, FsGroupChangePolicy, NginxPod, SecurityProfile, validateApp } from '../../../src';
import { brief, only, problemsOf, synthProblemsOf } from '../../util';

const containers = [{ name: 'web', image: 'nginx', port: 80 }];

/** The pod spec AppPod writes for these props. */
function specOf(props: AppPodProps) {
  const chart = Testing.chart();
  new AppPod(chart, 'pod', { containers, ...props });
  return only(chart, 'Pod').spec;
}

/** The problems, in brief, of an AppPod with these props, at construction (what cannot be written). */
function failsProps(props: AppPodProps) {
  return brief(problemsOf(() => new AppPod(Testing.chart(), 'pod', { containers, ...props })));
}

/** The problems, in brief, the engine finds at synth in an AppPod with these props. */
function fails(props: AppPodProps) {
  const chart = Testing.chart();
  new AppPod(chart, 'pod', { containers, ...props });
  return brief(synthProblemsOf(chart));
}

describe('identity and runtime props', () => {
  test('defaults: none of the fields is written (Kubernetes\' defaults: the default ServiceAccount, 30 s, ClusterFirst, ...)', () => {
    const spec = specOf({});
    for (const f of ['serviceAccountName', 'automountServiceAccountToken', 'imagePullSecrets', 'terminationGracePeriodSeconds', 'hostAliases',
      'dnsPolicy', 'dnsConfig', 'shareProcessNamespace', 'securityContext']) {
      expect(spec[f]).toBeUndefined();
    }
  });

  test('each field is written as the API spells it', () => {
    const spec = specOf({
      serviceAccountName: 'web-sa',
      automountServiceAccountToken: false,
      imagePullSecrets: ['registry-a', 'registry-b'],
      terminationGracePeriodSeconds: 45,
      hostAliases: [{ ip: '10.0.0.10', hostnames: ['db.local', 'cache.local'] }, { ip: 'fd00::1', hostnames: ['v6.local'] }],
      dnsPolicy: DnsPolicy.NONE,
      dnsConfig: { nameservers: ['1.1.1.1'], searches: ['svc.cluster.local', 'example.com.'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] },
      shareProcessNamespace: true,
    });
    expect(spec).toMatchObject({
      serviceAccountName: 'web-sa',
      automountServiceAccountToken: false,
      imagePullSecrets: [{ name: 'registry-a' }, { name: 'registry-b' }],
      terminationGracePeriodSeconds: 45,
      hostAliases: [{ ip: '10.0.0.10', hostnames: ['db.local', 'cache.local'] }, { ip: 'fd00::1', hostnames: ['v6.local'] }],
      dnsPolicy: 'None',
      dnsConfig: { nameservers: ['1.1.1.1'], searches: ['svc.cluster.local', 'example.com.'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] },
      shareProcessNamespace: true,
    });
  });

  test('presets take them too (they pass the pod props through)', () => {
    const chart = Testing.chart();
    new NginxPod(chart, 'web', { serviceAccountName: 'web', automountServiceAccountToken: false });
    expect(only(chart, 'Pod').spec).toMatchObject({ serviceAccountName: 'web', automountServiceAccountToken: false });
  });

  describe('podSecurity', () => {
    test('alone, it is the pod\'s security context', () => {
      expect(specOf({ podSecurity: { fsGroup: 2000, fsGroupChangePolicy: FsGroupChangePolicy.ON_ROOT_MISMATCH, supplementalGroups: [3000, 4000],
        sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }] } }).securityContext).toEqual({
        fsGroup: 2000, fsGroupChangePolicy: 'OnRootMismatch', supplementalGroups: [3000, 4000],
        sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }],
      });
    });

    test('merges with the restricted profile\'s fields, which it never overlaps, and the pod still meets the level', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'pod', { containers, securityProfile: SecurityProfile.RESTRICTED, podSecurity: { fsGroup: 2000, sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }] } });
      expect(only(chart, 'Pod').spec.securityContext).toEqual({
        runAsNonRoot: true, runAsUser: 10000, runAsGroup: 10000, seccompProfile: { type: 'RuntimeDefault' },
        fsGroup: 2000, sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }],
      });
      expect(validateApp(chart)).toEqual([]);
    });

    test('fails on an unsafe sysctl under the restricted profile (the Pod Security Standards allow only the safe ones)', () => {
      const chart = Testing.chart();
      new AppPod(chart, 'pod', { containers, securityProfile: SecurityProfile.RESTRICTED, podSecurity: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] } });
      const problems = synthProblemsOf(chart);
      // the kubelet's warning (unsafe-sysctl) and PodSecurity's error (restricted-profile)
      expect(brief(problems)).toEqual([
        { rule: 'unsafe-sysctl', field: 'spec.securityContext.sysctls[0].name', value: 'net.core.somaxconn' },
        { rule: 'restricted-profile', field: 'spec.securityContext.sysctls[0].name', value: 'net.core.somaxconn' },
      ]);
      expect(problems.map(p => [p.rule, p.severity])).toEqual([['unsafe-sysctl', 'warning'], ['restricted-profile', 'error']]);
      expect(problems.every(p => p.fix !== undefined)).toBe(true);
    });

    test('an unsafe sysctl is accepted without the profile: the API server checks only its name, and a node may allow it', () => {
      expect(specOf({ podSecurity: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] } }).securityContext.sysctls).toHaveLength(1);
    });

    test('fails on bad group ids, change policy and sysctl names, each reported', () => {
      expect(fails({ podSecurity: { fsGroup: -1, supplementalGroups: [1, 2.5], fsGroupChangePolicy: 'Sometimes' as FsGroupChangePolicy,
        sysctls: [{ name: 'Net.Bad', value: '1' }, { name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'kernel.shm_rmid_forced', value: '0' }] } })).toEqual([
        { rule: 'pod-security-context', field: 'spec.securityContext.fsGroup', value: -1 },
        { rule: 'pod-security-context', field: 'spec.securityContext.supplementalGroups[1]', value: 2.5 },
        { rule: 'pod-security-context', field: 'spec.securityContext.fsGroupChangePolicy', value: 'Sometimes' },
        { rule: 'pod-security-context', field: 'spec.securityContext.sysctls[0].name', value: 'Net.Bad' },
        { rule: 'pod-security-context', field: 'spec.securityContext.sysctls[2].name', value: 'kernel.shm_rmid_forced' },
      ]);
    });

    test('fails on a podSecurity of the wrong shape', () => {
      expect(failsProps({ podSecurity: { sysctls: 'x' } as any })).toEqual([{ rule: 'props', field: 'podSecurity', value: { sysctls: 'x' } }]);
    });
  });

  describe('fails', () => {
    test('fails on a ServiceAccount name that is no DNS-1123 subdomain', () => {
      expect(fails({ serviceAccountName: 'Web_SA' })).toEqual([{ rule: 'pod-identity', field: 'spec.serviceAccountName', value: 'Web_SA' }]);
    });

    test('fails on an image pull Secret name no Secret can have', () => {
      expect(fails({ imagePullSecrets: ['ok', 'Not OK'] })).toEqual([{ rule: 'image-pull-secrets', field: 'spec.imagePullSecrets[1]', value: 'Not OK' }]);
    });

    test('fails on a negative or fractional grace period', () => {
      expect(fails({ terminationGracePeriodSeconds: -1 })).toEqual([{ rule: 'termination-grace-period', field: 'spec.terminationGracePeriodSeconds', value: -1 }]);
      expect(fails({ terminationGracePeriodSeconds: 1.5 })).toEqual([{ rule: 'termination-grace-period', field: 'spec.terminationGracePeriodSeconds', value: 1.5 }]);
    });

    test('fails on a host alias with a bad IP or hostname', () => {
      expect(fails({ hostAliases: [{ ip: '10.0.0.256', hostnames: ['ok.local', 'Bad_Host'] }, { ip: 'fd00::1::2', hostnames: [] }] })).toEqual([
        { rule: 'host-aliases', field: 'spec.hostAliases[0].ip', value: '10.0.0.256' },
        { rule: 'host-aliases', field: 'spec.hostAliases[0].hostnames[1]', value: 'Bad_Host' },
        { rule: 'host-aliases', field: 'spec.hostAliases[1].ip', value: 'fd00::1::2' },
      ]);
    });

    test('fails on dnsPolicy None without a nameserver', () => {
      expect(fails({ dnsPolicy: DnsPolicy.NONE })).toEqual([{ rule: 'dns', field: 'spec.dnsConfig.nameservers', value: undefined }]);
    });

    test('fails on an unknown dnsPolicy, too many or bad nameservers, bad search domains and unnamed options', () => {
      expect(fails({
        dnsPolicy: 'ClusterLast' as DnsPolicy,
        dnsConfig: { nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9', 'dns.example.com'], searches: ['Example.com'], options: [{ name: '' }] },
      })).toEqual([
        { rule: 'dns', field: 'spec.dnsPolicy', value: 'ClusterLast' },
        { rule: 'dns', field: 'spec.dnsConfig.nameservers', value: ['1.1.1.1', '8.8.8.8', '9.9.9.9', 'dns.example.com'] },
        { rule: 'dns', field: 'spec.dnsConfig.nameservers[3]', value: 'dns.example.com' },
        { rule: 'dns', field: 'spec.dnsConfig.searches[0]', value: 'Example.com' },
        { rule: 'dns', field: 'spec.dnsConfig.options[0].name', value: '' },
      ]);
    });

    test('fails on more than 32 search domains, or a search list over 2048 characters', () => {
      const many = Array.from({ length: 33 }, (_, i) => `d${i}.example.com`);
      expect(fails({ dnsConfig: { searches: many } })).toEqual([{ rule: 'dns', field: 'spec.dnsConfig.searches', value: 33 }]);
      const long = Array.from({ length: 9 }, (_, i) => `${String(i).padStart(2, 'a')}${'.x'.repeat(120)}`);
      expect(long.join(' ').length).toBeGreaterThan(2048);
      expect(fails({ dnsConfig: { searches: long } })).toEqual([{ rule: 'dns', field: 'spec.dnsConfig.searches', value: long.join(' ').length }]);
    });

    test.each<[string, AppPodProps, string]>([
      ['a ServiceAccount name that is no string', { serviceAccountName: 5 as any }, 'serviceAccountName'],
      ['automountServiceAccountToken that is no boolean', { automountServiceAccountToken: 'no' as any }, 'automountServiceAccountToken'],
      ['imagePullSecrets that are no array of names', { imagePullSecrets: 'regcred' as any }, 'imagePullSecrets'],
      ['a grace period that is no number', { terminationGracePeriodSeconds: '30' as any }, 'terminationGracePeriodSeconds'],
      ['hostAliases of the wrong shape', { hostAliases: [{ ip: '1.1.1.1', hostnames: 'a' }] as any }, 'hostAliases'],
      ['a dnsConfig of the wrong shape', { dnsConfig: { nameservers: '1.1.1.1' } as any }, 'dnsConfig'],
      ['shareProcessNamespace that is no boolean', { shareProcessNamespace: 1 as any }, 'shareProcessNamespace'],
    ])('fails on %s, as props', (_name, props, field) => {
      expect(failsProps(props)).toEqual([{ rule: 'props', field, value: (props as any)[field] }]);
    });
  });
});

test('the props are copied at construction: changing the arrays afterwards changes nothing', () => {
  const chart = Testing.chart();
  const secrets = ['a'];
  const tolerations = [{ key: 'k', value: 'v' }];
  new AppPod(chart, 'pod', { containers, imagePullSecrets: secrets, tolerations });
  secrets.push('Not Valid');
  tolerations[0].value = 'changed';
  expect(only(chart, 'Pod').spec).toMatchObject({ imagePullSecrets: [{ name: 'a' }], tolerations: [{ key: 'k', value: 'v' }] });
});
