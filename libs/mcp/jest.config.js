module.exports = {
  displayName: 'mcp',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  reporters: ['default', ['<rootDir>/../../tools/jest/summary-reporter.js', { name: 'mcp' }]],
};
