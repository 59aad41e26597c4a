/**
 * Every rule the library checks, by id. A problem carries the id of the rule it breaks; the
 * validation plugin reports it as its `ruleName`; the README's rules table is written from
 * this list (`npm run figures`).
 */

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
}

/** Every rule, by id. */
export const RULES = {
  'props': { source: 'props', summary: 'props of the right type and shape (a JavaScript caller can pass anything), and objects cdk8s can render' },
  'kind': { source: 'api-server', summary: 'every object has an apiVersion and a kind' },
  'object-name': { source: 'api-server', summary: 'metadata.name is set and valid for its kind (a Service\'s a DNS-1035 label, most others a DNS-1123 subdomain)' },
  'namespace': { source: 'api-server', summary: 'metadata.namespace is a DNS-1123 label' },
  'labels': { source: 'api-server', summary: 'label keys and values, in metadata, selectors and pod templates' },
  'annotations': { source: 'api-server', summary: 'annotation keys, and all keys and values together within 256 KiB' },
  'containers': { source: 'api-server', summary: 'a pod has at least one container; names are DNS-1123 labels, unique across containers and init containers' },
  'container-image': { source: 'api-server', summary: 'every container has an image, without surrounding whitespace' },
  'pod-template-image': { source: 'ours', summary: 'every container of a controller\'s pod template has an image, without surrounding whitespace (the API server accepts the template, then refuses every pod made from it)' },
  'image-reference': { source: 'ours', summary: 'an image is a reference a runtime can pull (the repository in lower case), or the kubelet fails to pull it' },
  'container-ports': { source: 'api-server', summary: 'containerPort 1–65535; port names IANA service names, unique in the container; protocol TCP, UDP or SCTP' },
  'env': { source: 'api-server', summary: 'environment variable names; a value or a valueFrom, not both' },
  'resources': { source: 'api-server', summary: 'requests and limits are quantities; no request above its limit' },
  'volumes': { source: 'api-server', summary: 'volume names unique DNS-1123 labels; every mount names a volume of the pod, at its own path; subPath relative without ".."' },
  'probes': { source: 'api-server', summary: 'a probe has one handler, a port to reach and non-negative timings; init containers have none' },
  'restart-policy': { source: 'api-server', summary: 'restartPolicy Always, OnFailure or Never; Always under a Deployment, StatefulSet, DaemonSet, ReplicaSet or ReplicationController, OnFailure or Never under a Job or CronJob' },
  'security-context': { source: 'api-server', summary: 'user and group ids are integers (a user of 0 or more)' },
  'replicas': { source: 'api-server', summary: 'replicas is an integer from 0 to 2147483647' },
  'controller-selector': { source: 'api-server', summary: 'a controller\'s selector is not empty and matches its pod template\'s labels' },
  'statefulset-name': { source: 'ours', summary: 'a StatefulSet\'s name is a DNS-1123 label of at most 52 characters (its pods\' hostnames and revision labels derive from it)' },
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
  'port-reference': { source: 'props', summary: 'a port handle (PortRef) names a port its pod declares, is used with that pod, and keeps its protocol' },
  'no-port-clash-in-pod': { source: 'ours', summary: 'no two containers of one pod declare the same port and protocol (they share one network namespace)' },
  'ingress': { source: 'api-server', summary: 'an Ingress has rules or a defaultBackend; hosts DNS names (a leading "*." allowed), not IPs; every path has a pathType (Exact, Prefix, ImplementationSpecific) and is absolute; backends name a Service (DNS-1035) and a port name or number; TLS hosts and secret names; ingressClassName a DNS subdomain' },
  'ingress-backend': { source: 'ours', summary: 'an Ingress backend names a port the Service of the output has, over TCP (else the controller has nowhere to send the request)' },
  'network-policy': { source: 'api-server', summary: 'a NetworkPolicy\'s selectors (operators and their values), ports (number or IANA name, endPort at least port and only with a number), peers (one ipBlock alone, its except ranges strictly inside its cidr) and policy types (Ingress, Egress)' },
  'service-port-allowed': { source: 'ours', summary: 'each Service port is let in by the NetworkPolicies of at least one pod it selects (a port every selected pod\'s policies keep out reaches nothing)' },
  'service-before-its-pods': { source: 'ours', summary: 'a Service is written before the pods it selects (pods created first get none of its environment variables)' },
  'unique-object-names': { source: 'ours', summary: 'no two objects of one kind share a name in one namespace (applying both leaves only the last)' },
  'restricted-profile': { source: 'ours', summary: 'pods under SecurityProfile.RESTRICTED meet the Pod Security Standards "restricted" level' },
  'validation': { source: 'other', summary: 'another construct\'s validation (`node.addValidation`), reported with its own message' },
  'preset-image': { source: 'ours', summary: 'a preset runs its image the way the image needs (port, user, writable paths)' },
} as const satisfies { readonly [id: string]: RuleInfo };

/** The id of a rule. */
export type RuleId = keyof typeof RULES;
