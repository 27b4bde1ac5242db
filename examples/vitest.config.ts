import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The example test (a user's own vitest file) and the tests that run the examples.
    include: ['*.test.mjs', 'test/**/*.test.ts'],
    // The machine has two cores and is shared: two workers keep runs predictable.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
