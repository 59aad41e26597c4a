/**
 * docs/gateway-api.md's table against the peers: every line names the tests that back it, and
 * each named test exists (a test, or a describe of tests, of that exact title under test/).
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO } from '../paths';

/** The source of every other test file under test/, with `\'` read as `'` (as the titles read). */
function testSources(dir = path.join(REPO, 'test')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : testSources(p);
    // (not this file: it names titles to show the check fails on them)
    return e.name.endsWith('.test.ts') && p !== __filename ? [fs.readFileSync(p, 'utf8').replace(/\\'/g, '\'')] : [];
  });
}

/** The rows of the table under "## Against the peers", as their cells. */
function peersTable(): string[][] {
  const doc = fs.readFileSync(path.join(REPO, 'docs', 'gateway-api.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Against the peers'));
  return section.split('\n').filter(l => l.startsWith('| ') && !l.startsWith('| |')).map(l => l.split(' | ').map(c => c.replace(/^\| |\s*\|$/g, '')));
}

const rows = peersTable();
const sources = testSources();
/** Whether a test or describe of this exact title is under test/. */
const titled = (name: string) => sources.some(s => ['\'', '"', '`'].some(q => s.includes(`(${q}${name}${q}`)));

test('the table against the peers has lines, each with a test named', () => {
  expect(rows.length).toBeGreaterThanOrEqual(10);
  for (const row of rows) expect([row[0], [...row[4].matchAll(/`([^`]+)`/g)].length > 0]).toEqual([row[0], true]);
});

test('every test the table names exists, by its exact title', () => {
  const named = rows.flatMap(row => [...row[4].matchAll(/`([^`]+)`/g)].map(m => m[1]));
  expect(named.filter(name => !titled(name))).toEqual([]);
});

test('fails on a test name that no test has, and on a title cut short (the check is not vacuous)', () => {
  expect(titled(['a test', 'no file has'].join(' '))).toBe(false);
  expect(titled('a backend given by PortRef alone goes to the one ExposedService that targets that container port')).toBe(true);
  expect(titled('a backend given by PortRef alone')).toBe(false);
});
