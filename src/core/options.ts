/**
 * The settings of one judgment, as the engine and each rule read them (the app's context, the
 * plugin's properties and `checkManifests`' options are parsed into them).
 */
import type { CapacityBudget } from './checks/capacity-checks';
import type { NodePortRange } from './node-ports';
import type { PlatformName } from './settings';
import type { KubernetesVersion } from './versions';

/** Settings of a judgment. */
export interface JudgeOptions {
  /**
   * The cluster's `--service-node-port-range`.
   * @default [30000, 32767] - Kubernetes' default range (kube-apiserver `--service-node-port-range`)
   */
  readonly nodePortRange?: NodePortRange;
  /**
   * How to widen the node port range where the checks run, for the fix text.
   * @default - no knob named
   */
  readonly nodePortRangeKnob?: string;
  /**
   * How to skip a rule where the checks run, for the fix text of a rule one may well not want.
   * @default - no knob named
   */
  readonly skipRulesKnob?: string;
  /**
   * Why the output order is not the order of the objects' dependencies, when it is not (the
   * app's output type), for the fix text of `service-before-its-pods`.
   * @default - it is: a dependency orders them
   */
  readonly orderHint?: string;
  /**
   * The cluster the app's pods must fit.
   * @default - none: only the ResourceQuotas of the output are checked
   */
  readonly capacity?: CapacityBudget;
  /**
   * How to declare the budget where the checks run, for the fix text.
   * @default - no knob named
   */
  readonly capacityKnob?: string;
  /**
   * The platform the manifests are for.
   * @default - none: no platform's checks
   */
  readonly platform?: PlatformName;
  /**
   * Rules turned off, each with the reason why (kept in the output).
   * @default - none: every rule
   */
  readonly skipRules?: { readonly [rule: string]: string };
  /**
   * Whether a warning is reported as an error (for CI).
   * @default false
   */
  readonly warningsAsErrors?: boolean;
  /**
   * The Kubernetes minor the manifests are for: only the rules whose `versions` include it run.
   * @default DEFAULT_KUBERNETES_VERSION - "1.35"
   */
  readonly kubernetesVersion?: KubernetesVersion;
}
