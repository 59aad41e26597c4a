import * as fs from 'fs';
import * as path from 'path';
import { REPO } from '../../paths';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { allFigures, PRODUCERS } = require('../../../scripts/figures.js') as {
  allFigures(): { figures: { [name: string]: string }; where: { [name: string]: string } };
  PRODUCERS: { [name: string]: () => string };
};

// the figures of README.md and of the guides in docs/
const { figures } = allFigures();

// (the tarball's figures are checked against the tarball itself: test/integration/consumer.test.ts)
test.each(Object.keys(PRODUCERS))('the %s figure (README.md or docs/) is what npm run figures writes', name => {
  expect(figures[name]).toBe(PRODUCERS[name]());
});

test('the speed figures of docs/performance.md come from the last full npm run bench, as bench/RESULTS.md does', () => {
  const results = fs.readFileSync(path.join(REPO, 'bench', 'RESULTS.md'), 'utf8');
  const measured = figures.bench.trim().split('\n')[0];
  expect(measured).toMatch(/^Measured \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  expect(results).toContain(measured);
});
