import { IConstruct } from 'constructs';
import { CapacityBudget } from '../core/checks/capacity-checks';
import { ValidationError } from '../core/problems';
import { parseCapacity } from '../core/settings';
import { CAPACITY_CONTEXT, DECLARED_CAPACITY } from '../synth/app-checks';

/**
 * The cluster an app's pods must fit, declared once for the whole app: every synth then adds up
 * what the pods request the way the scheduler does and fails (rule `capacity`), naming the
 * biggest consumers, when they cannot fit. Counted per pod: the larger of each init container
 * (with the native sidecars started before it) and the app containers plus every native sidecar
 * (a container with a limit and no request requests its limit); per object: a Pod once, a
 * Deployment or StatefulSet at its replicas — at its HorizontalPodAutoscaler's `maxReplicas` when
 * one scales it, since the app must still fit when it has scaled up —, a Deployment's rolling
 * update adds its `maxSurge` (25% of the replicas, rounded up, by default: the new pods start
 * before the old ones stop), a DaemonSet once per node, a Job at its `parallelism`. Every
 * Deployment's surge counts at once (`kubectl apply -f dist/` may roll them all together). Each
 * pod must also fit one node.
 *
 * The ResourceQuotas the app writes are checked whether or not a budget is declared.
 *
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#how-pods-with-resource-requests-are-scheduled
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
