/**
 * "Will it schedule?": what the app's pods request (after the API server's defaulting and the
 * LimitRanges the app writes), against the budget the user declares (a node size and count: in
 * total, and what certainly cannot share a node) and against the ResourceQuotas the app writes
 * (as Kubernetes 1.28's quota admission counts and constrains the pods in a quota's scopes).
 * Every failure is certain: where the app cannot show what the cluster decides (another
 * LimitRange, a default PriorityClass, how the pods pack), the check assumes what lets them fit.
 */
import type { ObjectReporter } from '../rule';

/** Where a check reports its findings about an object. */
type About = (object: KubeObject) => ObjectReporter;
import type { Json, KubeObject, ManifestModel, PodSource} from '../manifest';
import { array, at, record } from '../manifest';
import { intOrPercentValue, parseQuantity } from '../validators';

/**
 * The cluster an app must fit: `nodes` nodes, each with `cpu` and `memory` allocatable to pods,
 * of which `reserved` is requested already by pods the app does not write (the control plane,
 * DNS, add-ons).
 */
export interface CapacityBudget {
  /** How many nodes. */
  readonly nodes: number;
  /** CPU one node gives pods (its allocatable CPU), a quantity (`"2"`, `"1500m"`). */
  readonly cpu: string;
  /** Memory one node gives pods (its allocatable memory), a quantity (`"2Gi"`). */
  readonly memory: string;
  /**
   * What other pods request of the whole cluster already.
   * @default - nothing
   */
  readonly reserved?: { readonly cpu?: string; readonly memory?: string };
}

/** Options of {@link checkCapacity}. */
export interface CapacityOptions {
  /**
   * The budget the pods must fit.
   * @default - none: only the app's ResourceQuotas are checked
   */
  readonly capacity?: CapacityBudget;
  /**
   * How to declare another budget where the checks run, for the fix text.
   * @default - no knob named
   */
  readonly capacityKnob?: string;
}

const RESOURCES = ['cpu', 'memory'] as const;
type Resource = typeof RESOURCES[number];
type Amounts = { [R in Resource]: number };

/** What one pod source asks of the cluster. */
interface Consumer {
  readonly source: PodSource;
  /** Its pod spec as admitted: requests defaulted from limits, the defaults of its namespace's LimitRanges. */
  readonly spec: Json;
  /** What one of its pods requests (cores, bytes), as the scheduler counts it. */
  readonly pod: Amounts;
  /** Its pods' limits, as the quota counts them; undefined for a resource a container sets no limit of. */
  readonly limits: { [R in Resource]?: number };
  /** How many pods at most: replicas (an autoscaler's maximum), the rollout's surge, one per node. */
  readonly pods: number;
  /** How that count is made, for the message. */
  readonly count: string;
}

/**
 * Reports an app that cannot fit: its pods together request more than the budget leaves, one
 * pod more than a node has, or more pods than the nodes can hold side by side (a bin-packing
 * lower bound, never a guess); or a ResourceQuota of its namespace refuses its pods (a container
 * without a request or limit the quota tracks, or more than the quota allows, counting only
 * the pods in the quota's scopes).
 */
export function checkCapacity(model: ManifestModel, about: About, options: CapacityOptions = {}): void {
  const quotas = model.objects.filter(o => o.builtinKind === 'ResourceQuota');
  if (options.capacity === undefined && quotas.length === 0) return;
  const maxReplicas = new Map<string, unknown>();
  for (const a of model.autoscalers) {
    const ref = record(record(a.raw.spec).scaleTargetRef);
    maxReplicas.set(`${String(ref.kind)}/${a.namespace ?? ''}/${String(ref.name)}`, record(a.raw.spec).maxReplicas);
  }
  const limitRanges = model.objects.filter(o => o.builtinKind === 'LimitRange');
  const consumers = model.pods.map(source => consumerOf(source, maxReplicas, options.capacity?.nodes ?? 1,
    limitRanges.filter(l => l.namespace === source.object.namespace)));
  if (options.capacity !== undefined) checkBudget(consumers, options.capacity, about, options.capacityKnob);
  for (const quota of quotas) checkQuota(quota, consumers, about);
}

/**
 * What one pod requests of a resource, as the scheduler counts it (Kubernetes 1.28's
 * `resource.PodRequests`): the larger of each init container in turn (with the native sidecars
 * started before it) and the app containers with every native sidecar. A container without a
 * request but with a limit requests its limit (the API server's defaulting).
 */
export function podRequest(spec: Json, resource: Resource, kind: 'requests' | 'limits' = 'requests'): number | undefined {
  const amount = (c: unknown): number | undefined => {
    const res = record(record(c).resources);
    const own = parseQuantity(record(res[kind])[resource]);
    return own ?? (kind === 'requests' ? parseQuantity(record(res.limits)[resource]) ?? 0 : undefined);
  };
  let missing = false;
  const of = (c: unknown) => {
    const v = amount(c);
    if (v === undefined) missing = true;
    return v ?? 0;
  };
  let sidecars = 0;
  let init = 0;
  for (const c of array(spec.initContainers)) {
    if (record(c).restartPolicy === 'Always') {
      sidecars += of(c);
      init = Math.max(init, sidecars);
    } else {
      init = Math.max(init, sidecars + of(c));
    }
  }
  const app = array(spec.containers).reduce<number>((sum, c) => sum + of(c), 0);
  const total = Math.max(init, app + sidecars);
  return missing ? undefined : total;
}

/**
 * A pod spec as the quota admission sees it: first the API server's defaulting (Kubernetes
 * 1.28's `SetDefaults_Pod`: a container with a limit and no request of a resource requests its
 * limit), then the LimitRanger admission (`mergeContainerResources`: each `Container` item of
 * the namespace's LimitRanges gives its `default` limits and `defaultRequest` requests to the
 * containers and init containers that set none, the item defaulted by
 * `SetDefaults_LimitRangeItem`: `default` from `max`, `defaultRequest` from `default`, then
 * from `min`; the first LimitRange giving a resource wins).
 */
export function admittedSpec(spec: Json, limitRanges: readonly KubeObject[] = []): Json {
  const defaults = { requests: {} as Json, limits: {} as Json };
  for (const range of limitRanges) {
    // (within one LimitRange a later item overrides, across them the first one given wins)
    const own = { requests: {} as Json, limits: {} as Json };
    for (const item of array(record(range.raw.spec).limits).map(record)) {
      if (item.type !== 'Container') continue;
      const limit = { ...record(item.max), ...record(item.default) };
      Object.assign(own.limits, limit);
      Object.assign(own.requests, { ...record(item.min), ...limit, ...record(item.defaultRequest) });
    }
    defaults.limits = { ...own.limits, ...defaults.limits };
    defaults.requests = { ...own.requests, ...defaults.requests };
  }
  const admit = (c: unknown) => {
    const container = record(c);
    const res = record(container.resources);
    const limits = { ...defaults.limits, ...record(res.limits) };
    const requests = { ...defaults.requests, ...record(res.limits), ...record(res.requests) };
    return { ...container, resources: { ...res, requests, limits } };
  };
  const out: { [key: string]: unknown } = { ...spec, containers: array(spec.containers).map(admit) };
  if (spec.initContainers !== undefined) out.initContainers = array(spec.initContainers).map(admit);
  return out;
}

/** A pod source's pods: how many at most, and what each asks. */
function consumerOf(source: PodSource, maxReplicas: ReadonlyMap<string, unknown>, nodes: number, limitRanges: readonly KubeObject[]): Consumer {
  const kind = source.object.builtinKind;
  const spec = record(source.object.raw.spec);
  const admitted = admittedSpec(source.spec, limitRanges);
  const pod = { cpu: podRequest(admitted, 'cpu') ?? 0, memory: podRequest(admitted, 'memory') ?? 0 };
  const limits = { cpu: podRequest(admitted, 'cpu', 'limits'), memory: podRequest(admitted, 'memory', 'limits') };
  const of = (pods: number, count: string): Consumer => ({ source, spec: admitted, pod, limits, pods, count });
  if (kind === 'DaemonSet') {
    const surge = rollingSurge(record(record(spec.updateStrategy).rollingUpdate).maxSurge, nodes, 0, record(spec.updateStrategy).type);
    return of(nodes + surge, `one per node (${nodes})${surge > 0 ? ` + ${surge} surge` : ''}`);
  }
  if (kind === 'Pod') return of(1, '1 pod');
  if (kind === 'Job' || kind === 'CronJob') {
    const job = kind === 'Job' ? spec : record(at(spec, 'jobTemplate.spec'));
    const n = typeof job.parallelism === 'number' ? job.parallelism : 1;
    return of(n, `${n} in parallel`);
  }
  // (the autoscaler scales its target in its own namespace)
  const max = maxReplicas.get(`${source.object.kind}/${source.object.namespace ?? ''}/${source.object.name}`);
  const replicas = typeof max === 'number' ? max : source.replicas ?? 1;
  const counted = typeof max === 'number' ? `${replicas} (its autoscaler's maxReplicas)` : `${replicas} replicas`;
  if (kind !== 'Deployment') return of(replicas, counted);
  const strategy = record(spec.strategy);
  const surge = rollingSurge(record(strategy.rollingUpdate).maxSurge, replicas, '25%', strategy.type);
  return of(replicas + surge, surge > 0 ? `${counted} + ${surge} during a rollout (maxSurge)` : counted);
}

/**
 * The extra pods a rolling update starts beside the old ones: `maxSurge` (a number, or a
 * percentage of the replicas rounded up, as the Deployment controller rounds it); none under
 * `Recreate`.
 */
function rollingSurge(maxSurge: unknown, replicas: number, byDefault: number | string, type: unknown): number {
  if (type !== undefined && type !== 'RollingUpdate') return 0;
  const value = maxSurge ?? byDefault;
  if (typeof value === 'number') return Math.max(0, value);
  const percent = intOrPercentValue(value);
  return typeof value === 'string' && value.endsWith('%') && percent !== undefined ? Math.ceil(replicas * percent / 100) : 0;
}

/** The app's pods against the declared budget: together, and each pod on one node. */
function checkBudget(consumers: readonly Consumer[], budget: CapacityBudget, about: About, knob: string | undefined): void {
  const node = { cpu: parseQuantity(budget.cpu) ?? 0, memory: parseQuantity(budget.memory) ?? 0 };
  const reserved = { cpu: parseQuantity(budget.reserved?.cpu) ?? 0, memory: parseQuantity(budget.reserved?.memory) ?? 0 };
  const declared = `${budget.nodes} node${budget.nodes === 1 ? '' : 's'} of ${budget.cpu} CPU and ${budget.memory}`
    + (budget.reserved ? `, less ${budget.reserved.cpu ?? '0'} CPU and ${budget.reserved.memory ?? '0'} other pods request` : '');
  const fix = `lower the requests, replicas or maxReplicas of the biggest consumers, or declare the cluster you have${knob ? ` (${knob})` : ''}`;
  for (const c of consumers) {
    for (const r of RESOURCES) {
      if (c.pod[r] > node[r] + 1e-9) {
        const { object, template } = c.source;
        about(object).add(`${template}spec.containers[*].resources.requests.${r}`, show(c.pod[r], r),
          `a pod that fits one node: one pod requests ${show(c.pod[r], r)} ${r}, and a node of the budget (${declared}) has ${show(node[r], r)}: the scheduler never places it`, fix);
      }
    }
  }
  for (const r of RESOURCES) {
    const total = consumers.reduce((sum, c) => sum + c.pod[r] * c.pods, 0);
    const room = node[r] * budget.nodes - reserved[r];
    if (total <= room + 1e-9) {
      checkPacking(consumers.filter(c => c.pod[r] <= node[r] + 1e-9), r, node[r], budget.nodes, declared, fix, about);
      continue;
    }
    const ranked = [...consumers].filter(c => c.pod[r] > 0).sort((a, b) => b.pod[r] * b.pods - a.pod[r] * a.pods);
    const top = ranked.slice(0, 3).map(c => `${c.source.object.ref} ${show(c.pod[r] * c.pods, r)} (${c.count} × ${show(c.pod[r], r)})`);
    const biggest = ranked[0];
    about(biggest.source.object).add(`requests.${r} (every pod of the app)`, show(total, r),
      `at most ${show(Math.max(0, room), r)} ${r} in all, what the budget (${declared}) leaves: the app's pods request ${show(total, r)}, counting every replica, the rollout surge and one DaemonSet pod per node; the scheduler leaves the rest Pending. The biggest: ${top.join('; ')}`,
      fix);
  }
}

/**
 * Pods that fit the budget in total but certainly not side by side on its nodes, for one
 * resource at a time, by two lower bounds on the nodes any placement needs:
 * - for each pod's request `s`: at most ⌊node / s⌋ pods of `s` or more fit one node (no two
 *   pods of more than half a node share one, no three of more than a third, …);
 * - Martello and Toth's bound L2 for bin packing (1990): for a size `a` of at most half a node,
 *   a pod of more than a node less `a` has no room beside a pod of `a` or more; no two pods of
 *   more than half a node share a node; the pods of `a` up to half a node fill the room those
 *   leave before they need nodes of their own.
 * Either is a number of nodes the pods need whatever the scheduler does, so a failure is
 * certain. Both lean towards passing: DaemonSet pods count as if they could go on any node,
 * what other pods request (`reserved`) as if it took room on no node, smaller pods not at all.
 * No packing is attempted: an app that passes may still not fit.
 */
function checkPacking(consumers: readonly Consumer[], r: Resource, size: number, nodes: number, declared: string, fix: string, about: About): void {
  const eps = size * 1e-9;
  const count = (cs: Consumer[]) => cs.reduce((n, c) => n + c.pods, 0);
  const volume = (cs: Consumer[]) => cs.reduce((v, c) => v + c.pod[r] * c.pods, 0);
  const sizes = [...new Set(consumers.map(c => c.pod[r]).filter(x => x > 0))];
  let best = { need: 0, named: [] as Consumer[], why: '' };
  for (const least of sizes) {
    const named = consumers.filter(c => c.pod[r] >= least);
    const perNode = Math.max(1, Math.floor(size / least + 1e-9));
    const need = Math.ceil(count(named) / perNode - 1e-9);
    if (need > best.need) {
      best = { need, named, why: `no more than ${perNode} pod${perNode === 1 ? '' : 's'} of ${show(least, r)} ${r} or more fit${perNode === 1 ? 's' : ''} one node (${show(size, r)})` };
    }
  }
  for (const from of [0, ...sizes.filter(x => x <= size / 2 + eps)]) {
    const alone = consumers.filter(c => c.pod[r] > size - from + eps);
    const large = consumers.filter(c => c.pod[r] > size / 2 + eps && c.pod[r] <= size - from + eps);
    const small = consumers.filter(c => c.pod[r] >= from && c.pod[r] > 0 && c.pod[r] <= size / 2 + eps);
    const left = volume(small) - (count(large) * size - volume(large));
    const need = count(alone) + count(large) + Math.max(0, Math.ceil(left / size - 1e-9));
    if (need > best.need) {
      best = {
        need, named: [...alone, ...large, ...(left > eps ? small : [])],
        why: `no two pods of more than half a node's ${r} (${show(size / 2, r)}) share a node`
          + (from > 0 ? `, a pod of more than ${show(size - from, r)} has no room beside one of ${show(from, r)} or more,` : '')
          + ` and the smaller pods${from > 0 ? ` of ${show(from, r)} or more` : ''} fill the room the larger ones leave before they take nodes of their own`,
      };
    }
  }
  if (best.need <= nodes) return;
  const named = [...best.named].sort((x, y) => y.pod[r] - x.pod[r]);
  const list = named.map(c => `${c.source.object.ref} (${c.count} × ${show(c.pod[r], r)})`);
  about(named[0].source.object).add(`requests.${r} (pods per node)`, best.need,
    `pods that fit side by side on the ${nodes} node${nodes === 1 ? '' : 's'} of the budget (${declared}): ${best.why}, so these pods need at least ${best.need} nodes, counting every replica, the rollout surge and one DaemonSet pod per node; the scheduler leaves the rest Pending. They are: ${list.join('; ')}`,
    fix);
}

/** The quota keys Kubernetes 1.28 requires every container to set (`validationSet` of the pod evaluator), and what each requires. */
const REQUIRED: { readonly [key: string]: readonly ['requests' | 'limits', Resource] } = {
  'cpu': ['requests', 'cpu'], 'requests.cpu': ['requests', 'cpu'], 'memory': ['requests', 'memory'], 'requests.memory': ['requests', 'memory'],
  'limits.cpu': ['limits', 'cpu'], 'limits.memory': ['limits', 'memory'],
};

/**
 * The pods of a ResourceQuota's namespace in its scopes, as Kubernetes 1.28's quota admission
 * takes them (`pkg/quota/v1/evaluator/core/pods.go`): each container and init container must
 * set the requests and limits the quota tracks (`podEvaluator.Constraints`), and together they
 * must stay within its `hard` requests, limits and pod count (`PodUsageFunc`).
 */
function checkQuota(quota: KubeObject, consumers: readonly Consumer[], about: About): void {
  const hard = record(record(quota.raw.spec).hard);
  const scopes = scopesOf(record(quota.raw.spec));
  // (a quota with a scope the pod evaluator does not know never matches a pod: skipped)
  if (scopes === undefined) return;
  const inNamespace = consumers.filter(c => c.source.object.namespace === quota.namespace && matchesScopes(c.spec, scopes) === true);
  const where = (quota.namespace ? `namespace ${quota.namespace}` : 'the namespace the files are applied to')
    + (scopes.length > 0 ? ` (pods in its scopes: ${scopes.map(showScope).join(', ')})` : '');
  for (const c of inNamespace) checkConstraints(quota, hard, c, where, about);
  const fix = 'lower the requests or replicas of the biggest consumers, or raise the quota';
  const checks: [string, Resource | 'pods', 'requests' | 'limits' | 'count'][] = [
    ['requests.cpu', 'cpu', 'requests'], ['cpu', 'cpu', 'requests'], ['requests.memory', 'memory', 'requests'], ['memory', 'memory', 'requests'],
    ['limits.cpu', 'cpu', 'limits'], ['limits.memory', 'memory', 'limits'], ['pods', 'pods', 'count'], ['count/pods', 'pods', 'count'],
  ];
  for (const [key, r, kind] of checks) {
    const limit = parseQuantity(hard[key]);
    if (limit === undefined) continue;
    // what one pod of a consumer uses of the quota's resource
    const each = (c: Consumer) => r === 'pods' ? 1 : kind === 'limits' ? c.limits[r] ?? 0 : c.pod[r];
    const used = inNamespace.reduce((sum, c) => sum + each(c) * c.pods, 0);
    if (used <= limit + 1e-9) continue;
    const amount = (n: number) => r === 'pods' ? String(n) : show(n, r);
    const ranked = inNamespace.filter(c => each(c) > 0).sort((a, b) => each(b) * b.pods - each(a) * a.pods);
    const top = ranked.slice(0, 3).map(c => r === 'pods' ? `${c.source.object.ref} (${c.count})` : `${c.source.object.ref} ${amount(each(c) * c.pods)} (${c.count} × ${amount(each(c))})`);
    about(quota).add(`spec.hard.${key}`, hard[key],
      `at least what the app's pods in ${where} use: ${amount(used)} counting every replica and the rollout surge; the quota admission refuses the pods beyond it. The biggest: ${top.join('; ')}`,
      fix);
  }
}

/**
 * A pod refused by the quota admission because a container or init container does not set a
 * request or limit the quota tracks (`podEvaluator.Constraints`: `cpu`, `requests.cpu`,
 * `memory`, `requests.memory` need the request, `limits.cpu`, `limits.memory` the limit;
 * ephemeral storage and other resources need nothing). A request defaulted from the
 * container's limit or a LimitRange counts.
 */
function checkConstraints(quota: KubeObject, hard: Json, c: Consumer, where: string, about: About): void {
  const required = new Map<string, string[]>();
  for (const key of Object.keys(hard)) {
    if (!Object.prototype.hasOwnProperty.call(REQUIRED, key)) continue;
    const [kind, r] = REQUIRED[key];
    required.set(`${kind}.${r}`, [...required.get(`${kind}.${r}`) ?? [], key]);
  }
  for (const [field, keys] of required) {
    const [kind, r] = field.split('.') as ['requests' | 'limits', Resource];
    for (const list of ['containers', 'initContainers']) {
      const missing = array(c.spec[list]).map(record).filter(x => record(record(x.resources)[kind])[r] === undefined).map(x => String(x.name));
      if (missing.length === 0) continue;
      about(c.source.object).add(`${c.source.template}spec.${list}[*].resources.${field}`, undefined,
        `a ${r} ${kind === 'requests' ? 'request' : 'limit'} on every container: ResourceQuota ${quota.name} tracks ${keys.join(' and ')} in ${where}, and the quota admission refuses a pod without one ("must specify ${keys.join(', ')} for: ${missing.join(',')}")`,
        `give ${missing.join(', ')} a ${r} ${kind === 'requests' ? 'request (or a limit, which the request defaults to)' : 'limit'} (PodDefaults.set(scope, { resources }) gives all that set none), write a LimitRange with a default for the namespace, or drop ${keys.join(' and ')} from the quota`);
    }
  }
}

/** One scope of a ResourceQuota: `spec.scopes` (operator `Exists`) and `spec.scopeSelector.matchExpressions` alike. */
export interface QuotaScope {
  /** `scopeName`, or the scope in `spec.scopes`. */
  readonly name: string;
  /** `operator`: `Exists` for `spec.scopes`. */
  readonly operator: string;
  /** `values`, for `In` and `NotIn`. */
  readonly values: readonly unknown[];
}

/** The pod scopes Kubernetes 1.28 knows (`podMatchesScopeFunc`). */
const POD_SCOPES = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity'];

/** A quota's scopes, as `getScopeSelectorsFromQuota` reads them; undefined when one is not a pod scope. */
function scopesOf(spec: Json): QuotaScope[] | undefined {
  const scopes: QuotaScope[] = array(spec.scopes).map(name => ({ name: String(name), operator: 'Exists', values: [] }));
  for (const e of array(record(spec.scopeSelector).matchExpressions).map(record)) {
    scopes.push({ name: String(e.scopeName), operator: String(e.operator), values: array(e.values) });
  }
  return scopes.every(s => POD_SCOPES.includes(s.name)) ? scopes : undefined;
}

/** A scope for a message: `BestEffort`, `PriorityClass In high, low`. */
function showScope(scope: QuotaScope): string {
  if (scope.name !== 'PriorityClass' || scope.operator === 'Exists') return scope.name;
  return `PriorityClass ${scope.operator}${scope.values.length > 0 ? ` ${scope.values.join(', ')}` : ''}`;
}

/**
 * Whether a pod is in every scope (Kubernetes 1.28's `podMatchesScopeFunc`, all of them as
 * `generic.Matches` asks): true, false, or undefined when only the cluster knows.
 */
export function matchesScopes(spec: Json, scopes: readonly QuotaScope[]): boolean | undefined {
  let result: boolean | undefined = true;
  for (const scope of scopes) {
    const match = matchesScope(spec, scope);
    if (match === false) return false;
    if (match === undefined) result = undefined;
  }
  return result;
}

function matchesScope(spec: Json, scope: QuotaScope): boolean | undefined {
  switch (scope.name) {
    case 'Terminating': return terminating(spec);
    case 'NotTerminating': return !terminating(spec);
    case 'BestEffort': return bestEffort(spec);
    case 'NotBestEffort': return !bestEffort(spec);
    case 'CrossNamespacePodAffinity': return crossNamespaceAffinity(spec);
    case 'PriorityClass': {
      const name = spec.priorityClassName;
      // (without a class, the Priority admission gives the pod the cluster's globalDefault
      // PriorityClass, if there is one: only the cluster knows)
      if (typeof name !== 'string' || name === '') return undefined;
      switch (scope.operator) {
        case 'Exists': return true;
        case 'DoesNotExist': return false;
        case 'In': return scope.values.includes(name);
        case 'NotIn': return !scope.values.includes(name);
        default: return undefined;
      }
    }
    default: return false;
  }
}

/** `isTerminating`: an `activeDeadlineSeconds` of 0 or more. */
function terminating(spec: Json): boolean {
  return typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds >= 0;
}

/** `qos.GetPodQOS` is BestEffort: no container or init container requests or limits more than 0 CPU or memory. */
function bestEffort(spec: Json): boolean {
  return [...array(spec.containers), ...array(spec.initContainers)].every(c => {
    const res = record(record(c).resources);
    return RESOURCES.every(r => !((parseQuantity(record(res.requests)[r]) ?? 0) > 0) && !((parseQuantity(record(res.limits)[r]) ?? 0) > 0));
  });
}

/** `usesCrossNamespacePodAffinity`: a pod (anti-)affinity term, required or preferred, with `namespaces` or a `namespaceSelector`. */
function crossNamespaceAffinity(spec: Json): boolean {
  const affinity = record(spec.affinity);
  return [record(affinity.podAffinity), record(affinity.podAntiAffinity)].some(a => [
    ...array(a.requiredDuringSchedulingIgnoredDuringExecution).map(record),
    ...array(a.preferredDuringSchedulingIgnoredDuringExecution).map(t => record(record(t).podAffinityTerm)),
  ].some(term => array(term.namespaces).length > 0 || (term.namespaceSelector !== undefined && term.namespaceSelector !== null)));
}

/** A quantity for a message: millicores, or MiB. */
function show(amount: number, resource: Resource): string {
  return resource === 'cpu' ? `${Math.round(amount * 1000)}m` : `${Math.round(amount / 2 ** 20 * 10) / 10}Mi`;
}
