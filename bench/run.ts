/**
 * `npm run bench [-- --quick] [-- tutorial|scale|validation|order|oracle|transpilers ...]`: runs the
 * benchmarks (all by default), prints their tables and writes them into bench/RESULTS.md between
 * the markers, keeping the hand-written history below them, and the summary into
 * bench/results.json, from which `npm run figures` writes the figures of docs/performance.md.
 * `--quick` runs fewer rounds (a few minutes on a 2-core machine); its tables say so.
 */
import { execSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { benchOracle } from './oracle';
import { benchOrder } from './order';
import { benchScale, QUICK_SIZES, SIZES } from './scale';
import { buildLibrary, ROOT } from './stats';
import { benchTranspilers } from './transpilers';
import { benchTutorial } from './tutorial';
import { benchValidation } from './validation';

const START = '<!-- bench:start (written by `npm run bench`) -->';
const END = '<!-- bench:end -->';

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  let commit = '';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // not a git checkout
  }
  return `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${commit ? ` at ${commit}` : ''} on ${os.cpus().length} × ${cpu}` +
    ` (\`nproc\` ${os.availableParallelism()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.`;
}

function main(): void {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const wanted = new Set(args.filter(a => a !== '--quick'));
  const all = wanted.size === 0;
  const sections: string[] = [`${machine()}${quick ? ' Quick run (`npm run bench -- --quick`: fewer rounds).' : ''}`];
  const summary: string[][] = [];
  const time = (label: string, f: () => string | { markdown: string; summary: string[][] }) => {
    const start = Date.now();
    process.stderr.write(`bench: ${label}…\n`);
    const result = f();
    const md = typeof result === 'string' ? result : result.markdown;
    if (typeof result !== 'string') summary.push(...result.summary);
    process.stdout.write(`\n${md}\n`);
    process.stderr.write(`bench: ${label} took ${((Date.now() - start) / 1000).toFixed(0)} s\n`);
    sections.push(md);
  };
  // The library as it ships (lib/): the scale, validation and order benchmarks run it.
  if (all || wanted.has('scale') || wanted.has('validation') || wanted.has('order')) {
    process.stderr.write('bench: npm run build (the scale, validation and order benchmarks run lib/)…\n');
    buildLibrary();
  }
  if (all || wanted.has('tutorial')) time('tutorial synth', () => benchTutorial(quick ? 3 : 5));
  if (all || wanted.has('scale')) time('scale', () => benchScale(quick ? QUICK_SIZES : SIZES));
  if (all || wanted.has('validation')) time('validation', () => (quick ? benchValidation(5_000, 1) : benchValidation()));
  if (all || wanted.has('order')) time('output order', () => (quick ? benchOrder(5_000, 3) : benchOrder()));
  // (a quick run leaves out the oracle's build on a fresh machine: minutes of Go compiling)
  if ((all && !quick) || wanted.has('oracle')) time('oracle', () => benchOracle());
  // Not in a full run: it compares candidates that are not dependencies (see bench/transpilers.ts).
  if (wanted.has('transpilers')) time('transpilers', () => benchTranspilers());

  const file = path.join(ROOT, 'bench', 'RESULTS.md');
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `# Benchmark results\n\n${START}\n${END}\n`;
  const head = old.slice(0, old.indexOf(START));
  const tail = old.slice(old.indexOf(END) + END.length);
  if (!all) {
    process.stderr.write('bench: a partial run: bench/RESULTS.md left as it was\n');
    return;
  }
  fs.writeFileSync(file, `${head}${START}\n${sections.join('\n\n')}\n${END}${tail}`);
  // The figures of speed in docs/performance.md come from this run: `npm run figures` writes them
  // from bench/results.json (scripts/figures.js, figure `bench`).
  const results = { measured: sections[0], summary: summary.map(([what, result]) => ({ what, result })) };
  fs.writeFileSync(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stderr.write('bench: wrote bench/RESULTS.md and bench/results.json (now `npm run figures` for docs/performance.md)\n');
}

main();
