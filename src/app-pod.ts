import { ApiObject, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { checkContainer, checkContainerShape, ContainerProps, containerPorts, ExposedPort, Protocol, renderContainer } from './container';
import { Problem, ProblemCollector } from './errors';
import { definedOnly } from './util';
import { IPodTarget } from './pod-target';
import { SecurityProfile } from './security-profile';
import { addProblemValidation, factsChanged, registerFacts } from './validation/app-checks';
import { checkLabels } from './validation/label-checks';
import { PodFacts } from './validation/model';
import * as rules from './validation/rules';
import { Volume } from './volume';
import { Workload, WorkloadKind } from './workload';

const k8s = kplus.k8s;
/** The default workload, shared: a Workload is immutable. */
const DEFAULT_WORKLOAD = Workload.pod();

/** What the kubelet does when a container of the Pod exits. */
export enum RestartPolicy {
  ALWAYS = 'Always',
  ON_FAILURE = 'OnFailure',
  NEVER = 'Never',
}

/**
 * Props of {@link AppPod}.
 * @see https://kubernetes.io/docs/concepts/workloads/pods/
 */
export interface AppPodProps {
  /**
   * `metadata.name` of the Pod (a DNS-1123 subdomain).
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
   * Annotations of the Pod.
   * @default - none
   */
  readonly annotations?: { readonly [key: string]: string };
  /**
   * Namespace of the Pod.
   * @default - none: the namespace `kubectl` applies to
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
   * Standards "restricted" level (user 1000 unless the profile names one).
   * @default SecurityProfile.NONE - no security context: each image runs as it was built
   * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
   */
  readonly securityProfile?: SecurityProfile;
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
export class AppPod extends Construct implements IPodTarget, kplus.IPodSelector, kplus.INetworkPolicyPeer {
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

  private readonly labelMap: { readonly [key: string]: string };
  // Replaced (concat: an exact-size copy), not pushed to, when a container is added: an array
  // grown by push or spread keeps room for 16 more elements, retained per pod.
  private appContainers: readonly ContainerProps[] = [];
  private initContainerList: readonly ContainerProps[] = [];
  private readonly extraVolumes: Volume[] = [];
  private readonly restartPolicy?: RestartPolicy;
  /** `exposedPorts`, computed once per set of containers: every Service of the pod reads it. */
  private exposedPortsCache?: readonly ExposedPort[];

  constructor(scope: Construct, id: string, props: AppPodProps = {}) {
    super(scope, id);
    const problems = new ProblemCollector(this);
    if (props === null || typeof props !== 'object') {
      problems.add('props', props, 'an object of AppPodProps');
      problems.throwIfAny();
    }
    if (props.name !== undefined) problems.check('name', props.name, rules.dns1123Subdomain(props.name));
    if (props.namespace !== undefined) problems.check('namespace', props.namespace, rules.dns1123Label(props.namespace));
    checkLabels(problems, 'labels', props.labels);
    checkAnnotations(problems, props.annotations);
    for (const list of ['containers', 'initContainers', 'volumes'] as const) {
      if (props[list] !== undefined && !Array.isArray(props[list])) problems.add(list, props[list], 'an array');
    }
    if (props.restartPolicy !== undefined && !(Object.values(RestartPolicy) as unknown[]).includes(props.restartPolicy)) {
      problems.add('restartPolicy', props.restartPolicy, `one of ${Object.values(RestartPolicy).join(', ')}`);
    }
    this.workload = props.workload ?? DEFAULT_WORKLOAD;
    this.securityProfile = props.securityProfile ?? SecurityProfile.NONE;
    if (!(this.securityProfile instanceof SecurityProfile)) {
      problems.add('securityProfile', props.securityProfile, 'a SecurityProfile: SecurityProfile.NONE, SecurityProfile.RESTRICTED or SecurityProfile.restricted()');
      problems.throwIfAny();
    }
    checkWorkload(problems, this.workload, props.restartPolicy, props.labels);
    for (const [field, value, allowed] of this.securityProfile._optionProblems()) problems.add(`securityProfile.${field}`, value, allowed);
    problems.throwIfAny();

    this.restartPolicy = props.restartPolicy;
    const metadata = definedOnly({ name: props.name, namespace: props.namespace });
    const annotations = props.annotations ? { ...props.annotations } : undefined;
    const spec = Lazy.any(new PodSpecProducer(this)) as unknown as kplus.k8s.PodSpec;
    if (this.workload.kind === WorkloadKind.POD) {
      this.apiObject = new k8s.KubePod(this, 'Resource', { metadata: definedOnly({ ...metadata, annotations }), spec });
      this.name = this.apiObject.name;
      this.labelMap = { ...(props.labels ?? { app: this.name }) };
    } else {
      // The controller's name is known only once it exists, and the default labels derive from it.
      const template = (): kplus.k8s.PodTemplateSpec => ({ metadata: definedOnly({ labels: this.labels, annotations }), spec });
      const selector = Lazy.any({ produce: () => ({ matchLabels: this.labels }) }) as unknown as kplus.k8s.LabelSelector;
      const lazyTemplate = Lazy.any({ produce: template }) as unknown as kplus.k8s.PodTemplateSpec;
      const rendered = this.workload._render(this, metadata, selector, lazyTemplate, {
        selectorLabels: () => this.selectorLabels, exposedPorts: () => this.exposedPorts,
      });
      this.apiObject = rendered.controller;
      this.name = this.apiObject.name;
      this.labelMap = { ...(props.labels ?? { app: this.name }) };
      this.headlessService = rendered.headlessService;
    }
    if (props.labels === undefined && rules.labelValue(this.name) !== undefined) {
      const defaults = new ProblemCollector(this);
      defaults.add('labels', { app: this.name }, 'the default labels { app: <name> } with a valid label value: the name is longer than 63 characters',
        'give `labels`, or a name of at most 63 characters');
      defaults.throwIfAny();
    }
    for (const [key, value] of Object.entries(this.labelMap)) this.apiObject.metadata.addLabel(key, value);

    (props.containers ?? []).forEach(c => this.addContainer(c));
    (props.initContainers ?? []).forEach(c => this.addInitContainer(c));
    (props.volumes ?? []).forEach(v => this.addVolume(v));

    registerFacts(this.apiObject, this);
    // Containers are only ever added, and without a restricted profile no container can
    // break it: a Pod that has a container now and no profile can never fail _problems().
    if (this.appContainers.length === 0 || this.securityProfile.isRestricted) addProblemValidation(this, this);
  }

  /**
   * Its labels, containers and name change only through methods that say so.
   * @internal
   */
  public get _factsTracked(): boolean {
    return true;
  }

  /** @internal */
  public _facts(index: number): { pod: PodFacts } {
    return { pod: this._podFacts(index) };
  }

  /**
   * The Pod's own synth-time problems: no container, or a container that breaks the
   * security profile.
   * @internal
   */
  public _problems(): Problem[] {
    const violations = this.securityProfile.isRestricted ? this.securityViolations() : [];
    if (this.appContainers.length > 0) return violations;
    return [{
      path: this.node.path, field: 'containers', value: [], allowed: 'a Pod needs at least one container',
      fix: 'pass `containers` or call addContainer()',
    }, ...violations];
  }

  /** The Pod's labels (a copy). */
  public get labels(): { [key: string]: string } {
    return { ...this.labelMap };
  }

  /** @see IPodTarget.selectorLabels */
  public get selectorLabels(): { [key: string]: string } {
    return this.labels;
  }

  /** The app containers, in order (copies of their props). */
  public get containers(): readonly ContainerProps[] {
    return [...this.appContainers];
  }

  /** The init containers, in the order they run. */
  public get initContainers(): readonly ContainerProps[] {
    return [...this.initContainerList];
  }

  /** @see IPodTarget.exposedPorts */
  public get exposedPorts(): readonly ExposedPort[] {
    // slice: an exact-size copy of what flatMap grew (it keeps room for 16 more).
    this.exposedPortsCache ??= this.appContainers.flatMap(c => containerPorts(c).map(p => Object.freeze({
      container: c.name, number: p.number, name: p.name, protocol: p.protocol ?? Protocol.TCP,
    }))).slice();
    return [...this.exposedPortsCache];
  }

  /** The first port of the first container that has one: a Service's default `targetPort`. */
  public get port(): number | undefined {
    return this.exposedPorts[0]?.number;
  }

  /**
   * Adds an app container. Its name must be unique in the Pod, and no other container
   * may listen on the same port and protocol (they share the Pod's network namespace).
   */
  public addContainer(container: ContainerProps): void {
    this.admit(container, false);
    this.appContainers = this.appContainers.concat([{ ...container }]);
    this.exposedPortsCache = undefined;
    factsChanged();
  }

  /** Adds an init container: it runs to completion before the app containers start. */
  public addInitContainer(container: ContainerProps): void {
    this.admit(container, true);
    this.initContainerList = this.initContainerList.concat([{ ...container }]);
    factsChanged();
  }

  /** Adds a volume the containers do not mount (mounted ones are added automatically). */
  public addVolume(volume: Volume): void {
    const problems = new ProblemCollector(this);
    if (!(volume instanceof Volume)) {
      problems.add('volumes[]', volume, 'a Volume (Volume.emptyDir() or Volume.configMap())');
      problems.throwIfAny();
    }
    problems.check('volumes[].name', volume.name, rules.dns1123Label(volume.name));
    if (this.volumes().some(v => v.name === volume.name && v !== volume)) {
      problems.add('volumes[].name', volume.name, 'a name no other volume of the Pod has');
    }
    problems.throwIfAny();
    this.extraVolumes.push(volume);
    factsChanged();
  }

  /** @see kplus.IPodSelector.toPodSelectorConfig */
  public toPodSelectorConfig(): kplus.PodSelectorConfig {
    return {
      labelSelector: kplus.LabelSelector.of({ labels: this.selectorLabels }),
      namespaces: this.apiObject.metadata.namespace ? { names: [this.apiObject.metadata.namespace] } : undefined,
    };
  }

  /** @see kplus.INetworkPolicyPeer.toNetworkPolicyPeerConfig */
  public toNetworkPolicyPeerConfig(): kplus.NetworkPolicyPeerConfig {
    return { podSelector: this.toPodSelectorConfig() };
  }

  /** @see kplus.INetworkPolicyPeer.toPodSelector */
  public toPodSelector(): kplus.IPodSelector {
    return this;
  }

  /**
   * What the cross-object checks need to know about the pods this construct creates.
   * @internal
   */
  public _podFacts(index: number): PodFacts {
    return {
      path: this.node.path,
      kind: this.apiObject.kind,
      name: this.name,
      namespace: this.apiObject.metadata.namespace,
      labels: this.selectorLabels,
      containers: this.appContainers.map(c => ({
        name: c.name,
        ports: containerPorts(c).map(p => ({ number: p.number, name: p.name, protocol: p.protocol ?? Protocol.TCP })),
      })),
      index,
    };
  }

  /**
   * The Pod spec, as the Kubernetes API spells it.
   * @internal
   */
  public _renderPodSpec(): kplus.k8s.PodSpec {
    const volumes = this.volumes();
    return definedOnly({
      restartPolicy: this.restartPolicy,
      securityContext: this.securityProfile._podSecurityContext(),
      initContainers: this.initContainerList.length > 0 ? this.initContainerList.map(c => this.render(c)) : undefined,
      containers: this.appContainers.map(c => this.render(c)),
      volumes: volumes.length > 0 ? volumes.map(v => v._toKube()) : undefined,
    });
  }

  private render(c: ContainerProps): kplus.k8s.Container {
    return renderContainer({ ...c, securityContext: this.securityProfile._containerSecurityContext(c.securityContext) });
  }

  private securityViolations(): Problem[] {
    const lists: Array<[string, readonly ContainerProps[]]> = [['initContainers', this.initContainerList], ['containers', this.appContainers]];
    return lists.flatMap(([list, containers]) => containers.flatMap((c, i) =>
      this.securityProfile._violations(this.securityProfile._containerSecurityContext(c.securityContext))
        .map(([field, value, allowed]) => ({
          path: this.node.path, field: `${list}[${i}].securityContext.${field}`, value, allowed, fix: 'drop the override, or use SecurityProfile.NONE',
        }))));
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

  private admit(container: ContainerProps, init: boolean): void {
    const problems = new ProblemCollector(this);
    const list = init ? 'initContainers' : 'containers';
    const index = init ? this.initContainerList.length : this.appContainers.length;
    const field = `${list}[${index}]`;
    checkContainerShape(problems, field, container);
    problems.throwIfAny();
    checkContainer(problems, field, container, init);
    const sameName = (c: ContainerProps) => c.name === container.name;
    if (this.initContainerList.some(sameName) || this.appContainers.some(sameName)) {
      problems.add(`${field}.name`, container.name, 'a name no other container or init container of the Pod has',
        'rename one of the containers');
    }
    const ports = containerPorts(container);
    if (!init && ports.length > 0 && this.appContainers.length > 0) {
      const taken = new Map(this.exposedPorts.map(p => [`${p.number}/${p.protocol}`, p.container]));
      for (const p of ports) {
        const owner = taken.get(`${p.number}/${p.protocol ?? Protocol.TCP}`);
        if (owner !== undefined) {
          problems.add(`${field}.ports`, p.number,
            `a port no other container of the Pod listens on: "${owner}" already has ${p.number}/${p.protocol ?? Protocol.TCP}, and the containers of a Pod share one network namespace`,
            'give one of them another port');
        }
      }
    }
    const known = this.volumes();
    for (const m of container.mounts ?? []) {
      const clash = known.find(v => v.name === m.volume.name && v !== m.volume);
      if (clash) problems.add(`${field}.mounts`, m.volume.name, 'a volume name no other volume of the Pod has');
      known.push(m.volume);
    }
    problems.throwIfAny();
  }
}

/**
 * Renders a Pod's spec at synth. An object rather than a closure: a closure retains its
 * constructor's scope (two contexts per pod).
 */
class PodSpecProducer {
  constructor(private readonly pod: AppPod) {}

  public produce(): kplus.k8s.PodSpec {
    return this.pod._renderPodSpec();
  }
}

function checkAnnotations(problems: ProblemCollector, annotations: unknown): void {
  if (annotations === undefined) return;
  if (annotations === null || typeof annotations !== 'object' || Array.isArray(annotations)) {
    problems.add('annotations', annotations, 'an object of annotation keys to string values');
    return;
  }
  for (const [key, value] of Object.entries(annotations)) {
    // Annotation keys follow the label key rules; their values are free text.
    problems.check('annotations key', key, rules.labelKey(key));
    if (typeof value !== 'string') problems.add(`annotations[${JSON.stringify(key)}]`, value, 'a string');
  }
}

function checkWorkload(problems: ProblemCollector, workload: Workload, restartPolicy: RestartPolicy | undefined, labels: unknown): void {
  if (!(workload instanceof Workload)) {
    problems.add('workload', workload, 'a Workload: Workload.pod(), .deployment(), .statefulSet() or .daemonSet()');
    return;
  }
  if (workload.kind === WorkloadKind.POD) return;
  if (restartPolicy !== undefined && restartPolicy !== RestartPolicy.ALWAYS) {
    problems.add('restartPolicy', restartPolicy, `Always (or unset) under a ${workload.kind}: a controller restarts every container that exits`,
      'drop restartPolicy, or use Workload.pod()');
  }
  if (labels !== null && typeof labels === 'object' && Object.keys(labels).length === 0) {
    problems.add('labels', {}, `at least one label under a ${workload.kind}: its selector is the labels, and the API server refuses an empty one`,
      'leave labels out for { app: <name> }, or give one');
  }
  const replicas = workload.replicas;
  if (replicas !== undefined && !(Number.isInteger(replicas) && replicas >= 0)) {
    problems.add('workload.replicas', replicas, 'an integer of 0 or more');
  }
}
