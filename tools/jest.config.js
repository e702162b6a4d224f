module.exports = {
  displayName: 'tools',
  preset: '../jest.preset.js',
  rootDir: __dirname,
  reporters: ['default', ['<rootDir>/jest/summary-reporter.js', { name: 'tools' }]],
};
