/**
 * The library as the package ships it: lib/, tsc's CommonJS build, which `npm install` users and
 * the validation plugin under `cdk8s synth` load; `npm run bench` builds it first (stats.ts
 * `buildLibrary`). The scale, validation and order benchmarks run it, not src/ through
 * esbuild-register, whose CommonJS turns each import of a module into a getter call, a cost no
 * user pays. Typed by the sources (lib/ is not there before a build: `npm test` type-checks this file).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type * as Index from '../src';
import type * as Engine from '../src/core/engine';
import type * as Plugin from '../src/plugin';
import type * as FastTopology from '../src/synth/cdk8s-mirror/fast-topology';

export const library = require('../lib') as typeof Index;
export const plugin = require('../lib/plugin') as typeof Plugin;
export const engine = require('../lib/core/engine') as typeof Engine;
export const fastTopology = require('../lib/synth/cdk8s-mirror/fast-topology') as typeof FastTopology;
