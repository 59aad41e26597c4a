/** Small helpers shared by the benchmarks: child processes, medians, Markdown tables. */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { npmPath } from '../test/npm-script';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..');

/** Where the library's build is (lib/, see bench/library.ts). */
export const LIBRARY = path.join(ROOT, 'lib');

/** Whether a V8 profile's frame URL (`file:///…`) is a module of the library's build, lib/ of this repository. */
export function isLibraryUrl(url: string, under = ''): boolean {
  return url.replace(/\\/g, '/').includes(`${LIBRARY.replace(/\\/g, '/')}/${under}`);
}

/** `npm run build`: lib/ as the package would ship it now. */
export function buildLibrary(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** What one run of a command cost. */
export interface Sample {
  /** Wall time, start to exit. */
  readonly wallMs: number;
  /**
   * CPU time (user + system) of every process it ran and waited for (npm, npx, their children,
   * a transpiler's native service), from this process's `cutime` + `cstime` in /proc/self/stat;
   * where there is no /proc, of the Node processes only (bench/usage.js).
   */
  readonly cpuMs: number;
  /** The largest peak RSS of those processes, in KiB. */
  readonly maxRssKb: number;
}

const USAGE_HOOK = path.join(__dirname, 'usage.js');

/** The CPU time of this process's waited-for children, in ms (Linux), else undefined. */
function childrenCpuMs(): number | undefined {
  try {
    // the command name (field 2) may hold spaces: count the fields after its closing parenthesis
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields 16 and 17 of the file (cutime, cstime), in clock ticks of 1/100 s (USER_HZ on Linux)
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * Runs a command to completion and returns what it cost; throws if it fails. Every Node process
 * it starts reports its CPU time and peak RSS through bench/usage.js.
 */
export function measureCommand(command: string, args: readonly string[], cwd: string = ROOT, env: NodeJS.ProcessEnv = {}): Sample {
  const usage = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-usage-')), 'usage.jsonl');
  const nodeOptions = [process.env.NODE_OPTIONS, `--require ${USAGE_HOOK}`].filter(Boolean).join(' ');
  const cpuBefore = childrenCpuMs();
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8',
    env: { ...process.env, ...env, NODE_OPTIONS: nodeOptions, BENCH_USAGE_FILE: usage },
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuAfter = childrenCpuMs();
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  }
  const lines = fs.existsSync(usage) ? fs.readFileSync(usage, 'utf8').trim().split('\n').filter(Boolean) : [];
  fs.rmSync(path.dirname(usage), { recursive: true, force: true });
  if (lines.length === 0) throw new Error(`${command} ${args.join(' ')}: no Node process reported its usage`);
  const reports = lines.map(l => JSON.parse(l) as { cpuMs: number; maxRssKb: number });
  const cpuMs = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : reports.reduce((sum, r) => sum + r.cpuMs, 0);
  return { wallMs, cpuMs, maxRssKb: Math.max(...reports.map(r => r.maxRssKb)) };
}

/** Measures a command line run as npm runs a script: by the shell, with node_modules/.bin first on the PATH (without npm's own start). */
export function measureShell(commandLine: string): Sample {
  return measureCommand('sh', ['-c', commandLine], ROOT, { PATH: npmPath() });
}

/** The floor every synth is compared with: a Node process that only loads cdk8s. */
export function measureFloor(): Sample {
  return measureCommand(process.execPath, ['-e', 'require("cdk8s")']);
}

/** The ratios of a variant to its baseline, run by run: their median and their spread. */
export interface Paired {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

/** `variant[i] / baseline[i]` for each run `i` (the two measured back to back), summarized. */
export function paired(variant: readonly number[], baseline: readonly number[]): Paired {
  if (variant.length !== baseline.length || variant.length === 0) throw new Error('paired: runs of different counts');
  const ratios = variant.map((v, i) => v / baseline[i]);
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios), runs: ratios.length };
}

/** `1.52× (1.41–1.68)`: the median of the paired ratios and their range. */
export function showPaired(p: Paired): string {
  return `${ratio(p.median)} (${ratio(p.min)}–${ratio(p.max)})`;
}

/** Runs a node script through the repository's TypeScript hook and parses the JSON it prints. */
export function runNodeJson<T>(script: string, args: readonly string[], nodeFlags: readonly string[] = []): T {
  const out = execFileSync(process.execPath, [...nodeFlags, '-r', 'esbuild-register', script, ...args], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}

/** A Markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** `1234.5` → `1,235 ms`; under 10 s; then seconds. */
export function ms(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value).toLocaleString('en-US')} ms`;
}

/** KiB → `123 MiB`. */
export function mib(kb: number): string {
  return `${Math.round(kb / 1024).toLocaleString('en-US')} MiB`;
}

/** `2.345` → `2.35×`. */
export function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}

/** ✅ or ❌ with the target. */
export function verdict(ok: boolean, target: string): string {
  return `${ok ? 'met' : 'NOT met'} (${target})`;
}
