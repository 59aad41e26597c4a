/**
 * Where a construct of ours may be created (not part of the public API).
 */
import { Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import type { Reporter } from '../core/problems';

/**
 * Reports a construct created outside any Chart: cdk8s writes the objects of charts only, and
 * would refuse it with a plain error when the construct creates its first object.
 * @returns whether it is under a Chart
 */
export function checkUnderChart(r: Reporter, construct: IConstruct): boolean {
  for (let s = construct.node.scope; s !== undefined; s = s.node.scope) if (Chart.isChart(s)) return true;
  r.add('props', 'scope', construct.node.scope?.node.path || '<app>', 'a scope inside a Chart: cdk8s writes the objects of charts only',
    'create the construct in a Chart (new Chart(app, \'id\')), or in a construct inside one');
  return false;
}
