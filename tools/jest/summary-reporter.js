const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/** Records each project's totals so the whole run can close with one "N passed, N failed" line. */
class SummaryReporter {
  constructor(globalConfig, options = {}) {
    this.name = options.name ?? 'tests';
  }

  onRunComplete(_contexts, results) {
    const dir = join(__dirname, '../../tmp/test-results');
    mkdirSync(dir, { recursive: true });
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numFailedTestSuites: failedSuites } = results;
    writeFileSync(join(dir, `${this.name}.json`), JSON.stringify({ passed, failed, skipped, failedSuites }));
  }
}

module.exports = SummaryReporter;
