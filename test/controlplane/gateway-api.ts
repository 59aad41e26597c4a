/**
 * The Gateway API's standard-channel CRDs, installed in a control plane the way a cluster
 * operator installs them before any Gateway or route is applied (`dist/11-gateway-api`), so that
 * the CRDs' own OpenAPI and CEL rules judge what the tutorial writes. They come from the
 * `sigs.k8s.io/gateway-api` module through the Go module proxy (`go mod download`), at the
 * version `npm run import:gateway-api` generates the L1 classes from.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ControlPlane } from './cluster';

/** The version of the Gateway API the library's L1 classes are imported from (scripts/import-gateway-api.js). */
export const GATEWAY_API_VERSION = /const VERSION = process\.argv\[2\] \|\| '(v[^']+)'/.exec(
  fs.readFileSync(path.join(__dirname, '..', '..', 'scripts', 'import-gateway-api.js'), 'utf8'))![1];

/** The standard-channel CRD files of the module, downloaded through the Go module proxy when absent. */
export function gatewayApiCrdFiles(): string[] {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'gateway-api-'));
  try {
    const info = JSON.parse(execFileSync('go', ['mod', 'download', '-json', `sigs.k8s.io/gateway-api@${GATEWAY_API_VERSION}`], {
      cwd, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod', GO111MODULE: 'on' },
    })) as { Dir?: string; Error?: string };
    if (info.Error !== undefined || info.Dir === undefined) throw new Error(`go mod download sigs.k8s.io/gateway-api@${GATEWAY_API_VERSION}: ${info.Error}`);
    const dir = path.join(info.Dir, 'config', 'crd', 'standard');
    return fs.readdirSync(dir).filter(f => f.startsWith('gateway.networking.k8s.io_') && f.endsWith('.yaml')).sort().map(f => path.join(dir, f));
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

/** Installs the CRDs and waits until the API server serves them. */
export function installGatewayApi(cp: ControlPlane): void {
  const files = gatewayApiCrdFiles();
  const applied = cp.kubectl(['apply', '--server-side', ...files.flatMap(f => ['-f', f])]);
  if (applied.status !== 0) throw new Error(`installing the Gateway API CRDs failed: ${applied.stderr}`);
  // (the files hold the CRDs and a ValidatingAdmissionPolicy, vap_safeupgrades: wait for every CRD)
  const established = cp.kubectl(['wait', '--for=condition=Established', '--timeout=90s', 'crd', '--all']);
  if (established.status !== 0) throw new Error(`the Gateway API CRDs were not established: ${established.stderr}`);
}
