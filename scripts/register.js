'use strict';
/**
 * A require hook that runs the TypeScript sources (`src/`, `bench/`) without type-checking:
 * `node -r ./scripts/register.js src/main.ts`. Type-checking is `npm test`'s job.
 *
 * Each file is transpiled with TypeScript's own `transpileModule` (the emit `tsc` would
 * produce for it, as with `isolatedModules`), and the output is cached on disk under
 * `node_modules/.cache/ts-register/`, keyed by a hash of the file's path and content, the
 * TypeScript version, tsconfig.json and this file. A changed source is a new key, so the
 * cache can never serve stale code; a hit does not even load the compiler (~0.4 s saved).
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const cacheDir = path.join(root, 'node_modules', '.cache', 'ts-register');
const tsconfigText = fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8');
const salt = [
  require('typescript/package.json').version,
  tsconfigText,
  fs.readFileSync(__filename, 'utf8'),
].join('\0');

let compilerOptions; // set on the first cache miss, with the compiler itself

function transpile(source, filename) {
  if (!compilerOptions) {
    // With source maps on (`--enable-source-maps`), Node scans each module it loads for a
    // source map comment, which takes minutes over the 9 MB compiler: load it with them off.
    const sourceMaps = process.sourceMapsEnabled === true;
    if (sourceMaps) process.setSourceMapsEnabled(false);
    const ts = require('typescript');
    if (sourceMaps) process.setSourceMapsEnabled(true);
    const parsed = ts.convertCompilerOptionsFromJson(JSON.parse(tsconfigText).compilerOptions, root);
    compilerOptions = {
      ...parsed.options,
      module: ts.ModuleKind.CommonJS,
      declaration: false,
      sourceMap: false,
      inlineSourceMap: true,
      inlineSources: false,
    };
    transpile.ts = ts;
  }
  return transpile.ts.transpileModule(source, { fileName: filename, compilerOptions }).outputText;
}

function compile(source, filename) {
  const key = crypto.createHash('sha256').update(salt).update('\0').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not cached yet
  }
  const output = transpile(source, filename);
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    // Write then rename, so a concurrent run never reads half a file.
    const tmp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, output);
    fs.renameSync(tmp, cached);
  } catch {
    // A read-only tree still runs, only without the cache.
  }
  return output;
}

// The output carries an inline source map: with `node --enable-source-maps` (or NODE_OPTIONS),
// stack traces point into the .ts sources. Not on by default: Node then scans every module it
// loads for a map, which adds ~0.13 s to a synth.

require.extensions['.ts'] = (module, filename) => {
  module._compile(compile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
