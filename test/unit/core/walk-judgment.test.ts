/**
 * What the walkers read from a pod spec is kept for the judgment under way only: read once per
 * spec inside it, and let go when it ends (the rendered objects outlive the judgment until synth
 * writes them; a cache keyed by them must not keep what was read alive with them).
 */
import { judge } from '../../../src/core/engine';
import { containersOf } from '../../../src/core/walk/containers';
import { handlersOf } from '../../../src/core/walk/handlers';
import { beginJudgment, endJudgment, JudgmentCache } from '../../../src/core/walk/judgment';

const spec = { containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { tcpSocket: { port: 80 } } }] };

test('inside a judgment, a spec is read once; outside one, every call reads it again', () => {
  beginJudgment();
  try {
    expect(containersOf('spec', spec)).toBe(containersOf('spec', spec));
    expect(handlersOf('spec', spec)).toBe(handlersOf('spec', spec));
    // (another field is another reading)
    expect(containersOf('spec.template.spec', spec)).not.toBe(containersOf('spec', spec));
  } finally {
    endJudgment();
  }
  expect(containersOf('spec', spec)).not.toBe(containersOf('spec', spec));
  expect(containersOf('spec', spec)).toEqual([{ container: spec.containers[0], field: 'spec.containers[0]', init: false, index: 0 }]);
});

test('what one judgment kept is gone at the next, and after the engine\'s judgment ends', () => {
  const cache = new JudgmentCache<object, string>();
  const key = {};
  beginJudgment();
  cache.set(key, 'kept');
  expect(cache.get(key)).toBe('kept');
  beginJudgment();
  expect(cache.get(key)).toBeUndefined();
  cache.set(key, 'kept again');
  endJudgment();
  expect(cache.get(key)).toBeUndefined();
  cache.set(key, 'outside');
  expect(cache.get(key)).toBeUndefined();

  // after the engine's judgment, nothing it read is kept
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec };
  judge([{ manifest: pod, path: 'chart/web' }]);
  expect(containersOf('spec', spec)).not.toBe(containersOf('spec', spec));
});
