import { startTestApp, type TestApp } from '@mercato/testing';
import { UsersApiModule } from '../src/users-api.module';

let api: TestApp;
beforeAll(async () => {
  api = await startTestApp(UsersApiModule);
});
afterAll(() => api.close());

const register = (body: object) => api.http.post('/api/v1/users').send(body);

describe('POST /api/v1/users (registration)', () => {
  it('creates a plain user, normalises the e-mail and never returns a hash', async () => {
    const res = await register({ email: ' Grace@Example.COM ', username: 'grace', password: 'Secr3tPass', full_name: 'Grace Hopper' }).expect(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      email: 'grace@example.com',
      username: 'grace',
      full_name: 'Grace Hopper',
      role: 'user',
      is_active: true,
      is_verified: false,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
  });

  it('refuses invalid input with a problem naming each field and rule', async () => {
    const res = await register({ email: 'not-an-email', username: 'a b', password: 'short' }).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ type: '/problems/validation-failed', status: 400, title: expect.any(String), detail: expect.any(String) });
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'username', 'password']));
    expect(res.body.errors[0]).toEqual({ field: expect.any(String), rule: expect.any(String), message: expect.any(String) });
  });

  it.each([
    ['no upper-case letter', 'secr3tpass'],
    ['no digit', 'SecretPass'],
    ['fewer than 8 characters', 'Sh0rt'],
  ])('refuses a password with %s', async (_why, password) => {
    const res = await register({ email: 'p@example.com', username: 'pw-user', password }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
  });

  it('refuses usernames outside 3-50 letters, digits, "_", "." and "-"', async () => {
    for (const username of ['ab', 'x'.repeat(51), 'semi;colon']) {
      await register({ email: `${username.length}@example.com`, username, password: 'Secr3tPass' }).expect(400);
    }
    await register({ email: 'dots@example.com', username: 'a.b_c-d', password: 'Secr3tPass' }).expect(201);
  });

  it('refuses to let a registration choose its role or activity', async () => {
    const res = await register({ email: 'm@example.com', username: 'mallory', password: 'Secr3tPass', role: 'admin', is_active: true }).expect(400);
    expect(res.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`).sort()).toEqual(['is_active:whitelist', 'role:whitelist']);
    await api.http.post('/api/v1/auth/login').send({ username: 'mallory', password: 'Secr3tPass' }).expect(401);
  });

  it('answers 409 naming the e-mail or username already taken, ignoring case', async () => {
    await register({ email: 'dup@example.com', username: 'dup', password: 'Secr3tPass' }).expect(201);
    const email = await register({ email: 'DUP@example.com', username: 'dup2', password: 'Secr3tPass' }).expect(409);
    expect(email.body).toMatchObject({ type: '/problems/conflict', field: 'email' });
    const username = await register({ email: 'dup2@example.com', username: 'DUP', password: 'Secr3tPass' }).expect(409);
    expect(username.body).toMatchObject({ field: 'username' });
  });

  it('lets exactly one of two racing registrations with the same e-mail succeed', async () => {
    const [a, b] = await Promise.all([
      register({ email: 'race@example.com', username: 'racer-a', password: 'Secr3tPass' }),
      register({ email: 'race@example.com', username: 'racer-b', password: 'Secr3tPass' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect((a.status === 409 ? a : b).body.field).toBe('email');
  });

  it('answers malformed JSON and non-object bodies with 400 problems', async () => {
    await api.http.post('/api/v1/users').set('content-type', 'application/json').send('{"email":').expect(400);
    const res = await api.http.post('/api/v1/users').set('content-type', 'application/json').send('[1,2]').expect(400);
    expect(res.body.type).toBe('/problems/validation-failed');
  });
});

describe('sign-ups per client address', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp(UsersApiModule, { env: { TRUST_PROXY: 'true', REGISTRATIONS_PER_HOUR_PER_CLIENT: '3' } });
  });
  afterAll(() => limited?.close());

  const registerFrom = (address: string, name: string) =>
    limited.http
      .post('/api/v1/users')
      .set('X-Forwarded-For', address)
      .send({ email: `${name}@example.com`, username: name, password: 'Secr3tPass' });

  it('answers 429 problem+json with Retry-After past REGISTRATIONS_PER_HOUR_PER_CLIENT, and still serves other addresses', async () => {
    await registerFrom('203.0.113.20', 'signup-a').expect(201);
    await registerFrom('203.0.113.20', 'signup-b').expect(201);
    await registerFrom('203.0.113.20', 'signup-a').expect(409); // a refused sign-up still counts: it tells whether a name is taken
    const refused = await registerFrom('203.0.113.20', 'signup-c').expect(429);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: '/problems/too-many-requests', status: 429 });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    await limited.http.post('/api/v1/auth/login').send({ username: 'signup-c', password: 'Secr3tPass' }).expect(401);
    await registerFrom('198.51.100.20', 'signup-c').expect(201);
  });
});
