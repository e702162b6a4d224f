import { once } from 'node:events';
import { createTestDatabase, type TestDatabase } from '@mercato/data';
import { startServiceProcess, type ServiceProcess } from '@mercato/testing';

const DELAY_SECONDS = 1;
let database: TestDatabase;
let service: ServiceProcess;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  service = await startServiceProcess('users-api', {
    database,
    env: {
      SHUTDOWN_DELAY_SECONDS: String(DELAY_SECONDS),
      // one hash at a time, so a burst of logins is still running when the server begins to close
      ARGON2_MAX_CONCURRENCY: '1',
      // the 60 sign-ins to one account from one address must all be checked, not cut at the sign-in budget
      LOGIN_MAX_FAILURES: '100',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '100',
      LOGIN_MAX_FAILURES_PER_CLIENT: '100',
    },
  });
  base = service.url;
}, 60_000);
afterAll(async () => {
  await service?.stop();
  await database?.drop();
});

const post = (path: string, body: object) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

it('on SIGTERM turns unready, keeps serving, finishes every in-flight request, then exits', async () => {
  await post('/api/v1/users', { email: 'drain@example.com', username: 'drain', password: 'Drain1234' }).then((r) => expect(r.status).toBe(201));
  const answered: number[] = [];
  const logins = Array.from({ length: 60 }, () =>
    post('/api/v1/auth/login', { username: 'drain', password: 'Drain1234' }).then((r) => {
      answered.push(Date.now());
      return r.status;
    }),
  );
  await new Promise((r) => setTimeout(r, 150));
  const exited = once(service.child, 'exit');
  const signalledAt = Date.now();
  service.child.kill('SIGTERM');

  await new Promise((r) => setTimeout(r, 300));
  expect((await fetch(`${base}/health/ready`)).status).toBe(503);
  expect((await fetch(`${base}/health/live`)).status).toBe(200);

  expect(await Promise.all(logins)).toEqual(Array(60).fill(200));
  // some logins were still running when the server stopped listening, after the delay
  expect(Math.max(...answered) - signalledAt).toBeGreaterThan(DELAY_SECONDS * 1000);
  await exited;
  await expect(fetch(`${base}/health/live`)).rejects.toThrow();
}, 60_000);
