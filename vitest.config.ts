import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // One fast-check seed for every property test (FC_SEED=random to explore).
    setupFiles: ['test/setup/fast-check-seed.ts'],
    // Helm allows 1,000 nested `include` calls (2,000 frames for mutual recursion); our recursive
    // executor needs a larger V8 stack than Node's default to reach that depth. Without it,
    // deep recursion stops earlier with a clear "nested too deeply" error, never a crash.
    execArgv: ['--stack-size=7000'],
  },
});
