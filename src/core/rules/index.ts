/**
 * The registry: every rule the library checks, one module each (`src/core/rules/<id>.ts`), in
 * the order problems are reported for one object. A problem carries the id of the rule it
 * breaks; the validation plugin reports it as its `ruleName`; the README's rules table is
 * written from this list (`npm run figures`).
 */
import type { JudgeOptions } from '../options';
import type { Rule } from '../rule';
import { rule as affinity } from './affinity';
import { rule as annotations } from './annotations';
import { rule as autoscaledReplicas } from './autoscaled-replicas';
import { rule as autoscaler } from './autoscaler';
import { rule as autoscalerRequests } from './autoscaler-requests';
import { rule as budgetAllowsDisruption } from './budget-allows-disruption';
import { rule as capacity } from './capacity';
import { rule as clusterIp } from './cluster-ip';
import { rule as configChecksum } from './config-checksum';
import { rule as configData } from './config-data';
import { rule as containerImage } from './container-image';
import { rule as containerPorts } from './container-ports';
import { rule as containerRestartPolicy } from './container-restart-policy';
import { rule as containers } from './containers';
import { rule as controllerSelector } from './controller-selector';
import { rule as disruptionBudget } from './disruption-budget';
import { rule as dns } from './dns';
import { rule as emptyDirMedium } from './empty-dir-medium';
import { rule as env } from './env';
import { rule as envSources } from './env-sources';
import { rule as externalIps } from './external-ips';
import { rule as externalName } from './external-name';
import { rule as hostAliases } from './host-aliases';
import { rule as imageDigest } from './image-digest';
import { rule as imagePullSecrets } from './image-pull-secrets';
import { rule as imageReference } from './image-reference';
import { rule as ingress } from './ingress';
import { rule as ingressBackend } from './ingress-backend';
import { rule as initRestartPolicy } from './init-restart-policy';
import { rule as ipFamilies } from './ip-families';
import { rule as kind } from './kind';
import { rule as labels } from './labels';
import { rule as lifecycle } from './lifecycle';
import { rule as loadBalancerFields } from './load-balancer-fields';
import { rule as namespace } from './namespace';
import { rule as networkPolicy } from './network-policy';
import { rule as noPortClashInPod } from './no-port-clash-in-pod';
import { rule as nodeAffinityNumber } from './node-affinity-number';
import { rule as nodePort } from './node-port';
import { rule as objectName } from './object-name';
import { rule as onePlatform } from './one-platform';
import { rule as platformAdmission } from './platform-admission';
import { rule as podDefaults } from './pod-defaults';
import { rule as podIdentity } from './pod-identity';
import { rule as podSecurityContext } from './pod-security-context';
import { rule as podTemplateImage } from './pod-template-image';
import { rule as portReference } from './port-reference';
import { rule as presetImage } from './preset-image';
import { rule as routeBackendRef } from './route-backend-ref';
import { rule as routeParentRef } from './route-parent-ref';
import { rule as routeGatewayOutsideApp } from './route-gateway-outside-app';
import { rule as listenerCertificate } from './listener-certificate';
import { rule as routeHostnameOverlap } from './route-hostname-overlap';
import { rule as listenerFields } from './listener-fields';
import { rule as routeFilters } from './route-filters';
import { rule as routeFields } from './route-fields';
import { rule as routeBackendNetworkPolicy } from './route-backend-network-policy';
import { rule as subpathExprEnv } from './subpath-expr-env';
import { rule as downwardApiContainer } from './downward-api-container';
import { rule as budgetOverDaemonset } from './budget-over-daemonset';
import { rule as autoscalerCpuCeiling } from './autoscaler-cpu-ceiling';
import { rule as serviceAccountExists } from './service-account-exists';
import { rule as priorityClassExists } from './priority-class-exists';
import { rule as budgetAtAutoscalerFloor } from './budget-at-autoscaler-floor';
import { rule as namespacePodSecurity } from './namespace-pod-security';
import { rule as namespacePodSecurityWarn } from './namespace-pod-security-warn';
import { rule as configKeyExists } from './config-key-exists';
import { rule as probePortName } from './probe-port-name';
import { rule as probes } from './probes';
import { rule as profileIsolation } from './profile-isolation';
import { rule as props } from './props';
import { rule as quantities } from './quantities';
import { rule as replicas } from './replicas';
import { rule as resources } from './resources';
import { rule as restartPolicy } from './restart-policy';
import { rule as restrictedProfile } from './restricted-profile';
import { rule as rollout } from './rollout';
import { rule as securityContext } from './security-context';
import { rule as selectsAController } from './selects-a-controller';
import { rule as serviceBeforeItsPods } from './service-before-its-pods';
import { rule as servicePortAllowed } from './service-port-allowed';
import { rule as servicePorts } from './service-ports';
import { rule as serviceSelectsAPod } from './service-selects-a-pod';
import { rule as serviceType } from './service-type';
import { rule as sessionAffinity } from './session-affinity';
import { rule as statefulsetName } from './statefulset-name';
import { rule as targetPortIsExposed } from './target-port-is-exposed';
import { rule as terminationGracePeriod } from './termination-grace-period';
import { rule as tolerations } from './tolerations';
import { rule as topologyKey } from './topology-key';
import { rule as topologySpread } from './topology-spread';
import { rule as trafficPolicy } from './traffic-policy';
import { rule as trafficDistribution } from './traffic-distribution';
import { rule as trafficDistributionDeprecated } from './traffic-distribution-deprecated';
import { rule as appArmorProfile } from './app-armor-profile';
import { rule as hostUsers } from './host-users';
import { rule as resizePolicy } from './resize-policy';
import { rule as imageVolume } from './image-volume';
import { rule as typeField } from './type-field';
import { rule as uncheckedPodTemplate } from './unchecked-pod-template';
import { rule as uniqueObjectNames } from './unique-object-names';
import { rule as unknownField } from './unknown-field';
import { rule as fieldVersion } from './field-version';
import { rule as unsafeSysctl } from './unsafe-sysctl';
import { rule as strictIp } from './strict-ip';
import { rule as externalIpsDeprecated } from './external-ips-deprecated';
import { rule as validation } from './validation';
import { rule as volumeClaimTemplates } from './volume-claim-templates';
import { rule as volumeRefs } from './volume-refs';
import { rule as volumeSources } from './volume-sources';
import { rule as volumes } from './volumes';

/** Who refuses, without us, what a rule catches, in the words of the README's rules table. */
export const RULE_SOURCES = {
  /** The API server refuses the object (`pkg/apis/*\/validation`, strict decoding). */
  'api-server': 'the API server refuses it',
  /** The API server's allocators refuse it (node ports). */
  'allocator': 'the API server\'s allocator refuses it',
  /**
   * An admission plugin refuses the object: the cluster's own (ServiceAccount, Priority,
   * PodSecurity by the namespace's labels), or the platform's (GKE Autopilot's policies,
   * OpenShift's SCC), when the app or the plugin names the platform (`Platform.applyTo`, the
   * `platform` setting).
   */
  'admission': 'an admission plugin refuses it (the cluster\'s, or the platform\'s when it is named)',
  /** The API server accepts it; the kubelet then cannot run it as written (pull, mount, probe, bind). */
  'kubelet': 'the API server accepts it, then the kubelet fails on it',
  /** The API server accepts it; a controller then cannot do its work (make the pods, route, scale, evict). */
  'controller': 'the API server accepts it, then a controller fails on it',
  /** The API server accepts it; the scheduler then places no pod. */
  'scheduler': 'the API server accepts it, then the scheduler places no pod',
  /** The cluster accepts it and then gets it wrong: our own rule. */
  'ours': 'the cluster accepts it, then gets it wrong (our rule)',
  /** Our constructs' own props: a type or shape only a JavaScript caller can get wrong, or a value cdk8s cannot write. */
  'props': 'JavaScript runs it with the wrong type, or cdk8s cannot write it (our constructs\' props)',
  /** Another construct's validation (`node.addValidation`): its message, as it is. */
  'other': 'another construct\'s own validation says so',
} as const;

/** Who refuses what a rule catches. */
export type RuleSource = keyof typeof RULE_SOURCES;

const ALL = [
  props,
  kind,
  objectName,
  namespace,
  labels,
  annotations,
  containers,
  containerImage,
  podTemplateImage,
  imageReference,
  containerPorts,
  env,
  unknownField,
  fieldVersion,
  quantities,
  resources,
  resizePolicy,
  volumes,
  emptyDirMedium,
  volumeSources,
  imageVolume,
  volumeRefs,
  envSources,
  configData,
  configChecksum,
  probes,
  restartPolicy,
  securityContext,
  appArmorProfile,
  lifecycle,
  containerRestartPolicy,
  initRestartPolicy,
  probePortName,
  podIdentity,
  imagePullSecrets,
  terminationGracePeriod,
  dns,
  hostAliases,
  strictIp,
  podSecurityContext,
  hostUsers,
  unsafeSysctl,
  tolerations,
  affinity,
  nodeAffinityNumber,
  topologySpread,
  topologyKey,
  replicas,
  controllerSelector,
  uncheckedPodTemplate,
  statefulsetName,
  serviceType,
  servicePorts,
  clusterIp,
  sessionAffinity,
  trafficPolicy,
  trafficDistribution,
  trafficDistributionDeprecated,
  loadBalancerFields,
  externalIps,
  externalIpsDeprecated,
  ipFamilies,
  externalName,
  nodePort,
  typeField,
  serviceSelectsAPod,
  targetPortIsExposed,
  portReference,
  noPortClashInPod,
  ingress,
  ingressBackend,
  networkPolicy,
  servicePortAllowed,
  profileIsolation,
  serviceBeforeItsPods,
  uniqueObjectNames,
  restrictedProfile,
  rollout,
  disruptionBudget,
  autoscaler,
  budgetAllowsDisruption,
  selectsAController,
  autoscaledReplicas,
  autoscalerRequests,
  volumeClaimTemplates,
  validation,
  capacity,
  imageDigest,
  podDefaults,
  onePlatform,
  platformAdmission,
  presetImage,
  routeBackendRef,
  routeParentRef,
  routeGatewayOutsideApp,
  listenerCertificate,
  routeHostnameOverlap,
  listenerFields,
  routeFilters,
  routeFields,
  routeBackendNetworkPolicy,
  subpathExprEnv,
  downwardApiContainer,
  budgetOverDaemonset,
  autoscalerCpuCeiling,
  serviceAccountExists,
  priorityClassExists,
  budgetAtAutoscalerFloor,
  namespacePodSecurity,
  namespacePodSecurityWarn,
  configKeyExists,
] as const;

/** The id of a rule. */
export type RuleId = (typeof ALL)[number]['id'];

/** A rule of the registry. */
export type RegisteredRule = Rule<RuleId, RuleSource, JudgeOptions>;

/** Every rule, in registry order. */
export const RULE_LIST: readonly RegisteredRule[] = ALL;

/** Every rule, by id. */
export const RULES: { readonly [Id in RuleId]: RegisteredRule } = Object.freeze(Object.fromEntries(ALL.map(r => [r.id, r]))) as { readonly [Id in RuleId]: RegisteredRule };

/** Whether `id` is the id of a rule of the registry. */
export function isRuleId(id: unknown): id is RuleId {
  return typeof id === 'string' && Object.prototype.hasOwnProperty.call(RULES, id);
}
