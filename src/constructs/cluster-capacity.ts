import type { IConstruct } from 'constructs';
import type { CapacityBudget } from '../core/checks/capacity-checks';
import { ValidationError } from '../core/problems';
import { parseCapacity } from '../core/settings';
import { CAPACITY_CONTEXT, DECLARED_CAPACITY, judgedAtSynth } from '../synth/app-checks';

/**
 * The cluster an app's pods must fit, declared once for the whole app: every synth then checks
 * that the pods can run on it and fails (rule `capacity`), naming the pods, when they certainly
 * cannot. Counted per pod: the larger of each init container (with the native sidecars started
 * before it) and the app containers plus every native sidecar, each container as admitted (a
 * limit without a request gives the request; a LimitRange the app writes in the namespace gives
 * its defaults); per object: a Pod once, a Deployment or StatefulSet at its replicas — at its
 * HorizontalPodAutoscaler's `maxReplicas` when one scales it, since the app must still fit when
 * it has scaled up —, a Deployment's rolling update adds its `maxSurge` (25% of the replicas,
 * rounded up, by default: the new pods start before the old ones stop), a DaemonSet once per
 * node, a Job at its `parallelism`. Every Deployment's surge counts at once (`kubectl apply -f
 * dist/` may roll them all together).
 *
 * For CPU and memory each, it fails when one pod requests more than a node has, when all the
 * pods request more than the nodes have less `reserved`, or when they fit in total but certainly
 * not side by side: by two lower bounds on the nodes any placement needs (at most ⌊node / s⌋
 * pods of `s` or more per node, and Martello and Toth's bin-packing bound L2), never by a
 * guessed packing, so an app that passes may still leave pods Pending.
 *
 * The ResourceQuotas the app writes are checked whether or not a budget is declared, as
 * Kubernetes 1.28's quota admission does: the pods in the quota's scopes, each container setting
 * the requests and limits it tracks, all within its `hard` amounts.
 *
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#how-pods-with-resource-requests-are-scheduled
 * @see https://kubernetes.io/docs/concepts/policy/resource-quotas/
 */
export class ClusterCapacity {
  /**
   * Declares the budget of the app that holds `scope` (one per app: a second call replaces the
   * first). The context value `cdk8s-pods-services:capacity` (`CAPACITY_CONTEXT`), when set,
   * wins over it. Fails on a malformed budget.
   */
  public static declare(scope: IConstruct, budget: CapacityBudget): void {
    const root = scope.node.root;
    const parsed = parseCapacity(budget, `${root.node.path || '<app>'} (ClusterCapacity)`, 'budget');
    if (parsed === undefined) {
      throw new ValidationError([{ rule: 'props', path: `${root.node.path || '<app>'} (ClusterCapacity)`, field: 'budget', value: budget, allowed: 'a budget { nodes, cpu, memory, reserved? }' }]);
    }
    (root as { [DECLARED_CAPACITY]?: CapacityBudget })[DECLARED_CAPACITY] = parsed;
    // the budget judges every object the app writes, ours or not
    judgedAtSynth(root);
  }

  /** The budget in force for the app that holds `scope`: the context value's, else the declared one, else none. */
  public static of(scope: IConstruct): CapacityBudget | undefined {
    const root = scope.node.root;
    const context: unknown = root.node.tryGetContext(CAPACITY_CONTEXT);
    if (context !== undefined) return parseCapacity(context, root.node.path || '<app>', `context "${CAPACITY_CONTEXT}"`);
    return (root as { [DECLARED_CAPACITY]?: CapacityBudget })[DECLARED_CAPACITY];
  }

  private constructor() {}
}
