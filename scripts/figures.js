'use strict';
/**
 * `npm run figures`: rewrites the figures in README.md that a command produces, each between
 * `<!-- figure:NAME -->` and `<!-- /figure -->`, from that command. Nothing in those spans is
 * typed by hand; the tests compare each span with what they measure (test/consumer.test.ts
 * compares `pack` with the tarball it installs).
 *
 * Figures:
 * - `pack`: the tarball's packed and unpacked size and file count, as `npm pack` reports them.
 *   The README is in the tarball, so its own figures change the size: rewritten until stable.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const README = path.join(ROOT, 'README.md');

/** `npm pack --json`'s report in the README's words. */
function packFigure(report) {
  const kB = n => `${(n / 1000).toFixed(1)} kB`;
  return `${kB(report.size)} packed, ${kB(report.unpackedSize)} unpacked, ${report.entryCount} files`;
}

/** What `npm pack --dry-run` would put in the tarball now (prepack builds lib/ first). */
function packReport() {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.slice(out.indexOf('[')))[0];
}

const SPAN = /(<!-- figure:([a-z-]+) -->)([\s\S]*?)(<!-- \/figure -->)/g;

/** The figures of a README text, by name. */
function figuresIn(text) {
  const found = {};
  for (const m of text.matchAll(SPAN)) found[m[2]] = m[3];
  return found;
}

function replaceFigure(text, name, value) {
  return text.replace(SPAN, (all, open, n, _old, close) => (n === name ? `${open}${value}${close}` : all));
}

function main() {
  let text = fs.readFileSync(README, 'utf8');
  if (!('pack' in figuresIn(text))) throw new Error('README.md has no <!-- figure:pack --> span');
  for (let round = 0; round < 5; round++) {
    const value = packFigure(packReport());
    if (figuresIn(text).pack === value) {
      process.stdout.write(`README.md: pack = ${value}\n`);
      return;
    }
    text = replaceFigure(text, 'pack', value);
    fs.writeFileSync(README, text);
  }
  throw new Error('the pack figure did not settle after 5 rounds');
}

module.exports = { packFigure, figuresIn };

if (require.main === module) main();
