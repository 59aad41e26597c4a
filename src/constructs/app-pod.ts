import type { ApiObject } from 'cdk8s';
import { Lazy } from 'cdk8s';
import * as k8s from '../imports/k8s';
import type { IPlusNetworkPolicyPeer, IPlusPodSelector, PlusPodPeerConfig, PlusPodSelectorConfig } from '../values/foreign-shapes';
import { podLabelSelector } from '../values/foreign-shapes';
import { Construct } from 'constructs';
import type { RuleId } from '../core/rules';
import { ProblemCollector, ValidationError } from '../core/problems';
import { brand, definedOnly, hasBrand, isArray, isPlainObject } from '../core/util';
import { checkedAtSynth } from '../synth/app-checks';
import { CHECKSUM_ANNOTATION, configChecksum } from '../values/config-refs';
import type { ContainerPort, ContainerProps, ExposedPort } from '../values/container';
import { checkContainer, containerPorts, containerReads, DEFAULT_RESOURCES, Protocol, renderContainer } from '../values/container';
import type { PodRuntimeProps } from '../values/pod-runtime';
import { checkRuntimeProps, copyRuntimeProps, mergePodSecurityContext, renderRuntime } from '../values/pod-runtime';
import type { PodSchedulingProps } from '../values/scheduling';
import { checkSchedulingProps, copySchedulingProps, renderScheduling } from '../values/scheduling';
import { PortRef } from '../values/port-ref';
import { SecurityProfile } from '../values/security-profile';
import { helperLiveness, helperReadiness } from '../values/helper-containers';
import { Volume } from '../values/volume';
import { Workload, WorkloadKind } from '../values/workload';
import { renderController } from './controllers';
import { checkStringMap } from '../values/prop-types';
import { checkUnderChart } from './scope';
import type { IPodTarget } from './pod-target';
import { PodDefaults, withDefaults } from './pod-defaults';
import type { PodIsolationProps } from './pod-isolation';
import { PodIsolation } from './pod-isolation';
import { checkedScope } from './construct-args';
import { APP_POD_SHAPE } from './prop-shapes';

/** The default workload, shared: a Workload is immutable. */
const DEFAULT_WORKLOAD = Workload.pod();

/** The lists and maps every pod starts with (shared: the fields that hold them are replaced, never changed). */
const NO_PRESET_PROBLEMS: readonly PresetProblem[] = Object.freeze([]);
const NO_CONTAINERS: readonly ContainerProps[] = Object.freeze([]);
const NO_LABELS: { readonly [key: string]: string } = Object.freeze({});
const NAME_FIELDS = ['name', 'namespace'] as const;
const LIST_FIELDS = ['containers', 'initContainers', 'volumes'] as const;

/**
 * A problem a preset found in its own props, without the path (the pod's).
 * @internal
 */
export interface PresetProblem {
  readonly rule: RuleId;
  readonly field: string;
  readonly value: unknown;
  readonly allowed: string;
  readonly fix?: string;
}

/** The problems a preset found, by the props it passed to AppPod. */
const presetProblems = new WeakMap<object, readonly PresetProblem[]>();

/**
 * The props a preset passes to AppPod, with the problems it found in its own props before it
 * called `super`: the pod reports them with its own, in one error.
 * @internal
 */
export function withPresetProblems(props: AppPodProps, problems: readonly PresetProblem[]): AppPodProps {
  // (none, the usual case, needs no entry: a WeakMap entry per pod is work for the collector)
  if (problems.length > 0) presetProblems.set(props, problems);
  return props;
}

/** What the kubelet does when a container of the Pod exits. */
export enum RestartPolicy {
  ALWAYS = 'Always',
  ON_FAILURE = 'OnFailure',
  NEVER = 'Never',
}

/**
 * Props of {@link AppPod}: the pod's containers and metadata here, its identity and runtime
 * fields ({@link PodRuntimeProps}) and its scheduling ({@link PodSchedulingProps}) beside.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/
 */
export interface AppPodProps extends PodRuntimeProps, PodSchedulingProps {
  /**
   * `metadata.name` of the Pod (a DNS-1123 subdomain), or of its controller under a `workload`.
   * @default - a unique name cdk8s derives from the construct path
   */
  readonly name?: string;
  /**
   * Labels of the Pod. A Service that targets the pod selects exactly these.
   * @default - `{ app: <the pod's name> }`
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/
   */
  readonly labels?: { readonly [key: string]: string };
  /**
   * Annotations of the Pod (of its pod template under a `workload`).
   * @default - none
   */
  readonly annotations?: { readonly [key: string]: string };
  /**
   * Namespace of the Pod.
   * @default - its chart's namespace (`ChartProps.namespace`), if it has one; else none: the
   * namespace `kubectl` applies to
   */
  readonly namespace?: string;
  /**
   * The Pod's app containers. They share the Pod's IP (they reach each other on
   * `localhost`) and its volumes. More can be added with {@link AppPod.addContainer}.
   * A Pod needs at least one by synth.
   * @default - none
   */
  readonly containers?: readonly ContainerProps[];
  /**
   * Containers that run to completion, one after another, before the app containers start.
   * @default - none
   * @see https://kubernetes.io/docs/concepts/workloads/pods/init-containers/
   */
  readonly initContainers?: readonly ContainerProps[];
  /**
   * Volumes of the Pod beyond those the containers mount (mounted volumes are added
   * automatically).
   * @default - none
   */
  readonly volumes?: readonly Volume[];
  /**
   * What the kubelet does when a container exits.
   * @default RestartPolicy.ALWAYS (Kubernetes' default; not written to the manifest). Under a
   * controller only `ALWAYS` is allowed.
   */
  readonly restartPolicy?: RestartPolicy;
  /**
   * What runs the pods: a bare Pod, or a Deployment, StatefulSet or DaemonSet whose pod
   * template is this construct's Pod. Under a controller, `name` is the controller's name, the
   * pods get generated names, and the selector is exactly `labels`.
   * @default Workload.pod() - a bare Pod, as in the tutorial
   * @see https://kubernetes.io/docs/concepts/workloads/controllers/
   */
  readonly workload?: Workload;
  /**
   * How locked down the containers run. `SecurityProfile.RESTRICTED` meets the Pod Security
   * Standards "restricted" level (user 10000 unless the profile names one), and mounts no
   * ServiceAccount token unless the pod names a `serviceAccountName` or sets `automountServiceAccountToken`;
   * it also gives every container that requests CPU a CPU limit equal to the request, a liveness
   * probe to a `logSidecar()`, and isolates the pods with a NetworkPolicy (see
   * `RestrictedProfileOptions`: `cpuLimits`, `isolate`).
   * @default SecurityProfile.NONE - no security context: each image runs as it was built
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
   */
  readonly securityProfile?: SecurityProfile;
  /**
   * Roll the pods when the configuration they read changes: the pod template gets a
   * `checksum/config` annotation, the sha256 of the data of every ConfigMap and Secret the pod
   * reads (env, envFrom, volumes) that the app itself writes (a cdk8s-plus `ConfigMap` or
   * `Secret` in the app), computed at synth, so that data added later counts. A change of that
   * data changes the template, and the Deployment (StatefulSet, DaemonSet) rolls its pods,
   * which read the new data as they start (the Bitnami charts' `checksum/config` idea).
   *
   * References to objects the app does not write (`ConfigMapRef.named`, `SecretRef.named`,
   * `fromConfigMapName`) count for nothing: their data is not in the app. With none that the
   * app writes, no annotation is written. Only under a controller: a bare Pod whose annotation
   * changes keeps running with the configuration it started with.
   *
   * The sum of an app-written Secret's data is in the manifest: a short or guessable secret can
   * be found from it by trying candidates. Keep Secrets out of the app (`SecretRef.named`) anyway.
   * @default false - no annotation: pods keep the configuration they started with until they restart
   * @see https://kubernetes.io/docs/concepts/configuration/configmap/#mounted-configmaps-are-updated-automatically
   */
  readonly rollOnConfigChange?: boolean;
}

/**
 * A Pod of one or more containers. The general construct under {@link NginxPod} and
 * {@link FlaskPod}; use it directly for any other image. With `workload` it writes a
 * Deployment, StatefulSet or DaemonSet of that Pod instead.
 *
 * It writes a lean manifest (only what is set, plus small resource requests), and it
 * composes with cdk8s-plus: it is an `IPodSelector` and an `INetworkPolicyPeer`, and
 * `apiObject` is the underlying `KubePod` (or controller) for escape hatches.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/pods/
 */
export class AppPod extends Construct implements IPodTarget, IPlusPodSelector, IPlusNetworkPolicyPeer {
  /** Whether `x` is an AppPod (or a preset) of any copy of this package. */
  public static isAppPod(x: unknown): x is AppPod {
    return hasBrand(x, 'AppPod');
  }

  /** The underlying `KubePod`, or the controller (`KubeDeployment`, …) under a `workload`. */
  public readonly apiObject: ApiObject;
  /** `metadata.name` of the Pod, or of its controller under a `workload`. */
  public readonly name: string;
  /** What runs the pods. */
  public readonly workload: Workload;
  /** How locked down the containers run. */
  public readonly securityProfile: SecurityProfile;
  /** The headless Service of a StatefulSet (written before it); undefined for other workloads. */
  public readonly headlessService?: ApiObject;
  /** The PodDisruptionBudget of a controller's pods, when its workload asks for one. */
  public readonly disruptionBudget?: ApiObject;
  /** The HorizontalPodAutoscaler of a Deployment or StatefulSet, when its workload asks for one. */
  public readonly autoscaler?: ApiObject;

  private readonly labelMap: { readonly [key: string]: string };
  private appContainers: readonly ContainerProps[] = NO_CONTAINERS;
  private initContainerList: readonly ContainerProps[] = NO_CONTAINERS;
  private readonly extraVolumes: Volume[] = [];
  private readonly restartPolicy?: RestartPolicy;
  private readonly rollOnConfigChange: boolean;
  private readonly runtime: PodRuntimeProps;
  private readonly scheduling: PodSchedulingProps;
  /** The resources of containers that give none, from the scopes' PodDefaults. */
  private readonly defaultResources?: ContainerProps['resources'];
  /** Labels the scopes' PodDefaults add beside the pod's own (never selected on). */
  private readonly extraLabels: { readonly [key: string]: string } = NO_LABELS;
  /** The NetworkPolicy the security profile isolates the pods with, until one of the user's replaces it. */
  private profileIsolation?: PodIsolation;

  constructor(scope: Construct, id: string, ownProps: AppPodProps = {}) {
    super(checkedScope('AppPod', scope, id, ownProps, new.target === AppPod ? APP_POD_SHAPE : undefined, false), id);
    brand(this, 'AppPod');
    const problems = new ProblemCollector(this.node.path);
    for (const p of (isPlainObject(ownProps) ? presetProblems.get(ownProps) : undefined) ?? NO_PRESET_PROBLEMS) {
      problems.add(p.rule, p.field, p.value, p.allowed, p.fix);
    }
    // The defaults of the scopes above (PodDefaults): own props win, maps merge under them.
    const defaults = PodDefaults._read(this);
    if (!isPlainObject(ownProps)) {
      problems.add('props', 'props', ownProps, 'an object of AppPodProps');
      problems.throwIfAny();
    }
    const props: AppPodProps = withDefaults(ownProps, defaults);
    this.defaultResources = defaults.resources;
    this.workload = props.workload ?? DEFAULT_WORKLOAD;
    this.securityProfile = props.securityProfile ?? SecurityProfile.NONE;
    const workloadOk = Workload.isWorkload(this.workload);
    if (!workloadOk) problems.add('props', 'workload', props.workload, 'a Workload: Workload.pod(), .deployment(), .statefulSet() or .daemonSet()');
    if (!SecurityProfile.isSecurityProfile(this.securityProfile)) {
      problems.add('props', 'securityProfile', props.securityProfile, 'a SecurityProfile: SecurityProfile.NONE, SecurityProfile.AS_BUILT, SecurityProfile.RESTRICTED or SecurityProfile.restricted()');
    }
    // The values (the name, the namespace, the labels, the restart policy) are written as given
    // and judged at synth by the engine's rules; only what cannot be written is refused here.
    for (const key of NAME_FIELDS) {
      if (props[key] !== undefined && typeof props[key] !== 'string') problems.add('props', key, props[key], 'a string');
    }
    checkStringMap(problems, 'labels', props.labels, 'label keys to label values');
    checkStringMap(problems, 'annotations', props.annotations, 'annotation keys to string values');
    for (const list of LIST_FIELDS) {
      if (props[list] !== undefined && !Array.isArray(props[list])) problems.add('props', list, props[list], 'an array');
    }
    if (props.restartPolicy !== undefined && typeof props.restartPolicy !== 'string') {
      problems.add('props', 'restartPolicy', props.restartPolicy, `one of ${Object.values(RestartPolicy).join(', ')}`);
    }
    checkRollOnConfigChange(problems, props, workloadOk ? this.workload : undefined);
    this.rollOnConfigChange = props.rollOnConfigChange === true;
    this.restartPolicy = props.restartPolicy;
    checkRuntimeProps(problems, props);
    checkSchedulingProps(problems, props);

    // Every container, init container and volume, checked together with the rest.
    const containers = Array.isArray(props.containers) ? props.containers : [];
    const initContainers = Array.isArray(props.initContainers) ? props.initContainers : [];
    const volumes = isArray(props.volumes) ? props.volumes : [];
    const admitted = this.admitAll(problems, initContainers, containers, volumes);
    if (!checkUnderChart(problems, this)) problems.throwIfAny();

    // The objects are built even when something is wrong already: the checks of the names they
    // derive (a generated name comes from the chart) are reported with the rest, in one error.
    // On failure they are taken out of the tree again.
    const workload = workloadOk ? this.workload : DEFAULT_WORKLOAD;
    // (only the fields given, as definedOnly would leave them, without its copy)
    const metadata: { name?: string; namespace?: string } = {};
    if (props.name !== undefined) metadata.name = props.name;
    if (props.namespace !== undefined) metadata.namespace = props.namespace;
    const annotations = isPlainObject(props.annotations) ? { ...props.annotations } : undefined;
    const spec = Lazy.any(new PodSpecProducer(this)) as unknown as k8s.PodSpec;
    try {
      if (workload.kind === WorkloadKind.POD) {
        this.apiObject = new k8s.KubePod(this, 'Resource', { metadata: annotations === undefined ? metadata : { ...metadata, annotations }, spec });
      } else {
        // The controller's name is known only once it exists, and the default labels derive from it.
        const template = Lazy.any({
          produce: () => ({ metadata: definedOnly({ labels: this.podLabels, annotations: this.templateAnnotations(annotations) }), spec }),
        }) as unknown as k8s.PodTemplateSpec;
        const selector = Lazy.any({ produce: () => ({ matchLabels: this.labels }) }) as unknown as k8s.LabelSelector;
        const rendered = renderController(this, workload.kind, workload, metadata, selector, template, {
          selectorLabels: () => this.selectorLabels, exposedPorts: () => this.exposedPorts,
          claimTemplates: () => this.volumes().filter(v => v.isClaimTemplate),
        });
        this.apiObject = rendered.controller;
        this.headlessService = rendered.headlessService;
        this.disruptionBudget = rendered.disruptionBudget;
        this.autoscaler = rendered.autoscaler;
      }
    } catch (err) {
      // (e.g. no Chart above the construct): our problems, if any, say more
      if (problems.any) this.failWith(problems);
      throw err;
    }
    this.name = this.apiObject.name;
    this.labelMap = isPlainObject(props.labels) ? { ...props.labels } : { app: this.name };
    if (this.securityProfile.isolatesPods === true && isPlainObject(props.labels) && Object.keys(props.labels).length === 0) {
      // (a controller with no labels is refused at synth too: rule controller-selector)
      problems.add('profile-isolation', 'labels', {}, 'at least one label: the security profile isolates the pod with a NetworkPolicy that selects its labels, and an empty selector isolates every pod of the namespace',
        'give the pod a label, leave labels out for { app: <name> }, or use SecurityProfile.restricted({ isolate: false })');
    }
    if (problems.any) this.failWith(problems);
    if (defaults.labels !== undefined) this.extraLabels = Object.fromEntries(Object.entries(defaults.labels).filter(([key]) => !(key in this.labelMap)));
    // (podLabels, without its copy: the defaults' labels, none of the pod's own keys, then its own)
    for (const labels of [this.extraLabels, this.labelMap]) {
      for (const key of Object.keys(labels)) this.apiObject.metadata.addLabel(key, labels[key]);
    }

    this.initContainerList = admitted.initContainers;
    this.appContainers = admitted.containers;
    this.extraVolumes.push(...volumes);
    // RESTRICTED: no ServiceAccount token unless the pod runs as a ServiceAccount of its own or asks
    const restricted = this.securityProfile.isRestricted === true;
    this.runtime = copyRuntimeProps(restricted && props.automountServiceAccountToken === undefined && props.serviceAccountName === undefined
      ? { ...props, automountServiceAccountToken: false } : props);
    this.scheduling = copySchedulingProps(props);
    checkedAtSynth(this.apiObject, this.securityProfile.isRestricted ? { podSecurity: 'restricted' } : undefined);
    // Isolated from the start (fail closed): isolate() or a PodIsolation of the user's replaces it.
    if (this.securityProfile.isolatesPods) this.profileIsolation = new PodIsolation(this, 'Isolation', { target: this });
  }

  /** The pod template's annotations: the user's, and the checksum of the configuration under `rollOnConfigChange`. */
  private templateAnnotations(annotations: { [key: string]: string } | undefined): { [key: string]: string } | undefined {
    if (!this.rollOnConfigChange) return annotations;
    const reads = [...this.initContainerList, ...this.appContainers].flatMap(containerReads)
      .concat(this.extraVolumes.flatMap(v => typeof v._reads === 'function' ? v._reads() : []));
    const checksum = configChecksum(reads);
    return checksum === undefined ? annotations : { ...annotations, [CHECKSUM_ANNOTATION]: checksum };
  }

  /** Takes the objects built so far out of the tree, and throws every problem found. */
  private failWith(problems: ProblemCollector): never {
    for (const child of [...this.node.children]) this.node.tryRemoveChild(child.node.id);
    throw new ValidationError(problems.problems);
  }

  /** The Pod's labels (a copy). */
  public get labels(): { [key: string]: string } {
    return { ...this.labelMap };
  }

  /** The labels written on the pods: their own, and those the scopes' {@link PodDefaults} add (a copy). */
  public get podLabels(): { [key: string]: string } {
    return { ...this.extraLabels, ...this.labelMap };
  }

  /** @see IPodTarget.selectorLabels */
  public get selectorLabels(): { [key: string]: string } {
    return this.labels;
  }

  /** The app containers, in order (copies of their props). */
  public get containers(): readonly ContainerProps[] {
    return this.appContainers.map(c => ({ ...c }));
  }

  /** The init containers, in the order they run (copies of their props). */
  public get initContainers(): readonly ContainerProps[] {
    return this.initContainerList.map(c => ({ ...c }));
  }

  /** @see IPodTarget.exposedPorts */
  public get exposedPorts(): readonly ExposedPort[] {
    // (a loop rather than flatMap: no list of lists between)
    const exposed: ExposedPort[] = [];
    for (const c of this.appContainers) {
      for (const p of containerPorts(c)) exposed.push({ container: c.name, number: p.number, name: p.name, protocol: p.protocol ?? Protocol.TCP });
    }
    return exposed;
  }

  /** The first port of the first container that has one: a Service's default `targetPort`. */
  public get port(): number | undefined {
    return this.exposedPorts[0]?.number;
  }

  /**
   * A handle to one of the pod's container ports, by name or number, or by the `ContainerPort`
   * object a container declared, that a Service's `targetPort`, a {@link PodIsolation} rule and
   * an Ingress backend take (see {@link PortRef}). Fails when no container declares the port.
   */
  public portRef(port: string | number | ContainerPort, protocol?: Protocol): PortRef {
    return PortRef.of(this, port, protocol);
  }

  /**
   * Isolates the pods with a NetworkPolicy (a {@link PodIsolation} child named `Isolation`):
   * only the ports their Services target get in, only DNS gets out, unless `options` say more.
   * Under a profile that isolates the pods (`SecurityProfile.RESTRICTED`), this replaces the
   * profile's policy (same child, same name); if it fails, the profile's stays. On a cluster
   * with NodeLocal DNSCache (GKE Autopilot), DNS may need `allowEgressTo` the cache's address:
   * see {@link PodIsolation}.
   */
  public isolate(options: Omit<PodIsolationProps, 'target'> = {}): PodIsolation {
    const existing = this.node.tryFindChild('Isolation');
    if (existing !== undefined && existing !== this.profileIsolation) {
      const problems = new ProblemCollector(this.node.path);
      problems.add('props', 'isolate()', 'Isolation', 'one isolation per pod construct: it is isolated already', 'give the first isolate() call every option, or add a PodIsolation of your own');
      problems.throwIfAny();
    }
    const fallback = this.profileIsolation;
    if (fallback !== undefined) {
      this.node.tryRemoveChild(fallback.node.id);
      this.profileIsolation = undefined;
    }
    try {
      return new PodIsolation(this, 'Isolation', { ...options, target: this });
    } catch (err) {
      // (the half-built policy out of the tree: isolate() may be called again)
      this.node.tryRemoveChild('Isolation');
      if (fallback !== undefined) this.profileIsolation = new PodIsolation(this, 'Isolation', { target: this });
      throw err;
    }
  }

  /**
   * A PodIsolation of these pods was made: it replaces the profile's (NetworkPolicies add up,
   * and the profile's would let every source in on the Services' ports beside it).
   * @internal
   */
  public _isolatedBy(isolation: PodIsolation): void {
    if (this.profileIsolation === undefined || isolation === this.profileIsolation) return;
    this.node.tryRemoveChild(this.profileIsolation.node.id);
    this.profileIsolation = undefined;
  }

  /**
   * Adds an app container. Its name must be unique in the Pod, and no other container
   * may listen on the same port and protocol (they share the Pod's network namespace).
   */
  public addContainer(container: ContainerProps): void {
    const problems = new ProblemCollector(this.node.path);
    const admitted = this.admitAll(problems, [], [container], []);
    problems.throwIfAny();
    this.appContainers = [...this.appContainers, ...admitted.containers];
  }

  /** Adds an init container: it runs to completion before the app containers start. */
  public addInitContainer(container: ContainerProps): void {
    const problems = new ProblemCollector(this.node.path);
    const admitted = this.admitAll(problems, [container], [], []);
    problems.throwIfAny();
    this.initContainerList = [...this.initContainerList, ...admitted.initContainers];
  }

  /** Adds a volume the containers do not mount (mounted ones are added automatically). */
  public addVolume(volume: Volume): void {
    const problems = new ProblemCollector(this.node.path);
    this.admitAll(problems, [], [], [volume]);
    problems.throwIfAny();
    this.extraVolumes.push(volume);
  }

  /** @see kplus.IPodSelector.toPodSelectorConfig */
  public toPodSelectorConfig(): PlusPodSelectorConfig {
    return {
      labelSelector: podLabelSelector(this.selectorLabels),
      namespaces: this.apiObject.metadata.namespace ? { names: [this.apiObject.metadata.namespace] } : undefined,
    };
  }

  /** @see kplus.INetworkPolicyPeer.toNetworkPolicyPeerConfig */
  public toNetworkPolicyPeerConfig(): PlusPodPeerConfig {
    return { podSelector: this.toPodSelectorConfig() };
  }

  /** @see kplus.INetworkPolicyPeer.toPodSelector */
  public toPodSelector(): IPlusPodSelector {
    return this;
  }

  /**
   * The Pod spec, as the Kubernetes API spells it.
   * @internal
   */
  public _renderPodSpec(): k8s.PodSpec {
    // (a StatefulSet's claim templates are written to its volumeClaimTemplates instead)
    const volumes = this.volumes().filter(v => !v.isClaimTemplate);
    return definedOnly({
      restartPolicy: this.restartPolicy,
      ...renderRuntime(this.runtime),
      ...this.renderSchedulingWithSpread(),
      securityContext: mergePodSecurityContext(this.securityProfile._podSecurityContext(), this.runtime.podSecurity),
      initContainers: this.initContainerList.length > 0 ? this.initContainerList.map(c => this.render(c, c.restartPolicy === undefined)) : undefined,
      containers: this.appContainers.map(c => this.render(c, false)),
      volumes: volumes.length > 0 ? volumes.map(v => v._toKube()) : undefined,
    });
  }

  /**
   * The pod's scheduling; for a replicated Deployment (`Workload.spreadsReplicas`) whose pods
   * set no anti-affinity of their own, with a preferred anti-affinity against its own pods by
   * node: the replicas go to different nodes where there are nodes enough.
   */
  private renderSchedulingWithSpread(): Partial<k8s.PodSpec> {
    const scheduling = renderScheduling(this.scheduling, this.labelMap);
    if (!(Workload.isWorkload(this.workload) && this.workload.spreadsReplicas === true) || scheduling.affinity?.podAntiAffinity !== undefined) return scheduling;
    const spread: k8s.WeightedPodAffinityTerm = {
      weight: 100,
      podAffinityTerm: { labelSelector: { matchLabels: this.selectorLabels }, topologyKey: 'kubernetes.io/hostname' },
    };
    return { ...scheduling, affinity: { ...scheduling.affinity, podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [spread] } } };
  }

  /**
   * A container as the profile renders it.
   * @param runsToCompletion whether it is a regular init container (no probes: the API server refuses them)
   */
  private render(c: ContainerProps, runsToCompletion: boolean): k8s.Container {
    // RESTRICTED asks for probes on long-running helpers: a logSidecar() gets its liveness and readiness probes
    const helperProbes = this.securityProfile.isRestricted && !runsToCompletion;
    return renderContainer({
      ...c,
      liveness: c.liveness ?? (helperProbes ? helperLiveness(c) : undefined),
      readiness: c.readiness ?? (helperProbes ? helperReadiness(c) : undefined),
      resources: this.securityProfile._containerResources(c.resources ?? this.defaultResources ?? DEFAULT_RESOURCES),
      securityContext: this.securityProfile._containerSecurityContext(c.securityContext),
    });
  }

  /** Every volume of the Pod: mounted ones first, in mount order, then the extra ones. */
  private volumes(): Volume[] {
    const seen = new Set<Volume>();
    for (const c of [...this.initContainerList, ...this.appContainers]) {
      for (const m of c.mounts ?? []) seen.add(m.volume);
    }
    for (const v of this.extraVolumes) seen.add(v);
    return [...seen];
  }

  /**
   * Checks that new containers, init containers and volumes can be rendered, into `problems`
   * (their values, and the rules across them, e.g. unique names and one port per pod, are
   * judged at synth over the written pod).
   * @returns copies of the containers, to keep
   */
  private admitAll(problems: ProblemCollector, initContainers: readonly ContainerProps[], containers: readonly ContainerProps[],
    volumes: readonly Volume[]): { initContainers: ContainerProps[]; containers: ContainerProps[] } {
    const admit = (list: readonly ContainerProps[], init: boolean, offset: number) => list.map((c, i) => {
      const field = `${init ? 'initContainers' : 'containers'}[${offset + i}]`;
      if (!checkContainer(problems, field, c)) return c;
      if (SecurityProfile.isSecurityProfile(this.securityProfile) && this.securityProfile.requiresDigest
        && !/@sha256:[0-9a-f]{64}$/.test(c.image)) {
        problems.add('image-digest', `${field}.image`, c.image,
          'an image pinned by digest (image@sha256:<64 hex digits>) under a profile with requireDigest: a tag can be moved to other content, a digest cannot',
          'append the digest of the image you tested (`docker buildx imagetools inspect <image>` prints it), or drop requireDigest');
      }
      return { ...c };
    });
    const admittedInit = admit(initContainers, true, this.initContainerList.length);
    const admittedApp = admit(containers, false, this.appContainers.length);
    volumes.forEach((v, i) => {
      if (!Volume.isVolume(v)) problems.add('props', `volumes[${i}]`, v, 'a Volume (Volume.emptyDir(), .configMap(), .secret(), .persistentVolumeClaim(), .downwardApi() or .projected())');
    });
    return { initContainers: admittedInit, containers: admittedApp };
  }
}

/**
 * Renders a Pod's spec at synth. An object rather than a closure: a closure retains its
 * constructor's scope (two contexts per pod).
 */
class PodSpecProducer {
  constructor(private readonly pod: AppPod) {}

  public produce(): k8s.PodSpec {
    return this.pod._renderPodSpec();
  }
}

function checkRollOnConfigChange(problems: ProblemCollector, props: AppPodProps, workload: Workload | undefined): void {
  const roll = props.rollOnConfigChange;
  if (roll === undefined) return;
  if (typeof roll !== 'boolean') {
    problems.add('props', 'rollOnConfigChange', roll, 'true or false');
    return;
  }
  if (!roll) return;
  if (workload?.kind === WorkloadKind.POD) {
    problems.add('config-checksum', 'rollOnConfigChange', roll,
      'false under Workload.pod(): a bare Pod whose annotation changes is updated in place and keeps the configuration it started with',
      'run the pod under a controller (e.g. Workload.deployment()), or drop rollOnConfigChange');
  }
  if (isPlainObject(props.annotations) && props.annotations[CHECKSUM_ANNOTATION] !== undefined) {
    problems.add('config-checksum', `annotations.${CHECKSUM_ANNOTATION}`, props.annotations[CHECKSUM_ANNOTATION],
      `no ${CHECKSUM_ANNOTATION} annotation beside rollOnConfigChange, which writes it`, 'drop one of them');
  }
}
