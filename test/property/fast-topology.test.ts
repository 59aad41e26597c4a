import { DependencyGraph, Testing, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import * as fc from 'fast-check';
import { runs } from './runs';
import { topology } from '../../src/synth/cdk8s-mirror/fast-topology';

const paths = (cs: readonly IConstruct[]) => cs.map(c => c.node.path);

describe('topology, the fast twin of cdk8s\'s DependencyGraph', () => {
  test('is the order of cdk8s\'s DependencyGraph, for any acyclic dependencies', () => {
    // Each construct i may depend on constructs created before it: always acyclic.
    const shape = fc.array(fc.record({ parent: fc.nat(), deps: fc.array(fc.nat(), { maxLength: 3 }), numericId: fc.boolean() }),
      { minLength: 1, maxLength: 25 });
    fc.assert(fc.property(shape, specs => {
      const app = Testing.app();
      const made: Construct[] = [new Chart(app, 'c0'), new Chart(app, '7')];
      specs.forEach((s, i) => {
        const parent = made[s.parent % made.length];
        // ids that are array indexes directly under the app come first in cdk8s's graph
        const c = i % 5 === 0 && parent === made[0] && s.numericId ? new Chart(app, `${100 + i}`) : new Construct(parent, `x${i}`);
        for (const d of s.deps) c.node.addDependency(made[d % made.length]);
        made.push(c);
      });
      expect(paths(topology(app))).toEqual(paths(new DependencyGraph(app.node).topology()));
      for (const chart of made.filter(Chart.isChart)) expect(paths(topology(chart))).toEqual(paths(new DependencyGraph(chart.node).topology()));
    }), { numRuns: runs(300) });
  });

  test('fails like cdk8s on a dependency cycle', () => {
    const chart = new Chart(Testing.app(), 'chart');
    const a = new Construct(chart, 'a');
    const b = new Construct(chart, 'b');
    a.node.addDependency(b);
    b.node.addDependency(a);
    expect(() => topology(chart)).toThrow(/Dependency cycle detected/);
  });
});
