/**
 * Every message has a fix. Each rule module declares one (`fix`: a sentence, or a function of the
 * finding), used when a report names none; a report that knows more gives its own. Proved over
 * every bad case of the registry (raw manifests and constructs) and the broken fixture: no
 * problem without a non-empty fix, and the fix is in the message.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkManifests, formatProblem, ValidationError } from '../../../src/check';
import type { Problem } from '../../../src/check';
import { RULE_LIST } from '../../../src/rules';
import { REPO } from '../../paths';
import { MANIFEST_CASES } from './cases';
import { CONSTRUCT_CASES, problemsFrom } from './construct-cases';

const SAMPLE = { field: 'spec.x', value: 'bad', allowed: 'a good value' };
const fixOf = (r: (typeof RULE_LIST)[number]) => (typeof r.fix === 'function' ? r.fix(SAMPLE) : r.fix);

function expectFixes(problems: readonly Problem[]): void {
  // (a problem of another construct's validation carries that construct's own message instead)
  const without = problems.filter(p => p.message === undefined && !(typeof p.fix === 'string' && p.fix.trim().length > 0));
  expect(without.map(p => `${p.rule} ${p.field}`)).toEqual([]);
  for (const p of problems.filter(q => q.message === undefined)) expect(formatProblem(p)).toContain(` Fix: ${p.fix}`);
}

describe('every rule declares a fix', () => {
  test.each(RULE_LIST.map(r => [r.id, r] as const))('%s', (_id, rule) => {
    const fix = fixOf(rule);
    expect(typeof fix).toBe('string');
    expect((fix as string).trim().length).toBeGreaterThan(20);
    expect(fix).not.toBe(rule.summary);
  });

  test('no two rules share a fix (each says what to do about its own finding)', () => {
    const fixes = RULE_LIST.map(fixOf);
    expect(new Set(fixes).size).toBe(fixes.length);
  });

  test('a function fix writes the finding\'s field and what is allowed into it', () => {
    const props = RULE_LIST.find(r => r.id === 'props')!;
    expect(fixOf(props)).toContain('spec.x');
    expect(fixOf(props)).toContain('a good value');
  });
});

describe('every problem has a fix', () => {
  test.each(Object.entries(MANIFEST_CASES))('%s, over manifests', (_id, c) => {
    const found = checkManifests(c.bad, c.options);
    expect(found.length).toBeGreaterThan(0);
    expectFixes(found);
  });

  test.each(Object.entries(CONSTRUCT_CASES))('%s, through constructs', (_id, c) => {
    const found = problemsFrom(c.bad);
    expect(found.length).toBeGreaterThan(0);
    expectFixes(found);
  });

  test('the broken fixture (test/fixtures/broken): every finding', () => {
    const text = fs.readFileSync(path.join(REPO, 'test', 'fixtures', 'broken', 'broken.k8s.yaml'), 'utf8');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parseAllDocuments } = require('yaml') as typeof import('yaml');
    const found = checkManifests(parseAllDocuments(text).map(d => d.toJS()).filter(d => d !== null && d !== undefined));
    expect(found.length).toBeGreaterThan(10);
    expectFixes(found);
  });

  test('a ValidationError built from problems without a fix gives each its rule\'s', () => {
    const err = new ValidationError([{ rule: 'replicas', path: 'a', field: 'spec.replicas', value: -1, allowed: 'an integer from 0 to 2147483647' }]);
    expect(err.problems[0].fix).toBe(fixOf(RULE_LIST.find(r => r.id === 'replicas')!));
    expect(err.message).toContain('Fix: give replicas as a whole number');
  });
});
