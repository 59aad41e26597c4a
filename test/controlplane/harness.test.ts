/**
 * The test control plane itself (cluster.ts): a kind-like cluster of three kwok nodes comes up
 * with the sizes asked for, minikube's default StorageClass, claims bound by the harness so that
 * a StatefulSet with a claim template becomes Ready, and `stop()` ends every process it started.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ControlPlane, controlPlaneInstalled, hasGo } from './cluster';
import { KIND_THREE_NODES } from './nodes';
import { applyAndSettle } from './observe';

const suite = hasGo() || controlPlaneInstalled() ? describe : describe.skip;

suite('the test control plane', () => {
  let cp: ControlPlane;
  beforeAll(async () => {
    cp = await ControlPlane.start({ name: 'harness', shape: KIND_THREE_NODES });
  }, 300_000);
  afterAll(async () => { await cp?.stop(); }, 120_000);

  test('three nodes, the first less the system pods\' requests', async () => {
    const nodes = (await cp.list('/api/v1/nodes')).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    expect(nodes.map(n => [n.metadata.name, n.status.allocatable])).toEqual([
      ['kwok-node-0', { 'cpu': '1050m', 'memory': '1910Mi', 'ephemeral-storage': '15667Mi', 'pods': '110' }],
      ['kwok-node-1', { 'cpu': '2', 'memory': '2200Mi', 'ephemeral-storage': '15667Mi', 'pods': '110' }],
      ['kwok-node-2', { 'cpu': '2', 'memory': '2200Mi', 'ephemeral-storage': '15667Mi', 'pods': '110' }],
    ]);
  });

  test('a StatefulSet with a claim template on the default StorageClass becomes Ready', async () => {
    const dir = fs.mkdtempSync(`${cp.dir}/sts-`);
    fs.writeFileSync(`${dir}/sts.yaml`, JSON.stringify({
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
      spec: {
        replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    }));
    const r = await applyAndSettle(cp, 'storage', [`${dir}/sts.yaml`], undefined, 120_000);
    expect({ refused: r.refused, unavailable: r.unavailable, podsNotReady: r.podsNotReady }).toEqual({ refused: [], unavailable: [], podsNotReady: [] });
    const claims = await cp.list('/api/v1/namespaces/storage/persistentvolumeclaims');
    expect(claims.map(c => [c.metadata.name, c.spec.storageClassName, c.status.phase]).sort()).toEqual([
      ['data-db-0', 'standard', 'Bound'], ['data-db-1', 'standard', 'Bound'],
    ]);
  }, 200_000);

  test('stop() ends every process the control plane started', async () => {
    const pids = Object.keys(cp.memoryMiB()).length;
    expect(pids).toBe(5);
    const dir = cp.dir;
    const pgids = fs.readFileSync(`${dir}/pgids`, 'utf8').trim().split('\n').map(Number);
    await cp.stop();
    for (const pgid of pgids) expect(() => process.kill(-pgid, 0)).toThrow();
    expect(fs.existsSync(dir)).toBe(false);
  }, 120_000);

  test('when the test process dies (SIGKILL), the watchdog ends every process it had started', async () => {
    const child = spawn(process.execPath, ['-r', 'esbuild-register', path.join(__dirname, 'start.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', d => { out += String(d); });
    const dir = await new Promise<string>((resolve, reject) => {
      const t = setInterval(() => {
        const m = /^up (\S+)/m.exec(out);
        if (m) { clearInterval(t); resolve(m[1]); }
      }, 200);
      child.on('exit', code => { clearInterval(t); reject(new Error(`start.ts exited ${code}`)); });
    });
    const pgids = fs.readFileSync(`${dir}/pgids`, 'utf8').trim().split('\n').map(Number);
    expect(pgids).toHaveLength(5);
    for (const pgid of pgids) expect(() => process.kill(-pgid, 0)).not.toThrow();
    child.kill('SIGKILL');
    const end = Date.now() + 30_000;
    const alive = () => pgids.filter(g => { try { process.kill(-g, 0); return true; } catch { return false; } });
    while (alive().length > 0 && Date.now() < end) await new Promise(r => setTimeout(r, 500));
    expect(alive()).toEqual([]);
    while (fs.existsSync(dir) && Date.now() < end) await new Promise(r => setTimeout(r, 200));
    expect(fs.existsSync(dir)).toBe(false);
  }, 200_000);
});
