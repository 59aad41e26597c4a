/**
 * Applies a folder of manifests into a fresh namespace of a test control plane and reads back
 * what the cluster made of it: what the API server refused or warned about, whether each
 * workload became available, each pod scheduled and Ready, each selecting Service's ports
 * served by ready endpoints (EndpointSlices), each PodDisruptionBudget's allowance, each
 * HorizontalPodAutoscaler's state, each Ingress backend's Service and port.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ControlPlane } from './cluster';

/** PodSecurity admission levels a namespace can enforce. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** One thing the cluster said is wrong, by object. */
export interface Finding {
  readonly object: string;
  readonly message: string;
}

/** What the cluster made of one folder in one namespace. */
export interface NamespaceReport {
  readonly namespace: string;
  readonly enforce?: PodSecurityLevel;
  /** Objects the API server or a controller refused (apply errors; pods a ReplicaSet could not create). */
  readonly refused: Finding[];
  /** `Warning:` lines of the dry run and the apply (PodSecurity and others). */
  readonly warnings: string[];
  /** Workloads not available (Deployments, StatefulSets, DaemonSets, Jobs), of `workloadCount`. */
  readonly unavailable: Finding[];
  readonly workloadCount: number;
  /** Pods not scheduled or not Ready, of `podCount`. */
  readonly podsNotReady: Finding[];
  readonly podCount: number;
  /** Service ports of selecting Services without a ready endpoint, of `portCount`. */
  readonly portsWithoutEndpoints: Finding[];
  readonly portCount: number;
  /** Each PodDisruptionBudget: name, disruptions allowed, healthy / desired healthy. */
  readonly pdbs: { readonly name: string; readonly allowed: number; readonly healthy: string }[];
  /** Each HorizontalPodAutoscaler: name, replicas, floor, its AbleToScale and ScalingActive conditions. */
  readonly hpas: { readonly name: string; readonly replicas: number; readonly min: number; readonly ableToScale: string; readonly scalingActive: string }[];
  /** Ingress backends that name a Service or port that does not exist, of `backendCount`. */
  readonly badBackends: Finding[];
  readonly backendCount: number;
}

const cond = (o: any, type: string): any => (o?.status?.conditions ?? []).find((c: any) => c.type === type);
const isTrue = (o: any, type: string): boolean => cond(o, type)?.status === 'True';
const ref = (o: any) => `${o.kind}/${o.metadata.name}`;

/** The manifest files of a folder (`*.yaml`), sorted. */
export function manifestFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter(f => f.endsWith('.yaml')).sort().map(f => path.join(dir, f));
}

/** Creates a namespace with PodSecurity labels (enforce, warn and audit at one level) and waits for its default ServiceAccount. */
export async function createNamespace(cp: ControlPlane, name: string, enforce?: PodSecurityLevel): Promise<void> {
  const labels: { [k: string]: string } = {};
  if (enforce) {
    for (const mode of ['enforce', 'warn', 'audit']) {
      labels[`pod-security.kubernetes.io/${mode}`] = enforce;
      labels[`pod-security.kubernetes.io/${mode}-version`] = 'latest';
    }
  }
  cp.kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }));
  // the ServiceAccount admission plugin refuses pods until the controller made `default`
  await cp.until(`namespace ${name}'s default ServiceAccount`, 60_000,
    () => cp.api('GET', `/api/v1/namespaces/${name}/serviceaccounts/default`).then(() => true));
}

/** Deletes a namespace and waits until it is gone (its NodePorts are then free again). */
export async function deleteNamespace(cp: ControlPlane, name: string): Promise<void> {
  cp.kubectl(['delete', 'namespace', name, '--wait=false']);
  await cp.until(`namespace ${name} deleted`, 180_000, async () => {
    try {
      await cp.api('GET', `/api/v1/namespaces/${name}`);
      return undefined;
    } catch (err) {
      return (err as { status?: number }).status === 404 ? true : undefined;
    }
  });
}

/** Splits kubectl's stderr into refusals (error lines) and `Warning:` lines. */
function parseStderr(stderr: string): { errors: string[]; warnings: string[] } {
  const lines = stderr.split('\n').map(l => l.trim()).filter(Boolean);
  return { errors: lines.filter(l => !l.startsWith('Warning:')), warnings: lines.filter(l => l.startsWith('Warning:')) };
}

/**
 * Applies `files` into `namespace` as a user would (`kubectl apply --server-side --dry-run=server`,
 * then for real); returns the refusals and warnings of both.
 */
export function apply(cp: ControlPlane, namespace: string, files: readonly string[]): { refused: Finding[]; warnings: string[] } {
  const fileArgs = files.flatMap(f => ['-f', f]);
  const base = ['apply', '--server-side', '--field-manager=controlplane-test', '-n', namespace, ...fileArgs];
  const dry = cp.kubectl([...base, '--dry-run=server']);
  const real = cp.kubectl(base);
  const d = parseStderr(dry.stderr);
  const r = parseStderr(real.stderr);
  const refused = [...new Set([...d.errors, ...r.errors])].map(message => ({ object: 'apply', message }));
  if ((dry.status !== 0 || real.status !== 0) && refused.length === 0) {
    refused.push({ object: 'apply', message: `kubectl exited ${dry.status}/${real.status}` });
  }
  return { refused, warnings: [...new Set([...d.warnings, ...r.warnings])] };
}

/** Reads back the state of everything in `namespace`. */
export async function observe(cp: ControlPlane, namespace: string, applied: { refused: Finding[]; warnings: string[] }, enforce?: PodSecurityLevel): Promise<NamespaceReport> {
  const ns = `/namespaces/${namespace}`;
  const [deployments, statefulsets, daemonsets, replicasets, jobs, pods, services, slices, pdbs, hpas, ingresses] = await Promise.all([
    cp.list(`/apis/apps/v1${ns}/deployments`), cp.list(`/apis/apps/v1${ns}/statefulsets`), cp.list(`/apis/apps/v1${ns}/daemonsets`),
    cp.list(`/apis/apps/v1${ns}/replicasets`), cp.list(`/apis/batch/v1${ns}/jobs`), cp.list(`/api/v1${ns}/pods`),
    cp.list(`/api/v1${ns}/services`), cp.list(`/apis/discovery.k8s.io/v1${ns}/endpointslices`),
    cp.list(`/apis/policy/v1${ns}/poddisruptionbudgets`), cp.list(`/apis/autoscaling/v2${ns}/horizontalpodautoscalers`),
    cp.list(`/apis/networking.k8s.io/v1${ns}/ingresses`),
  ]);
  const refused = [...applied.refused];
  for (const rs of replicasets) {
    const failure = cond(rs, 'ReplicaFailure');
    if (failure?.status === 'True') refused.push({ object: ref({ ...rs, kind: 'ReplicaSet' }), message: `${failure.reason}: ${failure.message}` });
  }
  const unavailable: Finding[] = [];
  for (const d of deployments) {
    const want = d.spec.replicas ?? 1;
    if (!isTrue(d, 'Available') || (d.status?.availableReplicas ?? 0) < want) {
      unavailable.push({ object: `Deployment/${d.metadata.name}`, message: `${d.status?.availableReplicas ?? 0}/${want} available` });
    }
  }
  for (const s of statefulsets) {
    const want = s.spec.replicas ?? 1;
    if ((s.status?.readyReplicas ?? 0) < want) unavailable.push({ object: `StatefulSet/${s.metadata.name}`, message: `${s.status?.readyReplicas ?? 0}/${want} ready` });
  }
  for (const d of daemonsets) {
    const want = d.status?.desiredNumberScheduled ?? 0;
    if (want === 0 || (d.status?.numberAvailable ?? 0) < want) unavailable.push({ object: `DaemonSet/${d.metadata.name}`, message: `${d.status?.numberAvailable ?? 0}/${want} available` });
  }
  for (const j of jobs) {
    if (!isTrue(j, 'Complete') && (j.status?.ready ?? 0) + (j.status?.succeeded ?? 0) === 0) unavailable.push({ object: `Job/${j.metadata.name}`, message: 'no pod ready or succeeded' });
  }
  const podsNotReady: Finding[] = [];
  for (const p of pods) {
    if (!isTrue(p, 'PodScheduled')) podsNotReady.push({ object: `Pod/${p.metadata.name}`, message: `not scheduled: ${cond(p, 'PodScheduled')?.message ?? 'pending'}` });
    else if (!isTrue(p, 'Ready')) podsNotReady.push({ object: `Pod/${p.metadata.name}`, message: `not Ready (${p.status?.phase})` });
  }
  const portsWithoutEndpoints: Finding[] = [];
  let portCount = 0;
  for (const s of services) {
    if (!s.spec.selector || Object.keys(s.spec.selector).length === 0) continue;
    const mine = slices.filter(sl => sl.metadata.labels?.['kubernetes.io/service-name'] === s.metadata.name);
    for (const port of s.spec.ports ?? []) {
      portCount++;
      const name = port.name ?? '';
      const served = mine.filter(sl => (sl.ports ?? []).some((sp: any) => (sp.name ?? '') === name && typeof sp.port === 'number'))
        .some(sl => (sl.endpoints ?? []).some((e: any) => e.conditions?.ready === true));
      if (!served) portsWithoutEndpoints.push({ object: `Service/${s.metadata.name}`, message: `port ${name || port.port} (targetPort ${port.targetPort ?? port.port}) has no ready endpoint` });
    }
  }
  const svcByName = new Map(services.map(s => [s.metadata.name, s]));
  const badBackends: Finding[] = [];
  let backendCount = 0;
  for (const ing of ingresses) {
    const backends = [ing.spec.defaultBackend, ...(ing.spec.rules ?? []).flatMap((r: any) => (r.http?.paths ?? []).map((p: any) => p.backend))].filter(Boolean);
    for (const b of backends) {
      if (!b.service) continue;
      backendCount++;
      const svc = svcByName.get(b.service.name);
      const port = b.service.port ?? {};
      const ok = svc && (svc.spec.ports ?? []).some((p: any) => (port.number !== undefined ? p.port === port.number : p.name === port.name));
      if (!ok) badBackends.push({ object: `Ingress/${ing.metadata.name}`, message: `backend ${b.service.name}:${port.number ?? port.name} does not exist` });
    }
  }
  const condText = (o: any, type: string) => {
    const c = cond(o, type);
    return c ? `${c.status} (${c.reason})` : 'not reported';
  };
  return {
    namespace, enforce, refused, warnings: applied.warnings,
    unavailable, workloadCount: deployments.length + statefulsets.length + daemonsets.length + jobs.length,
    podsNotReady, podCount: pods.length,
    portsWithoutEndpoints, portCount,
    pdbs: pdbs.map(p => ({ name: p.metadata.name, allowed: p.status?.disruptionsAllowed ?? 0, healthy: `${p.status?.currentHealthy ?? 0}/${p.status?.desiredHealthy ?? 0}` })),
    hpas: hpas.map(h => ({
      name: h.metadata.name, replicas: h.status?.currentReplicas ?? 0, min: h.spec.minReplicas ?? 1,
      ableToScale: condText(h, 'AbleToScale'), scalingActive: condText(h, 'ScalingActive'),
    })),
    badBackends, backendCount,
  };
}

/** Whether everything in a report came up: what the tests wait for before asserting. */
export function settled(r: NamespaceReport): boolean {
  return r.unavailable.length === 0 && r.podsNotReady.length === 0 && r.portsWithoutEndpoints.length === 0
    && r.pdbs.every(p => p.allowed > 0) && r.hpas.every(h => h.replicas >= h.min && h.ableToScale.startsWith('True'));
}

/** Applies `files` into a new namespace and waits (up to `timeoutMs`) until it settled; returns the last report either way. */
export async function applyAndSettle(cp: ControlPlane, namespace: string, files: readonly string[], enforce?: PodSecurityLevel, timeoutMs = 240_000): Promise<NamespaceReport> {
  await createNamespace(cp, namespace, enforce);
  const applied = apply(cp, namespace, files);
  let last = await observe(cp, namespace, applied, enforce);
  if (applied.refused.length > 0 && last.podCount === 0 && last.workloadCount === 0) return last;
  const end = Date.now() + timeoutMs;
  while (!settled(last) && Date.now() < end) {
    await new Promise(r => setTimeout(r, 2000));
    last = await observe(cp, namespace, applied, enforce);
  }
  return last;
}

/** The report as a table a user can read: one row per namespace, then what failed, by object. */
export function formatReports(reports: readonly NamespaceReport[]): string {
  const head = ['namespace', 'enforce', 'refused', 'workloads', 'pods', 'endpoints', 'PDB', 'HPA', 'warnings', 'ingress'];
  const rows = reports.map(r => [
    r.namespace,
    r.enforce ?? '-',
    String(r.refused.length),
    `${r.workloadCount - r.unavailable.length}/${r.workloadCount} available`,
    `${r.podCount - r.podsNotReady.length}/${r.podCount} Ready`,
    `${r.portCount - r.portsWithoutEndpoints.length}/${r.portCount} ports`,
    r.pdbs.map(p => `${p.name}: ${p.allowed} allowed (${p.healthy} healthy)`).join('; ') || '-',
    r.hpas.map(h => `${h.name}: ${h.replicas} >= ${h.min}, AbleToScale ${h.ableToScale}, ScalingActive ${h.scalingActive}`).join('; ') || '-',
    String(r.warnings.length),
    `${r.backendCount - r.badBackends.length}/${r.backendCount} backends`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map(row => row[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  const out = [line(head), '|' + widths.map(w => '-'.repeat(w + 2)).join('|') + '|', ...rows.map(line)];
  for (const r of reports) {
    const details = [
      ...r.refused.map(f => `refused   ${f.object}: ${f.message}`),
      ...r.unavailable.map(f => `workload  ${f.object}: ${f.message}`),
      ...r.podsNotReady.map(f => `pod       ${f.object}: ${f.message}`),
      ...r.portsWithoutEndpoints.map(f => `endpoints ${f.object}: ${f.message}`),
      ...r.badBackends.map(f => `ingress   ${f.object}: ${f.message}`),
      ...r.warnings.map(w => `warning   ${w}`),
    ];
    if (details.length > 0) out.push('', `${r.namespace}:`, ...details.map(d => `  ${d}`));
  }
  return out.join('\n');
}
