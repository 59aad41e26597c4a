/**
 * One bad and one good case per rule of the registry, as raw manifests through `checkManifests`
 * (the path a user of the plugin or of `checkManifests` takes). `bad` must raise the rule (at
 * `field`, when given); `good` must raise nothing at all.
 */
import type { CheckManifestsOptions } from '../../../src/check';
import type { Manifest } from '../../util';

export interface ManifestCase {
  readonly bad: Manifest[];
  readonly good: Manifest[];
  /** The field of the bad case's problem. */
  readonly field?: string;
  readonly options?: CheckManifestsOptions;
}

const LABELS = { app: 'web' };
const container = (extra: Manifest = {}): Manifest => ({ name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80, name: 'http' }], ...extra });
const podSpec = (extra: Manifest = {}): Manifest => ({ containers: [container()], ...extra });

/** A Pod named `web`, labels app=web, one nginx container on port 80 ("http"). */
export function pod(spec: Manifest = {}, meta: Manifest = {}): Manifest {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: LABELS, ...meta }, spec: podSpec(spec) };
}

/** A Deployment `web` of that pod. */
export function deployment(spec: Manifest = {}, podExtra: Manifest = {}, meta: Manifest = {}): Manifest {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', ...meta },
    spec: { selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec: podSpec(podExtra) }, ...spec },
  };
}

/** A StatefulSet `db` of that pod. */
export function statefulSet(spec: Manifest = {}, podExtra: Manifest = {}, name = 'db'): Manifest {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name },
    spec: { serviceName: name, selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec: podSpec(podExtra) }, ...spec },
  };
}

/** A Service `web` selecting app=web on port 80 → 80. */
export function service(spec: Manifest = {}, meta: Manifest = {}): Manifest {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', ...meta }, spec: { selector: LABELS, ports: [{ port: 80, targetPort: 80 }], ...spec } };
}

function pdb(spec: Manifest): Manifest {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { selector: { matchLabels: LABELS }, ...spec } };
}

function hpa(spec: Manifest = {}): Manifest {
  return {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }], ...spec,
    },
  };
}

const requests = { resources: { requests: { cpu: '100m', memory: '64Mi' } } };
const withRequests = (extra: Manifest = {}) => ({ containers: [container({ ...requests, ...extra })] });

function networkPolicy(spec: Manifest): Manifest {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web' }, spec: { podSelector: { matchLabels: LABELS }, policyTypes: ['Ingress'], ...spec } };
}

function ingress(spec: Manifest): Manifest {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' }, spec };
}
const ingressTo = (port: Manifest) => ingress({ rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port } } }] } }] });

const GW = 'gateway.networking.k8s.io/v1';
function gateway(listeners: Manifest[] = [{ name: 'http', protocol: 'HTTP', port: 80 }]): Manifest {
  return { apiVersion: GW, kind: 'Gateway', metadata: { name: 'gw' }, spec: { gatewayClassName: 'eg', listeners } };
}
function route(spec: Manifest = {}, name = 'web'): Manifest {
  return { apiVersion: GW, kind: 'HTTPRoute', metadata: { name }, spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }], ...spec } };
}
/** A Gateway, the Service `web` and its pod, and the routes given. */
const gatewayApp = (...more: Manifest[]) => [service(), pod(), gateway(), ...more];
const fromGateway = (from: Manifest[]) => networkPolicy({ ingress: [{ from, ports: [{ port: 80 }] }] });

const subPathPod = (subPathExpr: string, extra: Manifest = {}) => pod({ volumes: [{ name: 'data', emptyDir: {} }], containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/data', subPathExpr }], ...extra })] });
const downwardPod = (containerName: string) => pod({ volumes: [{ name: 'limits', downwardAPI: { items: [{ path: 'cpu', resourceFieldRef: { containerName, resource: 'limits.cpu' } }] } }] });
const DAEMON_LABELS = { app: 'agent' };
const daemonSet: Manifest = {
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' },
  spec: { selector: { matchLabels: DAEMON_LABELS }, template: { metadata: { labels: DAEMON_LABELS }, spec: podSpec() } },
};
const daemonPdb = (spec: Manifest): Manifest => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'agent' }, spec: { selector: { matchLabels: DAEMON_LABELS }, ...spec } });
const cpuCeiling = (averageUtilization: number) => [
  deployment({}, { containers: [container({ resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '100m' } } })] }),
  hpa({ metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization } } }] }),
];

const floorApp = (minReplicas: number) => [
  deployment({}, { containers: [container({ resources: { requests: { cpu: '100m', memory: '64Mi' } } })] }),
  hpa({ minReplicas }),
  pdb({ minAvailable: 1 }),
];
const serviceAccount = (name: string): Manifest => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } });
const priorityClass = (name: string): Manifest => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value: 1000 });
const labelledNamespace = (labels: Manifest): Manifest => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels } });
/** A Deployment in namespace shop, its pods privileged (breaks "baseline") or not. */
const shopDeployment = (privileged: boolean) => deployment({}, { containers: [container(privileged ? { securityContext: { privileged: true } } : {})] }, { namespace: 'shop' });
const configMap = (data: Manifest): Manifest => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config' }, data });
const envFromConfig = (key: string) => pod({ containers: [container({ env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'web-config', key } } }] })] });

/** The manifest cases, by rule id. */
export const MANIFEST_CASES: { readonly [rule: string]: ManifestCase } = {
  'kind': { bad: [{ metadata: { name: 'web' } }], good: [pod()], field: 'kind' },
  'object-name': { bad: [pod({}, { name: 'Web' })], good: [pod()], field: 'metadata.name' },
  'namespace': { bad: [pod({}, { namespace: 'Shop' })], good: [pod({}, { namespace: 'shop' })], field: 'metadata.namespace' },
  'labels': { bad: [pod({}, { labels: { app: 'web', '-x': 'y' } })], good: [pod()], field: 'metadata.labels' },
  'annotations': { bad: [pod({}, { annotations: { 'a b': 'c' } })], good: [pod({}, { annotations: { 'example.com/a': 'c' } })], field: 'metadata.annotations' },
  'containers': { bad: [pod({ containers: [] })], good: [pod()], field: 'spec.containers' },
  'container-image': { bad: [pod({ containers: [container({ image: undefined })] })], good: [pod()], field: 'spec.containers[0].image' },
  'pod-template-image': { bad: [deployment({}, { containers: [container({ image: ' nginx:1.25' })] })], good: [deployment()], field: 'spec.template.spec.containers[0].image' },
  'image-reference': { bad: [pod({ containers: [container({ image: 'Nginx:1.25' })] })], good: [pod()], field: 'spec.containers[0].image' },
  'container-ports': { bad: [pod({ containers: [container({ ports: [{ containerPort: 70000 }] })] })], good: [pod()], field: 'spec.containers[0].ports[0].containerPort' },
  'env': { bad: [pod({ containers: [container({ env: [{ name: 'A=B', value: 'y' }] })] })], good: [pod({ containers: [container({ env: [{ name: 'X', value: 'y' }] })] })], field: 'spec.containers[0].env[0].name' },
  'strict-ip': { bad: [pod({ hostAliases: [{ ip: '010.001.1.1', hostnames: ['a'] }] })], good: [pod({ hostAliases: [{ ip: '10.1.1.1', hostnames: ['a'] }] })], field: 'spec.hostAliases[0].ip', options: { kubernetesVersion: '1.36' } },
  'unknown-field': { bad: [pod({ containers: [container({ lifecycle: { preStop: { grpc: { port: 80 } } } })] })], good: [pod({ containers: [container({ lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } })] })], field: 'spec.containers[0].lifecycle.preStop.grpc' },
  // (a 1.32 API server drops resizePolicy: the feature is on by default from 1.33)
  'field-version': { bad: [pod({ containers: [container({ resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }] })] })], good: [pod({ containers: [container({ lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } })] })], field: 'spec.containers[0].resizePolicy', options: { kubernetesVersion: '1.32' } },
  'quantities': { bad: [pod({ containers: [container({ resources: { requests: { cpu: 'lots' } } })] })], good: [pod({ containers: [container(requests)] })], field: 'spec.containers[0].resources.requests.cpu' },
  'resources': { bad: [pod({ containers: [container({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } })] })], good: [pod({ containers: [container({ resources: { requests: { cpu: '1' }, limits: { cpu: '2' } } })] })], field: 'spec.containers[0].resources.requests.cpu' },
  'volumes': { bad: [pod({ containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] })], good: [pod({ volumes: [{ name: 'data', emptyDir: {} }], containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] })], field: 'spec.containers[0].volumeMounts[0].name' },
  'empty-dir-medium': { bad: [pod({ volumes: [{ name: 'tmp', emptyDir: { medium: 'Tmpfs' } }] })], good: [pod({ volumes: [{ name: 'tmp', emptyDir: { medium: 'Memory' } }] })], field: 'spec.volumes[0].emptyDir.medium' },
  'volume-sources': { bad: [pod({ volumes: [{ name: 'c', configMap: { name: 'conf', items: [{ key: 'a', path: '../a' }] } }] })], good: [pod({ volumes: [{ name: 'c', configMap: { name: 'conf', items: [{ key: 'a', path: 'a' }] } }] })], field: 'spec.volumes[0].configMap.items[0].path' },
  'volume-refs': { bad: [pod({ volumes: [{ name: 'c', configMap: { name: 'Conf' } }] })], good: [pod({ volumes: [{ name: 'c', configMap: { name: 'conf' } }] })], field: 'spec.volumes[0].configMap.name' },
  'env-sources': { bad: [pod({ containers: [container({ envFrom: [{ configMapRef: { name: 'a' }, secretRef: { name: 'b' } }] })] })], good: [pod({ containers: [container({ envFrom: [{ configMapRef: { name: 'a' } }] })] })], field: 'spec.containers[0].envFrom[0]' },
  'config-data': { bad: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'conf' }, data: { 'a b': 'c' } }], good: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'conf' }, data: { 'a.b': 'c' } }], field: 'data.a b' },
  'probes': { bad: [pod({ containers: [container({ readinessProbe: { periodSeconds: 5 } })] })], good: [pod({ containers: [container({ readinessProbe: { httpGet: { path: '/', port: 80 } } })] })], field: 'spec.containers[0].readinessProbe' },
  'restart-policy': { bad: [deployment({}, { restartPolicy: 'Never' })], good: [deployment({}, { restartPolicy: 'Always' })], field: 'spec.template.spec.restartPolicy' },
  'security-context': { bad: [pod({ securityContext: { runAsUser: 1.5 } })], good: [pod({ securityContext: { runAsUser: 1000 } })], field: 'spec.securityContext.runAsUser' },
  'lifecycle': { bad: [pod({ containers: [container({ lifecycle: { postStart: { exec: { command: [] } } } })] })], good: [pod({ containers: [container({ lifecycle: { postStart: { exec: { command: ['true'] } } } })] })], field: 'spec.containers[0].lifecycle.postStart.exec.command' },
  // (from 1.35 an app container may have Always, OnFailure or Never: ContainerRestartRules)
  'container-restart-policy': { bad: [pod({ containers: [container({ restartPolicy: 'Always' })] })], good: [pod({ initContainers: [container({ name: 'side', ports: [], restartPolicy: 'Always' })] })], field: 'spec.containers[0].restartPolicy', options: { kubernetesVersion: '1.34' } },
  'init-restart-policy': { bad: [pod({ initContainers: [container({ name: 'init', ports: [], restartPolicy: 'OnFailure' })] })], good: [pod({ initContainers: [container({ name: 'init', ports: [] })] })], field: 'spec.initContainers[0].restartPolicy' },
  'probe-port-name': { bad: [pod({ containers: [container({ livenessProbe: { tcpSocket: { port: 'web' } } })] })], good: [pod({ containers: [container({ livenessProbe: { tcpSocket: { port: 'http' } } })] })], field: 'spec.containers[0].livenessProbe.tcpSocket.port' },
  'pod-identity': { bad: [pod({ serviceAccountName: 'Web' })], good: [serviceAccount('web'), pod({ serviceAccountName: 'web' })], field: 'spec.serviceAccountName' },
  'image-pull-secrets': { bad: [pod({ imagePullSecrets: [{ name: 'Reg' }] })], good: [pod({ imagePullSecrets: [{ name: 'reg' }] })], field: 'spec.imagePullSecrets[0]' },
  'termination-grace-period': { bad: [pod({ terminationGracePeriodSeconds: -1 })], good: [pod({ terminationGracePeriodSeconds: 0 })], field: 'spec.terminationGracePeriodSeconds' },
  'dns': { bad: [pod({ dnsPolicy: 'Cluster' })], good: [pod({ dnsPolicy: 'ClusterFirst' })], field: 'spec.dnsPolicy' },
  'host-aliases': { bad: [pod({ hostAliases: [{ ip: 'localhost', hostnames: ['a.local'] }] })], good: [pod({ hostAliases: [{ ip: '127.0.0.1', hostnames: ['a.local'] }] })], field: 'spec.hostAliases[0].ip' },
  // (net.ipv4.tcp_keepalive_time is safe from 1.29: the 1.28 kubelet refuses the pod)
  'unsafe-sysctl': { bad: [pod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '600' }] } })], good: [pod({ securityContext: { sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }] } })], field: 'spec.securityContext.sysctls[0].name', options: { kubernetesVersion: '1.28' } },
  'app-armor-profile': {
    bad: [pod({ securityContext: { appArmorProfile: { type: 'Localhost' } } })],
    good: [pod({ securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'deny-write' } } })],
    field: 'spec.securityContext.appArmorProfile.localhostProfile',
  },
  'host-users': { bad: [pod({ hostUsers: false, hostIPC: true })], good: [pod({ hostUsers: false })], field: 'spec.hostIPC' },
  'resize-policy': {
    bad: [pod({ restartPolicy: 'Never', containers: [container({ resizePolicy: [{ resourceName: 'memory', restartPolicy: 'RestartContainer' }] })] })],
    good: [pod({ containers: [container({ resizePolicy: [{ resourceName: 'memory', restartPolicy: 'RestartContainer' }] })] })],
    field: 'spec.containers[0].resizePolicy[0].restartPolicy',
  },
  'image-volume': {
    bad: [pod({ volumes: [{ name: 'data', image: { pullPolicy: 'IfNotPresent' } }], containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true }] })] })],
    good: [pod({ volumes: [{ name: 'data', image: { reference: 'example/data:1', pullPolicy: 'IfNotPresent' } }], containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true }] })] })],
    field: 'spec.volumes[0].image.reference',
  },
  'pod-security-context': { bad: [pod({ securityContext: { fsGroupChangePolicy: 'Never' } })], good: [pod({ securityContext: { fsGroupChangePolicy: 'Always' } })], field: 'spec.securityContext.fsGroupChangePolicy' },
  'tolerations': { bad: [pod({ tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] })], good: [pod({ tolerations: [{ key: 'k', operator: 'Exists' }] })], field: 'spec.tolerations[0].value' },
  'affinity': { bad: [pod({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 101, preference: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } }] } } })], good: [pod({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } }] } } })], field: 'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight' },
  'node-affinity-number': {
    bad: [pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['four'] }] }] } } } })],
    good: [pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] }] } } } })],
    field: 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0]',
  },
  'topology-spread': { bad: [pod({ topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }] })], good: [pod({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }] })], field: 'spec.topologySpreadConstraints[0].maxSkew' },
  'topology-key': { bad: [pod({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone name', whenUnsatisfiable: 'DoNotSchedule' }] })], good: [pod({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' }] })], field: 'spec.topologySpreadConstraints[0].topologyKey' },
  'replicas': { bad: [deployment({ replicas: -1 })], good: [deployment({ replicas: 2 })], field: 'spec.replicas' },
  'controller-selector': { bad: [deployment({ selector: { matchLabels: { app: 'api' } } })], good: [deployment()], field: 'spec.selector.matchLabels' },
  'unchecked-pod-template': { bad: [statefulSet({}, { dnsPolicy: 'Cluster' })], good: [statefulSet({}, { dnsPolicy: 'ClusterFirst' })], field: 'spec.template.spec.dnsPolicy' , options: { kubernetesVersion: '1.33' } },
  'statefulset-name': { bad: [statefulSet({}, {}, `db-${'x'.repeat(50)}`)], good: [statefulSet()], field: 'metadata.name' },
  'service-type': { bad: [service({ type: 'Internal' }), pod()], good: [service({ type: 'ClusterIP' }), pod()], field: 'spec.type' },
  'service-ports': { bad: [service({ ports: [{ port: 80, targetPort: 80 }, { port: 81, targetPort: 80 }] }), pod()], good: [service({ ports: [{ name: 'a', port: 80, targetPort: 80 }, { name: 'b', port: 81, targetPort: 80 }] }), pod()], field: 'spec.ports[0].name' },
  'cluster-ip': { bad: [service({ clusterIP: '10.0.0.300' }), pod()], good: [service({ clusterIP: '10.0.0.30' }), pod()], field: 'spec.clusterIP' },
  'session-affinity': { bad: [service({ sessionAffinity: 'Cookie' }), pod()], good: [service({ sessionAffinity: 'ClientIP' }), pod()], field: 'spec.sessionAffinity' },
  'traffic-policy': { bad: [service({ externalTrafficPolicy: 'Local' }), pod()], good: [service({ type: 'NodePort', externalTrafficPolicy: 'Local' }), pod()], field: 'spec.externalTrafficPolicy' },
  'traffic-distribution': { bad: [service({ trafficDistribution: 'PreferSameZone' }), pod()], good: [service({ trafficDistribution: 'PreferClose' }), pod()], field: 'spec.trafficDistribution', options: { kubernetesVersion: '1.33' } },
  'traffic-distribution-deprecated': { bad: [service({ trafficDistribution: 'PreferClose' }), pod()], good: [service({ trafficDistribution: 'PreferSameZone' }), pod()], field: 'spec.trafficDistribution' },
  'load-balancer-fields': { bad: [service({ loadBalancerSourceRanges: ['10.0.0.0/8'] }), pod()], good: [service({ type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0/8'] }), pod()], field: 'spec.loadBalancerSourceRanges' },
  'external-ips-deprecated': { bad: [service({ externalIPs: ['192.0.2.10'] }), pod()], good: [service({ type: 'LoadBalancer' }), pod()], field: 'spec.externalIPs', options: { kubernetesVersion: '1.36' } },
  'external-ips': { bad: [service({ externalIPs: ['127.0.0.1'] }), pod()], good: [service({ externalIPs: ['192.0.2.10'] }), pod()], field: 'spec.externalIPs[0]' },
  'ip-families': { bad: [service({ ipFamilies: ['IPv5'] }), pod()], good: [service({ ipFamilies: ['IPv4'] }), pod()], field: 'spec.ipFamilies[0]' },
  'external-name': { bad: [service({ type: 'ExternalName', externalName: 'DB_HOST', selector: undefined, ports: undefined })], good: [service({ type: 'ExternalName', externalName: 'db.example.com', selector: undefined, ports: undefined })], field: 'spec.externalName' },
  'node-port': { bad: [service({ type: 'NodePort', ports: [{ port: 80, targetPort: 80, nodePort: 80 }] }), pod()], good: [service({ type: 'NodePort', ports: [{ port: 80, targetPort: 80, nodePort: 30080 }] }), pod()], field: 'spec.ports[0].nodePort' },
  'type-field': { bad: [service({ externalName: 'db.example.com' }), pod()], good: [service(), pod()], field: 'spec.externalName' },
  'service-selects-a-pod': { bad: [service({ selector: { app: 'api' } }), pod()], good: [service(), pod()], field: 'spec.selector' },
  'target-port-is-exposed': { bad: [service({ ports: [{ port: 80, targetPort: 8080 }] }), pod()], good: [service(), pod()], field: 'spec.ports[0].targetPort' },
  'no-port-clash-in-pod': { bad: [pod({ containers: [container(), container({ name: 'side' })] })], good: [pod({ containers: [container(), container({ name: 'side', ports: [{ containerPort: 81 }] })] })], field: 'spec.containers[1].ports[0]' },
  'ingress': { bad: [ingress({ rules: [] })], good: [service(), ingressTo({ number: 80 }), pod()], field: 'spec.rules' },
  'ingress-backend': { bad: [service(), ingressTo({ number: 8080 }), pod()], good: [service(), ingressTo({ number: 80 }), pod()], field: 'spec.rules[0].http.paths[0].backend.service.port.number' },
  'network-policy': { bad: [pod(), networkPolicy({ policyTypes: ['Inbound'] })], good: [pod(), networkPolicy({ ingress: [{ ports: [{ port: 80 }] }] })], field: 'spec.policyTypes[0]' },
  'service-port-allowed': { bad: [service(), pod(), networkPolicy({ ingress: [{ ports: [{ port: 443 }] }] })], good: [service(), pod(), networkPolicy({ ingress: [{ ports: [{ port: 80 }] }] })], field: 'spec.ports[0]' },
  'service-before-its-pods': { bad: [pod(), service()], good: [service(), pod()], field: 'metadata.name' },
  'unique-object-names': { bad: [pod(), pod()], good: [pod(), pod({}, { name: 'web-2' })], field: 'metadata.name' },
  'rollout': { bad: [deployment({ strategy: { type: 'Rolling' } })], good: [deployment({ strategy: { type: 'Recreate' } })], field: 'spec.strategy.type' },
  'disruption-budget': { bad: [deployment({ replicas: 3 }), pdb({ minAvailable: 1, maxUnavailable: 1 })], good: [deployment({ replicas: 3 }), pdb({ maxUnavailable: 1 })], field: 'spec' },
  'autoscaler': { bad: [deployment({}, withRequests()), hpa({ minReplicas: 3, maxReplicas: 2 })], good: [deployment({}, withRequests()), hpa()], field: 'spec.maxReplicas' },
  'budget-allows-disruption': { bad: [deployment({ replicas: 3 }), pdb({ maxUnavailable: 0 })], good: [deployment({ replicas: 3 }), pdb({ maxUnavailable: 1 })], field: 'spec.maxUnavailable' },
  'selects-a-controller': { bad: [deployment({}, withRequests()), hpa({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' } })], good: [deployment({}, withRequests()), hpa()], field: 'spec.scaleTargetRef' },
  'autoscaled-replicas': { bad: [deployment({ replicas: 2 }, withRequests()), hpa()], good: [deployment({}, withRequests()), hpa()], field: 'spec.replicas' },
  'autoscaler-requests': { bad: [deployment(), hpa()], good: [deployment({}, withRequests()), hpa()], field: 'spec.metrics[0]' },
  'volume-claim-templates': {
    bad: [statefulSet({ volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] })],
    good: [statefulSet({ volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] }, { containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] })],
    field: 'spec.volumeClaimTemplates[0].metadata.name',
  },
  'capacity': { bad: [deployment({ replicas: 3 }, withRequests())], good: [deployment({ replicas: 1 }, withRequests())], options: { capacity: { nodes: 1, cpu: '250m', memory: '1Gi' } } },
  'platform-admission': { bad: [pod({ hostNetwork: true })], good: [pod()], options: { platform: 'gke-autopilot' }, field: 'spec.hostNetwork' },
  'route-backend-ref': { bad: gatewayApp(route({ rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] })), good: gatewayApp(route()), field: 'spec.rules[0].backendRefs[0].port' },
  'route-parent-ref': { bad: gatewayApp(route({ parentRefs: [{ name: 'gw', sectionName: 'https' }] })), good: gatewayApp(route({ parentRefs: [{ name: 'gw', sectionName: 'http' }] })), field: 'spec.parentRefs[0].sectionName' },
  'route-gateway-outside-app': { bad: [service(), pod(), route({ parentRefs: [{ name: 'shared', namespace: 'infra' }] })], good: gatewayApp(route()), field: 'spec.parentRefs[0].name' },
  'listener-certificate': {
    bad: [gateway([{ name: 'https', protocol: 'HTTPS', port: 443 }])],
    good: [gateway([{ name: 'https', protocol: 'HTTPS', port: 443, tls: { certificateRefs: [{ name: 'web-tls' }] } }])],
    field: 'spec.listeners[0].tls',
  },
  'route-hostname-overlap': {
    bad: gatewayApp(route({ hostnames: ['*.example.com'] }, 'a'), route({ hostnames: ['shop.example.com'], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web', port: 80 }] }] }, 'b')),
    good: gatewayApp(route({ hostnames: ['a.example.com'] }, 'a'), route({ hostnames: ['b.example.com'] }, 'b')),
    field: 'spec.rules[0].matches[0]',
  },
  'listener-fields': {
    bad: [gateway([{ name: 'http', protocol: 'HTTP', port: 80 }, { name: 'http', protocol: 'HTTP', port: 8080 }])],
    good: [gateway([{ name: 'http', protocol: 'HTTP', port: 80 }, { name: 'http-8080', protocol: 'HTTP', port: 8080 }])],
    field: 'spec.listeners[1].name',
  },
  'route-filters': {
    bad: gatewayApp(route({ rules: [{ backendRefs: [{ name: 'web', port: 80 }], filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }] }] })),
    good: gatewayApp(route({ rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }] }] })),
    field: 'spec.rules[0].filters[0].type',
  },
  'route-fields': {
    bad: gatewayApp(route({ rules: [{ backendRefs: [{ name: 'web', port: 80 }], timeouts: { request: '5s', backendRequest: '30s' } }] })),
    good: gatewayApp(route({ rules: [{ backendRefs: [{ name: 'web', port: 80 }], timeouts: { request: '30s', backendRequest: '5s' } }] })),
    field: 'spec.rules[0].timeouts.backendRequest',
  },
  'route-backend-network-policy': {
    bad: gatewayApp(route(), fromGateway([{ podSelector: { matchLabels: { role: 'client' } } }])),
    good: gatewayApp(route(), fromGateway([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } } }])),
    field: 'spec.rules[0].backendRefs[0]',
  },
  'subpath-expr-env': {
    bad: [subPathPod('logs/$(POD_NAME)')],
    good: [subPathPod('logs/$(POD_NAME)', { env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] })],
    field: 'spec.containers[0].volumeMounts[0].subPathExpr',
  },
  'downward-api-container': { bad: [downwardPod('side')], good: [downwardPod('web')], field: 'spec.volumes[0].downwardAPI.items[0].resourceFieldRef.containerName' },
  'budget-over-daemonset': { bad: [daemonSet, daemonPdb({ maxUnavailable: 1 })], good: [daemonSet, daemonPdb({ minAvailable: 1 })], field: 'spec.maxUnavailable' },
  'autoscaler-cpu-ceiling': { bad: cpuCeiling(95), good: cpuCeiling(70), field: 'spec.metrics[0].resource.target.averageUtilization' },
  'service-account-exists': { bad: [deployment({}, { serviceAccountName: 'web' })], good: [serviceAccount('web'), deployment({}, { serviceAccountName: 'web' })], field: 'spec.template.spec.serviceAccountName' },
  'priority-class-exists': { bad: [pod({ priorityClassName: 'high' })], good: [priorityClass('high'), pod({ priorityClassName: 'high' })], field: 'spec.priorityClassName' },
  'budget-at-autoscaler-floor': { bad: floorApp(1), good: floorApp(2), field: 'spec.minAvailable' },
  'namespace-pod-security': {
    bad: [labelledNamespace({ 'pod-security.kubernetes.io/enforce': 'baseline' }), shopDeployment(true)],
    good: [labelledNamespace({ 'pod-security.kubernetes.io/enforce': 'baseline' }), shopDeployment(false)],
    field: 'spec.template.spec.containers[0].securityContext.privileged',
  },
  'config-key-exists': { bad: [configMap({ mode: 'fast' }), envFromConfig('MODE')], good: [configMap({ mode: 'fast' }), envFromConfig('mode')], field: 'spec.containers[0].env[0].valueFrom.configMapKeyRef.key' },
  'namespace-pod-security-warn': {
    bad: [labelledNamespace({ 'pod-security.kubernetes.io/warn': 'baseline', 'pod-security.kubernetes.io/warn-version': 'v1.30' }), shopDeployment(true)],
    good: [labelledNamespace({ 'pod-security.kubernetes.io/warn': 'baseline', 'pod-security.kubernetes.io/warn-version': 'v1.30' }), shopDeployment(false)],
    field: 'spec.template.spec.containers[0].securityContext.privileged',
  },
};
