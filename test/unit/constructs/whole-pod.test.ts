/**
 * One pod using most of the identity, runtime, lifecycle, scheduling and sidecar fields at
 * once: the whole manifest, once (the fields are asserted one by one in test/unit/values/).
 */
import { ApiObject, Testing } from 'cdk8s';
import {
  AppPod, ContainerRestartPolicy, DnsPolicy, FsGroupChangePolicy, Hook, HttpScheme, NodeOperator, Placement, Probe, SecurityProfile,
  TaintEffect, TolerationOperator, validateApp, Volume, WhenUnsatisfiable, Workload,
} from '../../../src';
import { synth } from '../../util';

test('a Deployment whose pod uses most of the pod fields, under the restricted profile', () => {
  const chart = Testing.chart();
  // what the pod names must exist: the app writes them (service-account-exists, priority-class-exists)
  new ApiObject(chart, 'sa', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'api' } });
  new ApiObject(chart, 'pc', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'business-critical' }, value: 1000 });
  const cache = new AppPod(chart, 'cache', { name: 'cache', containers: [{ name: 'redis', image: 'redis:7', port: 6379 }] });
  const logs = Volume.emptyDir('logs');
  new AppPod(chart, 'api', {
    name: 'api',
    workload: Workload.deployment({ replicas: 3 }),
    securityProfile: SecurityProfile.RESTRICTED,
    serviceAccountName: 'api',
    automountServiceAccountToken: false,
    imagePullSecrets: ['registry'],
    terminationGracePeriodSeconds: 40,
    hostAliases: [{ ip: '10.0.0.5', hostnames: ['legacy.internal'] }],
    dnsPolicy: DnsPolicy.CLUSTER_FIRST,
    dnsConfig: { options: [{ name: 'ndots', value: '2' }] },
    shareProcessNamespace: true,
    podSecurity: { fsGroup: 2000, fsGroupChangePolicy: FsGroupChangePolicy.ON_ROOT_MISMATCH, supplementalGroups: [3000],
      sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65000' }] },
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    placement: [
      Placement.attract([{ key: 'kubernetes.io/arch', operator: NodeOperator.IN, values: ['amd64', 'arm64'] }]),
      Placement.colocate(cache, { weight: 50 }),
      Placement.separate(undefined, { weight: 100 }),
    ],
    tolerations: [{ key: 'dedicated', operator: TolerationOperator.EQUAL, value: 'api', effect: TaintEffect.NO_SCHEDULE }],
    topologySpread: [{ topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: WhenUnsatisfiable.SCHEDULE_ANYWAY, matchLabelKeys: ['pod-template-hash'] }],
    priorityClassName: 'business-critical',
    initContainers: [{
      name: 'log-shipper', image: 'busybox:1.36.1', command: ['sh', '-c', 'touch /logs/api.log && tail -F /logs/api.log'],
      // (no probe on the sidecar here: the oracle judges every snapshot as a 1.28 API server with
      // its default feature gates, which drops restartPolicy and then refuses an init container's probe)
      restartPolicy: ContainerRestartPolicy.ALWAYS, mounts: [{ volume: logs, path: '/logs' }],
    }],
    containers: [{
      name: 'api', image: 'example/api:1.4', ports: [{ number: 8443, name: 'https' }, { number: 9000, name: 'grpc' }],
      mounts: [{ volume: logs, path: '/logs' }],
      readiness: Probe.httpGet('/ready', { port: 'https', scheme: HttpScheme.HTTPS, headers: { 'X-Probe': 'kubelet' }, successThreshold: 2 }),
      liveness: Probe.grpc({ port: 9000, service: 'api' }),
      postStart: Hook.httpGet('/warm', { port: 'https', scheme: HttpScheme.HTTPS }),
      preStop: Hook.exec(['sleep', '5']),
    }],
  });
  expect(validateApp(chart)).toEqual([]);
  expect(synth(chart).find(o => o.kind === 'Deployment')).toMatchSnapshot();
});
