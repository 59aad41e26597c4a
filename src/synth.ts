import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';

/**
 * Synthesizes an app into `outdir` atomically: everything is rendered and validated into
 * a temporary directory beside `outdir`, which then replaces `outdir`. A failing synth
 * throws and leaves `outdir` as it was; a successful one leaves no file of a chart that
 * no longer exists.
 *
 * @param build adds the charts to the app it is given
 * @param afterSynth writes more files beside the manifests (in the staging directory, before the swap)
 */
export function synthAtomically(outdir: string, build: (app: App) => void, afterSynth?: (dir: string) => void): void {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}-new-`));
  try {
    const app = new App({ outdir: staging });
    build(app);
    app.synth();
    afterSynth?.(staging);
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  const retired = `${staging}-old`;
  const hadPrevious = fs.existsSync(target);
  if (hadPrevious) fs.renameSync(target, retired);
  fs.renameSync(staging, target);
  if (hadPrevious) fs.rmSync(retired, { recursive: true, force: true });
}
