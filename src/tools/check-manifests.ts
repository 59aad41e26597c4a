import { judge } from '../core/engine';
import { NodePortRange, parseNodePortRange } from '../core/node-port-range';
import { Problem } from '../core/problems';

/** Options of {@link checkManifests}. */
export interface CheckManifestsOptions {
  /**
   * The cluster's `--service-node-port-range`: `[lowest, highest]`, or `"lowest-highest"`.
   * @default [30000, 32767] - the API server's default
   */
  readonly nodePortRange?: NodePortRange | string;
}

/**
 * Every problem the library's checks find in any manifests (objects as parsed from YAML or
 * JSON, in the order they are applied): the same engine, rules and rule ids as the checks that
 * run inside an app at synth and as the validation plugin. Objects are named by kind and name.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/
 */
export function checkManifests(manifests: readonly unknown[], options: CheckManifestsOptions = {}): Problem[] {
  const nodePortRange = parseNodePortRange(options.nodePortRange, 'checkManifests()', 'nodePortRange');
  return judge(manifests.map(manifest => ({ manifest })), { nodePortRange, nodePortRangeKnob: 'pass checkManifests() the cluster\'s range as `nodePortRange`' });
}
