import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '@mercato/testing';
import { redisServerMissing } from './redis-server';

// `npm run drills` with short loads, sized for a busy 2-core machine; run as its own process, as an operator
// runs it (the embedded PostgreSQL it starts is an ES module, which jest's sandbox cannot import).
let status: number | null;
let lines: Map<string, string>;
beforeAll(async () => {
  const args = [
    '-r',
    join(ROOT, 'tools/register.cjs'),
    join(ROOT, 'tools/drills/run.ts'),
    '--load-seconds',
    '3',
    '--postgres-down-seconds',
    '2',
    '--connections',
    '4',
  ];
  const stdout = await new Promise<string>((resolve) => {
    const child = execFile(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 170_000, maxBuffer: 64 * 1024 * 1024 }, (_error, out, err) => {
      status = child.exitCode;
      if (status !== 0) process.stderr.write(err);
      resolve(out);
    });
  });
  const reports = stdout.split('\n').filter((line) => /^(PASS|FAIL|SKIP) {2}/.test(line));
  console.log(reports.join('\n'));
  lines = new Map(reports.map((line) => [line.split('  ')[1], line]));
}, 180_000);

it('keeps answering every read while Redis is killed and restarted, and reads a write made after it is back', () => {
  const missing = redisServerMissing();
  expect(lines.get('redis-restart')).toMatch(
    missing ? /^SKIP {2}redis-restart {2}skipped: no redis-server/ : /^PASS {2}redis-restart .*failed 0 .*fresh read after restart yes/,
  );
});

it('answers 503, never 500, while PostgreSQL is down, and recovers by itself in the same process', () => {
  expect(lines.get('postgres-restart')).toMatch(/^PASS {2}postgres-restart {2}responses 200×\d+ 503×\d+ {2}failed 0 .*same process yes/);
});

it('answers every request it accepted after SIGTERM, then exits', () => {
  expect(lines.get('sigterm-drain')).toMatch(/^PASS {2}sigterm-drain .*failed 0 {2}answered after SIGTERM [1-9]/);
});

it('exits 0 when every drill passes', () => {
  expect(status).toBe(0);
});
