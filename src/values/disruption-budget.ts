import { ProblemCollector } from '../core/problems';
import { brand, hasBrand } from '../core/util';
import type { IntOrPercent } from './rollout';

/**
 * A PodDisruptionBudget for a controller's pods: how many of them a voluntary disruption (a node
 * drain, a cluster upgrade, an eviction) must leave running. It does not protect against a node
 * crashing. The pod construct writes it (`policy/v1`, named after the controller, selecting
 * exactly the pods' labels) after the controller.
 *
 * Give the `disruptionBudget` option of `Workload.deployment()`, `.statefulSet()` or
 * `.daemonSet()`. A budget that never allows a disruption (`maxUnavailable: 0`, or
 * `minAvailable` at least the replicas) blocks every drain: the checks at synth report it.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/pods/disruptions/
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/
 */
export class DisruptionBudget {
  /** Whether `x` is a DisruptionBudget of any copy of this package. */
  public static isDisruptionBudget(x: unknown): x is DisruptionBudget {
    return hasBrand(x, 'DisruptionBudget');
  }

  /**
   * At least this many of the pods (or this percentage of the wanted replicas, rounded up) stay
   * available during a voluntary disruption.
   */
  public static minAvailable(value: IntOrPercent): DisruptionBudget {
    return new DisruptionBudget('minAvailable', check('DisruptionBudget.minAvailable()', 'minAvailable', value));
  }

  /**
   * At most this many of the pods (or this percentage of the wanted replicas, rounded up) may be
   * unavailable during a voluntary disruption. Keeps working as the replicas change (an
   * autoscaler's): the usual choice.
   */
  public static maxUnavailable(value: IntOrPercent): DisruptionBudget {
    return new DisruptionBudget('maxUnavailable', check('DisruptionBudget.maxUnavailable()', 'maxUnavailable', value));
  }

  private constructor(
    /** Which bound it sets: `minAvailable` or `maxUnavailable`. */
    public readonly field: 'minAvailable' | 'maxUnavailable',
    /** The bound: a number of pods, or a percentage. */
    public readonly value: IntOrPercent,
  ) {
    brand(this, 'DisruptionBudget');
  }
}

/**
 * A bound that can be written: a number or a string. Its value (an integer of 0 or more, or a
 * percentage of at most 100%) is judged at synth: rule disruption-budget.
 */
function check(fn: string, field: string, value: IntOrPercent): IntOrPercent {
  const problems = new ProblemCollector(fn);
  if (!((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string')) {
    problems.add('props', field, value, 'a number of pods, or a percentage ("50%")');
  }
  problems.throwIfAny();
  return value;
}
