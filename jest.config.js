/**
 * Jest runs the tests as JavaScript compiled by `tsc -p tsconfig.test.json` into dist-test/ (which `npm test` does
 * first, type-checking the whole project on the way): no transform per test file, so a cold run (CI's fresh machine)
 * costs no more than a warm one. Run one layer with `npm test -- test/render`.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/dist-test/test'],
  testMatch: ['**/*.test.js'],
  transform: {},
  // examples/own-stack imports the library by its package name, as a project that installed it does; in this
  // repository's tests that name means the compiled sources (tsconfig.json maps it the same way for the type check).
  moduleNameMapper: {
    '^cdktf-selfhosted-platforms$': '<rootDir>/dist-test/lib/index.js',
    '^cdktf-selfhosted-platforms/stacks/(.*)$': '<rootDir>/dist-test/stacks/$1/index.js',
    '^cdktf-selfhosted-platforms/(.*)$': '<rootDir>/dist-test/lib/$1',
  },
  // Tokens resolved as under `cdktf synth` (test/support/jest-setup.ts says why that is safe).
  setupFiles: ['<rootDir>/dist-test/test/support/jest-setup.js'],
  testTimeout: 120000,
  // Jest's default is one worker fewer than the cores: on the 2-core machines this runs on that is a single worker,
  // while test files wait on child processes (terraform, PostgreSQL, RabbitMQ, the cdktf CLI, npm) often enough that
  // a third keeps both cores busy (measured on the whole suite here: 2 workers 241 s, 3 workers 196 s, 4 workers 212 s).
  maxWorkers: 3,
};
