import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
    // The stress test checks that the heap returns to its baseline: it needs `gc()` in the
    // workers (vitest 5: `test.execArgv`, passed to each forked worker; it fails without it).
    execArgv: ['--expose-gc'],
  },
});
