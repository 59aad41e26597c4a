/**
 * The order in which `App.synth()` writes an app's objects, computed the way cdk8s computes it,
 * so that the checks judge the objects in the order `kubectl apply -f` creates them.
 */
import { ApiObject, App, Chart, Names, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { topology } from './fast-topology';

/**
 * What cdk8s's `resolveDependencies` does before it writes, done now (it is idempotent, and
 * `App.synth()` validates before it resolves): a chart goes after the charts it nests and the
 * charts its constructs depend on, and a dependency between constructs becomes one between
 * their objects.
 * @returns whether any chart depends on another (nested charts do): cdk8s then numbers the files
 */
function liftDependencies(root: IConstruct): boolean {
  const all = root.node.findAll();
  let dependantCharts = false;
  for (const parent of all.filter(Chart.isChart)) {
    for (const child of parent.node.children.filter(Chart.isChart)) {
      parent.node.addDependency(child);
      dependantCharts = true;
    }
  }
  const dependencies = () => all.flatMap(source => source.node.dependencies.map(target => ({ source, target })));
  for (const { source, target } of dependencies()) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    if (sourceChart !== targetChart) {
      sourceChart.node.addDependency(targetChart);
      dependantCharts = true;
    }
  }
  // (Read again, as cdk8s does: the chart dependencies just added order the charts' objects too.)
  for (const { source, target } of dependencies()) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    const objects = (c: IConstruct, chart: Chart) => c.node.findAll().filter(o => ApiObject.isApiObject(o) && Chart.of(o) === chart);
    for (const t of objects(target, targetChart)) {
      for (const s of objects(source, sourceChart)) if (s !== t) s.node.addDependency(t);
    }
  }
  return dependantCharts;
}

/**
 * The objects of an app (or of one chart), in the order synth writes them, as `kubectl apply -f`
 * (and the validation plugin) reads them: the charts in the order cdk8s sorts them, except that
 * with one file per chart and no dependency between charts, cdk8s names the files after the
 * charts alone (`b.k8s.yaml`, `a.k8s.yaml`) and they are read in name order.
 */
export function objectsInOutputOrder(root: IConstruct): ApiObject[] {
  const app = root.node.root;
  const dependantCharts = liftDependencies(app);
  let charts = Chart.isChart(root) ? [root] : topology(root).filter(Chart.isChart);
  if (!Chart.isChart(root) && !dependantCharts && isApp(app) && app.yamlOutputType === YamlOutputType.FILE_PER_CHART) {
    const file = new Map(charts.map(chart => [chart, `${Names.toDnsLabel(chart)}${app.outputFileExtension}`]));
    charts = [...charts].sort((a, b) => (file.get(a)! < file.get(b)! ? -1 : file.get(a)! > file.get(b)! ? 1 : 0));
  }
  return charts.flatMap(chart => topology(chart)
    .filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart));
}

/** Whether the root is a cdk8s App (of any copy of cdk8s: its output settings are read, not its class). */
function isApp(root: IConstruct): root is App {
  return typeof (root as Partial<App>).yamlOutputType === 'number' && typeof (root as Partial<App>).outputFileExtension === 'string';
}
