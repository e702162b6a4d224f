module.exports = {
  displayName: 'orders-api',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  reporters: ['default', ['<rootDir>/../../tools/jest/summary-reporter.js', { name: 'orders-api' }]],
  globalSetup: '<rootDir>/../../libs/data/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/data/src/testing/jest-global-teardown.ts',
};
