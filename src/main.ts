/**
 * The tutorial app's entry point (not part of the package's API).
 *
 * `npm run synth` runs it directly and it replaces `dist/` atomically. Under `cdk8s synth`
 * (which sets CDK8S_OUTDIR and empties the output directory itself), it synthesizes there.
 */
import { App } from 'cdk8s';
import { synthAtomically } from './synth';
import { buildTutorial } from './tutorial';

if (require.main === module) {
  try {
    if (process.env.CDK8S_OUTDIR) {
      const app = new App();
      buildTutorial(app);
      app.synth();
    } else {
      synthAtomically('dist', buildTutorial);
    }
  } catch (err) {
    process.stderr.write(`synth failed, nothing written:\n${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
