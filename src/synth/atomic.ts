import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import type { Problem } from '../core/problems';
import { formatProblem, isError, ValidationError } from '../core/problems';
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
 * @returns how many objects and files it wrote, and the engine's warnings
 * @throws ValidationError with every problem, when the app does not validate (so callers
 * can tell input mistakes from other failures, which are rethrown as they are)
 */
export function synthAtomically(outdir: string, build: (app: App) => void, afterSynth?: (dir: string, app: App) => void): SynthSummary {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = stagingDirectory(parent, path.basename(target));
  let summary: SynthSummary;
  try {
    const app = new App({ outdir: staging });
    build(app);
    const { problems, rendered } = judgeApp(app, true);
    const errors = problems.filter(isError);
    if (errors.length > 0) throw new ValidationError(errors);
    const warnings = problems.filter(p => !isError(p));
    // The app was judged just now and nothing changes it before it is written: no second
    // judgment, and each object is written as it was rendered to be judged.
    synthJudged(app, rendered);
    afterSynth?.(staging, app);
    const manifests = filesUnder(staging).filter(f => f.endsWith(app.outputFileExtension));
    summary = { objects: rendered.size, files: manifests.length, errors: 0, warnings: warnings.length };
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
  return summary;
}

/** What a synth wrote, and what the engine found. */
export interface SynthSummary {
  /** The objects written. */
  readonly objects: number;
  /** The manifest files they were written to. */
  readonly files: number;
  /** The problems that stop the synth (none, when it wrote). */
  readonly errors: number;
  /** The problems reported as warnings, which do not stop it. */
  readonly warnings: number;
}

/** `wrote N objects in M files to dist/; E errors, W warnings` */
export function summaryLine(s: SynthSummary, outdir: string): string {
  const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
  return `wrote ${n(s.objects, 'object')} in ${n(s.files, 'file')} to ${outdir.replace(/\/*$/, '/')}; ${n(s.errors, 'error')}, ${n(s.warnings, 'warning')}`;
}

/**
 * A problem the engine reports as a warning, when it grades it so (a `severity` of
 * `"warning"`); today every problem is an error.
 */
function isWarning(p: Problem): boolean {
  return (p as { severity?: unknown }).severity === 'warning';
}

/**
 * A new, empty directory beside the output directory, made as `mkdir` makes one: with the
 * user's umask (0755 by default), so that what replaces the output directory is readable by
 * whom the output directory was (`fs.mkdtempSync` makes it 0700).
 */
function stagingDirectory(parent: string, base: string): string {
  for (;;) {
    const dir = path.join(parent, `.${base}-new-${randomBytes(6).toString('hex')}`);
    try {
      fs.mkdirSync(dir);
      return dir;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/** Every file under `dir`, recursively, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)).map(f => path.join(e.name, f)) : [e.name]);
}

/**
 * What `npm run synth` does: {@link synthAtomically}, reporting a failure on stderr
 * (every problem, one per line) and returning the process exit code.
 */
export function runSynth(outdir: string, build: (app: App) => void, stderr: (text: string) => void = t => process.stderr.write(t),
  afterSynth?: (dir: string, app: App) => void, stdout: (text: string) => void = t => process.stdout.write(t)): number {
  try {
    const summary = synthAtomically(outdir, build, afterSynth);
    stdout(summaryLine(summary, outdir) + '\n');
    return 0;
  } catch (err) {
    const lines = ValidationError.isValidationError(err)
      ? [`synth failed with ${err.problems.length} problem(s); ${outdir} is unchanged:`, ...err.problems.map(formatProblem),
        summaryLine({ objects: 0, files: 0, errors: err.problems.filter(p => !isWarning(p)).length, warnings: err.problems.filter(isWarning).length }, outdir)]
      : [`synth failed; ${outdir} is unchanged:`, String((err as Error)?.stack ?? err)];
    stderr(lines.join('\n') + '\n');
    return 1;
  }
}
