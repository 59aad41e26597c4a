import * as fs from 'fs';
import * as path from 'path';
import { versionsTable } from '../../../scripts/kubernetes-versions';
import { KUBERNETES_VERSIONS } from '../../../src/core/versions';
import { ORACLE_VERSIONS } from '../../oracle';
import { REPO } from '../../paths';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { allFigures, PRODUCERS } = require('../../../scripts/figures.js') as {
  allFigures(): { figures: { [name: string]: string }; where: { [name: string]: string } };
  PRODUCERS: { [name: string]: () => string };
};

// the figures of README.md and of the guides in docs/
const { figures } = allFigures();

// (the tarball's figures are checked against the tarball itself: test/integration/consumer.test.ts)
// (the versions table's oracle column needs the oracles built, so .ci/run checks it after npm test
// has built them: below, its other columns, with the verdicts the README holds)
test.each(Object.keys(PRODUCERS).filter(name => name !== 'versions'))('the %s figure (README.md or docs/) is what npm run figures writes', name => {
  expect(figures[name]).toBe(PRODUCERS[name]());
});

test('the versions table has a row per known minor, with the rules that run there and what changes', () => {
  const held = new Map(figures.versions.trim().split('\n').slice(2).map(row => {
    const cells = row.split(' | ');
    return [cells[0].replace(/^\| /, ''), cells[1]] as const;
  }));
  const table = versionsTable(version => held.get(version) ?? '(no row)');
  expect(figures.versions).toBe(`\n${table}\n`);
  expect([...held.keys()]).toEqual([...KUBERNETES_VERSIONS]);
  for (const version of ORACLE_VERSIONS) expect(held.get(version)).toMatch(/^yes \(/);
});

test('the speed figures of docs/performance.md come from the last full npm run bench, as bench/RESULTS.md does', () => {
  const results = fs.readFileSync(path.join(REPO, 'bench', 'RESULTS.md'), 'utf8');
  const measured = figures.bench.trim().split('\n')[0];
  expect(measured).toMatch(/^Measured \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  expect(results).toContain(measured);
});
