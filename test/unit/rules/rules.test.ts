/**
 * Every rule of the registry, by id: a bad case raises it and a good case raises nothing,
 * through the path a user takes (`checkManifests` over raw manifests, or constructs in an app).
 * A rule without a case fails the suite.
 */
import { checkManifests } from '../../../src/check';
import { RULE_LIST, RULES } from '../../../src/rules';
import { CONSTRUCT_CASES, problemsFrom } from './construct-cases';
import { MANIFEST_CASES } from './cases';

describe('the cases', () => {
  test('every rule of the registry has a bad and a good case, and every case names a rule', () => {
    const ids = RULE_LIST.map(r => r.id);
    const cased = [...Object.keys(MANIFEST_CASES), ...Object.keys(CONSTRUCT_CASES)];
    expect(ids.filter(id => !cased.includes(id))).toEqual([]);
    expect(cased.filter(id => !ids.includes(id as never))).toEqual([]);
    expect(new Set(cased).size).toBe(cased.length);
  });

  test('a rule judged over the manifests has a manifest case; one only constructs raise, a construct case', () => {
    for (const rule of RULE_LIST) {
      const overManifests = rule.check !== undefined || rule.podSpec !== undefined;
      // (restricted-profile judges manifests, but only for pods whose construct promised the level)
      expect([rule.id, rule.id in MANIFEST_CASES]).toEqual([rule.id, overManifests && rule.id !== 'restricted-profile']);
    }
  });
});

describe.each(Object.entries(MANIFEST_CASES))('rule %s, over manifests', (id, c) => {
  const rule = RULES[id as keyof typeof RULES];

  test(`fails the bad case with ${id}, at its severity`, () => {
    const found = checkManifests(c.bad, c.options).filter(p => p.rule === id);
    expect(found.length).toBeGreaterThan(0);
    if (c.field !== undefined) expect(found.map(p => p.field)).toContain(c.field);
    expect(found.every(p => p.severity === rule.severity)).toBe(true);
  });

  test('passes the good case, with no problem at all', () => {
    expect(checkManifests(c.good, c.options)).toEqual([]);
  });

  test('is not raised when turned off', () => {
    expect(checkManifests(c.bad, { ...c.options, skipRules: { [id]: 'a test turns it off' } }).filter(p => p.rule === id)).toEqual([]);
  });
});

describe.each(Object.entries(CONSTRUCT_CASES))('rule %s, through constructs', (id, c) => {
  test(`fails the bad case with ${id}`, () => {
    expect(problemsFrom(c.bad).map(p => p.rule)).toContain(id);
  });

  test('passes the good case, with no problem at all', () => {
    expect(problemsFrom(c.good)).toEqual([]);
  });
});
