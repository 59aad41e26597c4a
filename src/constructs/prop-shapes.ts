/**
 * The keys of each construct's props, for the check of unknown props (a JavaScript caller's
 * `replica: 3` or `prot: 8080`). Each list is a {@link PropKeys} literal: the compiler fails
 * when a key of the interface is missing from it or a key it lists is not in the interface, so
 * the lists cannot drift from the props interfaces (not part of the public API).
 */
import type { ContainerProps } from '../values/container';
import type { DeploymentOptions } from '../values/workload';
import type { PodRuntimeProps } from '../values/pod-runtime';
import type { PodSchedulingProps } from '../values/scheduling';
import type { AppPodProps } from './app-pod';
import type { PropKeys, PropShape, TakenPropKeys } from './construct-args';
import type { ExposedIngressProps, IngressPathProps } from './exposed-ingress';
import type {
  ClusterIPServiceProps, ExposedServiceProps, ExternalNameServiceProps, LoadBalancerServiceProps, NodePortServiceProps, ServicePortProps, ServicePortWithoutNodePortProps,
} from './exposed-service';
import type { ExposedRouteProps, RouteBackendProps, RouteMatchProps, RouteParentProps, RouteRuleProps } from './exposed-route';
import type { FlaskPodProps } from './flask-pod';
import type { GatewayListenerProps, GatewayProps } from './gateway';
import type { NginxPodProps } from './nginx-pod';
import type { PodIsolationProps } from './pod-isolation';
import type { PresetPodProps } from './preset-pod';

const RUNTIME: PropKeys<PodRuntimeProps> = {
  serviceAccountName: true, automountServiceAccountToken: true, imagePullSecrets: true, terminationGracePeriodSeconds: true,
  hostAliases: true, dnsPolicy: true, dnsConfig: true, shareProcessNamespace: true, podSecurity: true, hostUsers: true,
};

const SCHEDULING: PropKeys<PodSchedulingProps> = { nodeSelector: true, placement: true, tolerations: true, topologySpread: true, priorityClassName: true };

const APP_POD: PropKeys<AppPodProps> = {
  ...RUNTIME, ...SCHEDULING,
  name: true, labels: true, annotations: true, namespace: true, containers: true, initContainers: true, volumes: true,
  restartPolicy: true, workload: true, securityProfile: true, rollOnConfigChange: true,
};

const PRESET_POD: PropKeys<PresetPodProps> = {
  ...APP_POD,
  image: true, port: true, containerName: true, env: true, envFrom: true, resources: true, mounts: true,
  readiness: true, liveness: true, preStop: true, imagePullPolicy: true,
};

const CONTAINER: PropShape = {
  name: 'ContainerProps',
  keys: {
    name: true, image: true, port: true, ports: true, command: true, args: true, env: true, envFrom: true, resources: true, mounts: true,
    readiness: true, liveness: true, startup: true, imagePullPolicy: true, securityContext: true, workingDir: true, postStart: true,
    preStop: true, restartPolicy: true, appArmorProfile: true, resizePolicy: true,
  } satisfies PropKeys<ContainerProps>,
};

const DEPLOYMENT: PropKeys<DeploymentOptions> = {
  replicas: true, strategy: true, progressDeadline: true, autoscaling: true, minReady: true, revisionHistoryLimit: true, disruptionBudget: true, highAvailability: true,
};

/** What a pod's props may hold that belongs to its workload or to one of its containers. */
const POD_ELSEWHERE: PropShape['elsewhere'] = [
  { keys: DEPLOYMENT, where: key => `\`workload: Workload.deployment({ ${key}: … })\` (a Deployment's option)` },
];

const POD_LISTS = { containers: CONTAINER, initContainers: CONTAINER };

/** AppPod's props. @internal */
export const APP_POD_SHAPE: PropShape = {
  name: 'AppPodProps', keys: APP_POD, lists: POD_LISTS,
  elsewhere: [...POD_ELSEWHERE, { keys: CONTAINER.keys, where: key => `\`containers: [{ ${key}: … }]\` (a container's prop)` }],
};

/** NginxPod's props. @internal */
export const NGINX_POD_SHAPE: PropShape = {
  name: 'NginxPodProps', lists: POD_LISTS, elsewhere: POD_ELSEWHERE,
  keys: { ...PRESET_POD, logSidecar: true, page: true } satisfies PropKeys<NginxPodProps>,
};

/** FlaskPod's props. @internal */
export const FLASK_POD_SHAPE: PropShape = {
  name: 'FlaskPodProps', lists: POD_LISTS, elsewhere: POD_ELSEWHERE,
  keys: { ...PRESET_POD } satisfies PropKeys<FlaskPodProps>,
};

const SERVICE_PORT: PropShape = {
  name: 'ServicePortProps', keys: { port: true, targetPort: true, nodePort: true, name: true, protocol: true } satisfies PropKeys<ServicePortProps>,
};
const SERVICE_PORT_WITHOUT_NODE_PORT: PropShape = {
  name: 'ServicePortWithoutNodePortProps', keys: { port: true, targetPort: true, name: true, protocol: true } satisfies TakenPropKeys<ServicePortWithoutNodePortProps>,
};
const METADATA = { name: true, labels: true, namespace: true, annotations: true } as const;
const SELECTING = {
  ...METADATA, target: true, port: true, targetPort: true, ports: true, sessionAffinity: true, internalTrafficPolicy: true, clusterIP: true,
  externalIPs: true, publishNotReadyAddresses: true, ipFamilies: true, ipFamilyPolicy: true, trafficDistribution: true,
} as const;
const NODE_PORT_KEYS = { ...SELECTING, type: true, nodePort: true, externalTrafficPolicy: true } as const;

/** ExposedService's props (every type's). @internal */
export const EXPOSED_SERVICE_SHAPE: PropShape = {
  variants: {
    key: 'type',
    shapes: {
      ClusterIP: {
        name: 'ClusterIPServiceProps', lists: { ports: SERVICE_PORT_WITHOUT_NODE_PORT },
        keys: { ...SELECTING, type: true } satisfies TakenPropKeys<ClusterIPServiceProps>,
      },
      NodePort: { name: 'NodePortServiceProps', lists: { ports: SERVICE_PORT }, keys: NODE_PORT_KEYS satisfies TakenPropKeys<NodePortServiceProps> },
      LoadBalancer: {
        name: 'LoadBalancerServiceProps', lists: { ports: SERVICE_PORT },
        keys: { ...NODE_PORT_KEYS, loadBalancerSourceRanges: true, loadBalancerClass: true, allocateLoadBalancerNodePorts: true } satisfies TakenPropKeys<LoadBalancerServiceProps>,
      },
      ExternalName: {
        name: 'ExternalNameServiceProps', lists: { ports: SERVICE_PORT_WITHOUT_NODE_PORT },
        keys: { ...METADATA, type: true, externalName: true, port: true, targetPort: true, ports: true } satisfies TakenPropKeys<ExternalNameServiceProps>,
      },
    },
  },
  name: 'ExposedServiceProps',
  keys: {
    type: true, target: true, port: true, targetPort: true, nodePort: true, ports: true, externalName: true, name: true, labels: true,
    namespace: true, annotations: true, sessionAffinity: true, externalTrafficPolicy: true, internalTrafficPolicy: true,
    loadBalancerSourceRanges: true, loadBalancerClass: true, allocateLoadBalancerNodePorts: true, clusterIP: true, externalIPs: true,
    publishNotReadyAddresses: true, ipFamilies: true, ipFamilyPolicy: true, trafficDistribution: true,
  } satisfies PropKeys<ExposedServiceProps>,
  lists: { ports: SERVICE_PORT },
};

/** ExposedIngress's props. @internal */
export const EXPOSED_INGRESS_SHAPE: PropShape = {
  name: 'ExposedIngressProps',
  keys: { paths: true, host: true, tlsSecret: true, ingressClassName: true, name: true, annotations: true, labels: true } satisfies PropKeys<ExposedIngressProps>,
  lists: {
    paths: { name: 'IngressPathProps', keys: { service: true, port: true, path: true, pathType: true } satisfies PropKeys<IngressPathProps> },
  },
};

/** PodIsolation's props. @internal */
export const POD_ISOLATION_SHAPE: PropShape = {
  name: 'PodIsolationProps',
  keys: { target: true, ports: true, allowFrom: true, isolateEgress: true, allowDns: true, allowEgressTo: true, name: true } satisfies PropKeys<PodIsolationProps>,
};

/** Gateway's props. @internal */
export const GATEWAY_SHAPE: PropShape = {
  name: 'GatewayProps',
  keys: { gatewayClassName: true, listeners: true, name: true, namespace: true, labels: true, annotations: true } satisfies PropKeys<GatewayProps>,
  lists: {
    listeners: {
      name: 'GatewayListenerProps',
      keys: {
        protocol: true, port: true, name: true, hostname: true, certificate: true, tlsMode: true, routeNamespaces: true, namespaceLabels: true, routeKinds: true,
      } satisfies PropKeys<GatewayListenerProps>,
    },
  },
};

/** ExposedRoute's props. @internal */
export const EXPOSED_ROUTE_SHAPE: PropShape = {
  name: 'ExposedRouteProps',
  keys: { rules: true, kind: true, parents: true, hostnames: true, name: true, namespace: true, labels: true, annotations: true } satisfies PropKeys<ExposedRouteProps>,
  lists: {
    rules: {
      name: 'RouteRuleProps',
      keys: { backends: true, matches: true, filters: true, timeouts: true } satisfies PropKeys<RouteRuleProps>,
      lists: {
        backends: { name: 'RouteBackendProps', keys: { service: true, port: true, weight: true } satisfies PropKeys<RouteBackendProps> },
        matches: {
          name: 'RouteMatchProps',
          keys: { path: true, pathType: true, headers: true, method: true, queryParams: true, grpcService: true, grpcMethod: true } satisfies PropKeys<RouteMatchProps>,
        },
      },
    },
    parents: { name: 'RouteParentProps', keys: { gateway: true, namespace: true, listener: true } satisfies PropKeys<RouteParentProps> },
  },
};
