// Folds the pages typedoc-plugin-markdown writes (.api-docs/: one page per entry point of the
// package — index.md is the root, check.md is `cdk8s-pods-services/check` — plus one page per
// namespace) into the single committed API.md. Run by `npm run docs`.
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const out = path.join(root, '.api-docs');
const pkg = require('../package.json');

const nsDir = path.join(out, pkg.name, 'namespaces');
const namespaces = fs.existsSync(nsDir) ? fs.readdirSync(nsDir).filter(f => f.endsWith('.md')).sort() : [];

// The entry points other than the root, in package.json's order ("./check" is check.md).
const entries = Object.keys(pkg.exports).filter(k => k !== '.' && k !== './package.json').map(k => k.slice(2));
const multi = fs.existsSync(path.join(out, 'index.md'));
// A link to another entry point's page is a link into this one file.
const local = text => text.replace(/\]\((?:index|check|rules|plugin|topology)\.md(#[^)]*)?\)/g, (_, anchor) => `](${anchor ?? '#api-reference'})`);
let main = local(fs.readFileSync(path.join(out, multi ? 'index.md' : 'README.md'), 'utf8').replace(/^# .*\n+/, ''));
for (const file of namespaces) {
  const ns = file.replace(/\.md$/, '');
  main = main.split(`](${pkg.name}/namespaces/${file})`).join(`](#namespace-${ns})`);
}
const parts = [
  '# API reference',
  '',
  `Generated from the TSDoc in \`src/\` by \`npm run docs\` (typedoc + typedoc-plugin-markdown); do not edit by hand.`,
  `Everything below is exported by \`${pkg.name}\`, but the sections at the end, which are its other entry points (${entries.map(e => `\`${pkg.name}/${e}\``).join(', ')}).`,
  '',
  main.trim(),
];
for (const entry of multi ? entries : []) {
  const body = local(fs.readFileSync(path.join(out, `${entry}.md`), 'utf8').replace(/^# .*\n+/, '')).replace(/^(#+) /gm, '#$1 ');
  parts.push('', '***', '', `<a id="entry-point-${entry}"></a>`, '', `## Entry point \`${pkg.name}/${entry}\``, '', body.trim());
}
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
