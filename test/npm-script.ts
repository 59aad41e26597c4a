import { spawnSync, SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO } from './paths';

/** A script of package.json, as written. */
export function npmScript(name: string): string {
  return JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).scripts[name];
}

/** The PATH npm runs a script with: node_modules/.bin first. */
export function npmPath(): string {
  return `${path.join(REPO, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`;
}

/**
 * Runs a command line as npm runs a script: by the shell, in the repository, with
 * node_modules/.bin first on the PATH (without npm's own start).
 */
export function runAsNpm(command: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  return spawnSync('sh', ['-c', command], { cwd: REPO, encoding: 'utf8', env: { ...process.env, ...env, PATH: npmPath() } });
}
