import { defineConfig } from 'vitest/config';

// Every query shape is checked against a fresh build of its query on each use (ADR 0109).
const common = { testTimeout: 60_000, hookTimeout: 120_000, env: { XS_VERIFY_QUERY_SHAPES: '1' } };
const apiTests = ['server/**/*.test.ts', 'shared/**/*.test.ts'];
const browserTests = ['server/test/browser/**/*.browser.test.ts'];

/** Projects: the API suite on SQLite and on PostgreSQL, and the browser journeys. scripts/test.mjs picks. */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...common,
          name: 'sqlite',
          include: apiTests,
          exclude: [...browserTests, '**/node_modules/**'],
          env: { ...common.env, XS_TEST_DB: 'sqlite' },
        },
      },
      {
        test: {
          ...common,
          name: 'postgres',
          include: apiTests,
          exclude: [...browserTests, '**/node_modules/**'],
          env: { ...common.env, XS_TEST_DB: 'postgres' },
        },
      },
      { test: { ...common, name: 'browser', include: browserTests, fileParallelism: false, testTimeout: 180_000 } },
    ],
  },
});
