/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // jose and middy are published as ESM only; ts-jest turns them into CommonJS like our own sources.
    // Diagnostics on, per file (isolatedModules): an error ts-jest can see in one file fails the test.
    // A full type-check here took test/unit from ~20 s to 41 s warm (75 s cold); `npm run typecheck`
    // (tsc over infra, functions, workflows, local, ops, test and bench) does it once in CI instead.
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true }, diagnostics: true }],
  },
  // Middy too, for the unit tests of the shared handler wrappers; its packages export only an
  // `import` condition, so jest is pointed at their entry files.
  transformIgnorePatterns: ['/node_modules/(?!(jose|@middy)/)'],
  moduleNameMapper: { '^@middy/(core|util)$': '<rootDir>/node_modules/@middy/$1/index.js' },
  testTimeout: 120000,
  maxWorkers: 2,
};
