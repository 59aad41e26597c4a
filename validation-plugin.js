// The validation plugin for this repo's own `cdk8s synth` (see cdk8s.yaml), loaded from the
// TypeScript source so that no `npm run build` is needed first. Users of the package load the
// compiled one: ./node_modules/cdk8s-pods-services/lib/validation-plugin.js
'use strict';
// The same cached, type-check-free hook as `npm run synth` (ts-node would load the compiler: ~0.5 s).
require('./scripts/register.js');
module.exports = require('./src/tools/validation-plugin');
