/**
 * Benchmark 5: what the upstream validation oracle (test/oracle/) costs: its build on a fresh
 * machine (empty Go module and build caches), the check that finds it up to date, and judging
 * the tutorial's manifests.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { median, ms, ROOT, table } from './stats';

function time(f: () => void): number {
  const start = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function benchOracle(runs = 11): { markdown: string; summary: string[][] } {
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-oracle-'));
  const env = { ...process.env, GOMODCACHE: path.join(fresh, 'mod'), GOCACHE: path.join(fresh, 'build'), TOOLS_DIR: path.join(fresh, 'tools') };
  const build = (e: NodeJS.ProcessEnv) => execFileSync('bash', [path.join(ROOT, 'test', 'oracle', 'build.sh')], { cwd: ROOT, env: e, stdio: 'ignore' });
  let cold: number;
  try {
    cold = time(() => build(env));
  } finally {
    execFileSync('chmod', ['-R', 'u+w', fresh]);
    fs.rmSync(fresh, { recursive: true, force: true });
  }
  build(process.env);
  const bin = path.join(ROOT, '.tools', 'bin', 'k8s-oracle');
  const upToDate = median(Array.from({ length: runs }, () => time(() => build(process.env))));
  const judge = median(Array.from({ length: runs }, () => time(() => execFileSync(bin, ['-compact', path.join(ROOT, 'dist')], { stdio: 'ignore' }))));
  const size = fs.statSync(bin).size / 2 ** 20;
  const rows = [
    ['build on a fresh machine (empty Go module and build caches): `test/oracle/build.sh`', ms(cold)],
    [`the same when it is up to date (median of ${runs})`, ms(upToDate)],
    [`judging dist/ (\`.tools/bin/k8s-oracle dist/\`, median of ${runs})`, ms(judge)],
    ['the binary', `${size.toFixed(0)} MiB`],
  ];
  return {
    markdown: ['### 5. The upstream validation oracle', '', table(['what', 'time'], rows)].join('\n'),
    summary: [['the upstream oracle: build on a fresh machine / judging dist/', `${ms(cold)} / ${ms(judge)}`]],
  };
}
