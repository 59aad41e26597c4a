/**
 * The transpiler on the synth path, chosen by measurement: each candidate runs the tutorial synth
 * (`app/main.ts`) with its caches warm (a repeat run), with them empty (a fresh clone's first
 * run), and after one source file changed (an edit), paired round by round with the floor (a
 * Node process that only loads cdk8s). Only installed candidates run; to compare them all:
 * `npm install --no-save tsx @swc-node/register @swc/core`, then
 * `npm run bench -- transpilers` (prints only).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { npmScript } from '../test/npm-script';
import { measureCommand, measureFloor, measureShell, median, ms, paired, ROOT, Sample, showPaired, table } from './stats';

interface Candidate {
  readonly label: string;
  /** The package it needs, when it is not always there. */
  readonly needs?: string;
  /** Node's arguments before the entry point (a require hook), or… */
  readonly nodeArgs?: readonly string[];
  /** …a command line run by the shell, as npm runs a script (`npm run synth`'s own). */
  readonly shell?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Its on-disk caches, emptied for a first run. */
  readonly caches: readonly string[];
}

const CANDIDATES: readonly Candidate[] = [
  {
    label: 'esbuild, bundling the app into one file, rebuilt when an input changed, V8\'s code cache of it (`npm run synth`\'s scripts/synth.js)',
    shell: npmScript('synth'), caches: [path.join(ROOT, 'node_modules', '.cache', 'cdk8s-pods-services')],
  },
  { label: 'esbuild-register (`node -r esbuild-register`: each file as it loads)', nodeArgs: ['-r', 'esbuild-register'], caches: [] },
  {
    label: 'tsx (`--require tsx/cjs`, its disk cache)', needs: 'tsx', nodeArgs: ['--require', 'tsx/cjs'],
    caches: [path.join(os.tmpdir(), `tsx-${process.getuid?.() ?? os.userInfo().username}`)],
  },
  { label: '@swc-node/register', needs: '@swc-node/register', nodeArgs: ['--enable-source-maps', '-r', '@swc-node/register'], caches: [] },
  { label: 'ts-node with swc (`ts-node --swc`)', needs: '@swc/core', nodeArgs: [path.join('node_modules', 'ts-node', 'dist', 'bin.js'), '--swc'], caches: [] },
  { label: 'ts-node, transpile-only (TypeScript)', nodeArgs: ['-r', 'ts-node/register/transpile-only'], caches: [] },
];

function installed(pkg: string): boolean {
  try {
    require.resolve(pkg, { paths: [ROOT] });
    return true;
  } catch {
    return false;
  }
}

/** A source file the app loads, changed for an "after an edit" run and put back after. */
const EDITED = path.join(ROOT, 'src', 'constructs', 'nginx-pod.ts');

function emptied(dirs: readonly string[], f: () => Sample): Sample {
  const aside = dirs.map(d => `${d}-aside-${process.pid}`);
  dirs.forEach((d, i) => fs.existsSync(d) && fs.renameSync(d, aside[i]));
  try {
    return f();
  } finally {
    dirs.forEach((d, i) => {
      fs.rmSync(d, { recursive: true, force: true });
      if (fs.existsSync(aside[i])) fs.renameSync(aside[i], d);
    });
  }
}

let edits = 0;
function afterEdit(f: () => Sample): Sample {
  const original = fs.readFileSync(EDITED, 'utf8');
  fs.writeFileSync(EDITED, `${original}// bench edit ${process.pid}-${edits++}\n`);
  try {
    return f();
  } finally {
    fs.writeFileSync(EDITED, original);
  }
}

export function benchTranspilers(runs = 5): string {
  const present = CANDIDATES.filter(c => c.needs === undefined || installed(c.needs));
  const missing = CANDIDATES.filter(c => !present.includes(c)).map(c => c.label);
  const synth = (c: Candidate) => (c.shell !== undefined ? measureShell(c.shell) : measureCommand(process.execPath, [...c.nodeArgs ?? [], 'app/main.ts'], ROOT, c.env));
  const cases = {
    repeat: (c: Candidate) => synth(c),
    first: (c: Candidate) => emptied(c.caches, () => synth(c)),
    edited: (c: Candidate) => afterEdit(() => synth(c)),
  } as const;
  type Case = keyof typeof cases;
  const samples = new Map<string, Sample[]>();
  const push = (key: string, s: Sample) => samples.set(key, [...samples.get(key) ?? [], s]);
  present.forEach(c => synth(c)); // warm every cache once
  for (let r = 0; r < runs; r++) {
    push('floor', measureFloor());
    for (const c of present) for (const k of Object.keys(cases) as Case[]) push(`${c.label}\0${k}`, cases[k](c));
  }
  const floorWall = samples.get('floor')!.map(s => s.wallMs);
  const floorCpu = samples.get('floor')!.map(s => s.cpuMs);
  const rows = present.map(c => [c.label, ...(Object.keys(cases) as Case[]).flatMap(k => {
    const s = samples.get(`${c.label}\0${k}`)!;
    return [`${ms(median(s.map(x => x.wallMs)))}: **${showPaired(paired(s.map(x => x.wallMs), floorWall))}**`,
      showPaired(paired(s.map(x => x.cpuMs), floorCpu))];
  })]);
  return [
    `### Transpilers on the synth path (${runs} rounds; the floor \`node -e "require('cdk8s')"\`: ${ms(median(floorWall))})`,
    '',
    'The tutorial synth through each candidate, as the median of the per-round ratios to the floor (their range):',
    '',
    table(['transpiler', 'repeat run: wall ×', 'CPU ×', 'empty caches (first run): wall ×', 'CPU ×', 'after an edit: wall ×', 'CPU ×'], rows),
    ...(missing.length > 0 ? ['', `Not installed, not measured: ${missing.join('; ')}.`] : []),
  ].join('\n');
}
