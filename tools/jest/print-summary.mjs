// Totals the per-project results written by summary-reporter.js into the closing line CI reads.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../../tmp/test-results/', import.meta.url);
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of existsSync(dir) ? readdirSync(dir) : []) {
  const r = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
  totals.passed += r.passed;
  totals.failed += r.failed + r.failedSuites;
  totals.skipped += r.skipped;
}
console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
