/**
 * The tutorial app's entry point (not part of the package's API).
 *
 * `npm run synth` runs it directly and it replaces `dist/` (or `$SYNTH_OUTDIR`) atomically.
 * Under `cdk8s synth` (which sets CDK8S_OUTDIR and empties the output directory itself
 * before starting the app), it synthesizes there.
 */
import { App } from 'cdk8s';
import { runSynth } from './synth';
import { buildTutorial } from './tutorial';

if (require.main === module) {
  if (process.env.CDK8S_OUTDIR) {
    const app = new App();
    buildTutorial(app);
    app.synth();
  } else {
    process.exitCode = runSynth(process.env.SYNTH_OUTDIR || 'dist', buildTutorial);
  }
}
