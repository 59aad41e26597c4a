import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { asArray, asRecord, podTemplateOf, str, stringMap } from './manifest-reading';

/**
 * Options of {@link topologyMarkdown}.
 */
export interface TopologyOptions {
  /**
   * The heading of the Markdown file, e.g. the chart's name.
   * @default "Topology"
   */
  readonly title?: string;
  /**
   * The manifest file the diagram describes, named in the text under the heading.
   * @default - none
   */
  readonly source?: string;
}

interface Port { readonly number: number; readonly name?: string; readonly protocol: string }
interface Container { readonly name: string; readonly image: string; readonly ports: readonly Port[] }
interface Workload {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly labels: { readonly [key: string]: string };
  readonly containers: readonly Container[];
  readonly initContainers: readonly Container[];
  readonly replicas?: number;
}
interface ServicePort { readonly port: number; readonly targetPort?: number | string; readonly nodePort?: number; readonly protocol: string }
interface Service {
  readonly name: string;
  readonly namespace?: string;
  readonly type: string;
  readonly selector?: { readonly [key: string]: string };
  readonly ports: readonly ServicePort[];
  readonly externalName?: string;
}
/** Where one port of a Service goes in one selected workload. */
interface Route {
  readonly service: number;
  readonly port: ServicePort;
  readonly workload: number;
  /** Index of the container that listens, if any does. */
  readonly container?: number;
  /** The container port reached, or what is wrong. */
  readonly reaches: string;
}

/**
 * A Markdown page with a Mermaid diagram of the Services, the Pods or controllers each
 * selects, and the container and port each Service port reaches, followed by the same routes
 * as text (`svc-pod :4050 → pod-1 / pod-1 :80`).
 *
 * A pure function of the manifests: it works for objects that did not come from this
 * library's constructs. Pods and workload controllers (Deployment, ReplicaSet, StatefulSet,
 * DaemonSet, Job, CronJob, ReplicationController) are matched by labels and namespace, like
 * the API server does; a Service that selects nothing, and a `targetPort` no container
 * declares, are shown as such.
 *
 * @param manifests the objects of one chart or file, as the Kubernetes API spells them
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 * @see https://mermaid.js.org/syntax/flowchart.html
 */
export function topologyMarkdown(manifests: readonly unknown[], options: TopologyOptions = {}): string {
  const objects = manifests.filter(isObject);
  const workloads = objects.map(toWorkload).filter((w): w is Workload => w !== undefined);
  const services = objects.filter(o => o.kind === 'Service').map(toService);
  const routes = services.flatMap((svc, s) => routesOf(svc, s, workloads));

  const graph: string[] = ['flowchart LR'];
  services.forEach((svc, s) => {
    const ports = svc.ports.map(p => `:${p.port}${p.protocol === 'TCP' ? '' : `/${p.protocol}`}`).join(' ');
    graph.push(`  s${s}(["Service ${label(svc.name)}<br/>${svc.type}${ports ? ` ${ports}` : ''}"])`);
    const nodePorts = svc.ports.filter(p => p.nodePort !== undefined).map(p => `:${p.nodePort}`);
    if (svc.type === 'NodePort' || svc.type === 'LoadBalancer') {
      const entry = [
        svc.type === 'LoadBalancer' ? `load balancer ${svc.ports.map(p => `:${p.port}`).join(' ')}` : undefined,
        `every node ${nodePorts.length > 0 ? nodePorts.join(' ') : ':(a port the cluster allocates)'}`,
      ].filter(Boolean).join('<br/>');
      graph.push(`  in${s}[/"${entry}"/] --> s${s}`);
    }
    if (svc.externalName !== undefined) {
      graph.push(`  x${s}[("${label(svc.externalName)}")]`);
      graph.push(`  s${s} -. DNS CNAME .-> x${s}`);
    }
  });
  workloads.forEach((w, i) => {
    const replicas = w.replicas !== undefined ? ` ×${w.replicas}` : '';
    graph.push(`  subgraph w${i} ["${w.kind} ${label(w.name)}${replicas}"]`);
    w.initContainers.forEach((c, j) => graph.push(`    w${i}i${j}["init: ${label(c.name)}<br/>${label(c.image)}"]`));
    w.containers.forEach((c, j) => {
      const ports = c.ports.map(p => `:${p.number}${p.protocol === 'TCP' ? '' : `/${p.protocol}`}`).join(' ');
      graph.push(`    w${i}c${j}["${label(c.name)}<br/>${label(c.image)}${ports ? ` ${ports}` : ''}"]`);
    });
    graph.push('  end');
  });
  for (const r of routes) {
    const target = r.container !== undefined ? `w${r.workload}c${r.container}` : `w${r.workload}`;
    graph.push(`  s${r.service} -->|":${r.port.port} → ${label(r.reaches)}"| ${target}`);
  }
  services.forEach((svc, s) => {
    if (svc.selector !== undefined && !routes.some(r => r.service === s)) {
      graph.push(`  s${s} -.-x n${s}["no Pod matches ${label(selectorText(svc.selector))}"]`);
    }
  });

  const lines = [`# ${options.title ?? 'Topology'}`, ''];
  if (options.source) lines.push(`The Services and Pods of \`${options.source}\`, drawn by synth from the manifests.`, '');
  lines.push('```mermaid', ...graph, '```', '');
  const text = routeLines(services, workloads, routes);
  if (text.length > 0) lines.push(...text.map(t => `- ${t}`), '');
  return lines.join('\n');
}

/**
 * Writes {@link topologyMarkdown} for every manifest file in `manifestDir` (files ending in
 * `extension`) as `<name>.md` into `outDir`: `dist/02-cluster-ip.k8s.yaml` gets
 * `dist/02-cluster-ip.md`.
 *
 * @param manifestDir the directory synth wrote the manifests into
 * @param outDir where the Markdown files go
 * @param extension the manifests' file extension (cdk8s' `outputFileExtension`)
 * @returns the files written
 */
export function writeTopologyFiles(manifestDir: string, outDir: string = manifestDir, extension: string = '.k8s.yaml'): string[] {
  const written: string[] = [];
  for (const file of fs.readdirSync(manifestDir).filter(f => f.endsWith(extension)).sort()) {
    const chart = file.slice(0, -extension.length);
    const manifests = loadManifests(path.join(manifestDir, file)).filter(o => o !== null);
    const out = path.join(outDir, `${chart}.md`);
    fs.writeFileSync(out, topologyMarkdown(manifests, { title: chart, source: file }));
    written.push(out);
  }
  return written;
}

/** The part of the `yaml` library {@link loadManifests} uses. */
interface YamlLibrary {
  parseAllDocuments(source: string, options: { version: '1.1' }): ReadonlyArray<{ toJSON(): unknown }>;
}

let bundledYaml: YamlLibrary | null | undefined;

/**
 * The objects of a manifest file, as cdk8s's `Yaml.load` reads them (YAML 1.1, empty
 * documents dropped), with the YAML library cdk8s bundles. `Yaml.load` itself starts a node
 * process per file to read it (~0.14 s each: over a second for the tutorial's files); it
 * remains the fallback should that library not be found.
 */
function loadManifests(file: string): any[] {
  if (bundledYaml === undefined) {
    try {
      bundledYaml = require(require.resolve('yaml', { paths: [path.dirname(require.resolve('cdk8s'))] })) as YamlLibrary;
    } catch {
      bundledYaml = null;
    }
  }
  if (bundledYaml === null) return Yaml.load(file);
  return bundledYaml.parseAllDocuments(fs.readFileSync(file, 'utf8'), { version: '1.1' })
    .map(doc => doc.toJSON())
    .filter(o => o !== undefined && o !== null && !(Array.isArray(o) && o.length === 0)
      && !(typeof o === 'object' && Object.keys(o as object).length === 0));
}

function routeLines(services: readonly Service[], workloads: readonly Workload[], routes: readonly Route[]): string[] {
  const lines: string[] = [];
  services.forEach((svc, s) => {
    if (svc.externalName !== undefined) {
      lines.push(`\`${svc.name}\` → \`${svc.externalName}\` (ExternalName: a DNS CNAME, no proxy)`);
      return;
    }
    const mine = routes.filter(r => r.service === s);
    if (svc.selector !== undefined && mine.length === 0) {
      lines.push(`\`${svc.name}\` selects no Pod (selector ${selectorText(svc.selector)})`);
    }
    for (const r of mine) {
      const w = workloads[r.workload];
      const node = r.port.nodePort !== undefined ? ` (node :${r.port.nodePort})` : '';
      const container = r.container !== undefined ? w.containers[r.container].name : '?';
      lines.push(`\`${svc.name} :${r.port.port}${node} → ${workloadName(w)} / ${container} ${r.reaches}\``);
    }
  });
  workloads.forEach((w, i) => {
    if (!routes.some(r => r.workload === i)) {
      const ports = w.containers.flatMap(c => c.ports.map(p => `${c.name} :${p.number}`));
      lines.push(`\`${workloadName(w)}\`${ports.length > 0 ? ` (${ports.join(', ')})` : ''}: no Service selects it`);
    }
  });
  return lines;
}

function routesOf(svc: Service, s: number, workloads: readonly Workload[]): Route[] {
  const selector = svc.selector;
  if (selector === undefined || Object.keys(selector).length === 0) return [];
  const routes: Route[] = [];
  workloads.forEach((w, i) => {
    if (w.namespace !== svc.namespace) return;
    if (!Object.entries(selector).every(([k, v]) => w.labels[k] === v)) return;
    for (const port of svc.ports) {
      const target = port.targetPort ?? port.port;
      let found: { container: number; port: Port } | undefined;
      w.containers.forEach((c, j) => {
        const p = c.ports.find(cp => (typeof target === 'number' ? cp.number === target : cp.name === target) && cp.protocol === port.protocol);
        if (p && !found) found = { container: j, port: p };
      });
      const reaches = found ? `:${found.port.number}`
        : typeof target === 'number' ? `:${target} (no container declares it)` : `no port named "${target}"`;
      routes.push({ service: s, port, workload: i, container: found?.container, reaches });
    }
  });
  return routes;
}

function toWorkload(o: Obj): Workload | undefined {
  const template = podTemplateOf(o);
  if (template === undefined) return undefined;
  const meta = asRecord(o.metadata);
  const containers = (list: unknown) => arr(list).map(c => ({
    name: String(c.name),
    image: String(c.image),
    ports: arr(c.ports).map(p => ({ number: Number(p.containerPort), name: str(p.name), protocol: str(p.protocol) ?? 'TCP' })),
  }));
  const spec = asRecord(template.spec);
  const replicas = o.kind === 'Pod' ? undefined : asRecord(o.spec).replicas;
  return {
    kind: String(o.kind),
    name: String(meta.name),
    namespace: str(meta.namespace),
    labels: strings(asRecord(template.metadata).labels),
    containers: containers(spec.containers),
    initContainers: containers(spec.initContainers),
    replicas: typeof replicas === 'number' ? replicas : undefined,
  };
}

function toService(o: Obj): Service {
  const meta = asRecord(o.metadata);
  const spec = asRecord(o.spec);
  return {
    name: String(meta.name),
    namespace: str(meta.namespace),
    type: str(spec.type) ?? 'ClusterIP',
    selector: spec.selector === undefined ? undefined : strings(spec.selector),
    externalName: str(spec.externalName),
    ports: arr(spec.ports).map(p => ({
      port: Number(p.port),
      targetPort: typeof p.targetPort === 'number' || typeof p.targetPort === 'string' ? p.targetPort : undefined,
      nodePort: typeof p.nodePort === 'number' ? p.nodePort : undefined,
      protocol: str(p.protocol) ?? 'TCP',
    })),
  };
}

function workloadName(w: Workload): string {
  return w.kind === 'Pod' ? w.name : `${w.kind.toLowerCase()}/${w.name}`;
}

function selectorText(selector: { readonly [key: string]: string }): string {
  return Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
}

/** Text inside a quoted Mermaid label: a double quote would end it. */
function label(text: string): string {
  return text.replace(/"/g, '#quot;');
}

type Obj = { readonly [key: string]: unknown };
function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function arr(v: unknown): Obj[] {
  return asArray(v).filter(isObject);
}
function strings(v: unknown): { [key: string]: string } {
  return stringMap(v) ?? {};
}
