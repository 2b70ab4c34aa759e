import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
    // Native modules (encrypted SQLite, llama.cpp) are safest in child processes, not worker threads.
    pool: 'forks',
    // One temporary root per run, removed at the end (test/support/temp-root.ts).
    globalSetup: ['test/support/temp-root.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
