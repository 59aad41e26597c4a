/**
 * The README is short, and what it and the guides in docs/ name is there: every repo path (in
 * backticks or as a link), every link's anchor, and every `npm run X` command.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO } from '../paths';

const DOCS = ['README.md', 'ARCHITECTURE.md', ...fs.readdirSync(path.join(REPO, 'docs')).filter(f => f.endsWith('.md')).sort().map(f => `docs/${f}`)];
const text = (doc: string) => fs.readFileSync(path.join(REPO, doc), 'utf8');
const scripts = Object.keys((JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: object }).scripts);

/** Folders and files of the repo a text may name; what is generated or git-ignored (lib/, .tools/, node_modules/) is not checked. */
const REPO_PATH = /^(?:\.ci|app|bench|docs|scripts|src|test|dist)\/[\w.@/-]*$|^(?:README|ARCHITECTURE|API|LICENSE)(?:\.md)?$|^(?:package\.json|cdk8s\.yaml|jest\.config\.js|eslint\.config\.mjs|tsconfig(?:\.dev)?\.json|typedoc\.json|validation-plugin\.js)$/;

/** What git ignores by name (.gitignore's plain entries): generated, so not in a clone. */
const IGNORED = fs.readFileSync(path.join(REPO, '.gitignore'), 'utf8').split('\n').map(l => l.trim()).filter(l => l !== '' && !/[*#]/.test(l));
const ignored = (p: string) => IGNORED.some(i => p === i.replace(/\/$/, '') || p.startsWith(i.endsWith('/') ? i : `${i}/`));

/** GitHub's anchor of a heading. */
const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-');
function anchors(doc: string): Set<string> {
  const found = new Set<string>();
  let fenced = false;
  for (const line of text(doc).split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const m = !fenced && /^#{1,6} (.*)$/.exec(line);
    if (m) found.add(slug(m[1]));
  }
  return found;
}

test('the README has at most 250 lines', () => {
  expect(text('README.md').split('\n').length).toBeLessThanOrEqual(250);
});

describe.each(DOCS)('%s', doc => {
  const body = text(doc);
  const dir = path.dirname(path.join(REPO, doc));

  test('every repo path it names in backticks exists', () => {
    const named = [...body.matchAll(/`([^`\s]+)`/g)].map(m => m[1].replace(/[.,:;]$/, ''))
      .filter(p => REPO_PATH.test(p) && !/[*<>]/.test(p) && !ignored(p));
    expect(named.filter(p => !fs.existsSync(path.join(REPO, p)))).toEqual([]);
  });

  test('every link to a file of the repo, and its anchor, exists', () => {
    const missing: string[] = [];
    for (const m of body.matchAll(/\]\(([^)\s]+)\)/g)) {
      const [target, anchor] = m[1].split('#');
      if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
      const file = target === '' ? path.join(REPO, doc) : path.resolve(dir, target);
      if (!fs.existsSync(file)) missing.push(m[1]);
      else if (anchor !== undefined && file.endsWith('.md') && !anchors(path.relative(REPO, file)).has(anchor)) missing.push(m[1]);
    }
    expect(missing).toEqual([]);
  });

  test('every `npm run X` it names is a script of package.json', () => {
    const named = [...body.matchAll(/npm run (?:-s )?([\w:-]+)/g)].map(m => m[1]);
    expect(named.filter(s => !scripts.includes(s))).toEqual([]);
  });
});
