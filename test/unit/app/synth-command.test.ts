import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { npmScript, runAsNpm } from '../../npm-script';
import { FIXTURES, REPO } from '../../paths';

/** `npm run synth`'s command line, with another entry point and another bundle, run as npm runs it. */
function synthCommand(entry: string, bundle: string, outdir: string): { status: number | null; stderr: string } {
  const script = npmScript('synth');
  const defaultBundle = 'node_modules/.cache/cdk8s-pods-services/synth.js';
  expect(script.split(' ')).toEqual(expect.arrayContaining(['app/main.ts', `--outfile=${defaultBundle}`, '--enable-source-maps', defaultBundle]));
  // (the entry point reads the output directory from its first argument)
  return runAsNpm(`${script.replace('app/main.ts', entry).split(defaultBundle).join(bundle)} '${outdir}'`);
}

test('a failing npm run synth prints a stack trace that points at the TypeScript source line', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-command-'));
  try {
    // (the bundle beside the project's, where its packages resolve from)
    const bundle = path.join(REPO, 'node_modules', '.cache', 'cdk8s-pods-services', `synth-command-test-${process.pid}.js`);
    const run = synthCommand(path.join(FIXTURES, 'synth', 'throws.ts'), bundle, path.join(out, 'dist'));
    fs.rmSync(bundle, { force: true });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('TypeError');
    // the frame that threw, not a caller's: line 5 of the source, where the JavaScript has another line
    const firstFrame = run.stderr.split('\n').find(l => l.startsWith('    at '));
    // (the source's path as the bundle's source map names it, relative to the project)
    expect(firstFrame).toContain(`${path.relative(REPO, path.join(FIXTURES, 'synth', 'throws.ts'))}:5:`);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
