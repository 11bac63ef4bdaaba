/**
 * Property tests run with one seed, so `npm test` gives the same verdict on every run: a CI
 * failure is a real regression, never the dice. Explore other seeds with
 * `FC_SEED=<n> npx vitest run <file>` (or FC_SEED=random); fast-check prints the seed of any
 * counterexample it finds, and that seed reproduces it.
 */
import fc from 'fast-check';

const FIXED_SEED = 20_261_124;
const chosen = process.env.FC_SEED;
if (chosen !== 'random') {
  const seed = chosen === undefined || chosen === '' ? FIXED_SEED : Number(chosen);
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", got ${JSON.stringify(chosen)}`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
}
