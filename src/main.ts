/**
 * The tutorial app's entry point (not part of the package's API).
 *
 * `npm run synth` runs it directly and it replaces `dist/` atomically. Under `cdk8s synth`
 * (which sets CDK8S_OUTDIR and empties the output directory itself), it synthesizes there.
 * Both write a topology diagram (`<chart>.md`) beside each manifest.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { synthAtomically } from './synth';
import { writeTopologyFiles } from './topology';
import { buildTutorial } from './tutorial';

if (require.main === module) {
  try {
    if (process.env.CDK8S_OUTDIR) {
      const app = new App();
      buildTutorial(app);
      app.synth();
      writeTopologyFiles(app.outdir, topologyDir(app.outdir));
    } else {
      synthAtomically('dist', buildTutorial, dir => writeTopologyFiles(dir));
    }
  } catch (err) {
    process.stderr.write(`synth failed, nothing written:\n${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}

/**
 * Where the diagrams go: beside the manifests, except in a Helm chart (`cdk8s synth --format
 * helm` synthesizes into `<chart>/templates/`), where Helm would render them as templates.
 */
function topologyDir(outdir: string): string {
  const chartRoot = path.dirname(outdir);
  return path.basename(outdir) === 'templates' && fs.existsSync(path.join(chartRoot, 'Chart.yaml')) ? chartRoot : outdir;
}
