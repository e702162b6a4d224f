import { PasswordHasher } from '@mercato/core';
import { signedInUser, startTestApp, type SignedInUser, type TestApp } from '@mercato/testing';
import { UsersApiModule } from '../src/users-api.module';

// Small budgets so each test spends them quickly; each test's attacker and owner use addresses of their own.
const PER_ACCOUNT_AND_CLIENT = 3;
const PER_ACCOUNT = 6;

let api: TestApp;
beforeAll(async () => {
  api = await startTestApp(UsersApiModule, {
    env: {
      TRUST_PROXY: 'true',
      LOGIN_MAX_FAILURES: String(PER_ACCOUNT_AND_CLIENT),
      LOGIN_MAX_FAILURES_PER_ACCOUNT: String(PER_ACCOUNT),
      LOGIN_MAX_FAILURES_PER_CLIENT: '1000',
    },
  });
});
afterAll(() => api.close());

const loginFrom = (address: string, username: string, password: string) =>
  api.http.post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ username, password });
const wrong = 'Wrong1Pass';

describe('sign-in budgets', () => {
  it('checks at most LOGIN_MAX_FAILURES of 20 wrong passwords sent at once; the others get 429 unchecked', async () => {
    const u = await signedInUser(api);
    const verify = jest.spyOn(api.app.get(PasswordHasher), 'verify');
    try {
      const statuses = (await Promise.all(Array.from({ length: 20 }, () => loginFrom('203.0.113.1', u.username, wrong)))).map((r) => r.status);
      const rejected = statuses.filter((s) => s === 401).length;
      expect(rejected).toBeGreaterThan(0);
      expect(rejected).toBeLessThanOrEqual(PER_ACCOUNT_AND_CLIENT);
      expect(statuses.filter((s) => s === 429)).toHaveLength(20 - rejected);
      expect(verify).toHaveBeenCalledTimes(rejected);
    } finally {
      verify.mockRestore();
    }
    const refused = await loginFrom('203.0.113.1', u.username, u.password).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ type: '/problems/too-many-requests', status: 429 });
  });

  it('counts failures against the account, however it is named: username, e-mail and other case share one budget', async () => {
    const u = await signedInUser(api);
    for (const name of [u.username, u.email, u.username.toUpperCase()]) await loginFrom('203.0.113.2', name, wrong).expect(401);
    await loginFrom('203.0.113.2', u.email.toUpperCase(), u.password).expect(429);
  });

  it('keys unknown names by the lower-cased name typed', async () => {
    for (const name of ['Nobody-Here', 'nobody-here', 'NOBODY-HERE']) await loginFrom('203.0.113.3', name, wrong).expect(401);
    await loginFrom('203.0.113.3', 'nobody-HERE', wrong).expect(429);
    await loginFrom('203.0.113.3', 'somebody-else', wrong).expect(401);
  });

  it('does not lock the owner out at another address when an attacker spends the budget at one', async () => {
    const u = await signedInUser(api);
    for (let i = 0; i < PER_ACCOUNT_AND_CLIENT; i++) await loginFrom('203.0.113.4', u.username, wrong).expect(401);
    await loginFrom('203.0.113.4', u.username, u.password).expect(429);
    await loginFrom('198.51.100.4', u.username, u.password).expect(200);
  });

  it('stops guesses at one account from all addresses together at LOGIN_MAX_FAILURES_PER_ACCOUNT', async () => {
    const u = await signedInUser(api);
    // Each address stays within its own budget; together they spend the account's.
    for (const address of ['203.0.113.5', '203.0.113.6']) {
      for (let i = 0; i < PER_ACCOUNT / 2; i++) await loginFrom(address, u.username, wrong).expect(401);
    }
    await loginFrom('203.0.113.7', u.username, wrong).expect(429);
    await loginFrom('198.51.100.5', u.username, u.password).expect(429);
  });

  it('starts the (account, address) budget afresh after a right password', async () => {
    const u = await signedInUser(api);
    for (let i = 0; i < PER_ACCOUNT_AND_CLIENT - 1; i++) await loginFrom('203.0.113.8', u.username, wrong).expect(401);
    await loginFrom('203.0.113.8', u.username, u.password).expect(200);
    for (let i = 0; i < PER_ACCOUNT_AND_CLIENT; i++) await loginFrom('203.0.113.8', u.username, wrong).expect(401);
    await loginFrom('203.0.113.8', u.username, wrong).expect(429);
  });
});

describe('current-password checks', () => {
  const changePassword = (u: SignedInUser, address: string, currentPassword: string) =>
    api.http.put(`/api/v1/users/${u.id}`).set(u.auth).set('X-Forwarded-For', address).send({ password: 'Brand1NewPass', current_password: currentPassword });

  it('draw on the sign-in budget: wrong ones count as failures, and once it is spent the right one gets 429 too', async () => {
    const u = await signedInUser(api);
    for (let i = 0; i < PER_ACCOUNT_AND_CLIENT; i++) {
      const res = await changePassword(u, '203.0.113.9', 'Wrong1Pass').expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'current_password', rule: 'matchesCurrent' })]);
    }
    const refused = await changePassword(u, '203.0.113.9', u.password).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ type: '/problems/too-many-requests', status: 429 });
    await loginFrom('203.0.113.9', u.username, u.password).expect(429);
    // the password did not change, and the owner elsewhere is unaffected
    await loginFrom('198.51.100.9', u.username, u.password).expect(200);
  });

  it('take the attempt before checking, so a burst of wrong ones is cut at the budget', async () => {
    const u = await signedInUser(api);
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => changePassword(u, '203.0.113.10', 'Wrong1Pass')))).map((r) => r.status);
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(PER_ACCOUNT_AND_CLIENT);
    expect(statuses.filter((s) => s === 400 || s === 429)).toHaveLength(10);
  });

  it('counts an IPv6 caller by its /64, so rotating through its own addresses buys no new guesses', async () => {
    const u = await signedInUser(api);
    for (let i = 1; i <= PER_ACCOUNT_AND_CLIENT; i++) await loginFrom(`2001:db8:77:1::${i}`, u.username, wrong).expect(401);
    await loginFrom('2001:db8:77:1:ffff::9', u.username, wrong).expect(429);
    await loginFrom('2001:db8:77:2::1', u.username, u.password).expect(200); // the next /64 is someone else
  });
});
