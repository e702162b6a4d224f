import { probeRestOperations, signedInUser, startTestApp, type SignedInUser, type TestApp } from '@mercato/testing';
import { UsersApiModule } from '../src/users-api.module';

let api: TestApp;
let admin: SignedInUser;
let target: SignedInUser;
beforeAll(async () => {
  api = await startTestApp(UsersApiModule, { env: { LOGIN_MAX_FAILURES: '1000', LOGIN_MAX_FAILURES_PER_CLIENT: '100000' } });
  admin = await signedInUser(api, 'admin');
  target = await signedInUser(api, 'user');
}, 60_000);
afterAll(() => api.close());

describe('hostile input on every users-api route', () => {
  it('never answers 5xx, refuses text PostgreSQL cannot store, and leaves stored rows unchanged', async () => {
    const failures = await probeRestOperations(api, {
      headers: admin.auth,
      pathParams: { id: String(target.id) },
      bodies: {
        // wrong credentials: the probe checks what parsing does, and must never sign in or change a password
        'POST /api/v1/auth/login': { username: target.username, password: 'not-the-password' },
        'POST /api/v1/auth/refresh': { refresh_token: 'not-a-token' },
        'POST /api/v1/auth/logout': { refresh_token: 'not-a-token' },
        'POST /api/v1/users': { email: 'probe@example.com', username: 'probe', password: 'Passw0rd!probe' },
        'PUT /api/v1/users/{id}': { full_name: 'Probe' },
        'PATCH /api/v1/users/{id}/role': { role: 'user' },
      },
    });
    expect(failures).toEqual([]);
  }, 600_000);

  it('names the field a NUL byte was sent in, for the search filter and the login name', async () => {
    const search = await api.http.get('/api/v1/users?search=a%00b').set(admin.auth).expect(400);
    expect(search.body).toMatchObject({ type: expect.stringMatching(/validation-failed$/), errors: [expect.objectContaining({ field: 'search' })] });
    const login = await api.http.post('/api/v1/auth/login').send({ username: 'ada\u0000', password: 'x' }).expect(400);
    expect(login.body.errors).toEqual([expect.objectContaining({ field: 'username', message: expect.stringContaining('NUL') })]);
    const register = await api.http
      .post('/api/v1/users')
      .send({ email: 'nul@example.com', username: 'nulname', password: 'Passw0rd!nul', full_name: 'Ada\u0000' })
      .expect(400);
    expect(register.body.errors).toEqual([expect.objectContaining({ field: 'full_name' })]);
  });

  it('refuses skip and limit beyond what PostgreSQL takes with 400', async () => {
    for (const query of ['skip=1e21', 'skip=9007199254740993', 'limit=1e309', 'skip=-1']) {
      const res = await api.http.get(`/api/v1/users?${query}`).set(admin.auth).expect(400);
      expect(res.body.type).toMatch(/validation-failed$/);
    }
  });
});
