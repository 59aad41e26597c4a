import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { formatProblem, isError, Problem, ValidationError } from '../core/problems';
import { judgeApp, synthJudged } from './app-checks';

/**
 * Synthesizes an app into `outdir` atomically. Everything is built and validated first
 * (every construct's checks and the cross-object checks); only then is it rendered into
 * a temporary directory beside `outdir`, which replaces `outdir` in one rename. A failing
 * synth throws and leaves `outdir` byte-identical; a successful one leaves no file of a
 * chart that no longer exists. The engine judges the app once (`validateApp`'s judgment); the
 * `app.synth()` that follows does not judge it again (cdk8s would validate it once plus once per
 * chart), and every other construct's validation runs in it as cdk8s runs it.
 *
 * @param build adds the charts to the app it is given
 * @param afterSynth writes more files beside the manifests (into the staging directory, the app's
 * `outdir`, before the swap), given that directory and the synthesized app (e.g. `writeTopologyFiles(app)`)
 * @throws ValidationError with every problem, when the app does not validate (so callers
 * can tell input mistakes from other failures, which are rethrown as they are)
 * @returns the warnings (problems of severity `warning`), which do not stop the synth
 */
export function synthAtomically(outdir: string, build: (app: App) => void, afterSynth?: (dir: string, app: App) => void): Problem[] {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}-new-`));
  let warnings: Problem[] = [];
  try {
    const app = new App({ outdir: staging });
    build(app);
    const { problems, rendered } = judgeApp(app);
    const errors = problems.filter(isError);
    if (errors.length > 0) throw new ValidationError(errors);
    warnings = problems.filter(p => !isError(p));
    // The app was judged just now and nothing changes it before it is written: no second
    // judgment, and each object is written as it was rendered to be judged.
    synthJudged(app, rendered);
    afterSynth?.(staging, app);
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  const retired = `${staging}-old`;
  const hadPrevious = fs.existsSync(target);
  if (hadPrevious) fs.renameSync(target, retired);
  try {
    fs.renameSync(staging, target);
  } catch (err) {
    if (hadPrevious) fs.renameSync(retired, target);
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  if (hadPrevious) fs.rmSync(retired, { recursive: true, force: true });
  return warnings;
}

/**
 * What `npm run synth` does: {@link synthAtomically}, reporting a failure on stderr
 * (every problem, one per line) and returning the process exit code.
 */
export function runSynth(outdir: string, build: (app: App) => void, stderr: (text: string) => void = t => process.stderr.write(t),
  afterSynth?: (dir: string, app: App) => void): number {
  try {
    const warnings = synthAtomically(outdir, build, afterSynth);
    if (warnings.length > 0) stderr([`${warnings.length} warning(s):`, ...warnings.map(formatProblem)].join('\n') + '\n');
    return 0;
  } catch (err) {
    const lines = ValidationError.isValidationError(err)
      ? [`synth failed with ${err.problems.length} problem(s); ${outdir} is unchanged:`, ...err.problems.map(formatProblem)]
      : [`synth failed; ${outdir} is unchanged:`, String((err as Error)?.stack ?? err)];
    stderr(lines.join('\n') + '\n');
    return 1;
  }
}
