import type { ApiObject } from 'cdk8s';

/**
 * Machinery that exists only for speed (the write of `synthAtomically`, src/synth/atomic.ts).
 *
 * Runs `write` (an `app.synth()`) with each object's first `toJson()` answered by the render the
 * engine judged moments before, instead of rendering it again; any later call renders afresh, and
 * nothing is left on the objects afterwards. The engine renders every object to judge it, and
 * synth rendered each one once more to write it. Only for an app that nothing changes between
 * the judgment and the write (see `synthJudged`): then the fresh render is the judged one, and
 * what is written is exactly what was judged, even if a `Lazy` answers differently each time.
 *
 * Figure: at 5,000 NginxPod + ClusterIP pairs, `synthAtomically` with it against without it,
 * main-thread CPU 0.90× (0.74×–0.98×) and peak RSS 0.90× (0.88×–0.93×), 7 paired rounds
 * (bench/RESULTS.md, section 7); the write's renders were 0.7 s of 6.7 s in a profiled run.
 *
 * The only patch of a cdk8s object (an own `toJson` on each object, never the prototype;
 * ARCHITECTURE.md says why). test/unit/synth/atomic.test.ts guards it (files byte-identical to a
 * plain `app.synth()`'s, nothing left on the objects), with the newest cdk8s and with the lowest
 * of the peer range (jest project cdk8s-lowest).
 */
export function writeAsJudged(rendered: ReadonlyMap<ApiObject, unknown>, write: () => void): void {
  const restore = answerRendersOnce(rendered);
  try {
    write();
  } finally {
    restore();
  }
}

/**
 * Answers each object's next `toJson()` with its render in `rendered` (once: the call after
 * renders afresh), until the returned function is called, which removes what is left.
 * {@link writeAsJudged}'s machinery, also used by the synth session of a plain `app.synth()`
 * (src/synth/app-checks.ts, `inSynthSession`): there, the answers are installed inside the
 * session's one judgment and removed when the session ends.
 */
export function answerRendersOnce(rendered: ReadonlyMap<ApiObject, unknown>): () => void {
  const answered: ApiObject[] = [];
  for (const [obj, json] of rendered) {
    // An object whose toJson someone set on the object itself is left alone (rendered afresh).
    if (Object.prototype.hasOwnProperty.call(obj, 'toJson')) continue;
    Object.defineProperty(obj, 'toJson', {
      configurable: true, writable: true, enumerable: false,
      value: function judgedRender() {
        delete (obj as { toJson?: unknown }).toJson;
        return json;
      },
    });
    answered.push(obj);
  }
  return () => {
    for (const obj of answered) {
      if ((obj as { toJson?: { name?: string } }).toJson?.name === 'judgedRender' && Object.prototype.hasOwnProperty.call(obj, 'toJson')) {
        delete (obj as { toJson?: unknown }).toJson;
      }
    }
  };
}
