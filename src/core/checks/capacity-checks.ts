/**
 * "Will it schedule?": what the app's pods request, added up the way the scheduler and the
 * ResourceQuota admission add it up, against the budget the user declares (a node size and
 * count) and against the ResourceQuotas the app writes.
 */
import { Findings } from '../findings';
import { array, at, Json, KubeObject, ManifestModel, PodSource, record } from '../manifest';
import { intOrPercentValue, parseQuantity } from '../rules';

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
 * Reports an app that cannot fit: its pods together request more than the budget leaves, or one
 * pod more than a node has, or more than a ResourceQuota of its namespace allows.
 */
export function checkCapacity(model: ManifestModel, out: Findings, options: CapacityOptions = {}): void {
  const quotas = model.objects.filter(o => o.builtinKind === 'ResourceQuota');
  if (options.capacity === undefined && quotas.length === 0) return;
  const maxReplicas = new Map<string, unknown>();
  for (const a of model.autoscalers) {
    const ref = record(record(a.raw.spec).scaleTargetRef);
    maxReplicas.set(`${String(ref.kind)}/${a.namespace ?? ''}/${String(ref.name)}`, record(a.raw.spec).maxReplicas);
  }
  const consumers = model.pods.map(source => consumerOf(source, maxReplicas, options.capacity?.nodes ?? 1));
  if (options.capacity !== undefined) checkBudget(consumers, options.capacity, out, options.capacityKnob);
  for (const quota of quotas) checkQuota(quota, consumers, out);
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

/** A pod source's pods: how many at most, and what each asks. */
function consumerOf(source: PodSource, maxReplicas: ReadonlyMap<string, unknown>, nodes: number): Consumer {
  const kind = source.object.builtinKind;
  const spec = record(source.object.raw.spec);
  const pod = { cpu: podRequest(source.spec, 'cpu') ?? 0, memory: podRequest(source.spec, 'memory') ?? 0 };
  const limits = { cpu: podRequest(source.spec, 'cpu', 'limits'), memory: podRequest(source.spec, 'memory', 'limits') };
  if (kind === 'DaemonSet') {
    const surge = rollingSurge(record(record(spec.updateStrategy).rollingUpdate).maxSurge, nodes, 0, record(spec.updateStrategy).type);
    return { source, pod, limits, pods: nodes + surge, count: `one per node (${nodes})${surge > 0 ? ` + ${surge} surge` : ''}` };
  }
  if (kind === 'Pod') return { source, pod, limits, pods: 1, count: '1 pod' };
  if (kind === 'Job' || kind === 'CronJob') {
    const job = kind === 'Job' ? spec : record(at(spec, 'jobTemplate.spec'));
    const n = typeof job.parallelism === 'number' ? job.parallelism : 1;
    return { source, pod, limits, pods: n, count: `${n} in parallel` };
  }
  // (the autoscaler scales its target in its own namespace)
  const max = maxReplicas.get(`${source.object.kind}/${source.object.namespace ?? ''}/${source.object.name}`);
  const replicas = typeof max === 'number' ? max : source.replicas ?? 1;
  const counted = typeof max === 'number' ? `${replicas} (its autoscaler's maxReplicas)` : `${replicas} replicas`;
  if (kind !== 'Deployment') return { source, pod, limits, pods: replicas, count: counted };
  const strategy = record(spec.strategy);
  const surge = rollingSurge(record(strategy.rollingUpdate).maxSurge, replicas, '25%', strategy.type);
  return { source, pod, limits, pods: replicas + surge, count: surge > 0 ? `${counted} + ${surge} during a rollout (maxSurge)` : counted };
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
function checkBudget(consumers: readonly Consumer[], budget: CapacityBudget, out: Findings, knob: string | undefined): void {
  const node = { cpu: parseQuantity(budget.cpu) ?? 0, memory: parseQuantity(budget.memory) ?? 0 };
  const reserved = { cpu: parseQuantity(budget.reserved?.cpu) ?? 0, memory: parseQuantity(budget.reserved?.memory) ?? 0 };
  const declared = `${budget.nodes} node${budget.nodes === 1 ? '' : 's'} of ${budget.cpu} CPU and ${budget.memory}`
    + (budget.reserved ? `, less ${budget.reserved.cpu ?? '0'} CPU and ${budget.reserved.memory ?? '0'} other pods request` : '');
  const fix = `lower the requests, replicas or maxReplicas of the biggest consumers, or declare the cluster you have${knob ? ` (${knob})` : ''}`;
  for (const c of consumers) {
    for (const r of RESOURCES) {
      if (c.pod[r] > node[r] + 1e-9) {
        const { object, template } = c.source;
        out.about(object).add('capacity', `${template}spec.containers[*].resources.requests.${r}`, show(c.pod[r], r),
          `a pod that fits one node: one pod requests ${show(c.pod[r], r)} ${r}, and a node of the budget (${declared}) has ${show(node[r], r)}: the scheduler never places it`, fix);
      }
    }
  }
  for (const r of RESOURCES) {
    const total = consumers.reduce((sum, c) => sum + c.pod[r] * c.pods, 0);
    const room = node[r] * budget.nodes - reserved[r];
    if (total <= room + 1e-9) continue;
    const ranked = [...consumers].filter(c => c.pod[r] > 0).sort((a, b) => b.pod[r] * b.pods - a.pod[r] * a.pods);
    const top = ranked.slice(0, 3).map(c => `${c.source.object.ref} ${show(c.pod[r] * c.pods, r)} (${c.count} × ${show(c.pod[r], r)})`);
    const biggest = ranked[0];
    out.about(biggest.source.object).add('capacity', `requests.${r} (every pod of the app)`, show(total, r),
      `at most ${show(Math.max(0, room), r)} ${r} in all, what the budget (${declared}) leaves: the app's pods request ${show(total, r)}, counting every replica, the rollout surge and one DaemonSet pod per node; the scheduler leaves the rest Pending. The biggest: ${top.join('; ')}`,
      fix);
  }
}

/** The pods of a ResourceQuota's namespace against its `hard` requests, limits and pod count. */
function checkQuota(quota: KubeObject, consumers: readonly Consumer[], out: Findings): void {
  const hard = record(record(quota.raw.spec).hard);
  const inNamespace = consumers.filter(c => c.source.object.namespace === quota.namespace);
  const where = quota.namespace ? `namespace ${quota.namespace}` : 'the namespace the files are applied to';
  const fix = 'lower the requests or replicas of the biggest consumers, or raise the quota';
  const sum = (f: (c: Consumer) => number) => inNamespace.reduce((s, c) => s + f(c) * c.pods, 0);
  const limitsOf = (c: Consumer, r: Resource) => c.limits[r];
  const checks: [string, Resource | 'pods', 'requests' | 'limits' | 'count'][] = [
    ['requests.cpu', 'cpu', 'requests'], ['cpu', 'cpu', 'requests'], ['requests.memory', 'memory', 'requests'], ['memory', 'memory', 'requests'],
    ['limits.cpu', 'cpu', 'limits'], ['limits.memory', 'memory', 'limits'], ['pods', 'pods', 'count'],
  ];
  for (const [key, r, kind] of checks) {
    const limit = parseQuantity(hard[key]);
    if (limit === undefined) continue;
    if (kind === 'limits' && r !== 'pods') {
      for (const c of inNamespace.filter(x => limitsOf(x, r) === undefined)) {
        out.about(c.source.object).add('capacity', `${c.source.template}spec.containers[*].resources.limits.${r}`, undefined,
          `a ${r} limit on every container: ResourceQuota ${quota.name} sets ${key} in ${where}, and the quota admission refuses a pod without one`,
          `give every container a ${r} limit (PodDefaults.set(scope, { resources }) gives all that set none), or drop ${key} from the quota`);
      }
    }
    const used = r === 'pods' ? sum(() => 1) : kind === 'limits' ? sum(c => limitsOf(c, r) ?? 0) : sum(c => c.pod[r]);
    if (used <= limit + 1e-9) continue;
    const ranked = [...inNamespace].sort((a, b) => b.pods - a.pods);
    const top = ranked.slice(0, 3).map(c => `${c.source.object.ref} (${c.count})`);
    out.about(quota).add('capacity', `spec.hard.${key}`, hard[key],
      `at least what the app's pods in ${where} use: ${r === 'pods' ? used : show(used, r)} counting every replica and the rollout surge; the quota admission refuses the pods beyond it. The biggest: ${top.join('; ')}`,
      fix);
  }
}

/** A quantity for a message: millicores, or MiB. */
function show(amount: number, resource: Resource): string {
  return resource === 'cpu' ? `${Math.round(amount * 1000)}m` : `${Math.round(amount / 2 ** 20 * 10) / 10}Mi`;
}
