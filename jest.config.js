/**
 * Jest transpiles TypeScript with Babel (no type checking per file, and no native binaries to install);
 * `npm test` type-checks the whole project once with tsc first.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['babel-jest', { presets: [['@babel/preset-typescript', { allowDeclareFields: true }]], plugins: ['@babel/plugin-transform-modules-commonjs'] }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 120000,
};
