/**
 * npm 11 ends `npm ci` with a warning for every installed package whose install script the
 * project's `allowScripts` (package.json) does not decide (npm 12 blocks them). A newcomer's
 * `npm ci` should print none that our package.json can settle: every package of the lockfile
 * with an install script is approved (`true`) or denied (`false`) there, by name.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO } from '../paths';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { allowScripts?: { [name: string]: boolean } };
const lock = JSON.parse(fs.readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as {
  packages: { [path: string]: { hasInstallScript?: boolean; name?: string; version?: string } };
};

/** The package name of a lockfile path (`node_modules/a/node_modules/@s/b` -> `@s/b`), or its `name` for an alias. */
function nameOf(at: string, entry: { name?: string }): string {
  return entry.name ?? at.slice(at.lastIndexOf('node_modules/') + 'node_modules/'.length);
}

describe('allowScripts', () => {
  const withScripts = Object.entries(lock.packages).filter(([at, e]) => at !== '' && e.hasInstallScript === true).map(([at, e]) => nameOf(at, e));

  test('the lockfile has packages with install scripts (else this test would prove nothing)', () => {
    expect(withScripts).toContain('esbuild');
  });

  test('decides every package of the lockfile that has an install script', () => {
    const allow = pkg.allowScripts ?? {};
    const undecided = withScripts.filter(name => !Object.keys(allow).some(key => key === name || key.startsWith(`${name}@`)));
    expect(undecided).toEqual([]);
  });

  test('holds only booleans, and no package the lockfile does not have (a stale entry)', () => {
    const names = new Set(Object.entries(lock.packages).filter(([at]) => at !== '').map(([at, e]) => nameOf(at, e)));
    for (const [key, value] of Object.entries(pkg.allowScripts ?? {})) {
      expect(typeof value).toBe('boolean');
      expect(names.has(key.replace(/(?<=.)@.*$/, ''))).toBe(true);
    }
  });
});
