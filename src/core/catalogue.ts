/**
 * Every rule the library checks, by id. A problem carries the id of the rule it breaks; the
 * validation plugin reports it as its `ruleName`; the README's rules table is written from
 * this list (`npm run figures`).
 */

import type { KubernetesVersions } from './rule';

/** Who refuses, without us, what a rule catches, in the words of the README's rules table. */
export const RULE_SOURCES = {
  /** The API server refuses the object (`pkg/apis/*\/validation`, strict decoding). */
  'api-server': 'the API server refuses it',
  /** The API server's allocators refuse it (node ports). */
  'allocator': 'the API server\'s allocator refuses it',
  /** The cluster accepts it and then gets it wrong: our own rule. */
  'ours': 'the cluster accepts it, then gets it wrong (our rule)',
  /** Our constructs' own props: a type or shape only a JavaScript caller can get wrong, or a value cdk8s cannot write. */
  'props': 'JavaScript runs it with the wrong type, or cdk8s cannot write it (our constructs\' props)',
  /**
   * The platform's admission refuses the object (GKE Autopilot's policies, OpenShift's SCC), when
   * the app or the plugin names the platform (`Platform.applyTo`, the `platform` setting).
   */
  'admission': 'the platform\'s admission refuses it (when the platform is named)',
  /** Another construct's validation (`node.addValidation`): its message, as it is. */
  'other': 'another construct\'s own validation says so',
} as const;

/** Who refuses what a rule catches. */
export type RuleSource = keyof typeof RULE_SOURCES;

/** One rule. */
export interface RuleInfo {
  /** Who refuses it without us. */
  readonly source: RuleSource;
  /** What it checks, in one sentence. */
  readonly summary: string;
  /**
   * The Kubernetes minors it applies to; the engine reports it only at those targets.
   * @default - every minor the library knows
   */
  readonly versions?: KubernetesVersions;
}

/** Every rule, by id. */
export const RULES = {
  'props': { source: 'props', summary: 'props of the right type and shape (a JavaScript caller can pass anything), and objects cdk8s can render' },
  'kind': { source: 'api-server', summary: 'every object has an apiVersion and a kind' },
  'object-name': { source: 'api-server', summary: 'metadata.name is set and valid for its kind (a Service\'s a DNS-1035 label, a StatefulSet\'s a DNS-1123 label, most others a DNS-1123 subdomain)' },
  'namespace': { source: 'api-server', summary: 'metadata.namespace is a DNS-1123 label' },
  'labels': { source: 'api-server', summary: 'label keys and values, in metadata, selectors and pod templates' },
  'annotations': { source: 'api-server', summary: 'annotation keys, and all keys and values together within 256 KiB' },
  'containers': { source: 'api-server', summary: 'a pod has at least one container; names are DNS-1123 labels, unique across containers and init containers' },
  'container-image': { source: 'api-server', summary: 'every container has an image, without surrounding whitespace' },
  'pod-template-image': { source: 'ours', summary: 'every container of a controller\'s pod template has an image, without surrounding whitespace (the API server accepts the template, then refuses every pod made from it)' },
  'image-reference': { source: 'ours', summary: 'an image is a reference a runtime can pull (the repository in lower case), or the kubelet fails to pull it' },
  'container-ports': { source: 'api-server', summary: 'containerPort 1–65535; port names IANA service names, unique in the container; protocol TCP, UDP or SCTP' },
  'env': { source: 'api-server', summary: 'environment variable names; a value or a valueFrom, not both' },
  'unknown-field': { source: 'api-server', summary: 'no field the target\'s Kubernetes does not have (a probe handler on a hook, a hook\'s `sleep` before 1.29): strict decoding refuses the object before validating it' },
  'field-version': { source: 'ours', summary: 'no field the target Kubernetes minor lacks (a native sidecar before 1.29, a `sleep` hook at 1.29, …): its API server drops it, and the object runs other than written' },
  'quantities': { source: 'api-server', summary: 'requests and limits are quantities (the API server cannot decode anything else: it refuses the object before validating it)' },
  'resources': { source: 'api-server', summary: 'requests and limits are not negative; no request above its limit' },
  'volumes': { source: 'api-server', summary: 'volume names unique DNS-1123 labels, one source each; every mount names a volume of the pod, at its own path; subPath or subPathExpr (not both) relative without ".."; mountPropagation None, HostToContainer or Bidirectional (privileged containers only)' },
  'volume-sources': { source: 'api-server', summary: 'a volume source as the API server takes it: items with a key and a relative path without ".." (not starting with ".."), file modes 0–0777, a claimName, projected sources of one kind each with distinct paths, downward API fields of the list and a container for resources, service account tokens of 10 minutes to 2^32 s' },
  'volume-refs': { source: 'ours', summary: 'a volume reads names and keys a ConfigMap, Secret or claim can have: a DNS-1123 subdomain name, ConfigMap keys (the API server checks only that they are set; the kubelet then cannot mount the volume)' },
  'env-sources': { source: 'api-server', summary: 'an env valueFrom reads one source: a ConfigMap or Secret key (DNS-1123 subdomain name, ConfigMap key), a pod field env can read, a container resource with a valid divisor; envFrom reads one ConfigMap or Secret, its prefix a variable name' },
  'config-data': { source: 'api-server', summary: 'ConfigMap and Secret data keys are ConfigMap keys (letters, digits, "-", "_", "."; not "." or starting with ".."), none in both data and binaryData' },
  'config-checksum': { source: 'ours', summary: 'rollOnConfigChange only under a controller (a bare Pod keeps running with its old configuration), and no checksum/config annotation of the user\'s beside it' },
  'probes': { source: 'api-server', summary: 'a probe has one handler, a port to reach and non-negative timings; init containers have none' },
  'restart-policy': { source: 'api-server', summary: 'restartPolicy Always, OnFailure or Never; Always under a Deployment, StatefulSet, DaemonSet, ReplicaSet or ReplicationController, OnFailure or Never under a Job or CronJob' },
  'security-context': { source: 'api-server', summary: 'user and group ids are integers (a user of 0 or more)' },
  'lifecycle': { source: 'api-server', summary: 'a postStart or preStop hook has one handler (exec, httpGet or tcpSocket; sleep is 1.29+), a command or a valid port, path, scheme and header names; init containers have none, but native sidecars (restartPolicy Always)' },
  'container-restart-policy': { source: 'api-server', summary: 'no restartPolicy of its own on an app container (only an init container, a native sidecar, has one)' },
  'init-restart-policy': { source: 'ours', summary: 'an init container\'s own restartPolicy is Always (a 1.28 API server without the SidecarContainers gate drops any value, 1.29 and later refuse another)' },
  'probe-port-name': { source: 'ours', summary: 'a probe or hook that names its port names a port of its own container (the API server accepts any name; the kubelet then fails the probe)' },
  'pod-identity': { source: 'api-server', summary: 'serviceAccountName and priorityClassName are DNS-1123 subdomains' },
  'image-pull-secrets': { source: 'ours', summary: 'each imagePullSecrets entry names a Secret by a valid name (the API server accepts any; the kubelet then pulls without it)' },
  'termination-grace-period': { source: 'ours', summary: 'terminationGracePeriodSeconds is an integer of 0 or more (the API server only warns, and treats a negative one as 1)' },
  'dns': { source: 'api-server', summary: 'dnsPolicy ClusterFirst, ClusterFirstWithHostNet, Default or None; dnsConfig with at most 3 nameserver IPs (at least one under None), at most 32 search domains of 2048 characters in all, each a DNS-1123 subdomain, and named options' },
  'host-aliases': { source: 'api-server', summary: 'each host alias has an IP address and hostnames that are DNS-1123 subdomains' },
  'pod-security-context': { source: 'api-server', summary: 'fsGroup and supplementalGroups are group ids (0–2147483647), fsGroupChangePolicy OnRootMismatch or Always, sysctl names valid and unique, no shareProcessNamespace with hostPID' },
  'tolerations': { source: 'api-server', summary: 'a toleration has a label-name key (or none with operator Exists), operator Equal or Exists (no value with Exists), effect NoSchedule, PreferNoSchedule or NoExecute, and tolerationSeconds only with NoExecute' },
  'affinity': { source: 'api-server', summary: 'node and pod affinity: node selector terms present, operators In/NotIn with values, Exists/DoesNotExist without, Gt/Lt with one value; weights 1–100; pod affinity terms with a label-key topologyKey and a valid label selector' },
  'node-affinity-number': { source: 'ours', summary: 'the value of a Gt or Lt node selector requirement is an integer (the API server accepts any string; the scheduler then matches no node)' },
  'topology-spread': { source: 'api-server', summary: 'topologySpreadConstraints: maxSkew ≥ 1, a topologyKey, whenUnsatisfiable DoNotSchedule or ScheduleAnyway, one constraint per (topologyKey, whenUnsatisfiable), minDomains ≥ 1 only with DoNotSchedule, matchLabelKeys label keys beside a labelSelector and not in it' },
  'topology-key': { source: 'ours', summary: 'a topology spread constraint\'s topologyKey is a label key (the API server accepts any; no node has such a label, so the pods never schedule)' },
  'replicas': { source: 'api-server', summary: 'replicas is an integer from 0 to 2147483647' },
  'controller-selector': { source: 'api-server', summary: 'a controller\'s selector is not empty and matches its pod template\'s labels' },
  'unchecked-pod-template': { source: 'ours', summary: 'a StatefulSet\'s pod spec meets the rules the API server applies to a Pod\'s (1.28 accepts the StatefulSet without checking its pod spec, then refuses every pod it makes)' },
  'statefulset-name': { source: 'ours', summary: 'a StatefulSet\'s name is at most 52 characters (its pods\' hostnames and revision labels derive from it; the API server allows 63)' },
  'service-type': { source: 'api-server', summary: 'a Service\'s type is ClusterIP, NodePort, LoadBalancer or ExternalName' },
  'service-ports': { source: 'api-server', summary: 'a Service has ports (but ExternalName and headless); port 1–65535; names DNS-1123 labels, required with more than one port, unique; (port, protocol) unique; targetPort a port number or an IANA name' },
  'cluster-ip': { source: 'api-server', summary: 'clusterIP "None" (headless) or an IP address of the first IP family, "None" only on a ClusterIP Service; no clusterIP on an ExternalName Service' },
  'session-affinity': { source: 'api-server', summary: 'sessionAffinity None or ClientIP; a ClientIP timeout of 1 to 86400 seconds' },
  'traffic-policy': { source: 'api-server', summary: 'externalTrafficPolicy Cluster or Local, only on NodePort and LoadBalancer Services; internalTrafficPolicy Cluster or Local' },
  'load-balancer-fields': { source: 'api-server', summary: 'loadBalancerSourceRanges (or their annotation) CIDRs, loadBalancerClass a qualified name, allocateLoadBalancerNodePorts, each only on a LoadBalancer Service; no port 10250 (the kubelet\'s) on one' },
  'external-ips': { source: 'api-server', summary: 'externalIPs are IP addresses, not unspecified, loopback, link-local or link-local multicast' },
  'ip-families': { source: 'api-server', summary: 'ipFamilies IPv4 or IPv6, each once; ipFamilyPolicy SingleStack (with one family), PreferDualStack or RequireDualStack; neither on an ExternalName Service' },
  'external-name': { source: 'api-server', summary: 'an ExternalName Service has a host name (a DNS-1123 subdomain, a trailing dot allowed)' },
  'node-port': { source: 'allocator', summary: 'a nodePort only on NodePort and LoadBalancer Services, inside the node port range, and on one Service only' },
  'type-field': { source: 'ours', summary: 'no Service field its type ignores: no externalName on a ClusterIP, NodePort or LoadBalancer Service, no nodePort, externalIPs, session affinity or internalTrafficPolicy on an ExternalName Service (the API server accepts and ignores them); no sessionAffinityConfig without ClientIP (the API server drops it)' },
  'service-selects-a-pod': { source: 'ours', summary: 'a Service\'s selector matches the labels of at least one pod of the app, in its namespace' },
  'target-port-is-exposed': { source: 'ours', summary: 'each targetPort (number or name) is declared, with the Service port\'s protocol, by every pod the Service selects' },
  'port-reference': { source: 'ours', summary: 'a port handle (PortRef) names a port its pod declares, is used with that pod, and keeps its protocol (the cluster takes a port its pods do not have, and sends nothing there)' },
  'no-port-clash-in-pod': { source: 'ours', summary: 'no two containers of one pod declare the same port and protocol (they share one network namespace)' },
  'ingress': { source: 'api-server', summary: 'an Ingress has rules or a defaultBackend; hosts DNS names (a leading "*." allowed), not IPs; every path has a pathType (Exact, Prefix, ImplementationSpecific) and is absolute; backends name a Service (DNS-1035) and a port name or number; TLS hosts and secret names; ingressClassName a DNS subdomain' },
  'ingress-backend': { source: 'ours', summary: 'an Ingress backend names a port the Service of the output has, over TCP (else the controller has nowhere to send the request)' },
  'network-policy': { source: 'api-server', summary: 'a NetworkPolicy\'s selectors (operators and their values), ports (number or IANA name, endPort at least port and only with a number), peers (one ipBlock alone, its except ranges strictly inside its cidr) and policy types (Ingress, Egress)' },
  'service-port-allowed': { source: 'ours', summary: 'each Service port is let in by the NetworkPolicies of at least one pod it selects (a port every selected pod\'s policies keep out reaches nothing)' },
  'profile-isolation': { source: 'ours', summary: 'a pod construct that a security profile isolates (SecurityProfile.RESTRICTED) has a label to select: a NetworkPolicy with an empty pod selector isolates every pod of its namespace' },
  'service-before-its-pods': { source: 'ours', summary: 'a Service is written before the pods it selects (pods created first get none of its environment variables)' },
  'unique-object-names': { source: 'ours', summary: 'no two objects of one kind share a name in one namespace (applying both leaves only the last)' },
  'restricted-profile': { source: 'ours', summary: 'pods under SecurityProfile.RESTRICTED meet the Pod Security Standards "restricted" level' },
  'rollout': { source: 'api-server', summary: 'a controller\'s rollout: strategy RollingUpdate, Recreate or OnDelete as its kind allows; maxSurge and maxUnavailable integers of 0 or more or percentages, not both 0 (maxUnavailable at most 100%; under a DaemonSet exactly one non-zero); minReadySeconds, revisionHistoryLimit and partition 0 or more; progressDeadlineSeconds above minReadySeconds; podManagementPolicy OrderedReady or Parallel' },
  'disruption-budget': { source: 'api-server', summary: 'a PodDisruptionBudget sets minAvailable or maxUnavailable, not both, each an integer of 0 or more or a percentage of at most 100%' },
  'autoscaler': { source: 'api-server', summary: 'a HorizontalPodAutoscaler: minReplicas 1 or more, maxReplicas at least minReplicas; a scale target with a kind and a name; resource targets a utilization of 1 or more or a positive averageValue; stabilization windows 0–3600 s; scaling policies Pods or Percent, a positive value, a period of 1–1800 s' },
  'budget-allows-disruption': { source: 'ours', summary: 'a PodDisruptionBudget can allow a disruption: maxUnavailable is not 0, minAvailable is below the replicas it counts, and over Pods without a controller only an integer minAvailable counts them (else it blocks every node drain)' },
  'selects-a-controller': { source: 'ours', summary: 'a PodDisruptionBudget selects pods of the app in its namespace; a HorizontalPodAutoscaler scales a Deployment or StatefulSet of the app in its namespace, and is the only one to scale it' },
  'autoscaled-replicas': { source: 'ours', summary: 'a controller a HorizontalPodAutoscaler scales writes no replicas (every apply would reset the autoscaler\'s count)' },
  'autoscaler-requests': { source: 'ours', summary: 'a HorizontalPodAutoscaler on CPU or memory utilization scales pods whose every container requests that resource (else the utilization is unknown and it never scales)' },
  'volume-claim-templates': { source: 'ours', summary: 'a StatefulSet\'s volumeClaimTemplates are each mounted by a container (else each pod gets a claim nothing uses), and each mount of its pod template names a volume or a claim template (the API server does not validate a StatefulSet\'s pod template; its pods are then refused); claim templates only under a StatefulSet' },
  'validation': { source: 'other', summary: 'another construct\'s validation (`node.addValidation`), reported with its own message' },
  'capacity': { source: 'ours', summary: 'the app\'s pods fit the budget declared for the cluster (every replica, an autoscaler\'s maxReplicas, the rollout surge, one DaemonSet pod per node; each pod on one node; in total; and side by side on the nodes, by lower bounds on the nodes they need) and the ResourceQuotas the app writes (in the quota\'s scopes: every container sets the requests and limits it tracks; requests, limits, pods within it)' },
  'image-digest': { source: 'ours', summary: 'under SecurityProfile.restricted({ requireDigest: true }) every image the user chooses is pinned by digest (image@sha256:…); the library\'s own pinned images are exempt' },
  'pod-defaults': { source: 'props', summary: 'PodDefaults are set (and a Platform applied) on a scope before the pod constructs below it are made (they read them when they are made)' },
  'one-platform': { source: 'props', summary: 'one platform per app: Platform.applyTo of another platform than the one the app has fails (their pod defaults and budgets would mix)' },
  'platform-admission': { source: 'admission', summary: 'what the named platform (Platform.applyTo, the `platform` setting) refuses in every object that makes pods: on GKE Autopilot a privileged container, a capability added beyond Autopilot\'s list (or NET_RAW), hostNetwork, hostPID or hostIPC, a hostPort, a hostPath volume mounted in write mode or outside /var/log/; on OpenShift (restricted-v2 SCC) a privileged container, allowPrivilegeEscalation, a capability added other than NET_BIND_SERVICE, hostNetwork, hostPID or hostIPC, a hostPort, a volume type outside the SCC\'s list (hostPath among others), a seccomp profile other than RuntimeDefault, a fixed runAsUser or fsGroup (the SCC assigns them from the namespace\'s ranges)' },
  'preset-image': { source: 'ours', summary: 'a preset runs its image the way the image needs (port, user, writable paths)' },
} as const satisfies { readonly [id: string]: RuleInfo };

/** The id of a rule. */
export type RuleId = keyof typeof RULES;
