// The validation plugin for this repo's own `cdk8s synth` (see cdk8s.yaml), loaded from the
// TypeScript source so that no `npm run build` is needed first. Users of the package load the
// compiled one: ./node_modules/cdk8s-pods-services/lib/validation-plugin.js
'use strict';
// esbuild, as for `npm run synth`, without type-checking; here file by file, through esbuild-register.
require('esbuild-register/dist/node').register();
module.exports = require('./src/tools/validation-plugin');
