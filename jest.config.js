/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // jose and middy are published as ESM only; ts-jest turns them into CommonJS like our own sources.
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true }, diagnostics: false }],
  },
  // Middy too, for the unit tests of the shared handler wrappers; its packages export only an
  // `import` condition, so jest is pointed at their entry files.
  transformIgnorePatterns: ['/node_modules/(?!(jose|@middy)/)'],
  moduleNameMapper: { '^@middy/(core|util)$': '<rootDir>/node_modules/@middy/$1/index.js' },
  testTimeout: 120000,
  maxWorkers: 2,
};
