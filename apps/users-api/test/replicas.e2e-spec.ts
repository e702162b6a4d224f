import { signedInUser, startTestApp, type TestApp } from '@mercato/testing';
import { UsersApiModule } from '../src/users-api.module';

const redisUrl = process.env['REDIS_URL'];

describe('two replicas over one database', () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const limits = { LOGIN_MAX_FAILURES: '2', REGISTRATIONS_PER_HOUR_PER_CLIENT: '2' };
    a = await startTestApp(UsersApiModule, { env: limits });
    // Same database and, when there is Redis, the same key prefix: a second pod of the same deployment.
    b = await startTestApp(UsersApiModule, { database: a.database, env: { ...limits, REDIS_KEY_PREFIX: a.env['REDIS_KEY_PREFIX'] } });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('accepts on one replica the tokens issued by the other, and sees deactivation at once', async () => {
    const admin = await signedInUser(a, 'admin');
    const u = await signedInUser(a);
    await b.http.get('/api/v1/users/me').set(u.auth).expect(200);
    await b.http.delete(`/api/v1/users/${u.id}`).set(admin.auth).expect(204);
    await a.http.get('/api/v1/users/me').set(u.auth).expect(401);
  });

  it('shows on one replica, at its next request, a role, profile or limit change made through the other', async () => {
    const admin = await signedInUser(a, 'admin');
    const u = await signedInUser(a);
    const me = (app: TestApp) => app.http.get('/api/v1/users/me').set(u.auth).expect(200);
    const before = (await me(b)).body;
    expect(before).toMatchObject({ role: 'user', full_name: null });

    await a.http.patch(`/api/v1/users/${u.id}/role`).set(admin.auth).send({ role: 'admin' }).expect(200);
    expect((await me(b)).body.role).toBe('admin');
    await b.http.get('/api/v1/users?limit=1').set(u.auth).expect(200); // the new role's permission, on the replica that cached the old one

    await a.http.put(`/api/v1/users/${u.id}`).set(u.auth).send({ full_name: 'Ada Lovelace' }).expect(200);
    expect((await me(b)).body.full_name).toBe('Ada Lovelace');

    const touched = (await me(b)).body.updated_at as string;
    await a.http.put('/api/v1/users/me/agent-limit').set(u.auth).send({ limit: 25 }).expect(200);
    expect((await me(b)).body.updated_at).not.toBe(touched);
  });

  it(redisUrl ? 'shares the failed-login budget through Redis' : 'counts failed logins per replica without Redis', async () => {
    const u = await signedInUser(a);
    await a.http.post('/api/v1/auth/login').send({ username: u.username, password: 'Wrong1Pass' }).expect(401);
    await a.http.post('/api/v1/auth/login').send({ username: u.username, password: 'Wrong1Pass' }).expect(401);
    await a.http.post('/api/v1/auth/login').send({ username: u.username, password: u.password }).expect(429);
    await b.http
      .post('/api/v1/auth/login')
      .send({ username: u.username, password: u.password })
      .expect(redisUrl ? 429 : 200);
  });

  it(redisUrl ? 'shares the sign-up budget per address through Redis' : 'counts sign-ups per replica without Redis', async () => {
    const signUp = (app: TestApp, name: string) =>
      app.http.post('/api/v1/users').send({ email: `${name}@example.com`, username: name, password: 'Secr3tPass' });
    await signUp(a, 'replica-one').expect(201);
    await signUp(b, 'replica-two').expect(201);
    await signUp(b, 'replica-three').expect(redisUrl ? 429 : 201);
  });
});

describe('Redis unreachable', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp(UsersApiModule, { env: { REDIS_URL: 'redis://127.0.0.1:1', LOGIN_MAX_FAILURES: '2' } });
  });
  afterAll(() => api.close());

  it('still signs users in and throttles in memory, and reports Redis as degraded while staying ready', async () => {
    const u = await signedInUser(api);
    await api.http.get('/api/v1/users/me').set(u.auth).expect(200);
    await api.http.post('/api/v1/auth/login').send({ username: u.username, password: 'Wrong1Pass' }).expect(401);
    await api.http.post('/api/v1/auth/login').send({ username: u.username, password: 'Wrong1Pass' }).expect(401);
    await api.http.post('/api/v1/auth/login').send({ username: u.username, password: u.password }).expect(429);
    const ready = await api.http.get('/health/ready').expect(200);
    expect(ready.body.info.redis).toMatchObject({ status: 'up', mode: 'degraded' });
  });

  it('refuses account changes, which the other replicas could not hear of, and changes nothing', async () => {
    const u = await signedInUser(api);
    const refused = await api.http.put(`/api/v1/users/${u.id}`).set(u.auth).send({ full_name: 'Not Saved' }).expect(503);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: '/problems/service-unavailable', status: 503 });
    expect((await api.http.get('/api/v1/users/me').set(u.auth).expect(200)).body.full_name).toBeNull();
  });
});
