/**
 * The order in which `App.synth()` writes an app's objects, computed the way cdk8s computes it,
 * so that the checks judge the objects in the order `kubectl apply -f` creates them.
 *
 * A copy of cdk8s's behaviour (its `resolveDependencies` and chart order), kept for correctness,
 * not speed: cdk8s has no public API for the order it writes in, and the engine must judge before
 * anything is written. test/property/output-order.test.ts holds it to the files `App.synth()`
 * writes, with the newest cdk8s and with the lowest of the peer range (jest project cdk8s-lowest).
 */
import type { App } from 'cdk8s';
import { ApiObject, Chart, Names, YamlOutputType } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { topology } from './fast-topology';

/**
 * What cdk8s's `resolveDependencies` does before it writes, done now (it is idempotent, and
 * `App.synth()` validates before it resolves): a chart goes after the charts it nests and the
 * charts its constructs depend on, and a dependency between constructs becomes one between
 * their objects.
 * @returns whether any chart depends on another (nested charts do): cdk8s then numbers the files
 * @internal
 */
export function liftDependencies(root: IConstruct): boolean {
  const all = root.node.findAll();
  const chartOf = chartFinder();
  let dependantCharts = false;
  for (const parent of all) {
    if (!Chart.isChart(parent)) continue;
    for (const child of parent.node.children) {
      if (!Chart.isChart(child)) continue;
      parent.node.addDependency(child);
      dependantCharts = true;
    }
  }
  const dependencies = (): Array<readonly [IConstruct, IConstruct]> => {
    const out: Array<readonly [IConstruct, IConstruct]> = [];
    for (const source of all) for (const target of source.node.dependencies) out.push([source, target]);
    return out;
  };
  for (const [source, target] of dependencies()) {
    const sourceChart = chartOf(source);
    const targetChart = chartOf(target);
    if (sourceChart !== targetChart) {
      sourceChart.node.addDependency(targetChart);
      dependantCharts = true;
    }
  }
  // (Read again, as cdk8s does: the chart dependencies just added order the charts' objects too.)
  const objects = (c: IConstruct, chart: Chart) => c.node.findAll().filter(o => ApiObject.isApiObject(o) && chartOf(o) === chart);
  for (const [source, target] of dependencies()) {
    // One object on another, neither with constructs of its own (how the constructs order
    // objects): the dependency is already the objects' own.
    if (ApiObject.isApiObject(source) && ApiObject.isApiObject(target) && source.node.children.length === 0 && target.node.children.length === 0) continue;
    const sourceChart = chartOf(source);
    const targetChart = chartOf(target);
    for (const t of objects(target, targetChart)) {
      for (const s of objects(source, sourceChart)) if (s !== t) s.node.addDependency(t);
    }
  }
  return dependantCharts;
}

/**
 * cdk8s's `Chart.of` (the closest chart at or above a construct; it throws above the charts), each
 * construct's answer kept for one pass over the app: the objects of a chart share their scopes.
 * @internal
 */
export function chartFinder(): (c: IConstruct) => Chart {
  const found = new Map<IConstruct, Chart>();
  const chartOf = (c: IConstruct): Chart => {
    let chart = found.get(c);
    if (chart === undefined) {
      chart = Chart.isChart(c) || c.node.scope === undefined ? Chart.of(c) : chartOf(c.node.scope);
      found.set(c, chart);
    }
    return chart;
  };
  return chartOf;
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
  let charts = Chart.isChart(root) ? [root] : topology(root).filter(c => Chart.isChart(c));
  const output = isApp(app) && !Chart.isChart(root) ? app.yamlOutputType : undefined;
  if (output === YamlOutputType.FILE_PER_CHART && !dependantCharts) {
    charts = byName(charts, chart => Names.toDnsLabel(chart));
  }
  const chartOf = chartFinder();
  const objects = (chart: Chart) => chartObjects(chart, chartOf);
  // One file per object: `kubectl apply -f` reads them in name order, `<Kind>.<name>`, so a
  // Pod's file comes before its Service's whatever the order they were written in.
  const fileOf = (obj: ApiObject) => `${obj.kind}.${obj.name}`.replace(/[^0-9a-zA-Z-_.]/g, '');
  if (output === YamlOutputType.FILE_PER_RESOURCE) return byName(charts.flatMap(objects), fileOf);
  if (output === YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE) {
    return (dependantCharts ? charts : byName(charts, chart => Names.toDnsLabel(chart))).flatMap(chart => byName(objects(chart), fileOf));
  }
  return charts.flatMap(objects);
}

/**
 * The objects a chart writes, in the order it writes them: its own, not those of a chart nested in it.
 * @internal
 */
export function chartObjects(chart: Chart, chartOf: (c: IConstruct) => Chart = chartFinder()): ApiObject[] {
  return topology(chart).filter((c): c is ApiObject => ApiObject.isApiObject(c) && chartOf(c) === chart);
}

/** Whether the app writes one file per object (its apply order is then the files' name order). */
export function writesFilePerObject(root: IConstruct): boolean {
  const app = root.node.root;
  return isApp(app) && (app.yamlOutputType === YamlOutputType.FILE_PER_RESOURCE || app.yamlOutputType === YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE);
}

/** A stable sort by a name, as a directory listing orders its files. */
function byName<T>(items: readonly T[], name: (item: T) => string): T[] {
  const names = new Map(items.map(i => [i, name(i)]));
  return [...items].sort((a, b) => (names.get(a)! < names.get(b)! ? -1 : names.get(a)! > names.get(b)! ? 1 : 0));
}

/** Whether the root is a cdk8s App (of any copy of cdk8s: its output settings are read, not its class). */
function isApp(root: IConstruct): root is App {
  return typeof (root as Partial<App>).yamlOutputType === 'number' && typeof (root as Partial<App>).outputFileExtension === 'string';
}
