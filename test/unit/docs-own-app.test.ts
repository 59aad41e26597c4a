/**
 * docs/your-own-app.md quotes the recipe the consumer test runs (test/integration/consumer/recipe/),
 * file for file, and states the two variations recipe.sh applies: the doc cannot drift from
 * what is tested.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO } from '../paths';

const DOC = fs.readFileSync(path.join(REPO, 'docs', 'your-own-app.md'), 'utf8');
const RECIPE = path.join(REPO, 'test', 'integration', 'consumer', 'recipe');

test.each(['package.json', 'tsconfig.json', 'cdk8s.yaml', 'main.ts'])('quotes %s as the consumer test runs it', file => {
  const lang = { '.json': 'json', '.yaml': 'yaml', '.ts': 'ts' }[path.extname(file)];
  expect(DOC).toContain(`\`\`\`${lang}\n${fs.readFileSync(path.join(RECIPE, file), 'utf8')}\`\`\``);
});

test('states the variations recipe.sh applies for TypeScript 7 and for ESM', () => {
  const script = fs.readFileSync(path.join(RECIPE, '..', 'recipe.sh'), 'utf8');
  for (const change of ['"typescript": "^7.0.2"', '"tsx": "^4.20.0"', 'app: npx tsx main.ts', '"type": "module"']) {
    expect(DOC).toContain(change);
    expect(script.replace(/\\"/g, '"')).toContain(change.replace(/"(\S+)": "(\S+)"/, (_m, k, v) => (k === 'type' ? 'pkg.type = "module"' : k === 'typescript' ? `typescript = "${v}"` : `tsx = "${v}"`)));
  }
});
