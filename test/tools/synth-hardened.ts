/**
 * Writes the tutorial with every pod under SecurityProfile.RESTRICTED into the directory given
 * (the "hardened profile's output" the tools and the oracle judge beside dist/):
 * `node -r esbuild-register test/tools/synth-hardened.ts <dir>`.
 */
import { buildTutorial } from '../../app/tutorial';
import { SecurityProfile, synthAtomically } from '../../src';

const outdir = process.argv[2];
if (!outdir) throw new Error('usage: synth-hardened.ts <dir>');
synthAtomically(outdir, app => buildTutorial(app, { securityProfile: SecurityProfile.RESTRICTED }));
