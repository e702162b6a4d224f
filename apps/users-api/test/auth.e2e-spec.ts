import { signedInUser, startTestApp, type TestApp } from '@mercato/testing';
import { UsersApiModule } from '../src/users-api.module';

let api: TestApp;
beforeAll(async () => {
  api = await startTestApp(UsersApiModule, { env: { LOGIN_MAX_FAILURES: '3' } });
});
afterAll(() => api.close());

const login = (body: object) => api.http.post('/api/v1/auth/login').send(body);

describe('POST /api/v1/auth/login', () => {
  it('accepts JSON by username or e-mail and the OAuth2 password form', async () => {
    const u = await signedInUser(api);
    for (const username of [u.username, u.email.toUpperCase()]) {
      const res = await login({ username, password: u.password }).expect(200);
      expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 900, refresh_token: expect.any(String) });
    }
    const form = await api.http
      .post('/api/v1/auth/login')
      .type('form')
      .send({ grant_type: 'password', username: u.email, password: u.password, scope: '' })
      .expect(200);
    await api.http.get('/api/v1/users/me').set('Authorization', `Bearer ${form.body.access_token}`).expect(200);
  });

  it('gives wrong password, unknown user and inactive user the same 401, in about the same time', async () => {
    const admin = await signedInUser(api, 'admin');
    const known = await signedInUser(api);
    const inactive = await signedInUser(api);
    await api.http.delete(`/api/v1/users/${inactive.id}`).set(admin.auth).expect(204);

    const timed = async (body: object) => {
      const start = process.hrtime.bigint();
      const res = await login(body).expect(401);
      return { body: res.body, ms: Number(process.hrtime.bigint() - start) / 1e6 };
    };
    const wrong = await timed({ username: known.username, password: 'Wrong1Pass' });
    const unknown = await timed({ username: 'nobody-at-all', password: 'Wrong1Pass' });
    const gone = await timed({ username: inactive.username, password: inactive.password });
    expect(unknown.body).toEqual(wrong.body);
    expect(gone.body).toEqual(wrong.body);
    // Every path pays for one argon2 verification; an unknown user must not answer in a fraction of the time.
    expect(unknown.ms).toBeGreaterThan(wrong.ms / 3);
  });

  it('throttles an account after repeated failures with 429 and Retry-After, even for the right password', async () => {
    const u = await signedInUser(api);
    for (let i = 0; i < 3; i++) await login({ username: u.username, password: 'Wrong1Pass' }).expect(401);
    const res = await login({ username: u.username, password: u.password }).expect(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body).toMatchObject({ type: '/problems/too-many-requests', status: 429 });
    // another account from the same client is unaffected
    const other = await signedInUser(api);
    await login({ username: other.username, password: other.password }).expect(200);
  });

  it('refuses a login body without credentials', async () => {
    const res = await login({ username: 'someone' }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
  });
});

describe('per-client login throttling', () => {
  const WINDOW_SECONDS = 60;
  const limits = { LOGIN_MAX_FAILURES: '10', LOGIN_MAX_FAILURES_PER_CLIENT: '3', LOGIN_FAILURE_WINDOW_SECONDS: String(WINDOW_SECONDS) };
  let proxied: TestApp;
  let direct: TestApp;
  beforeAll(async () => {
    [proxied, direct] = await Promise.all([
      startTestApp(UsersApiModule, { env: { ...limits, TRUST_PROXY: 'true' } }),
      startTestApp(UsersApiModule, { env: limits }),
    ]);
  });
  afterAll(() => Promise.all([proxied?.close(), direct?.close()]));

  const loginVia = (app: TestApp, forwardedFor: string, body: object) => app.http.post('/api/v1/auth/login').set('X-Forwarded-For', forwardedFor).send(body);
  const wrong = (u: { username: string }) => ({ username: u.username, password: 'Wrong1Pass' });
  const right = (u: { username: string; password: string }) => ({ username: u.username, password: u.password });
  const usersOf = async (app: TestApp) => {
    const users = [];
    for (let i = 0; i < 4; i++) users.push(await signedInUser(app));
    return users;
  };

  it('answers 429 with Retry-After to a client whose failures span several accounts, and still serves other clients', async () => {
    // One at a time: the set-up sign-ins come from one address, whose budget is 3 attempts in flight at most.
    const [a, b, c, fresh] = await usersOf(proxied);
    // one failure per account: no account is near its own budget of 10, only the client is
    for (const u of [a, b, c]) await loginVia(proxied, '203.0.113.7', wrong(u)).expect(401);

    const refused = await loginVia(proxied, '203.0.113.7', right(fresh)).expect(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(refused.body).toMatchObject({ type: '/problems/too-many-requests', status: 429 });
    // behind a proxy the left-most X-Forwarded-For entry is the client, whatever proxies follow it
    await loginVia(proxied, '203.0.113.7, 10.0.0.2', right(fresh)).expect(429);

    await loginVia(proxied, '198.51.100.9', right(fresh)).expect(200);
    await loginVia(proxied, '198.51.100.9', right(a)).expect(200);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY, so a client cannot escape its budget by forging it', async () => {
    const [a, b, c, fresh] = await usersOf(direct);
    const forged = ['203.0.113.1', '203.0.113.2', '203.0.113.3'];
    for (const [i, u] of [a, b, c].entries()) await loginVia(direct, forged[i], wrong(u)).expect(401);
    await loginVia(direct, '198.51.100.9', right(fresh)).expect(429);
  });
});

describe('refresh and logout', () => {
  it('rotates the refresh token; the new access token works', async () => {
    const u = await signedInUser(api);
    const res = await api.http.post('/api/v1/auth/refresh').send({ refresh_token: u.refreshToken }).expect(200);
    expect(res.body.refresh_token).not.toBe(u.refreshToken);
    await api.http.get('/api/v1/users/me').set('Authorization', `Bearer ${res.body.access_token}`).expect(200);
  });

  it('treats reuse of a rotated refresh token as theft: 401, and the whole family is revoked', async () => {
    const u = await signedInUser(api);
    const rotated = await api.http.post('/api/v1/auth/refresh').send({ refresh_token: u.refreshToken }).expect(200);
    await api.http.post('/api/v1/auth/refresh').send({ refresh_token: u.refreshToken }).expect(401);
    await api.http.post('/api/v1/auth/refresh').send({ refresh_token: rotated.body.refresh_token }).expect(401);
  });

  it('lets only one of two racing refreshes with the same token win', async () => {
    const u = await signedInUser(api);
    const results = await Promise.all([1, 2].map(() => api.http.post('/api/v1/auth/refresh').send({ refresh_token: u.refreshToken })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('logs out with 204; the refresh token stops working; logging out again is still 204', async () => {
    const u = await signedInUser(api);
    await api.http.post('/api/v1/auth/logout').send({ refresh_token: u.refreshToken }).expect(204);
    await api.http.post('/api/v1/auth/refresh').send({ refresh_token: u.refreshToken }).expect(401);
    await api.http.post('/api/v1/auth/logout').send({ refresh_token: u.refreshToken }).expect(204);
  });

  it('refuses unknown refresh tokens', async () => {
    await api.http.post('/api/v1/auth/refresh').send({ refresh_token: 'made-up' }).expect(401);
  });
});
