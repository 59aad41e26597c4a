/**
 * The tutorial app's entry point (not part of the package).
 *
 * `npm run synth` runs it directly and it replaces `dist/` (or `$SYNTH_OUTDIR`) atomically.
 * Under `cdk8s synth` (which sets CDK8S_OUTDIR and empties the output directory itself
 * before starting the app), it synthesizes there. Both write a topology diagram
 * (`<chart>.md`) beside each manifest.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { runSynth } from '../src';
import { writeTopologyFiles } from '../src/topology';
import { buildTutorial } from './tutorial';

if (require.main === module) {
  const outdir = process.env.CDK8S_OUTDIR;
  if (outdir) {
    const helmChart = helmChartRoot(outdir);
    // Helm renders every file in templates/: the diagrams go to the chart's root (the
    // validation plugin takes construct-metadata.json out of it once the CLI has read it).
    const app = new App();
    buildTutorial(app);
    app.synth();
    writeTopologyFiles(app, helmChart ?? app.outdir);
  } else {
    process.exitCode = runSynth(process.env.SYNTH_OUTDIR || 'dist', buildTutorial, undefined, (_dir, app) => writeTopologyFiles(app));
  }
}

/** The chart's root when `cdk8s synth --format helm` synthesizes into `<chart>/templates/`. */
function helmChartRoot(outdir: string): string | undefined {
  const root = path.dirname(path.resolve(outdir));
  return path.basename(outdir) === 'templates' && fs.existsSync(path.join(root, 'Chart.yaml')) ? root : undefined;
}
