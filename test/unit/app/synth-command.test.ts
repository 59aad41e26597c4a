import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES, REPO } from '../../paths';

/** `npm run synth`'s command line, with another entry point. */
function synthCommand(entry: string, ...args: string[]): { status: number | null; stderr: string } {
  const script: string = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).scripts.synth;
  const [node, ...flags] = script.split(' ').filter(a => a !== 'app/main.ts');
  expect(node).toBe('node');
  return spawnSync(process.execPath, [...flags, entry, ...args], { cwd: REPO, encoding: 'utf8' });
}

test('a failing npm run synth prints a stack trace that points at the TypeScript source line', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-command-'));
  try {
    const run = synthCommand(path.join(FIXTURES, 'synth', 'throws.ts'), path.join(out, 'dist'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('TypeError');
    // the frame that threw, not a caller's: line 5 of the source, where the JavaScript has another line
    const firstFrame = run.stderr.split('\n').find(l => l.startsWith('    at '));
    expect(firstFrame).toContain(`${path.join(FIXTURES, 'synth', 'throws.ts')}:5:`);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
