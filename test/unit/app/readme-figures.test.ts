import * as fs from 'fs';
import * as path from 'path';
import { REPO } from '../../paths';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { figuresIn, PRODUCERS } = require('../../../scripts/figures.js') as {
  figuresIn(text: string): { [name: string]: string };
  PRODUCERS: { [name: string]: () => string };
};

const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
const figures = figuresIn(readme);

// (the tarball's figures are checked against the tarball itself: test/integration/consumer.test.ts)
test.each(Object.keys(PRODUCERS))('the README\'s %s figure is what npm run figures writes', name => {
  expect(figures[name]).toBe(PRODUCERS[name]());
});

test('the README\'s speed figures come from the last full npm run bench, as bench/RESULTS.md does', () => {
  const results = fs.readFileSync(path.join(REPO, 'bench', 'RESULTS.md'), 'utf8');
  const measured = figures.bench.trim().split('\n')[0];
  expect(measured).toMatch(/^Measured \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  expect(results).toContain(measured);
});
