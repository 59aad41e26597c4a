import { App, Chart, DependencyGraph, Testing } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import * as fc from 'fast-check';
import { outputOrder, subtree } from '../src/validation/output-order';

const paths = (cs: readonly IConstruct[]) => cs.map(c => c.node.path);

describe('outputOrder', () => {
  test('is the order of cdk8s\'s DependencyGraph, for any acyclic dependencies', () => {
    // Each construct i may depend on constructs created before it: always acyclic.
    const shape = fc.array(fc.record({ parent: fc.nat(), deps: fc.array(fc.nat(), { maxLength: 3 }), numericId: fc.boolean() }),
      { minLength: 1, maxLength: 25 });
    fc.assert(fc.property(shape, specs => {
      const app = Testing.app();
      const made: Construct[] = [new Chart(app, 'c0'), new Chart(app, '7')];
      specs.forEach((s, i) => {
        const parent = made[s.parent % made.length];
        const c = i % 5 === 0 && parent === made[0] && s.numericId ? new Chart(app, `${100 + i}`) : new Construct(parent, `x${i}`);
        for (const d of s.deps) if (made.length > 0) c.node.addDependency(made[d % made.length]);
        made.push(c);
      });
      expect(paths(outputOrder(app))).toEqual(paths(new DependencyGraph(app.node).topology()));
      const everything = app.node.findAll();
      for (const chart of made.filter(Chart.isChart)) {
        const expected = paths(new DependencyGraph(chart.node).topology());
        expect(paths(outputOrder(chart))).toEqual(expected);
        expect(paths(outputOrder(chart, subtree(everything, chart)))).toEqual(expected);
      }
    }), { numRuns: 300 });
  });

  test('fails like cdk8s on a dependency cycle', () => {
    const app = new App();
    const chart = new Chart(app, 'chart');
    const a = new Construct(chart, 'a');
    const b = new Construct(chart, 'b');
    a.node.addDependency(b);
    b.node.addDependency(a);
    expect(() => outputOrder(chart)).toThrow(/Dependency cycle detected/);
  });
});
