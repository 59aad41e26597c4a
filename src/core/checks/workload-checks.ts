/**
 * The checks of workloads grown up: each controller's rollout settings, each
 * PodDisruptionBudget and HorizontalPodAutoscaler on its own (what the API server refuses:
 * pkg/apis/apps, policy and autoscaling validation), then across them (what it accepts and the
 * cluster then gets wrong: a budget that blocks every drain, an autoscaler that scales nothing
 * or never scales, a StatefulSet's claim template nobody mounts).
 */
import type { Findings } from '../findings';
import type { Json, KubeObject, ManifestModel, PodSource } from '../manifest';
import { array, record, str } from '../manifest';
import type { Reporter } from '../problems';
import * as rules from '../rules';
import { readSelector, selectorMatches } from '../label-selector';
import { checkLabelSelector } from './label-selector-checks';

/** autoscaling/v2's bounds (pkg/apis/autoscaling/validation). */
const MAX_STABILIZATION_SECONDS = 3600;
const MAX_PERIOD_SECONDS = 1800;
/** The kinds with a scale subresource an autoscaler can scale, of the kinds the model knows. */
const SCALABLE = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];
const METRIC_TYPES = ['Resource', 'ContainerResource', 'Pods', 'Object', 'External'];

/** Runs every workload check over a model: each object's own, then those across objects. */
export function checkWorkloads(model: ManifestModel, out: Findings): void {
  for (const pod of model.pods) checkRollout(pod, out.about(pod.object));
  for (const pdb of model.disruptionBudgets) checkDisruptionBudget(pdb, out.about(pdb));
  for (const hpa of model.autoscalers) checkAutoscaler(hpa, out.about(hpa));
  for (const pod of model.pods) if (pod.object.builtinKind === 'StatefulSet') checkClaimTemplates(pod, out.about(pod.object));
  const scaled = checkAutoscalerTargets(model, out);
  for (const pdb of model.disruptionBudgets) checkBudgetAcross(pdb, model.pods, scaled, out.about(pdb));
}

// ---- rollout (api-server) --------------------------------------------------------------------

function checkRollout(pod: PodSource, r: Reporter): void {
  const kind = pod.object.builtinKind;
  if (kind !== 'Deployment' && kind !== 'StatefulSet' && kind !== 'DaemonSet') return;
  const spec = record(pod.object.raw.spec);
  nonNegative(r, 'spec.minReadySeconds', spec.minReadySeconds);
  nonNegative(r, 'spec.revisionHistoryLimit', spec.revisionHistoryLimit);
  if (kind === 'Deployment') {
    checkDeploymentStrategy(r, spec.strategy);
    const deadline = spec.progressDeadlineSeconds;
    if (deadline !== undefined && nonNegative(r, 'spec.progressDeadlineSeconds', deadline)) {
      const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
      if ((deadline as number) <= minReady) {
        r.add('rollout', 'spec.progressDeadlineSeconds', deadline, `more than minReadySeconds (${minReady})`, 'lengthen the progress deadline');
      }
    }
  } else if (kind === 'StatefulSet') {
    const policy = spec.podManagementPolicy;
    if (policy !== undefined && policy !== 'OrderedReady' && policy !== 'Parallel') {
      r.add('rollout', 'spec.podManagementPolicy', policy, 'OrderedReady or Parallel');
    }
    const strategy = spec.updateStrategy;
    if (strategy !== undefined) {
      const s = record(strategy);
      if (!strategyType(r, 'spec.updateStrategy', s, ['RollingUpdate', 'OnDelete'])) return;
      if (s.rollingUpdate !== undefined) {
        if (s.type === 'OnDelete') r.add('rollout', 'spec.updateStrategy.rollingUpdate', s.rollingUpdate, 'no rollingUpdate under the OnDelete strategy');
        else nonNegative(r, 'spec.updateStrategy.rollingUpdate.partition', record(s.rollingUpdate).partition);
      }
    }
  } else {
    checkDaemonSetStrategy(r, spec.updateStrategy);
  }
}

/** @returns whether the value is absent or a valid non-negative integer */
function nonNegative(r: Reporter, field: string, value: unknown): boolean {
  if (value === undefined) return true;
  const allowed = rules.integer(value);
  r.check('rollout', field, value, allowed);
  return allowed === undefined;
}

/** @returns whether the strategy's type is one of `types` (left out, the API server defaults it to the first) */
function strategyType(r: Reporter, field: string, strategy: Json, types: readonly string[]): boolean {
  if (strategy.type === undefined || types.includes(strategy.type as string)) return true;
  r.add('rollout', `${field}.type`, strategy.type, `one of ${types.join(', ')}`);
  return false;
}

function checkDeploymentStrategy(r: Reporter, strategy: unknown): void {
  if (strategy === undefined) return;
  const s = record(strategy);
  if (!strategyType(r, 'spec.strategy', s, ['RollingUpdate', 'Recreate'])) return;
  if (s.type === 'Recreate') {
    if (s.rollingUpdate !== undefined) r.add('rollout', 'spec.strategy.rollingUpdate', s.rollingUpdate, 'no rollingUpdate under the Recreate strategy');
    return;
  }
  const ru = record(s.rollingUpdate);
  const surge = intOrPercent(r, 'spec.strategy.rollingUpdate.maxSurge', ru.maxSurge, false, 25);
  const unavailable = intOrPercent(r, 'spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, true, 25);
  if (surge === 0 && unavailable === 0) {
    r.add('rollout', 'spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable,
      'not 0 when maxSurge is 0: the rollout could neither start a new pod nor stop an old one',
      'let one of them be non-zero, e.g. maxSurge: 1');
  }
}

function checkDaemonSetStrategy(r: Reporter, strategy: unknown): void {
  if (strategy === undefined) return;
  const s = record(strategy);
  if (!strategyType(r, 'spec.updateStrategy', s, ['RollingUpdate', 'OnDelete'])) return;
  if (s.type === 'OnDelete') return;
  const ru = record(s.rollingUpdate);
  const surge = intOrPercent(r, 'spec.updateStrategy.rollingUpdate.maxSurge', ru.maxSurge, true, 0);
  const unavailable = intOrPercent(r, 'spec.updateStrategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, true, 1);
  if (surge === undefined || unavailable === undefined) return;
  if (surge === 0 && unavailable === 0) {
    r.add('rollout', 'spec.updateStrategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'not 0 when maxSurge is 0: exactly one of them is non-zero',
      'leave maxUnavailable out (1), or set maxSurge');
  } else if (surge !== 0 && unavailable !== 0) {
    r.add('rollout', 'spec.updateStrategy.rollingUpdate.maxSurge', ru.maxSurge, 'a maxSurge of 0 when maxUnavailable is non-zero: exactly one of them is non-zero',
      'set maxUnavailable: 0 to surge (left out, it is 1), or drop maxSurge');
  }
}

/** The value (or the percentage) of an int-or-percent field, `fallback` when left out, undefined (and reported) when invalid. */
function intOrPercent(r: Reporter, field: string, value: unknown, max100: boolean, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  const allowed = rules.intOrPercent(value, max100);
  r.check('rollout', field, value, allowed);
  return allowed === undefined ? rules.intOrPercentValue(value) : undefined;
}

// ---- PodDisruptionBudget and HorizontalPodAutoscaler on their own (api-server) -----------------

function checkDisruptionBudget(pdb: KubeObject, r: Reporter): void {
  const spec = record(pdb.raw.spec);
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    r.add('disruption-budget', 'spec', { minAvailable: spec.minAvailable, maxUnavailable: spec.maxUnavailable }, 'minAvailable or maxUnavailable, not both',
      'keep one of them');
  }
  for (const field of ['minAvailable', 'maxUnavailable'] as const) {
    if (spec[field] !== undefined) r.check('disruption-budget', `spec.${field}`, spec[field], rules.intOrPercent(spec[field], true));
  }
  if (spec.selector !== undefined && spec.selector !== null) checkLabelSelector(r, 'disruption-budget', 'spec.selector', record(spec.selector), 'labels');
}

function checkAutoscaler(hpa: KubeObject, r: Reporter): void {
  const spec = record(hpa.raw.spec);
  const min = spec.minReplicas;
  const max = spec.maxReplicas;
  if (min !== undefined) r.check('autoscaler', 'spec.minReplicas', min, rules.integer(min, 1));
  r.check('autoscaler', 'spec.maxReplicas', max, rules.integer(max, 1));
  if (typeof min === 'number' && typeof max === 'number' && max < min) {
    r.add('autoscaler', 'spec.maxReplicas', max, `at least minReplicas (${min})`, 'raise maxReplicas, or lower minReplicas');
  }
  const ref = record(spec.scaleTargetRef);
  for (const field of ['kind', 'name'] as const) {
    const allowed = rules.pathSegmentName(ref[field]);
    if (allowed !== undefined) r.add('autoscaler', `spec.scaleTargetRef.${field}`, ref[field], `the target's ${field}: ${allowed}`);
  }
  array(spec.metrics).forEach((m, i) => {
    const metric = record(m);
    if (!METRIC_TYPES.includes(metric.type as string)) {
      r.add('autoscaler', `spec.metrics[${i}].type`, metric.type, `one of ${METRIC_TYPES.join(', ')}`);
      return;
    }
    const key = metric.type === 'Resource' ? 'resource' : metric.type === 'ContainerResource' ? 'containerResource' : undefined;
    if (key === undefined) return; // (Pods, Object and External metrics are not checked further)
    if (metric[key] === undefined) {
      r.add('autoscaler', `spec.metrics[${i}].${key}`, undefined, `the ${key} of a ${String(metric.type)} metric`);
      return;
    }
    const source = record(metric[key]);
    if (typeof source.name !== 'string' || source.name === '') r.add('autoscaler', `spec.metrics[${i}].${key}.name`, source.name, 'a resource name, e.g. cpu or memory');
    const field = `spec.metrics[${i}].${key}.target`;
    const target = record(source.target);
    if (!['Utilization', 'Value', 'AverageValue'].includes(target.type as string)) {
      r.add('autoscaler', `${field}.type`, target.type, 'Utilization, Value or AverageValue');
    }
    if (target.averageUtilization !== undefined) r.check('autoscaler', `${field}.averageUtilization`, target.averageUtilization, rules.integer(target.averageUtilization, 1));
    for (const q of ['averageValue', 'value'] as const) {
      const v = target[q];
      const parsed = rules.parseQuantity(v);
      if (v !== undefined && (parsed === undefined || parsed <= 0)) r.add('autoscaler', `${field}.${q}`, v, 'a positive quantity');
    }
    if ((target.averageUtilization === undefined) === (target.averageValue === undefined)) {
      r.add('autoscaler', field, source.target, 'a resource target with averageUtilization or averageValue, not both');
    }
  });
  const behavior = record(spec.behavior);
  for (const direction of ['scaleUp', 'scaleDown'] as const) {
    if (behavior[direction] === undefined) continue;
    const rulesOf = record(behavior[direction]);
    const field = `spec.behavior.${direction}`;
    const window = rulesOf.stabilizationWindowSeconds;
    if (window !== undefined) r.check('autoscaler', `${field}.stabilizationWindowSeconds`, window, rules.integer(window, 0, MAX_STABILIZATION_SECONDS));
    if (rulesOf.selectPolicy !== undefined && !['Max', 'Min', 'Disabled'].includes(rulesOf.selectPolicy as string)) {
      r.add('autoscaler', `${field}.selectPolicy`, rulesOf.selectPolicy, 'Max, Min or Disabled');
    }
    // (left out, Kubernetes fills in its default policies; an empty list stays empty)
    if (Array.isArray(rulesOf.policies) && rulesOf.policies.length === 0) {
      r.add('autoscaler', `${field}.policies`, [], 'at least one policy, or none given (Kubernetes\' default policies)', 'leave policies out, or give one');
    }
    array(rulesOf.policies).forEach((p, i) => {
      const policy = record(p);
      if (policy.type !== 'Pods' && policy.type !== 'Percent') r.add('autoscaler', `${field}.policies[${i}].type`, policy.type, 'Pods or Percent');
      r.check('autoscaler', `${field}.policies[${i}].value`, policy.value, rules.integer(policy.value, 1));
      r.check('autoscaler', `${field}.policies[${i}].periodSeconds`, policy.periodSeconds, rules.integer(policy.periodSeconds, 1, MAX_PERIOD_SECONDS));
    });
  }
}

// ---- across objects (ours) ---------------------------------------------------------------------

/** A StatefulSet's claim templates: each mounted by a container, and every mount names a volume or a template. */
function checkClaimTemplates(pod: PodSource, r: Reporter): void {
  const templates = array(record(pod.object.raw.spec).volumeClaimTemplates).map(t => str(record(record(t).metadata).name));
  const volumes = new Set(array(pod.spec.volumes).map(v => str(record(v).name)).filter((n): n is string => n !== undefined));
  const mounted = new Set<string>();
  for (const list of ['initContainers', 'containers'] as const) {
    array(pod.spec[list]).forEach((c, i) => {
      array(record(c).volumeMounts).forEach((m, j) => {
        const name = record(m).name;
        if (typeof name === 'string') mounted.add(name);
        if (typeof name === 'string' && (volumes.has(name) || templates.includes(name))) return;
        const known = [...volumes, ...templates.filter((t): t is string => t !== undefined)];
        r.add('volume-claim-templates', `spec.template.spec.${list}[${i}].volumeMounts[${j}].name`, name,
          `the name of a volume of the pod or of a claim template${known.length > 0 ? ` (${known.join(', ')})` : ': there are none'}: the StatefulSet's pods would be refused`,
          'add the volume or the claim template, or mount one that exists');
      });
    });
  }
  templates.forEach((name, i) => {
    if (name !== undefined && !mounted.has(name)) {
      r.add('volume-claim-templates', `spec.volumeClaimTemplates[${i}].metadata.name`, name,
        'a claim template a container mounts: each pod gets a PersistentVolumeClaim from it that nothing uses',
        'mount it in a container, or drop it');
    }
  });
}

/** The key of a controller an autoscaler may name. */
function targetKey(namespace: string | undefined, kind: string, name: string): string {
  return `${namespace ?? ''}\u0000${kind}\u0000${name}`;
}

/**
 * Every autoscaler names a scalable controller of the app in its namespace, which no other one
 * scales; its resource utilization metrics have requests to measure against; its target leaves
 * the replicas to it.
 * @returns the controllers that are scaled, with their autoscaler's spec
 */
function checkAutoscalerTargets(model: ManifestModel, out: Findings): Map<PodSource, Json> {
  const controllers = new Map<string, PodSource>();
  for (const pod of model.pods) {
    if (pod.object.builtinKind !== 'Pod') controllers.set(targetKey(pod.object.namespace, pod.object.builtinKind!, pod.object.name), pod);
  }
  const scaled = new Map<PodSource, Json>();
  const owners = new Map<PodSource, KubeObject>();
  for (const hpa of model.autoscalers) {
    const r = out.about(hpa);
    const spec = record(hpa.raw.spec);
    const ref = record(spec.scaleTargetRef);
    const kind = str(ref.kind);
    const name = str(ref.name);
    if (!kind || !name) continue; // (reported on its own)
    const group = str(ref.apiVersion)?.includes('/') ? str(ref.apiVersion)!.split('/')[0] : '';
    const target = controllers.get(targetKey(hpa.namespace, kind, name));
    if (target === undefined || !SCALABLE.includes(kind) || (group !== 'apps' && group !== '' && group !== 'extensions')) {
      r.add('selects-a-controller', 'spec.scaleTargetRef', spec.scaleTargetRef,
        target !== undefined ? `a Deployment or StatefulSet to scale: a ${kind} has no replicas to set`
          : `a Deployment or StatefulSet of the app in the autoscaler's namespace: there is no ${kind}/${name}${hpa.namespace ? ` in namespace "${hpa.namespace}"` : ''}`,
        'name the controller (apiVersion apps/v1, its kind and name), in the namespace of the autoscaler');
      continue;
    }
    const owner = owners.get(target);
    if (owner !== undefined) {
      r.add('selects-a-controller', 'spec.scaleTargetRef', spec.scaleTargetRef,
        `a controller no other autoscaler scales: ${owner.ref} scales ${target.object.ref} already, and two autoscalers fight over its replicas`,
        'keep one autoscaler per controller (give it every metric)');
      continue;
    }
    owners.set(target, hpa);
    scaled.set(target, spec);
    if (target.replicas !== undefined) {
      out.about(target.object).add('autoscaled-replicas', 'spec.replicas', target.replicas,
        `no replicas: ${hpa.ref} sets them, and every apply would reset its count`, 'leave replicas out of the controller');
    }
    checkRequests(hpa, spec, target, r);
  }
  return scaled;
}

/** A utilization is a share of the requests: every container it averages over needs one (a limit alone is copied into the request). */
function checkRequests(hpa: KubeObject, spec: Json, target: PodSource, r: Reporter): void {
  // (no metrics, or an empty list, is Kubernetes' default: CPU at 80%)
  const defaulted = array(spec.metrics).length === 0;
  const metrics = defaulted ? [DEFAULT_METRIC] : array(spec.metrics);
  metrics.forEach((m, i) => {
    const metric = record(m);
    const container = metric.type === 'ContainerResource' ? str(record(metric.containerResource).container) : undefined;
    const source = metric.type === 'Resource' ? record(metric.resource) : metric.type === 'ContainerResource' ? record(metric.containerResource) : undefined;
    const resource = str(source?.name);
    if (source === undefined || record(source.target).type !== 'Utilization' || (resource !== 'cpu' && resource !== 'memory')) return;
    const without = array(target.spec.containers).map(c => record(c)).filter(c => {
      if (container !== undefined && c.name !== container) return false;
      const resources = record(c.resources);
      return record(resources.requests)[resource] === undefined && record(resources.limits)[resource] === undefined;
    });
    if (without.length === 0) return;
    const field = defaulted ? 'spec.metrics' : `spec.metrics[${i}]`;
    r.add('autoscaler-requests', field, defaulted ? spec.metrics : m,
      `a ${resource} utilization over containers that request ${resource}: container${without.length > 1 ? 's' : ''} ${without.map(c => `"${String(c.name)}"`).join(', ')} of ${target.object.ref} request${without.length > 1 ? '' : 's'} none, so the utilization is unknown and ${hpa.ref} never scales${defaulted ? ' (no metrics: Kubernetes measures CPU utilization at 80%)' : ''}`,
      `give every container a ${resource} request, or target an average value instead of a utilization`);
  });
}

/** autoscaling/v2's default metric (pkg/apis/autoscaling/v2/defaults.go). */
const DEFAULT_METRIC = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } };

/** A budget selects pods of the app, and can allow a disruption. */
function checkBudgetAcross(pdb: KubeObject, pods: readonly PodSource[], scaled: Map<PodSource, Json>, r: Reporter): void {
  const spec = record(pdb.raw.spec);
  // (policy/v1: no selector selects no pods, an empty one every pod of the namespace)
  const selected = podsOfBudget(pdb, pods);
  if (selected.length === 0) {
    r.add('selects-a-controller', 'spec.selector', spec.selector,
      `a selector that matches the pods of a controller of the app in the budget's namespace${pdb.namespace ? ` ("${pdb.namespace}")` : ''}: it matches none, and protects nothing`,
      'select exactly the labels of the controller\'s pod template');
    return;
  }
  const { maxUnavailable, minAvailable } = spec;
  // The disruption controller counts a maxUnavailable or a percentage against the scale of the
  // pods' controllers, and skips a pod without one (getExpectedScale): over bare Pods alone it
  // expects 0 pods and allows no disruption; beside a controller's pods they are not counted.
  const bare = selected.filter(pod => pod.object.builtinKind === 'Pod');
  const scaledBy = maxUnavailable !== undefined ? 'maxUnavailable' : typeof minAvailable === 'string' ? 'minAvailable' : undefined;
  if (bare.length > 0 && scaledBy !== undefined) {
    const only = bare.length === selected.length;
    r.add('budget-allows-disruption', `spec.${scaledBy}`, spec[scaledBy],
      `an integer minAvailable over Pods without a controller (${bare.map(p => p.object.ref).join(', ')}): the disruption controller counts ${scaledBy === 'maxUnavailable' ? 'maxUnavailable' : 'a percentage'} against the scale of the pods' controllers and skips a pod without one, ${only ? 'so it expects 0 pods and no pod may ever be evicted (every node drain blocks)' : 'so those Pods are not counted'}`,
      `use minAvailable with a number of pods${only ? '' : ', or select only the controller\'s pods'}`);
    return;
  }
  if (maxUnavailable !== undefined) {
    if (rules.intOrPercentValue(maxUnavailable) === 0) {
      r.add('budget-allows-disruption', 'spec.maxUnavailable', maxUnavailable, 'a maxUnavailable above 0: with 0, no pod may ever be evicted, and every node drain blocks',
        'allow at least one: maxUnavailable: 1');
    }
    return;
  }
  if (minAvailable === undefined || rules.intOrPercent(minAvailable, true) !== undefined) return;
  // How many pods the budget counts: the replicas, or at most the autoscaler's maximum. A DaemonSet's depend on the nodes.
  let expected = 0;
  for (const pod of selected) {
    const kind = pod.object.builtinKind;
    if (kind === 'DaemonSet' || kind === 'Job' || kind === 'CronJob') return;
    const hpa = scaled.get(pod);
    const max = hpa === undefined ? undefined : hpa.maxReplicas;
    if (hpa !== undefined && typeof max !== 'number') return;
    expected += kind === 'Pod' ? 1 : typeof max === 'number' ? max : pod.replicas ?? 1;
  }
  const value = rules.intOrPercentValue(minAvailable)!;
  const needed = typeof minAvailable === 'number' ? value : Math.ceil((value * expected) / 100);
  if (expected > 0 && needed >= expected) {
    const counted = selected.length === 1 ? selected[0].object.ref : `${selected.length} objects`;
    r.add('budget-allows-disruption', 'spec.minAvailable', minAvailable,
      `a minAvailable below the ${expected} pod${expected === 1 ? '' : 's'} it counts (${counted}${scaled.size > 0 && selected.some(p => scaled.has(p)) ? ', at the autoscaler\'s maximum' : ''}): ${needed} must stay up, so no pod may ever be evicted and every node drain blocks`,
      'use maxUnavailable: 1, or lower minAvailable (or raise the replicas)');
  }
}

/** The pods of the model a PodDisruptionBudget covers: in its namespace, matching its selector (none without one). */
export function podsOfBudget(pdb: KubeObject, pods: readonly PodSource[]): PodSource[] {
  const spec = record(pdb.raw.spec);
  if (spec.selector === undefined) return [];
  const selector = readSelector(spec.selector);
  return pods.filter(pod => pod.object.namespace === pdb.namespace && selectorMatches(selector, pod.labels));
}
