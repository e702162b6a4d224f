import { freshToken, signedInUser, startTestApp, type SignedInUser, type TestApp } from '@mercato/testing';
import { UsersApiModule } from '../src/users-api.module';

let api: TestApp;
let admin: SignedInUser;
let alice: SignedInUser;
beforeAll(async () => {
  api = await startTestApp(UsersApiModule);
  admin = await signedInUser(api, 'admin');
  alice = await signedInUser(api, 'user');
});
afterAll(() => api.close());

describe('a token narrowed by scopes', () => {
  it('answers GET /me to a users:read token and to a sign-in token, and challenges a token without users:read', async () => {
    await api.http.get('/api/v1/users/me').set(alice.auth).expect(200);
    const reader = await freshToken(api, alice.id, { scope: 'users:read' });
    await api.http
      .get('/api/v1/users/me')
      .set(reader.auth)
      .expect(200)
      .expect((r) => expect(r.body).toMatchObject({ id: alice.id, role: 'user' }));
    const catalogOnly = await freshToken(api, alice.id, { scope: 'catalog:read' });
    const refused = await api.http.get('/api/v1/users/me').set(catalogOnly.auth).expect(403);
    expect(refused.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="users:read catalog:read"');
    expect(refused.body).toMatchObject({ type: '/problems/insufficient-scope', title: 'Insufficient scope', scope: 'users:read' });
  });

  it('lets a users:read admin token list and read accounts but change none, whether the route or the service refuses', async () => {
    const reader = await freshToken(api, admin.id, { scope: 'users:read' });
    await api.http.get('/api/v1/users?limit=5').set(reader.auth).expect(200);
    await api.http.get(`/api/v1/users/${alice.id}`).set(reader.auth).expect(200);
    const challenge = 'Bearer error="insufficient_scope", scope="users:read users:write"';
    // @Requires('user:set-role'): the guard refuses before reading the body
    const role = await api.http.patch(`/api/v1/users/${alice.id}/role`).set(reader.auth).send({ role: 'admin' }).expect(403);
    // no @Requires: the service decides, with the same refusal
    const update = await api.http.put(`/api/v1/users/${alice.id}`).set(reader.auth).send({ full_name: 'Renamed' }).expect(403);
    for (const res of [role, update]) {
      expect({ challenge: res.headers['www-authenticate'], type: res.body.type, scope: res.body.scope }).toEqual({
        challenge,
        type: '/problems/insufficient-scope',
        scope: 'users:write',
      });
    }
    await api.http
      .get(`/api/v1/users/${alice.id}`)
      .set(admin.auth)
      .expect(200)
      .expect((r) => expect(r.body).toMatchObject({ role: 'user', full_name: null }));
  });

  it('lets the role refuse first: a plain user with users:write may change itself, and is forbidden, not challenged, for anyone else', async () => {
    const writer = await freshToken(api, alice.id, { scope: 'users:write' });
    await api.http.put(`/api/v1/users/${alice.id}`).set(writer.auth).send({ full_name: 'Alice W.' }).expect(200);
    const res = await api.http.put(`/api/v1/users/${admin.id}`).set(writer.auth).send({ full_name: 'Mallory' }).expect(403);
    expect(res.body).toMatchObject({ type: '/problems/forbidden', detail: 'Your role (user) may not do this' });
    expect(res.headers['www-authenticate']).toBeUndefined();
  });
});
