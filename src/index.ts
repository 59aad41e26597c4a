// The package's root: the constructs and the values a user writes in an app, its errors and the
// synth helpers, by name. The engine and the tools around it have entry points of their own
// (package.json "exports"): `cdk8s-pods-services/check` (checkManifests, validateApp, judge),
// `/rules` (the rule catalogue), `/plugin` (the cdk8s validation plugin), `/topology` (the
// pictures). test/unit/public-api.test.ts counts the names exported here.
export { ValidationError, formatProblem } from './core/problems';
export type { Problem } from './core/problems';
export type { Severity } from './core/rule';
export type { SkipRules } from './core/settings';
export { DEFAULT_NODE_PORT_RANGE, PLATFORM_NAMES } from './core/settings';
export type { NodePortRange, PlatformName } from './core/settings';
export { KUBERNETES_VERSIONS, DEFAULT_KUBERNETES_VERSION } from './core/versions';
export type { KubernetesVersion } from './core/versions';
export { Volume, EmptyDirMedium, AccessMode, MountPropagation, VolumeFieldPath, DownwardApiFile, VolumeProjection } from './values/volume';
export type {
  EmptyDirOptions, VolumeMount, ClaimTemplateOptions, VolumeItem, KeyVolumeOptions, ClaimVolumeOptions, DownwardApiVolumeOptions, ProjectedVolumeOptions,
  DownwardApiFileOptions, DownwardApiResourceOptions, KeyProjectionOptions, TokenProjectionOptions, ImageVolumeOptions,
} from './values/volume';
export { EnvValue, EnvFrom, EnvFieldPath, ResourceFieldPath } from './values/env';
export type { KeyRefOptions, ResourceRefOptions, EnvFromOptions } from './values/env';
export { ConfigMapRef, SecretRef, CHECKSUM_ANNOTATION } from './values/config-refs';
export type { ConfigMapSource, SecretSource, ConfigKind } from './values/config-refs';
export { Probe, HttpScheme } from './values/probe';
export type { ProbeOptions, PortProbeOptions, HttpProbeOptions, GrpcProbeOptions } from './values/probe';
export { Hook } from './values/lifecycle';
export type { HttpHookOptions } from './values/lifecycle';
export { DnsPolicy, FsGroupChangePolicy } from './values/pod-runtime';
export type { PodRuntimeProps, HostAlias, DnsConfig, DnsOption, Sysctl, PodSecurityOptions } from './values/pod-runtime';
export { Placement, TolerationOperator, TaintEffect, LabelOperator, NodeOperator, WhenUnsatisfiable } from './values/scheduling';
export type { PodSchedulingProps, Toleration, LabelExpression, PodLabelSelector, NodeRequirement, PlacementOptions, PodPlacementOptions, PlacementPods, TopologySpread } from './values/scheduling';
export { Protocol, ImagePullPolicy, ContainerRestartPolicy, DEFAULT_RESOURCES, ResizeResource, ResizeRestartPolicy } from './values/container';
export { PortRef } from './values/port-ref';
export type { ContainerPort, ResourceQuantities, ContainerResources, ContainerProps, ExposedPort, ContainerResizePolicy } from './values/container';
export { AppArmorProfile } from './values/app-armor-profile';
export { SecurityProfile, DEFAULT_NON_ROOT_USER, RESTRICTED_EPHEMERAL_STORAGE } from './values/security-profile';
export type { RestrictedProfileOptions } from './values/security-profile';
export { Workload, WorkloadKind } from './values/workload';
export type { ControllerOptions, DeploymentOptions, StatefulSetOptions, DaemonSetOptions } from './values/workload';
export { DeploymentStrategy, StatefulSetUpdateStrategy, DaemonSetUpdateStrategy, PodManagementPolicy } from './values/rollout';
export type { IntOrPercent, RollingUpdateOptions, StatefulSetRollingUpdateOptions, DaemonSetRollingUpdateOptions } from './values/rollout';
export { DisruptionBudget } from './values/disruption-budget';
export { Autoscaling, ScalingMetric, ScalingResource, ScalingPolicy, ScalingPolicySelect } from './values/autoscaling';
export type { AutoscalingOptions, ScalingRules } from './values/autoscaling';
export { logSidecar, logFilesLiveness, logDirReadiness, writeFilesInit, HELPER_IMAGE, HELPER_RESOURCES, HELPER_SECURITY_CONTEXT } from './values/helper-containers';
export type { LogSidecarProps, WriteFilesInitProps } from './values/helper-containers';
export type { IPodTarget } from './constructs/pod-target';
export { AppPod, RestartPolicy } from './constructs/app-pod';
export type { AppPodProps } from './constructs/app-pod';
export type { PresetPodProps } from './constructs/preset-pod';
export { PodDefaults } from './constructs/pod-defaults';
export type { PodDefaultsProps } from './constructs/pod-defaults';
export { ClusterCapacity } from './constructs/cluster-capacity';
export { Platform, LOCAL_CAPACITY, AUTOPILOT_RESOURCES } from './constructs/platform';
export type { PlatformApplyOptions } from './constructs/platform';
export type { CapacityBudget } from './core/checks/capacity-checks';
export { NginxPod, NGINX_DRAIN_SECONDS } from './constructs/nginx-pod';
export type { NginxPodProps, NginxLogSidecarOptions } from './constructs/nginx-pod';
export { FlaskPod } from './constructs/flask-pod';
export type { FlaskPodProps } from './constructs/flask-pod';
export { ExposedService, ServiceType } from './constructs/exposed-service';
export { SessionAffinity, ExternalTrafficPolicy, InternalTrafficPolicy, IpFamily, IpFamilyPolicy, TrafficDistribution, CLUSTER_IP_NONE, MAX_AFFINITY_SECONDS } from './values/service-spec';
export type {
  ExposedServiceProps, AnyServiceProps, ClusterIPServiceProps, NodePortServiceProps, LoadBalancerServiceProps, ExternalNameServiceProps,
  ServicePortProps, ServicePortWithoutNodePortProps,
} from './constructs/exposed-service';
export type { IExposedService, ResolvedServicePort } from './constructs/service-backend';
export { ExposedIngress, PathType } from './constructs/exposed-ingress';
export type { ExposedIngressProps, IngressPathProps, ResolvedIngressPath } from './constructs/exposed-ingress';
export { Gateway, ListenerProtocol, RouteKind, RouteNamespaces, TlsMode } from './constructs/gateway';
export type { GatewayListenerProps, GatewayProps, ResolvedListener } from './constructs/gateway';
export { ExposedRoute, RoutePathType } from './constructs/exposed-route';
export type { ExposedRouteProps, ExposeViaRouteOptions, ResolvedRouteBackend, RouteBackendProps, RouteMatchProps, RouteParentProps, RouteRuleProps, RouteTimeouts } from './constructs/exposed-route';
export { RouteFilter } from './values/route-filter';
export type { HeaderChanges, PathChange, RedirectOptions, RewriteOptions } from './values/route-filter';
export { PodIsolation, NAMESPACE_NAME_LABEL, DNS_NAMESPACE, DNS_POD_LABELS } from './constructs/pod-isolation';
export type { PodIsolationProps } from './constructs/pod-isolation';
export { NODE_PORT_RANGE_CONTEXT, SKIP_RULES_CONTEXT, WARNINGS_AS_ERRORS_CONTEXT, CAPACITY_CONTEXT, PLATFORM_CONTEXT, KUBERNETES_VERSION_CONTEXT, validateApp } from './synth/app-checks';
export { setWarningSink } from './synth/warnings';
export type { WarningSink } from './synth/warnings';
export { synthAtomically, runSynth, summaryLine } from './synth/atomic';
export type { SynthSummary } from './synth/atomic';
