// Folds the pages typedoc-plugin-markdown writes (.api-docs/: the package's module, plus one
// page per namespace such as `rules`) into the single committed API.md. Run by `npm run docs`.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const out = path.join(root, '.api-docs');
const pkg = require('../package.json');

const nsDir = path.join(out, pkg.name, 'namespaces');
const namespaces = fs.existsSync(nsDir) ? fs.readdirSync(nsDir).filter(f => f.endsWith('.md')).sort() : [];

let main = fs.readFileSync(path.join(out, 'README.md'), 'utf8').replace(/^# .*\n+/, '');
for (const file of namespaces) {
  const ns = file.replace(/\.md$/, '');
  main = main.split(`](${pkg.name}/namespaces/${file})`).join(`](#namespace-${ns})`);
}
const parts = [
  '# API reference',
  '',
  `Generated from the TSDoc in \`src/\` by \`npm run docs\` (typedoc + typedoc-plugin-markdown); do not edit by hand.`,
  `Everything below is exported by \`${pkg.name}\`.`,
  '',
  main.trim(),
];
for (const file of namespaces) {
  const ns = file.replace(/\.md$/, '');
  const body = fs.readFileSync(path.join(nsDir, file), 'utf8')
    .replace(/^# .*\n+/, '')
    .replace(/\]\((?:\.\.\/)+README\.md(#[^)]*)?\)/g, (_, anchor) => `](${anchor ?? '#api-reference'})`)
    .replace(/^(#+) /gm, '#$1 ');
  parts.push('', '***', '', `<a id="namespace-${ns}"></a>`, '', `## Namespace \`${ns}\``, '', body.trim());
}
fs.writeFileSync(path.join(root, 'API.md'), `${parts.join('\n')}\n`);
fs.rmSync(out, { recursive: true, force: true });
