import * as fs from 'fs';
import * as path from 'path';
import type * as yaml from 'yaml';
import { restrictedViolations } from '../core/checks/pod-security';
import { podsOfBudget } from '../core/walk/workloads';
import type { ContainerView, KubeObject, ManifestModel, PodSource, ServicePortView, ServiceView} from '../core/manifest';
import { at, readManifests, record, str, stringMap } from '../core/manifest';
import { ValidationError } from '../core/problems';
import { asText, isArray } from '../core/util';
import { findContainerPort, PodIndex, targetOf } from '../core/routing';
import { backendsOf } from '../core/walk/ingresses';
import { readSelector, selectorMatches } from '../core/label-selector';
import { describeIngress, policiesSelecting, readPolicies } from '../core/network-policy';
import { gatewayApiOf, gatewayOf, sameNamespace } from '../core/gateway-api';

/**
 * Options of {@link topologyMarkdown}.
 */
export interface TopologyOptions {
  /**
   * The heading of the Markdown file, e.g. the chart's name.
   * @default "Topology" - a heading that says what the file is when no chart name is given
   */
  readonly title?: string;
  /**
   * The manifest file the diagram describes, named in the text under the heading.
   * @default - none
   */
  readonly source?: string;
}

/** Where one port of a Service goes in one selected pod source. */
interface Route {
  readonly service: number;
  readonly port: ServicePortView;
  readonly workload: number;
  /** The container that listens, if any does. */
  readonly container?: ContainerView;
  /** The container port reached, or what is wrong. */
  readonly reaches: string;
}

/**
 * A Markdown page with a Mermaid diagram of the Services, the Pods or controllers each
 * selects, and the container and port each Service port reaches, followed by the same routes
 * as text (`svc-pod :4050 → pod-1 / pod-1 :80`). An Ingress is drawn in front of the Services
 * its backends name (host, path, Service port), a Gateway in front of the HTTPRoutes and
 * GRPCRoutes attached to it and each route in front of its backends' Services (port, share of
 * the requests), and a NetworkPolicy beside the pods it selects, with what it lets in and from whom.
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
  if (!isArray(manifests)) {
    throw new ValidationError([{ rule: 'props', path: 'topologyMarkdown()', field: 'manifests', value: manifests, allowed: 'an array of objects, as parsed from YAML or JSON' }]);
  }
  const model = readManifests(manifests.map(manifest => ({ manifest })));
  const workloads = model.pods;
  const services = model.services;
  const index = new PodIndex(workloads);
  const position = new Map(workloads.map((w, i) => [w, i]));
  // An ExternalName Service is a DNS CNAME: it selects no pods, whatever selector it has (as the checks read it).
  const selecting = (svc: ServiceView) => svc.type !== 'ExternalName' && svc.selector !== undefined && Object.keys(svc.selector).length > 0;
  const routes = services.flatMap((svc, s) => (selecting(svc) ? routesOf(svc, s, index.selectedBy(svc).map(w => position.get(w)!), workloads) : []));

  const graph: string[] = ['flowchart LR'];
  services.forEach((svc, s) => {
    const ports = svc.ports.map(p => `:${p.port}${p.protocol === 'TCP' ? '' : `/${p.protocol}`}`).join(' ');
    graph.push(`  s${s}(["Service ${label(svc.object.name)}<br/>${svc.type}${ports ? ` ${ports}` : ''}"])`);
    const nodePorts = svc.ports.filter(p => p.nodePort !== undefined).map(p => `:${p.nodePort}`);
    if (svc.type === 'NodePort' || svc.type === 'LoadBalancer') {
      const entry = [
        svc.type === 'LoadBalancer' ? `load balancer ${svc.ports.map(p => `:${p.port}`).join(' ')}` : undefined,
        `every node ${nodePorts.length > 0 ? nodePorts.join(' ') : ':(a port the cluster allocates)'}`,
      ].filter(Boolean).join('<br/>');
      graph.push(`  in${s}[/"${entry}"/] --> s${s}`);
    }
    if (svc.type === 'ExternalName') {
      graph.push(`  x${s}[("${label(svc.externalName ?? '?')}")]`);
      graph.push(`  s${s} -. DNS CNAME .-> x${s}`);
    }
  });
  const guards = guardsOf(model, position);
  workloads.forEach((w, i) => {
    const scaledBy = guards.autoscalers.find(a => a.workload === i);
    const replicas = scaledBy !== undefined ? ` ×${scaledBy.min}–${scaledBy.max}` : w.replicas !== undefined ? ` ×${w.replicas}` : '';
    graph.push(`  subgraph w${i} ["${w.object.kind} ${label(w.object.name)}${replicas}"]`);
    w.initContainers.forEach((c, j) => graph.push(`    w${i}i${j}["init: ${label(c.name)}<br/>${label(String(c.image))}"]`));
    w.containers.forEach((c, j) => {
      const ports = c.ports.map(p => `:${p.number}${p.protocol === 'TCP' ? '' : `/${p.protocol}`}`).join(' ');
      graph.push(`    w${i}c${j}["${label(c.name)}<br/>${label(String(c.image))}${ports ? ` ${ports}` : ''}"]`);
    });
    graph.push('  end');
  });
  for (const r of routes) {
    const target = r.container !== undefined ? `w${r.workload}c${r.container.index}` : `w${r.workload}`;
    graph.push(`  s${r.service} -->|":${r.port.port} → ${label(r.reaches)}"| ${target}`);
  }
  services.forEach((svc, s) => {
    if (selecting(svc) && !routes.some(r => r.service === s)) {
      graph.push(`  s${s} -.-x n${s}["no Pod matches ${label(selectorText(svc.selector!))}"]`);
    }
  });
  guards.budgets.forEach((b, k) => {
    graph.push(`  b${k}{{"PodDisruptionBudget ${label(b.name)}<br/>${label(b.bound)}"}}`);
    for (const i of b.workloads) graph.push(`  b${k} -. guards .- w${i}`);
  });
  guards.autoscalers.forEach((a, k) => {
    graph.push(`  a${k}[["HorizontalPodAutoscaler ${label(a.name)}<br/>${a.min}–${a.max} replicas${a.metrics ? `, ${label(a.metrics)}` : ''}"]]`);
    if (a.workload !== undefined) graph.push(`  a${k} -. scales .-> w${a.workload}`);
  });

  const network = networkParts(model.objects, services, workloads);
  graph.push(...network.graph);
  const gatewayApi = gatewayParts(model, services);
  graph.push(...gatewayApi.graph);

  const lines = [`# ${options.title ?? 'Topology'}`, ''];
  if (options.source) lines.push(`The Services and Pods of \`${options.source}\`, drawn by synth from the manifests.`, '');
  lines.push('```mermaid', ...graph, '```', '');
  const text = [...network.ingresses, ...gatewayApi.lines, ...routeLines(services, workloads, routes, selecting), ...guardLines(guards, workloads), ...network.policies];
  if (text.length > 0) lines.push(...text.map(t => `- ${t}`), '');
  const debug = workloads.filter(w => w.containers.length > 0).map(debugCommand);
  if (debug.length > 0) {
    lines.push('## Debugging', '', 'A shell in an ephemeral container beside a running pod\'s first container, in its process namespace (`kubectl debug`, Kubernetes 1.25+):', '');
    lines.push(...debug.map(d => `- ${d}`), '');
  }
  return lines.join('\n');
}

/** The image of the ephemeral debug container: it has `sh`, `ps`, `wget` and `nslookup`. */
const DEBUG_IMAGE = 'busybox:1.36.1';

/**
 * The `kubectl debug` command that adds an ephemeral container to a pod of the source,
 * targeting its first app container. `kubectl debug` takes a pod (or a node), not a
 * controller: for a controller, the first pod its labels select. Under the Pod Security
 * "restricted" level (the pod meets it), the debug container must meet it too
 * (`--profile=restricted`, kubectl 1.27+).
 */
function debugCommand(w: PodSource): string {
  const ns = w.object.namespace ? ` -n ${w.object.namespace}` : '';
  const selector = Object.entries(w.labels).map(([k, v]) => `${k}=${v}`).join(',');
  const pod = w.object.kind === 'Pod' || selector === '' ? w.object.name : `$(kubectl get pod${ns} -l ${selector} -o name | head -n 1)`;
  const restricted = restrictedViolations(record(at(w.object.raw, `${w.template}metadata`).annotations), w.spec).length === 0;
  const target = w.containers[0].name;
  return `${workloadName(w)}: \`kubectl debug${ns} -it ${pod} --image=${DEBUG_IMAGE} --target=${target}${restricted ? ' --profile=restricted' : ''}\``;
}

/** One manifest file: its name (relative to its directory) and its objects, read when asked for. */
export interface ManifestFile {
  /** The file's name, relative to its directory (`02-cluster-ip.k8s.yaml`). */
  readonly file: string;
  /** Its objects, in file order, as a YAML reader reads them back. */
  readonly manifests: () => readonly unknown[];
}

/**
 * The manifest files in `dir` (files ending in `extension`), each read as cdk8s's `Yaml.load`
 * reads it (YAML 1.1, empty documents dropped) when its objects are asked for.
 */
export function manifestFilesIn(dir: string, extension: string = '.k8s.yaml'): ManifestFile[] {
  return fs.readdirSync(dir).filter(f => f.endsWith(extension)).map(file => ({ file, manifests: () => loadManifests(path.join(dir, file)) }));
}

/**
 * Writes {@link topologyMarkdown} for every manifest file as `<name>.md` into `outDir`:
 * `02-cluster-ip.k8s.yaml` gets `02-cluster-ip.md`.
 *
 * @param files the manifest files (from a directory: {@link manifestFilesIn}; from an App in memory: `writeTopologyFiles(app)` of the `/topology` entry point)
 * @param outDir where the Markdown files go
 * @param extension the manifests' file extension, cut from their names
 * @returns the files written, in the order of the manifest files' names
 */
export function writeTopologyPictures(files: readonly ManifestFile[], outDir: string, extension: string): string[] {
  const written: string[] = [];
  for (const { file, manifests } of [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const md = path.join(outDir, `${file.slice(0, -extension.length)}.md`);
    fs.writeFileSync(md, topologyMarkdown(manifests(), { title: file.slice(0, -extension.length), source: file }));
    written.push(md);
  }
  return written;
}

/**
 * The objects of a manifest file, as cdk8s's `Yaml.load` reads them (YAML 1.1, empty
 * documents dropped).
 */
function loadManifests(file: string): unknown[] {
  // Loaded when a directory is read, not with the library: the YAML library takes 30-60 ms to
  // load, and synth draws from memory (cdk8s loads its own copy of it).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseAllDocuments } = require('yaml') as typeof yaml;
  return parseAllDocuments(fs.readFileSync(file, 'utf8'), { version: '1.1' })
    .map(doc => doc.toJSON() as unknown)
    .filter(o => o !== undefined && o !== null && !(Array.isArray(o) && o.length === 0)
      && !(typeof o === 'object' && Object.keys(o).length === 0));
}

function routeLines(services: readonly ServiceView[], workloads: readonly PodSource[], routes: readonly Route[],
  selecting: (svc: ServiceView) => boolean): string[] {
  const lines: string[] = [];
  services.forEach((svc, s) => {
    if (svc.type === 'ExternalName') {
      lines.push(`\`${svc.object.name}\` → \`${svc.externalName ?? '?'}\` (ExternalName: a DNS CNAME, no proxy)`);
      return;
    }
    const mine = routes.filter(r => r.service === s);
    if (selecting(svc) && mine.length === 0) {
      lines.push(`\`${svc.object.name}\` selects no Pod (selector ${selectorText(svc.selector!)})`);
    }
    for (const r of mine) {
      const w = workloads[r.workload];
      const node = r.port.nodePort !== undefined ? ` (node :${r.port.nodePort})` : '';
      lines.push(`\`${svc.object.name} :${r.port.port}${node} → ${workloadName(w)} / ${r.container?.name ?? '?'} ${r.reaches}\``);
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

/** Where each port of a Service goes in each pod source it selects: the one routing of the checks. */
function routesOf(svc: ServiceView, s: number, selected: readonly number[], workloads: readonly PodSource[]): Route[] {
  return selected.flatMap(i => svc.ports.map(port => {
    const target = targetOf(port);
    const found = findContainerPort(workloads[i].containers, target, port.protocol);
    const reaches = found ? `:${found.port.number}`
      : typeof target === 'number' ? `:${target} (no container declares it)` : `no port named "${target}"`;
    return { service: s, port, workload: i, container: found?.container, reaches };
  }));
}

/** A PodDisruptionBudget, as drawn: its bound and the pod sources it covers. */
interface BudgetNode {
  readonly name: string;
  readonly bound: string;
  readonly workloads: readonly number[];
}

/** A HorizontalPodAutoscaler, as drawn: its range, metrics and the controller it scales (if in the file). */
interface AutoscalerNode {
  readonly name: string;
  readonly min: number;
  readonly max: string;
  readonly metrics: string;
  readonly target: string;
  readonly workload?: number;
}

/** The budgets and autoscalers of the manifests, with the pod sources they guard or scale. */
function guardsOf(model: ManifestModel, position: ReadonlyMap<PodSource, number>): { budgets: BudgetNode[]; autoscalers: AutoscalerNode[] } {
  const budgets = model.disruptionBudgets.map(pdb => {
    const spec = record(pdb.raw.spec);
    const field = spec.minAvailable !== undefined ? 'minAvailable' : 'maxUnavailable';
    return { name: pdb.name, bound: `${field} ${String(spec[field])}`, workloads: podsOfBudget(pdb, model.pods).map(p => position.get(p)!) };
  });
  const autoscalers = model.autoscalers.map(hpa => {
    const spec = record(hpa.raw.spec);
    const ref = record(spec.scaleTargetRef);
    const target = model.pods.find(p => p.object.kind === ref.kind && p.object.name === ref.name && p.object.namespace === hpa.namespace);
    const metrics = (Array.isArray(spec.metrics) ? spec.metrics : [{ resource: { name: 'cpu', target: { averageUtilization: 80 } } }]).map(m => {
      const source = record(record(m).resource ?? record(m).containerResource);
      const t = record(source.target);
      return `${String(source.name ?? record(m).type)} ${t.averageUtilization !== undefined ? `${asText(t.averageUtilization)}%` : asText(t.averageValue ?? t.value ?? '?')}`;
    }).join(', ');
    return {
      name: hpa.name, min: typeof spec.minReplicas === 'number' ? spec.minReplicas : 1, max: String(spec.maxReplicas), metrics,
      target: `${String(ref.kind).toLowerCase()}/${String(ref.name)}`, workload: target === undefined ? undefined : position.get(target),
    };
  });
  return { budgets, autoscalers };
}

function guardLines(guards: { budgets: BudgetNode[]; autoscalers: AutoscalerNode[] }, workloads: readonly PodSource[]): string[] {
  return [
    ...guards.budgets.map(b => `\`${b.name}\` (PodDisruptionBudget, ${b.bound}) guards ${b.workloads.length > 0 ? b.workloads.map(i => `\`${workloadName(workloads[i])}\``).join(', ') : 'no Pod'}`),
    ...guards.autoscalers.map(a => `\`${a.name}\` (HorizontalPodAutoscaler) scales \`${a.target}\` from ${a.min} to ${a.max} replicas on ${a.metrics}${a.workload === undefined ? ' (not in this file)' : ''}`),
  ];
}

/**
 * The Ingresses (each backend an edge to its Service, labelled with host, path and port) and the
 * NetworkPolicies (an edge to each pod source they select, labelled with what they let in and
 * from whom), as diagram lines and text lines.
 */
function networkParts(objects: readonly KubeObject[], services: readonly ServiceView[], workloads: readonly PodSource[]):
  { graph: string[]; ingresses: string[]; policies: string[] } {
  const graph: string[] = [];
  const ingresses: string[] = [];
  const policies: string[] = [];
  objects.filter(o => o.builtinKind === 'Ingress').forEach((ingress, k) => {
    const cls = str(record(ingress.raw.spec).ingressClassName);
    graph.push(`  i${k}[/"Ingress ${label(ingress.name)}${cls ? `<br/>class ${label(cls)}` : ''}"/]`);
    for (const b of backendsOf(ingress)) {
      const where = `${b.host ?? '*'}${b.path ?? ''}`;
      const s = services.findIndex(svc => svc.object.name === b.service && svc.object.namespace === ingress.namespace);
      const port = b.port === undefined ? '' : ` :${b.port}`;
      if (s >= 0) graph.push(`  i${k} -->|"${label(where)}${label(port)}"| s${s}`);
      ingresses.push(`\`${ingress.name} ${where} → ${b.service ?? '?'}${port}\`${s >= 0 ? '' : ' (no such Service in this file)'}`);
    }
  });
  readPolicies(objects).forEach((policy, k) => {
    graph.push(`  np${k}{{"NetworkPolicy ${label(policy.object.name)}<br/>lets in ${label(describeIngress(policy))}"}}`);
    const from = describeFrom(policy.ingress.flatMap(r => r.from), policy.object.namespace, workloads);
    const isolated = workloads.filter(w => policiesSelecting([policy], w).length > 0);
    isolated.forEach(w => graph.push(`  np${k} -.->|"${label(`from ${from}`)}"| w${workloads.indexOf(w)}`));
    const names = isolated.map(workloadName).join(', ') || 'no pod of this file';
    policies.push(`\`${policy.object.name}\` isolates ${names} (${policy.policyTypes.join(', ')}): lets in ${describeIngress(policy)} from ${from}`);
  });
  return { graph, ingresses, policies };
}

/**
 * The Gateways (their listeners), the routes attached to them (an edge per parentRef to a Gateway
 * of this file) and each route's backends (an edge to the Service, labelled with the port and the
 * backend's share of its rule's requests), as diagram lines and text lines.
 */
function gatewayParts(model: ManifestModel, services: readonly ServiceView[]): { graph: string[]; lines: string[] } {
  const graph: string[] = [];
  const lines: string[] = [];
  const view = gatewayApiOf(model);
  view.gateways.forEach((g, k) => {
    const listeners = g.listeners.map(l => `${l.protocol} :${l.port ?? '?'}${l.hostname ? ` ${l.hostname}` : ''}`);
    graph.push(`  gw${k}[/"Gateway ${label(g.object.name)}<br/>class ${label(g.gatewayClassName ?? '?')}<br/>${label(listeners.join(', '))}"/]`);
  });
  view.routes.forEach((route, k) => {
    const hosts = route.hostnames.length > 0 ? route.hostnames.join(', ') : '*';
    graph.push(`  rt${k}[/"${route.kind} ${label(route.object.name)}<br/>${label(hosts)}"/]`);
    for (const ref of route.parentRefs) {
      const gateway = gatewayOf(view, ref);
      const g = gateway === undefined ? -1 : view.gateways.indexOf(gateway);
      if (g >= 0) graph.push(`  gw${g} --> rt${k}`);
      lines.push(`\`${ref.name}${ref.sectionName ? ` / ${ref.sectionName}` : ''} → ${route.object.name}\` (${route.kind}, hosts ${hosts})${g >= 0 ? '' : ' (no such Gateway in this file)'}`);
    }
    route.rules.forEach((_rule, i) => {
      const refs = route.backendRefs.filter(b => b.field.startsWith(`spec.rules[${i}].`));
      const total = refs.reduce((sum, b) => sum + (b.weight ?? 1), 0);
      for (const b of refs) {
        const share = refs.length > 1 && total > 0 ? ` ${Math.round(((b.weight ?? 1) / total) * 100)}%` : '';
        const s = services.findIndex(svc => svc.object.name === b.name && sameNamespace(svc.object.namespace, b.namespace));
        const port = b.port === undefined ? '' : ` :${b.port}`;
        if (s >= 0) graph.push(`  rt${k} -->|"${label(`${port}${share}`.trim())}"| s${s}`);
        lines.push(`\`${route.object.name} → ${b.name}${port}\`${share ? ` (${share.trim()} of the requests)` : ''}${s >= 0 ? '' : ' (no such Service in this file)'}`);
      }
    });
  });
  return { graph, lines };
}

/**
 * Who an ingress rule's peers let in, in words, with the pods of this file each pod selector
 * picks (in the policy's namespace, or in the namespace a `kubernetes.io/metadata.name` label names).
 */
function describeFrom(peers: readonly { readonly [key: string]: unknown }[], namespace: string | undefined, workloads: readonly PodSource[]): string {
  if (peers.length === 0) return 'every source';
  return peers.map(p => {
    const ip = record(p.ipBlock);
    if (typeof ip.cidr === 'string') return `${ip.cidr}`;
    const pods = selectorText(stringMap(record(p.podSelector).matchLabels) ?? {});
    const nsLabels = p.namespaceSelector === undefined ? undefined : stringMap(record(p.namespaceSelector).matchLabels) ?? {};
    const ns = nsLabels === undefined ? undefined : selectorText(nsLabels);
    const who = pods === '' ? 'every pod' : `pods ${pods}`;
    const text = ns === undefined ? `${who} of its namespace` : `${who} of namespaces ${ns === '' ? '(all)' : ns}`;
    // The pods of this file it picks, when their namespace is known.
    const inNamespace = nsLabels === undefined ? namespace : Object.keys(nsLabels).length === 1 ? nsLabels['kubernetes.io/metadata.name'] : undefined;
    if (nsLabels !== undefined && inNamespace === undefined) return text;
    const selector = readSelector(p.podSelector);
    const picked = workloads.filter(w => (w.object.namespace ?? 'default') === (inNamespace ?? 'default') && selectorMatches(selector, w.labels));
    return picked.length > 0 ? `${text} (${picked.map(workloadName).join(', ')})` : text;
  }).join('; ');
}

function workloadName(w: PodSource): string {
  return w.object.kind === 'Pod' ? w.object.name : `${String(w.object.kind).toLowerCase()}/${w.object.name}`;
}

function selectorText(selector: { readonly [key: string]: string }): string {
  return Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
}

/** Text inside a quoted Mermaid label: a double quote would end it. */
function label(text: string): string {
  return text.replace(/"/g, '#quot;');
}
