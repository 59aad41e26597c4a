/**
 * A real Kubernetes control plane for the tests, from the binaries test/tools/install.sh builds
 * into .tools/controlplane/ (Go module proxy only): etcd, kube-apiserver, kube-controller-manager,
 * kube-scheduler, and kwok as the nodes (it makes pods Ready; no container runs). Everything
 * listens on 127.0.0.1 on free ports; each process runs in its own process group, and `stop()`
 * (or the watchdog, when the test process dies) ends exactly those groups.
 *
 * What the nodes are: `nodes.ts` (minikube's size by default). What a kubelet, a CNI or an
 * ingress controller would do is not here: kwok reports every container started and Ready.
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as https from 'https';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { MINIKUBE, NodeShape, nodeObjects } from './nodes';
import { makePki, Pki } from './pki';

/** The repository's root. */
const ROOT = path.join(__dirname, '..', '..');
/** Where install.sh puts the control plane. */
export const CONTROLPLANE_DIR = path.join(process.env.TOOLS_DIR ?? path.join(ROOT, '.tools'), 'controlplane');
/** The Kubernetes version the control plane is built at (the one place that names it). */
export const KUBERNETES_VERSION = fs.readFileSync(path.join(__dirname, 'kubernetes-version'), 'utf8').trim();

const SERVICE_CIDR = '10.96.0.0/16';
const SERVICE_IP = '10.96.0.1';

/** Options of {@link ControlPlane.start}. */
export interface ControlPlaneOptions {
  /**
   * The nodes.
   * @default MINIKUBE: one node of minikube's size
   */
  readonly shape?: NodeShape;
  /**
   * A name for the working directory and the logs.
   * @default 'cluster'
   */
  readonly name?: string;
}

/** What `kubectl` returned. */
export interface KubectlResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** How long each part took to become healthy, in seconds, and the whole start. */
export interface StartTimes { readonly [part: string]: number }

interface Proc { readonly name: string; readonly child: ChildProcess; readonly pgid: number; exited: boolean }

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** A GET or other request over TLS; resolves with the status and body (never rejects on a status). */
function request(opts: https.RequestOptions, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request({ ...opts, timeout: 10_000 }, res => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', c => { data += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** True when the control plane's binaries are installed. */
export function controlPlaneInstalled(): boolean {
  return ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl', 'kwok']
    .every(b => fs.existsSync(path.join(CONTROLPLANE_DIR, 'bin', b)));
}

/** A running control plane. */
export class ControlPlane {
  /** Starts one and waits until it and its nodes are ready; stops what it started if that fails. */
  public static async start(options: ControlPlaneOptions = {}): Promise<ControlPlane> {
    const cp = new ControlPlane(options.shape ?? MINIKUBE, options.name ?? 'cluster');
    try {
      await cp.boot();
    } catch (err) {
      const logs = cp.logTails();
      await cp.stop();
      throw new Error(`${(err as Error).message}\n${logs}`);
    }
    return cp;
  }

  /** The admin kubeconfig (system:masters). */
  public readonly kubeconfig: string;
  /** The working directory (PKI, kubeconfigs, etcd's data, logs); removed by stop(). */
  public readonly dir: string;
  /** Seconds each part took to become healthy. */
  public readonly times: { [part: string]: number } = {};
  private readonly procs: Proc[] = [];
  private readonly pgidFile: string;
  private readonly pki: Pki;
  private apiPort = 0;
  private watchdog?: ChildProcess;
  private binder?: NodeJS.Timeout;
  private binding = false;
  private stopped = false;
  private readonly onExit = () => this.killAllNow();

  private constructor(public readonly shape: NodeShape, name: string) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `controlplane-${name}-`));
    this.pgidFile = path.join(this.dir, 'pgids');
    fs.writeFileSync(this.pgidFile, '');
    this.kubeconfig = path.join(this.dir, 'admin.kubeconfig');
    this.pki = makePki(path.join(this.dir, 'pki'), SERVICE_IP);
    process.on('exit', this.onExit);
  }

  /** Runs kubectl with the admin kubeconfig. */
  public kubectl(args: readonly string[], input?: string): KubectlResult {
    const r = spawnSync(path.join(CONTROLPLANE_DIR, 'bin', 'kubectl'), ['--kubeconfig', this.kubeconfig, ...args], {
      input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error) throw r.error;
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  }

  /** Runs kubectl and fails with its stderr unless it exits 0. */
  public kubectlOk(args: readonly string[], input?: string): string {
    const r = this.kubectl(args, input);
    if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    return r.stdout;
  }

  /** A request to the API server as the admin; the parsed JSON body, or an error with its status. */
  public async api(method: string, urlPath: string, body?: unknown): Promise<any> {
    const r = await request({
      host: '127.0.0.1', port: this.apiPort, path: urlPath, method,
      ca: fs.readFileSync(this.pki.caCert), cert: fs.readFileSync(this.pki.clients.admin.cert), key: fs.readFileSync(this.pki.clients.admin.key),
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    }, body === undefined ? undefined : JSON.stringify(body));
    if (r.status >= 300) throw Object.assign(new Error(`${method} ${urlPath}: ${r.status} ${r.body}`), { status: r.status });
    return JSON.parse(r.body);
  }

  /** The items of a list, e.g. `list('/api/v1/namespaces/x/pods')`. */
  public async list(urlPath: string): Promise<any[]> {
    return (await this.api('GET', urlPath)).items ?? [];
  }

  /** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs` with `what`. */
  public async until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
    const end = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      try {
        const v = await check();
        if (v !== undefined) return v;
      } catch (err) {
        last = err;
      }
      if (Date.now() > end) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
      this.assertAlive();
      await sleep(500);
    }
  }

  /** The resident memory of the processes this control plane started, in MiB (from /proc). */
  public memoryMiB(): { [name: string]: number } {
    const out: { [name: string]: number } = {};
    for (const p of this.procs) {
      try {
        const status = fs.readFileSync(`/proc/${p.child.pid}/status`, 'utf8');
        const m = /VmRSS:\s+(\d+) kB/.exec(status);
        if (m) out[p.name] = Math.round(Number(m[1]) / 1024);
      } catch {
        // exited
      }
    }
    return out;
  }

  /** Stops every process this control plane started (their process groups) and removes its directory. */
  public async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.binder) clearInterval(this.binder);
    process.removeListener('exit', this.onExit);
    for (const p of [...this.procs].reverse()) {
      if (p.exited) continue;
      try { process.kill(-p.pgid, 'SIGTERM'); } catch { /* gone */ }
      const end = Date.now() + 10_000;
      while (!p.exited && Date.now() < end) await sleep(100);
      if (!p.exited) {
        try { process.kill(-p.pgid, 'SIGKILL'); } catch { /* gone */ }
        while (!p.exited) await sleep(50);
      }
    }
    if (this.watchdog?.pid) {
      try { process.kill(-this.watchdog.pid, 'SIGKILL'); } catch { /* gone */ }
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** The last lines of each process's log, for a failure's message. */
  public logTails(lines = 15): string {
    return this.procs.map(p => {
      const file = path.join(this.dir, `${p.name}.log`);
      const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '';
      return `--- ${p.name}${p.exited ? ' (exited)' : ''}:\n${text}`;
    }).join('\n');
  }

  private killAllNow(): void {
    for (const p of this.procs) {
      try { process.kill(-p.pgid, 'SIGKILL'); } catch { /* gone */ }
    }
  }

  private assertAlive(): void {
    const dead = this.procs.filter(p => p.exited);
    if (dead.length > 0) throw new Error(`${dead.map(p => p.name).join(', ')} exited`);
  }

  private spawn(name: string, args: string[]): Proc {
    const log = fs.openSync(path.join(this.dir, `${name}.log`), 'a');
    const child = spawn(path.join(CONTROLPLANE_DIR, 'bin', name), args, { detached: true, stdio: ['ignore', log, log], cwd: this.dir });
    fs.closeSync(log);
    if (child.pid === undefined) throw new Error(`${name} did not start`);
    const proc: Proc = { name, child, pgid: child.pid, exited: false };
    child.on('exit', () => { proc.exited = true; });
    child.unref();
    this.procs.push(proc);
    fs.appendFileSync(this.pgidFile, `${child.pid}\n`);
    return proc;
  }

  /** A process that outlives a crash of this one only to end the groups this one started (`sh` may be dash: no `--` to kill). */
  private startWatchdog(): void {
    const script = 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; '
      + 'for g in $(cat "$2"); do kill -TERM "-$g" 2>/dev/null; done; sleep 5; '
      + 'for g in $(cat "$2"); do kill -KILL "-$g" 2>/dev/null; done; rm -rf "$3"';
    this.watchdog = spawn('sh', ['-c', script, 'watchdog', String(process.pid), this.pgidFile, this.dir], { detached: true, stdio: 'ignore' });
    this.watchdog.unref();
  }

  private writeKubeconfig(file: string, user: 'admin' | 'controller-manager' | 'scheduler'): string {
    const { cert, key } = this.pki.clients[user];
    fs.writeFileSync(file, [
      'apiVersion: v1', 'kind: Config',
      'clusters:', '- name: test', '  cluster:', `    server: https://127.0.0.1:${this.apiPort}`, `    certificate-authority: ${this.pki.caCert}`,
      'users:', `- name: ${user}`, '  user:', `    client-certificate: ${cert}`, `    client-key: ${key}`,
      'contexts:', '- name: test', '  context:', '    cluster: test', `    user: ${user}`,
      'current-context: test', '',
    ].join('\n'));
    return file;
  }

  private async healthz(port: number, pathName: string): Promise<true | undefined> {
    const r = await request({ host: '127.0.0.1', port, path: pathName, rejectUnauthorized: false });
    return r.status === 200 ? true : undefined;
  }

  private async timed(part: string, f: () => Promise<unknown>): Promise<void> {
    const t0 = Date.now();
    await f();
    this.times[part] = (Date.now() - t0) / 1000;
  }

  private async boot(): Promise<void> {
    if (!controlPlaneInstalled()) throw new Error(`the control plane is not installed in ${CONTROLPLANE_DIR}: run test/tools/install.sh controlplane`);
    const t0 = Date.now();
    this.startWatchdog();
    const [etcdClient, etcdPeer, api, cm, sched, kwokPort] = await Promise.all([1, 2, 3, 4, 5, 6].map(() => freePort()));
    this.apiPort = api;

    await this.timed('etcd', async () => {
      this.spawn('etcd', ['-data-dir', path.join(this.dir, 'etcd'), '-client-port', String(etcdClient), '-peer-port', String(etcdPeer)]);
      await this.until('etcd', 60_000, async () => {
        const log = fs.readFileSync(path.join(this.dir, 'etcd.log'), 'utf8');
        return /^ready$/m.test(log) ? true : undefined;
      });
    });

    const pki = this.pki;
    await this.timed('kube-apiserver', async () => {
      this.spawn('kube-apiserver', [
        `--etcd-servers=http://127.0.0.1:${etcdClient}`,
        '--bind-address=127.0.0.1', `--secure-port=${api}`, '--advertise-address=127.0.0.1',
        `--tls-cert-file=${pki.servingCert}`, `--tls-private-key-file=${pki.servingKey}`,
        `--client-ca-file=${pki.caCert}`,
        '--authorization-mode=Node,RBAC',
        '--allow-privileged=true',
        `--service-cluster-ip-range=${SERVICE_CIDR}`,
        // the kubernetes Service's Endpoints would name 127.0.0.1, which Endpoints refuse
        '--endpoint-reconciler-type=none',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${pki.serviceAccountPub}`,
        `--service-account-signing-key-file=${pki.serviceAccountKey}`,
        `--requestheader-client-ca-file=${pki.frontProxyCaCert}`,
        '--requestheader-allowed-names=front-proxy-client',
        '--requestheader-extra-headers-prefix=X-Remote-Extra-',
        '--requestheader-group-headers=X-Remote-Group',
        '--requestheader-username-headers=X-Remote-User',
        `--proxy-client-cert-file=${pki.frontProxyClientCert}`, `--proxy-client-key-file=${pki.frontProxyClientKey}`,
        '--enable-priority-and-fairness=false',
        '--profiling=false',
      ]);
      await this.until('the API server /readyz', 120_000, () => this.apiReady());
    });
    const cmConfig = this.writeKubeconfig(path.join(this.dir, 'controller-manager.kubeconfig'), 'controller-manager');
    const schedConfig = this.writeKubeconfig(path.join(this.dir, 'scheduler.kubeconfig'), 'scheduler');
    this.writeKubeconfig(this.kubeconfig, 'admin');

    await this.timed('controllers', async () => {
      this.spawn('kube-controller-manager', [
        `--kubeconfig=${cmConfig}`, `--authentication-kubeconfig=${cmConfig}`, `--authorization-kubeconfig=${cmConfig}`,
        '--bind-address=127.0.0.1', `--secure-port=${cm}`,
        '--use-service-account-credentials=true',
        `--service-account-private-key-file=${pki.serviceAccountKey}`,
        `--root-ca-file=${pki.caCert}`,
        `--cluster-signing-cert-file=${pki.caCert}`, `--cluster-signing-key-file=${pki.caKey}`,
        `--service-cluster-ip-range=${SERVICE_CIDR}`,
        '--leader-elect=false',
      ]);
      this.spawn('kube-scheduler', [
        `--kubeconfig=${schedConfig}`, `--authentication-kubeconfig=${schedConfig}`, `--authorization-kubeconfig=${schedConfig}`,
        '--bind-address=127.0.0.1', `--secure-port=${sched}`, '--leader-elect=false',
      ]);
      this.spawn('kwok', [
        `--kubeconfig=${this.kubeconfig}`,
        `--config=${path.join(CONTROLPLANE_DIR, 'kwok-stages.yaml')}`,
        '--manage-all-nodes=false',
        '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
        '--cidr=10.244.0.0/16', '--node-ip=10.0.0.1',
        `--server-address=127.0.0.1:${kwokPort}`,
      ]);
      await this.until('kube-controller-manager /healthz', 120_000, () => this.healthz(cm, '/healthz'));
      await this.until('kube-scheduler /healthz', 120_000, () => this.healthz(sched, '/healthz'));
    });

    await this.timed('nodes', async () => {
      this.kubectlOk(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: nodeObjects(this.shape) }));
      await this.until('the nodes Ready', 120_000, async () => {
        const nodes = await this.list('/api/v1/nodes');
        const ready = nodes.filter(n => (n.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True'));
        return ready.length === this.shape.nodes ? true : undefined;
      });
    });

    await this.timed('storage', async () => {
      // minikube's default StorageClass; its provisioner does not run here: bindClaims() binds
      this.kubectlOk(['apply', '-f', '-'], JSON.stringify({
        apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
        metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
        provisioner: 'k8s.io/minikube-hostpath', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate',
      }));
      // the default namespace's ServiceAccount: the sign the controllers work
      await this.until('the default ServiceAccount', 120_000, () => this.api('GET', '/api/v1/namespaces/default/serviceaccounts/default').then(() => true));
    });
    this.binder = setInterval(() => { void this.bindClaims(); }, 1000);
    this.times.total = (Date.now() - t0) / 1000;
  }

  private async apiReady(): Promise<true | undefined> {
    const r = await request({
      host: '127.0.0.1', port: this.apiPort, path: '/readyz', method: 'GET',
      ca: fs.readFileSync(this.pki.caCert), cert: fs.readFileSync(this.pki.clients.admin.cert), key: fs.readFileSync(this.pki.clients.admin.key),
    });
    return r.status === 200 ? true : undefined;
  }

  /**
   * What a provisioner would do: for each Pending claim that names no volume, a PersistentVolume
   * of its class, size and access modes, bound to it in advance (`spec.claimRef`); the
   * PersistentVolume controller then binds the claim to it.
   */
  public async bindClaims(): Promise<number> {
    if (this.binding || this.stopped) return 0;
    this.binding = true;
    let made = 0;
    try {
      const claims = await this.list('/api/v1/persistentvolumeclaims');
      for (const c of claims) {
        if (c.status?.phase !== 'Pending' || c.spec?.volumeName) continue;
        const name = `pv-${c.metadata.uid}`;
        try {
          await this.api('POST', '/api/v1/persistentvolumes', {
            apiVersion: 'v1', kind: 'PersistentVolume',
            metadata: { name, labels: { 'controlplane.test/bound-by': 'harness' } },
            spec: {
              capacity: { storage: c.spec.resources?.requests?.storage ?? '1Gi' },
              accessModes: c.spec.accessModes ?? ['ReadWriteOnce'],
              storageClassName: c.spec.storageClassName ?? '',
              volumeMode: c.spec.volumeMode ?? 'Filesystem',
              persistentVolumeReclaimPolicy: 'Delete',
              hostPath: { path: `/tmp/hostpath-provisioner/${c.metadata.namespace}/${c.metadata.name}` },
              claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: c.metadata.namespace, name: c.metadata.name, uid: c.metadata.uid },
            },
          });
          made++;
        } catch (err) {
          if ((err as { status?: number }).status !== 409) throw err;
        }
      }
    } catch {
      // the next tick tries again
    } finally {
      this.binding = false;
    }
    return made;
  }
}

/** Whether `go` is on PATH (the control plane is built with it). */
export function hasGo(): boolean {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
