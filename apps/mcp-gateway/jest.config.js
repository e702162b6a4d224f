module.exports = {
  displayName: 'mcp-gateway',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  reporters: ['default', ['<rootDir>/../../tools/jest/summary-reporter.js', { name: 'mcp-gateway' }]],
  globalSetup: '<rootDir>/../../libs/data/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/data/src/testing/jest-global-teardown.ts',
};
