/**
 * The upstream validation oracle (test/oracle/, Go): what a Kubernetes API server (1.28, or the
 * newest patch of 1.35, 1.36 and 1.37: {@link ORACLE_VERSIONS}) says
 * when each manifest is created, and which Pod Security level each pod meets. This wraps its
 * binary for jest tests; build it with `test/oracle/build.sh` (see test/oracle/README.md).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** One error, as the API server reports it. */
export interface OracleError {
  /** Field path, e.g. `spec.ports[0].nodePort`; empty when the error is not about one field. */
  field: string;
  /**
   * Stable code: `field.ErrorType`'s value (`FieldValueInvalid`, `FieldValueRequired`,
   * `FieldValueNotSupported`, ...) or `UnknownField`, `DuplicateField`, `DecodeError`,
   * `ParseError`, `NoKindMatch`, `MissingKind`.
   */
  type: string;
  /** Human form of the type, e.g. `Invalid value`, `Required value`. */
  reason: string;
  /** The bad value, when the error carries one. */
  value?: unknown;
  detail: string;
  origin: 'yaml' | 'discovery' | 'decode' | 'strict-decoding' | 'allocator' | 'validation';
  /** The line kubectl prints: `field: Reason: value: detail`. */
  message: string;
}

export type PodSecurityLevel = 'restricted' | 'baseline' | 'privileged';

export interface OracleResult {
  /** File path, or `stdin`. */
  source: string;
  /** Place of the document in its source (every `---` document counts, empty ones too). */
  index: number;
  /** Index inside a `kind: List` document. */
  item?: number;
  apiVersion: string;
  kind: string;
  /** As written in the manifest (validated as if in `default` when empty). */
  namespace: string;
  name: string;
  /** null when the oracle does not judge the kind (`unsupported`). */
  accepted: boolean | null;
  unsupported?: boolean;
  note?: string;
  errors: OracleError[];
  warnings: string[];
  /** The API server's answer when it refuses the object. */
  status?: { code: number; reason: string; message: string };
  /** For Pods and the pod templates of workloads. */
  podSecurity?: {
    level: PodSecurityLevel;
    /** `reason: detail` per failed check, for each level the pod fails. */
    violations: { restricted?: string[]; baseline?: string[] };
  };
  /** The object as the API server would return it (with `created: true` only). */
  object?: { [key: string]: any };
}

/** The Kubernetes minors the oracle is built at (test/oracle/ and test/oracle/v1.M/), oldest first. */
export const ORACLE_VERSIONS = ['1.28', '1.35', '1.36', '1.37'] as const;

/** A minor the oracle is built at. */
export type OracleVersion = typeof ORACLE_VERSIONS[number];

export interface OracleOptions {
  /** The Kubernetes minor of the API server; default 1.28 (`.tools/bin/k8s-oracle`). */
  version?: OracleVersion;
  /** The cluster's `--service-node-port-range`; default `30000-32767`. */
  nodePortRange?: string;
  /** Namespace for objects without one; default `default`. */
  namespace?: string;
  /** Add the created object to each accepted result. */
  created?: boolean;
}

/** Path of the oracle binary; throws, saying how to build it, when it is missing. */
export function oracleBinary(version: OracleVersion = '1.28'): string {
  const name = version === '1.28' ? 'k8s-oracle' : `k8s-oracle-${version}`;
  const bin = (version === '1.28' ? process.env.K8S_ORACLE : undefined) ?? path.resolve(__dirname, '..', '.tools', 'bin', name);
  if (!fs.existsSync(bin)) {
    throw new Error(`k8s-oracle is not built (${bin} is missing): run test/oracle/build.sh `
      + '(or: cd test/oracle && go build -o ../../.tools/bin/k8s-oracle .); it needs Go and the Go module proxy once.');
  }
  return bin;
}

function run(args: string[], input?: string, options: OracleOptions = {}): OracleResult[] {
  const flags = ['-compact'];
  if (options.nodePortRange) flags.push('-node-port-range', options.nodePortRange);
  if (options.namespace) flags.push('-namespace', options.namespace);
  if (options.created) flags.push('-created');
  let out: string;
  try {
    out = execFileSync(oracleBinary(options.version), [...flags, '--', ...args], {
      input: input ?? '',
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (e: any) {
    throw new Error(`k8s-oracle failed (exit ${e.status}): ${e.stderr?.toString() ?? e.message}`);
  }
  return JSON.parse(out) as OracleResult[];
}

/**
 * Judges manifests: objects (sent as JSON documents, which are YAML) or YAML text, in order.
 * Every object gets one result; a `kind: List` one per item.
 */
export function judge(manifests: object[] | string, options?: OracleOptions): OracleResult[] {
  const input = typeof manifests === 'string'
    ? manifests
    : manifests.map(m => JSON.stringify(m)).join('\n---\n');
  return run([], input, options);
}

/** Judges files, and the *.yaml, *.yml and *.json files of directories (sorted by name). */
export function judgeFiles(paths: string[], options?: OracleOptions): OracleResult[] {
  return run(paths, undefined, options);
}
