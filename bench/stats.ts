/** Small helpers shared by the benchmarks: child processes, medians, Markdown tables. */
import { execFileSync, spawnSync } from 'child_process';
import * as path from 'path';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..');

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs a command to completion and returns its wall time in ms; throws if it fails. */
export function timeCommand(command: string, args: readonly string[], cwd: string = ROOT): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  }
  return ms;
}

/** Runs a node script through the repository's TypeScript hook and parses the JSON it prints. */
export function runNodeJson<T>(script: string, args: readonly string[], nodeFlags: readonly string[] = []): T {
  const out = execFileSync(process.execPath, [...nodeFlags, '-r', './scripts/register.js', script, ...args], {
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
