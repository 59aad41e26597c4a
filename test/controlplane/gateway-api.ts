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
import type { CorpusCase } from '../gateway-api-corpus';
import { isGatewayApi, refOf } from '../gateway-api-corpus';
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

/** What the API server said of one Gateway API object of the corpus. */
export interface CorpusVerdict {
  readonly case: string;
  readonly ref: string;
  /** The API server's message when it refused the object. */
  readonly refused?: string;
}

const PLURALS: { readonly [kind: string]: string } = { Gateway: 'gateways', HTTPRoute: 'httproutes', GRPCRoute: 'grpcroutes', ReferenceGrant: 'referencegrants' };

/**
 * Asks the API server (the CRDs installed) about every Gateway API object of the corpus, each
 * created with `dryRun=All` and strict field validation, so the CRDs' OpenAPI schema and CEL
 * rules judge it and nothing is stored. Objects without a namespace go to `gateway-corpus`;
 * each namespace the corpus names is created first.
 */
export async function judgeCorpus(cp: ControlPlane, corpus: readonly CorpusCase[]): Promise<CorpusVerdict[]> {
  const objects = corpus.flatMap(c => c.objects.filter(isGatewayApi).map(o => ({ case: c.name, object: o, namespace: (o.metadata?.namespace as string | undefined) ?? 'gateway-corpus' })));
  for (const ns of new Set(objects.map(o => o.namespace))) {
    await cp.api('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }).catch((err: { status?: number }) => {
      if (err.status !== 409) throw err;
    });
  }
  return Promise.all(objects.map(async ({ case: name, object, namespace }): Promise<CorpusVerdict> => {
    const plural = PLURALS[object.kind as string];
    if (plural === undefined) throw new Error(`the corpus has a ${String(object.kind)}, which judgeCorpus cannot create`);
    const url = `/apis/${object.apiVersion as string}/namespaces/${namespace}/${plural}?dryRun=All&fieldValidation=Strict`;
    try {
      await cp.api('POST', url, { ...object, metadata: { ...object.metadata, namespace } });
      return { case: name, ref: refOf(object) };
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status !== 422 && status !== 400) throw err;
      return { case: name, ref: refOf(object), refused: (err as Error).message };
    }
  }));
}
