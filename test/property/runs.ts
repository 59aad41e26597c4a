/**
 * How many runs a property gets: all of them under `npm test`, a sample under
 * `npm run test:unit` (which sets PROPERTY_RUNS to a fraction, e.g. 0.1, to stay fast).
 */
export function runs(full: number): number {
  const fraction = Number(process.env.PROPERTY_RUNS ?? '1');
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`PROPERTY_RUNS must be a fraction in (0, 1], not ${process.env.PROPERTY_RUNS}`);
  return Math.max(1, Math.ceil(full * fraction));
}
