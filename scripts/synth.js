#!/usr/bin/env node
/**
 * `npm run synth`: runs a TypeScript entry point (app/main.ts) as one esbuild bundle, without
 * type-checking (`npm test` does that), in this one Node process.
 *
 * Usage: node scripts/synth.js <entry.ts> [arguments the entry point reads from process.argv]
 *
 * - The bundle (node_modules/.cache/cdk8s-pods-services/<entry>.js) is rebuilt only when what
 *   esbuild read changed: its inputs' content (esbuild's metafile lists them), the files in their
 *   folders (a new file can change what an import resolves to), the tsconfig.json and package.json
 *   of those folders, esbuild's version and the build options. A fresh clone's first run, and the
 *   first run after an edit, bundle; a repeat run only hashes the inputs (a few milliseconds).
 * - The bundle holds the packages too (cdk8s, cdk8s-plus-28, yaml, constructs, the library), so
 *   V8's code cache of it, written as a run ends, spares the next run compiling their functions
 *   again; a bundled module that reads its own folder (`__dirname`) is given its own.
 * - Stack traces point at the TypeScript source: the bundle's source map is read only when a
 *   stack trace passes through the bundle. (`node --enable-source-maps` decodes the inline maps of
 *   every package the app loads, cdk8s-plus-28's 2.6 MB k8s.js among them, on every run, and does
 *   not follow code compiled from a code cache.)
 *
 * docs/performance.md has the figures.
 */
'use strict';
const { Buffer } = require('buffer');
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');

const ROOT = path.join(__dirname, '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'cdk8s-pods-services');

/**
 * esbuild's build options, a part of the cache key (with OWN_PATHS' version). The packages are
 * bundled too: one file and one code cache for everything the app loads (cdk8s, cdk8s-plus-28 and
 * the library alike) cost less than Node's loading of each package's modules (docs/performance.md).
 */
const OPTIONS = { bundle: true, platform: 'node', format: 'cjs', sourcemap: 'linked', sourcesContent: false, logLevel: 'warning' };

/**
 * A bundled module that reads `__dirname` or `__filename` gets its own, not the bundle's: cdk8s's
 * `Yaml.load` (and so `Include` and `Helm`) runs `_loadurl.mjs` beside its own file. The two are
 * declared on the module's first line, after its directives (`"use strict"` stays a directive),
 * so the source map of every other line is unchanged.
 */
/** Changes with what OWN_PATHS writes (a part of the cache key). */
const OWN_PATHS_VERSION = 1;
const OWN_PATHS = {
  name: 'own-paths',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.[cm]?js$/ }, async ({ path: file }) => {
      const contents = await fs.promises.readFile(file, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(contents)) return undefined;
      const own = `var __dirname = ${JSON.stringify(path.dirname(file))}, __filename = ${JSON.stringify(file)};`;
      const prologue = /^(#![^\n]*\n)?((\s*(['"])use strict\4;?)?)/.exec(contents)[0];
      return { contents: `${prologue} ${own} ${contents.slice(prologue.length)}`, loader: 'js' };
    });
  },
};

function sha1(data) {
  return crypto.createHash('sha1').update(data).digest('hex');
}

/**
 * What the bundle of these inputs depends on, as one hash: each input's content; the names in
 * each input's folder and in the folder above it (a new file there can change what an import
 * resolves to: `./x` is x.ts before x/index.ts); and the tsconfig.json and package.json of every
 * folder from an input's up to the file system's root (esbuild reads the nearest ones). With
 * `signature`, each input's size, modification time and inode stand for its content.
 */
function inputsKey(version, inputs, signature = false) {
  const hash = crypto.createHash('sha1').update(JSON.stringify([version, ROOT, OPTIONS, OWN_PATHS.name, OWN_PATHS_VERSION]));
  const listed = new Set();
  const configured = new Set();
  for (const input of inputs) {
    const file = path.resolve(ROOT, input);
    hash.update(`\0${input}\0`);
    if (signature) {
      const stat = fs.statSync(file);
      hash.update(`${stat.size}:${stat.mtimeMs}:${stat.ino}`);
    } else {
      hash.update(fs.readFileSync(file));
    }
    listed.add(path.dirname(file)).add(path.dirname(path.dirname(file)));
    for (let dir = path.dirname(file); !configured.has(dir); dir = path.dirname(dir)) configured.add(dir);
  }
  for (const dir of [...listed].sort()) hash.update(`\0${dir}\0${fs.readdirSync(dir).sort().join('/')}`);
  for (const dir of [...configured].sort()) {
    for (const name of ['tsconfig.json', 'package.json']) {
      const file = path.join(dir, name);
      if (fs.existsSync(file)) hash.update(`\0${file}\0`).update(fs.readFileSync(file));
    }
  }
  return hash.digest('hex');
}

/** Writes a file whole or not at all (a concurrent run reads either the old or the new one). */
function writeAtomically(file, contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

/**
 * Records what a bundle was built from: its inputs, the key of their content and, unless an input
 * changed in the last two seconds (a file system's clock may be that coarse, and an edit within
 * the same tick would keep its time), the key of their sizes and times.
 */
function writeRecord(record, version, inputs, key) {
  const recent = Date.now() - 2000;
  const settled = inputs.every(input => fs.statSync(path.resolve(ROOT, input)).mtimeMs < recent);
  writeAtomically(record, JSON.stringify({ key, signature: settled ? inputsKey(version, inputs, true) : undefined, inputs }));
}

/** The bundle of `entry`, rebuilt when its inputs changed. */
async function bundleOf(entry) {
  const name = path.relative(ROOT, entry).replace(/\.[cm]?tsx?$/, '').split(path.sep).join('+');
  const bundle = path.join(CACHE, `${name}.js`);
  const record = `${bundle}.inputs.json`;
  const version = require('esbuild/package.json').version;
  try {
    const recorded = JSON.parse(fs.readFileSync(record, 'utf8'));
    if (fs.existsSync(bundle) && fs.existsSync(`${bundle}.map`)) {
      // The inputs' sizes and modification times as recorded: their content is too. Else their
      // content decides (a checkout or a touch changes the times only), and the record is renewed.
      if (recorded.signature !== undefined && recorded.signature === inputsKey(version, recorded.inputs, true)) return bundle;
      if (recorded.key === inputsKey(version, recorded.inputs)) {
        writeRecord(record, version, recorded.inputs, recorded.key);
        return bundle;
      }
    }
  } catch {
    // no record yet, or an input is gone: bundle
  }
  // esbuild's JavaScript API (a plugin needs it), into a folder beside the cache, at the same
  // depth (the map's paths are relative to it), then moved into the cache file by file, the map
  // first: a bundle in the cache always has its map.
  const build = `${CACHE}.build-${process.pid}`;
  fs.mkdirSync(build, { recursive: true });
  try {
    let result;
    try {
      result = await require('esbuild').build({
        ...OPTIONS, entryPoints: [path.relative(ROOT, entry)], absWorkingDir: ROOT, outfile: path.join(build, `${name}.js`), metafile: true, plugins: [OWN_PATHS],
      });
    } catch {
      process.exit(1); // (esbuild printed why)
    }
    const inputs = Object.keys(result.metafile.inputs).sort();
    fs.mkdirSync(CACHE, { recursive: true });
    fs.renameSync(path.join(build, `${name}.js.map`), `${bundle}.map`);
    fs.renameSync(path.join(build, `${name}.js`), bundle);
    writeRecord(record, version, inputs, inputsKey(version, inputs));
  } finally {
    fs.rmSync(build, { recursive: true, force: true });
  }
  return bundle;
}

/**
 * Runs the bundle from V8's code cache of it, and writes that cache as the run ends: it then holds
 * every function the run compiled (V8 compiles a function when first called), not only the top
 * level. The cache is used only for the bundle whose SHA-1 it names (V8 itself checks only the
 * source's length, its own version and its flags).
 */
function useCodeCache(bundle) {
  const cacheFile = `${bundle}.v8-cache`;
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename) {
    if (filename !== bundle) return compile.call(this, content, filename);
    const hash = Buffer.from(sha1(content), 'hex');
    let cachedData;
    try {
      const cache = fs.readFileSync(cacheFile);
      if (cache.subarray(0, hash.length).equals(hash)) cachedData = cache.subarray(hash.length);
    } catch {
      // no cache yet
    }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    process.once('exit', () => {
      if (cachedData === undefined || script.cachedDataRejected) {
        try {
          writeAtomically(cacheFile, Buffer.concat([hash, script.createCachedData()]));
        } catch {
          // a cache that cannot be written costs the next run time, nothing else
        }
      }
    });
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, Module.createRequire(filename), this, filename, path.dirname(filename));
  };
}

/** Formats stack traces with the TypeScript positions of the bundle's frames, from its source map. */
function mapStackTraces(bundle) {
  let map;
  const original = (frame) => {
    map ??= new Module.SourceMap(JSON.parse(fs.readFileSync(`${bundle}.map`, 'utf8')));
    const line = frame.getLineNumber();
    const column = frame.getColumnNumber();
    const entry = map.findEntry(line - 1, column - 1);
    if (!entry || entry.originalSource === undefined) return String(frame);
    const source = path.resolve(path.dirname(bundle), entry.originalSource);
    return String(frame).replace(`${bundle}:${line}:${column}`, `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`);
  };
  Error.prepareStackTrace = (error, frames) => {
    let header;
    try {
      header = Error.prototype.toString.call(error);
    } catch {
      header = 'Error';
    }
    return header + frames.map(frame => `\n    at ${frame.getFileName() === bundle ? original(frame) : String(frame)}`).join('');
  };
}

const [entry, ...args] = process.argv.slice(2);
if (entry === undefined) {
  process.stderr.write('usage: node scripts/synth.js <entry.ts> [arguments]\n');
  process.exit(2);
}
void bundleOf(path.resolve(entry)).then(bundle => {
  useCodeCache(bundle);
  mapStackTraces(bundle);
  // the bundle runs as the main module (`require.main === module` in it), with its own arguments
  process.argv = [process.argv[0], bundle, ...args];
  Module.runMain();
});
