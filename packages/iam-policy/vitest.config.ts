import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The machine has two cores and is shared: two workers keep runs predictable.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
