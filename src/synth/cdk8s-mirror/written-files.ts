/**
 * The manifest files `App.synth()` writes, with their objects rendered from memory, so that
 * what is drawn or reported beside them needs no second reading of the YAML just written.
 *
 * Machinery that exists only for speed (`writeTopologyFiles(app)`, src/topology.ts): a copy of
 * cdk8s's file names and write order for every `YamlOutputType`. Figure: the tutorial's pictures
 * in process, 82–146 ms reading the YAML back → 10–18 ms from memory, 0.15× (0.07×–0.16×), 4 rounds
 * (bench/RESULTS.md, "Topology pictures from the objects in memory"). test/unit/tools/topology.test.ts
 * compares it with the files synth wrote, read back, for every output type, with the newest cdk8s
 * and with the lowest of the peer range (jest project cdk8s-lowest).
 */
import type { ApiObject, App } from 'cdk8s';
import { Chart, Names, YamlOutputType } from 'cdk8s';
import { topology } from './fast-topology';
import { chartFinder, chartObjects, liftDependencies } from './output-order';

/** One manifest file synth writes into the app's output directory. */
export interface WrittenFile {
  /** The file's name, relative to the output directory (`02-cluster-ip.k8s.yaml`). */
  readonly file: string;
  /** Its objects as synth writes them, in file order, as a YAML reader reads them back. */
  readonly manifests: readonly unknown[];
}

/**
 * The files `app.synth()` writes directly into `app.outdir` (with one folder per chart, none:
 * they go into the folders), named the way cdk8s names them, each with its objects rendered
 * (`toJson()`, escape hatches applied) in the order cdk8s writes them. It renders every object
 * once; call it after `app.synth()` (which has validated the app).
 *
 * The objects are what a YAML reader gets back from the file: an `undefined` value is `null`
 * (cdk8s writes it so), and an empty object is no document (`Yaml.load` drops it).
 */
export function writtenFiles(app: App): WrittenFile[] {
  const indexed = liftDependencies(app);
  const charts = topology(app).filter(c => Chart.isChart(c));
  const chartOf = chartFinder();
  const objectsOf = (chart: Chart) => chartObjects(chart, chartOf);
  const rendered = (objects: readonly ApiObject[]) => objects.map(o => asWritten(o.toJson())).filter(isDocument);
  const ext = app.outputFileExtension;
  switch (app.yamlOutputType) {
    case YamlOutputType.FILE_PER_APP:
      return charts.length === 0 ? [] : [{ file: `app${ext}`, manifests: rendered(charts.flatMap(objectsOf)) }];
    case YamlOutputType.FILE_PER_CHART:
      return charts.map((chart, i) => ({
        file: `${indexed ? `${i.toString().padStart(4, '0')}-` : ''}${Names.toDnsLabel(chart)}${ext}`,
        manifests: rendered(objectsOf(chart)),
      }));
    case YamlOutputType.FILE_PER_RESOURCE: {
      // One file per object, named from the rendered object; a later one of the same name replaces it.
      const files = new Map<string, unknown[]>();
      for (const obj of charts.flatMap(objectsOf)) {
        const manifest = asWritten(obj.toJson()) as { kind?: unknown; metadata?: { name?: unknown } };
        files.delete(fileOf(manifest));
        files.set(fileOf(manifest), [manifest].filter(isDocument));
      }
      return [...files].map(([name, manifests]) => ({ file: `${name}${ext}`, manifests }));
    }
    default:
      return [];
  }
}

/**
 * The names of the files `app.synth()` wrote directly into `app.outdir`, when it writes one file
 * for the app or one per chart (cdk8s's default), named as {@link writtenFiles} names them,
 * without rendering anything; undefined for the other output types, and when two charts would
 * write one file (the later replaces the earlier). Call it after `app.synth()`.
 * @internal
 */
export function writtenFileNames(app: App): string[] | undefined {
  const ext = app.outputFileExtension;
  if (app.yamlOutputType === YamlOutputType.FILE_PER_APP) return topology(app).some(c => Chart.isChart(c)) ? [`app${ext}`] : [];
  if (app.yamlOutputType !== YamlOutputType.FILE_PER_CHART) return undefined;
  const indexed = liftDependencies(app);
  const names = topology(app).filter(c => Chart.isChart(c)).map((chart, i) => `${indexed ? `${i.toString().padStart(4, '0')}-` : ''}${Names.toDnsLabel(chart)}${ext}`);
  return new Set(names).size === names.length ? names : undefined;
}

/** cdk8s's file name of an object written to a file of its own. */
function fileOf(manifest: { kind?: unknown; metadata?: { name?: unknown } }): string {
  return `${String(manifest.kind)}.${String(manifest.metadata?.name)}`.replace(/[^0-9a-zA-Z-_.]/g, '');
}

/** Whether `Yaml.load` keeps a document: it drops null, an empty list and an empty object. */
function isDocument(o: unknown): boolean {
  return o !== undefined && o !== null && !(Array.isArray(o) && o.length === 0) && !(typeof o === 'object' && Object.keys(o).length === 0);
}

/**
 * A rendered object as synth writes it: cdk8s writes an `undefined` (a value an L1 serializer
 * dropped, such as a plain string an escape hatch put where a `Quantity` goes) as `null`. The
 * object itself when it holds no `undefined` (the usual case: nothing is copied).
 * @internal
 */
export function asWritten(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') return value;
  const source = value as { readonly [key: string]: unknown };
  let copy: { [key: string]: unknown } | undefined;
  for (const key in source) {
    const v = source[key];
    const written = asWritten(v);
    if (written === v) continue;
    copy ??= (Array.isArray(value) ? [...(value as readonly unknown[])] : { ...source }) as { [key: string]: unknown };
    copy[key] = written;
  }
  return copy ?? value;
}
