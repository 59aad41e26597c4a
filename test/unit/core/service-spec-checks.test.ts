/**
 * The checks of a Service's spec beyond its type, selector and ports
 * (their rules under src/core/rules/), through the engine, as the API server makes them
 * (Kubernetes 1.28 ValidateService, the Service defaults and the IP family checks of the registry).
 */
import { checkManifests } from '../../../src/check';
import { brief, Manifest } from '../../util';

type Spec = { [key: string]: any };
const pod: Manifest = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } };
const service = (spec: Spec, metadata: Spec = {}): Manifest => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', ...metadata }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec },
});
const check = (spec: Spec, metadata: Spec = {}) => brief(checkManifests([service(spec, metadata), pod]));

describe('accepted', () => {
  test('every field on the type that has it', () => {
    expect(check({
      type: 'LoadBalancer', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86400 } },
      externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Local', loadBalancerSourceRanges: ['10.0.0.0/8', ' 2001:db8::/32'],
      loadBalancerClass: 'example.com/lb', allocateLoadBalancerNodePorts: false, externalIPs: ['192.0.2.10', '2001:db8::1'],
      ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'PreferDualStack', publishNotReadyAddresses: true, clusterIP: '10.96.0.10',
    })).toEqual([]);
  });

  test('a headless ClusterIP Service with or without ports', () => {
    expect(check({ clusterIP: 'None' })).toEqual([]);
    expect(check({ clusterIP: 'None', ports: undefined })).toEqual([]);
  });

  test('sessionAffinity "" and None, ClientIP without a timeout (the defaults fill it in)', () => {
    expect(check({ sessionAffinity: '' })).toEqual([]);
    expect(check({ sessionAffinity: 'None' })).toEqual([]);
    expect(check({ sessionAffinity: 'ClientIP' })).toEqual([]);
  });

  test('the source ranges annotation on a LoadBalancer Service; a spec list wins over it', () => {
    const key = 'service.beta.kubernetes.io/load-balancer-source-ranges';
    expect(check({ type: 'LoadBalancer' }, { annotations: { [key]: '10.0.0.0/8, 192.168.2.0/24' } })).toEqual([]);
    expect(check({ type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/8'] }, { annotations: { [key]: 'junk' } })).toEqual([]);
  });

  test('internalTrafficPolicy on any type but ExternalName; externalTrafficPolicy "" is none', () => {
    expect(check({ internalTrafficPolicy: 'Cluster' })).toEqual([]);
    expect(check({ externalTrafficPolicy: '' })).toEqual([]);
  });
});

describe('fails', () => {
  test('fails on a sessionAffinity other than None and ClientIP', () => {
    expect(check({ sessionAffinity: 'Sticky' })).toEqual([{ rule: 'session-affinity', field: 'spec.sessionAffinity', value: 'Sticky' }]);
  });

  test('fails on a ClientIP timeout outside 1–86400', () => {
    for (const t of [0, 86401, 1.5]) {
      expect(check({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: t } } })).toEqual([
        { rule: 'session-affinity', field: 'spec.sessionAffinityConfig.clientIP.timeoutSeconds', value: t },
      ]);
    }
  });

  test('fails on a sessionAffinityConfig without ClientIP (the API server drops it: our rule)', () => {
    expect(check({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } })).toEqual([
      { rule: 'type-field', field: 'spec.sessionAffinityConfig', value: { clientIP: { timeoutSeconds: 60 } } },
    ]);
  });

  test('fails on externalTrafficPolicy on a ClusterIP or ExternalName Service, or another value', () => {
    expect(check({ externalTrafficPolicy: 'Local' })).toEqual([{ rule: 'traffic-policy', field: 'spec.externalTrafficPolicy', value: 'Local' }]);
    expect(brief(checkManifests([service({ type: 'ExternalName', externalName: 'db.example.com', selector: undefined, externalTrafficPolicy: 'Cluster' })]))).toEqual([
      { rule: 'traffic-policy', field: 'spec.externalTrafficPolicy', value: 'Cluster' },
    ]);
    expect(check({ type: 'NodePort', externalTrafficPolicy: 'Global' })).toEqual([{ rule: 'traffic-policy', field: 'spec.externalTrafficPolicy', value: 'Global' }]);
  });

  test('fails on an internalTrafficPolicy other than Cluster and Local', () => {
    expect(check({ internalTrafficPolicy: 'Node' })).toEqual([{ rule: 'traffic-policy', field: 'spec.internalTrafficPolicy', value: 'Node' }]);
  });

  test('fails on the LoadBalancer fields on another type', () => {
    expect(check({ type: 'NodePort', loadBalancerSourceRanges: ['10.0.0.0/8'], loadBalancerClass: 'example.com/lb', allocateLoadBalancerNodePorts: true })).toEqual([
      { rule: 'load-balancer-fields', field: 'spec.loadBalancerSourceRanges', value: ['10.0.0.0/8'] },
      { rule: 'load-balancer-fields', field: 'spec.loadBalancerClass', value: 'example.com/lb' },
      { rule: 'load-balancer-fields', field: 'spec.allocateLoadBalancerNodePorts', value: true },
    ]);
  });

  test('fails on a source range that is no CIDR, in the spec or the annotation', () => {
    expect(check({ type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/8', '10.0.0.1'] })).toEqual([
      { rule: 'load-balancer-fields', field: 'spec.loadBalancerSourceRanges[1]', value: '10.0.0.1' },
    ]);
    const key = 'service.beta.kubernetes.io/load-balancer-source-ranges';
    expect(check({ type: 'LoadBalancer' }, { annotations: { [key]: '10.0.0.0/8,10.0.0.0/33' } })).toEqual([
      { rule: 'load-balancer-fields', field: `metadata.annotations[${JSON.stringify(key)}]`, value: '10.0.0.0/8,10.0.0.0/33' },
    ]);
    expect(check({}, { annotations: { [key]: '10.0.0.0/8' } })).toEqual([
      { rule: 'load-balancer-fields', field: `metadata.annotations[${JSON.stringify(key)}]`, value: '10.0.0.0/8' },
    ]);
  });

  test('fails on a loadBalancerClass that is no qualified name', () => {
    expect(check({ type: 'LoadBalancer', loadBalancerClass: 'Not Valid!' })).toEqual([{ rule: 'load-balancer-fields', field: 'spec.loadBalancerClass', value: 'Not Valid!' }]);
  });

  test('fails on port 10250 (the kubelet\'s) on a LoadBalancer Service only, and only before 1.33 (kubernetes/kubernetes#129174)', () => {
    const at = (spec: Spec, kubernetesVersion: '1.28' | '1.32' | '1.33' | '1.35') => brief(checkManifests([service(spec), pod], { kubernetesVersion }));
    expect(at({ type: 'LoadBalancer', ports: [{ port: 10250, targetPort: 80 }] }, '1.32')).toEqual([{ rule: 'load-balancer-fields', field: 'spec.ports[0].port', value: 10250 }]);
    expect(at({ type: 'LoadBalancer', ports: [{ port: 10250, targetPort: 80 }] }, '1.28')).toEqual([{ rule: 'load-balancer-fields', field: 'spec.ports[0].port', value: 10250 }]);
    expect(at({ type: 'NodePort', ports: [{ port: 10250, targetPort: 80 }] }, '1.32')).toEqual([]);
    expect(at({ type: 'LoadBalancer', ports: [{ port: 10250, targetPort: 80 }] }, '1.33')).toEqual([]);
    expect(check({ type: 'LoadBalancer', ports: [{ port: 10250, targetPort: 80 }] })).toEqual([]);
  });

  test('fails on a clusterIP that is neither "None" nor an IP, or not of the first IP family', () => {
    expect(check({ clusterIP: '10.96.0.300' })).toEqual([{ rule: 'cluster-ip', field: 'spec.clusterIP', value: '10.96.0.300' }]);
    expect(check({ clusterIP: '10.96.0.10', ipFamilies: ['IPv6'] })).toEqual([{ rule: 'cluster-ip', field: 'spec.clusterIP', value: '10.96.0.10' }]);
    expect(check({ clusterIP: 'fd00::10', ipFamilies: ['IPv4'] })).toEqual([{ rule: 'cluster-ip', field: 'spec.clusterIP', value: 'fd00::10' }]);
  });

  test('fails on external IPs that are no IPs, or special ones', () => {
    expect(check({ externalIPs: ['192.0.2.10', '127.0.0.1', 'x'] })).toEqual([
      { rule: 'external-ips', field: 'spec.externalIPs[1]', value: '127.0.0.1' },
      { rule: 'external-ips', field: 'spec.externalIPs[2]', value: 'x' },
    ]);
  });

  test('fails on ipFamilies and ipFamilyPolicy the API server refuses', () => {
    expect(check({ ipFamilies: ['IPv4', 'IPv4', 'ipv6'], ipFamilyPolicy: 'DualStack' })).toEqual([
      { rule: 'ip-families', field: 'spec.ipFamilies[1]', value: 'IPv4' },
      { rule: 'ip-families', field: 'spec.ipFamilies[2]', value: 'ipv6' },
      { rule: 'ip-families', field: 'spec.ipFamilyPolicy', value: 'DualStack' },
    ]);
    expect(check({ ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'SingleStack' })).toEqual([{ rule: 'ip-families', field: 'spec.ipFamilyPolicy', value: 'SingleStack' }]);
  });

  test('fails on what an ExternalName Service has no use for: IP families (refused), external IPs, affinity, internal policy (ours)', () => {
    const ext = { type: 'ExternalName', externalName: 'db.example.com', selector: undefined, ports: undefined };
    expect(brief(checkManifests([service({ ...ext, ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', externalIPs: ['192.0.2.10'], sessionAffinity: 'ClientIP', internalTrafficPolicy: 'Cluster' })]))).toEqual([
      { rule: 'ip-families', field: 'spec.ipFamilies', value: ['IPv4'] },
      { rule: 'ip-families', field: 'spec.ipFamilyPolicy', value: 'SingleStack' },
      { rule: 'type-field', field: 'spec.sessionAffinity', value: 'ClientIP' },
      { rule: 'type-field', field: 'spec.internalTrafficPolicy', value: 'Cluster' },
      { rule: 'type-field', field: 'spec.externalIPs', value: ['192.0.2.10'] },
    ]);
  });
});
