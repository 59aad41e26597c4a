/**
 * Each rule id is raised from one module: its own, `src/core/rules/<id>.ts`, which declares it
 * and reports through a reporter that has no rule argument (the engine gives each rule's
 * reporter the rule's id and severity). No other file of the engine names a rule id as the rule
 * of a problem.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RULE_LIST } from '../../../src/rules';
import type { ObjectReporter, RuleContext } from '../../../src/core/rule';

const SRC = path.join(__dirname, '..', '..', '..', 'src');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

const ALL = files(SRC).map(f => ({ file: path.relative(SRC, f).split(path.sep).join('/'), text: fs.readFileSync(f, 'utf8') }));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Where a file names `id` as the rule of a problem: `.add('id', …)`, `.check('id', …)`, `rule: 'id'`. */
const raises = (text: string, id: string) => new RegExp(`(\\.add|\\.check)\\(\\s*'${escape(id)}'|rule:\\s*'${escape(id)}'`).test(text);

/** The rules the engine judges over the model (the others are raised by constructs and settings). */
const JUDGED = RULE_LIST.filter(r => r.check !== undefined || r.podSpec !== undefined).map(r => r.id);

describe('one rule, one module', () => {
  test.each(RULE_LIST.map(r => [r.id]))('%s is declared by src/core/rules/%s.ts alone', id => {
    const declaring = ALL.filter(f => new RegExp(`\\bid:\\s*'${escape(id)}'`).test(f.text)).map(f => f.file);
    expect(declaring).toEqual([`core/rules/${id}.ts`]);
  });

  // The engine is the only judge: no constructor, value, core helper, synth or tool module raises
  // a rule the engine judges over the manifests (constructors throw only what cannot be written:
  // rules props and the construct-only rules, which have no check).
  test('no file but the rule\'s own module names a rule the engine judges as the rule of a problem', () => {
    const offenders = ALL.flatMap(f => JUDGED.filter(id => raises(f.text, id)).map(id => `${f.file}: ${id}`));
    expect(offenders).toEqual([]);
  });

  test('the check finds a raise where there is one', () => {
    expect(raises("problems.add('volumes', 'medium', x, 'y')", 'volumes')).toBe(true);
    expect(raises("return { rule: 'quantities', allowed }", 'quantities')).toBe(true);
    expect(raises("problems.add('props', 'medium', x, 'y')", 'volumes')).toBe(false);
  });

  test('a rule reports through a reporter without a rule argument: the id and severity come from its module', () => {
    type AddParameters = Parameters<ObjectReporter['add']>;
    const exact: [string, unknown, string, string?] extends AddParameters ? (AddParameters extends [string, unknown, string, string?] ? true : false) : false = true;
    expect(exact).toBe(true);
    // (the context's reporter is the only way to report, and it takes an object, not a rule)
    type About = RuleContext['about'];
    const about: Parameters<About>['length'] = 1;
    expect(about).toBe(1);
  });
});
