import { PERMISSIONS } from '@mercato/core';
import { documentedPermissions, signedInUser, startTestApp, type OpenApiDocument, type SignedInUser, type TestApp } from '@mercato/testing';
import { UsersApiModule } from '../src/users-api.module';

/**
 * Each route that needs a permission whoever asks, with a request whose input is invalid: a caller without the
 * permission must be refused before that input is read, an admin gets as far as the input check. Reading and
 * updating a user declare none: yourself or anyone depends on the target, so the service decides.
 */
const ROUTES: Record<string, { permission: string; method: 'get' | 'patch' | 'delete'; path: string; body?: object }> = {
  'GET /api/v1/users': { permission: 'user:list', method: 'get', path: '/api/v1/users?limit=0' },
  'PATCH /api/v1/users/{id}/role': { permission: 'user:set-role', method: 'patch', path: '/api/v1/users/1/role', body: { role: 'root' } },
  'DELETE /api/v1/users/{id}': { permission: 'user:deactivate', method: 'delete', path: '/api/v1/users/abc' },
};

let api: TestApp;
let doc: OpenApiDocument;
let admin: SignedInUser;
let user: SignedInUser;
let guest: SignedInUser;
beforeAll(async () => {
  api = await startTestApp(UsersApiModule);
  doc = (await api.http.get('/docs-json').expect(200)).body as OpenApiDocument;
  admin = await signedInUser(api, 'admin');
  user = await signedInUser(api, 'user');
  guest = await signedInUser(api, 'guest');
});
afterAll(() => api.close());

const send = ({ method, path, body }: (typeof ROUTES)[string], auth?: SignedInUser['auth']) => {
  const req = auth ? api.http[method](path).set(auth) : api.http[method](path);
  return body ? req.send(body) : req;
};

it('declares a core permission on every route that needs one, and says in the description who holds it', () => {
  const declared = documentedPermissions(doc);
  expect(declared).toEqual(Object.fromEntries(Object.entries(ROUTES).map(([key, r]) => [key, r.permission])));
  for (const permission of Object.values(declared)) expect(PERMISSIONS).toContain(permission);
  expect(doc.paths['/api/v1/users'].get.description).toMatch(/Needs the permission `user:list` \(granted to: admin\)\.$/);
});

it('refuses users and guests with 403 before reading their input, anonymous callers with 401, as core refuses them', async () => {
  for (const [key, route] of Object.entries(ROUTES)) {
    for (const caller of [
      { role: 'user', auth: user.auth },
      { role: 'guest', auth: guest.auth },
    ]) {
      const res = await send(route, caller.auth);
      expect({ key, role: caller.role, status: res.status, type: res.body.type, detail: res.body.detail }).toEqual({
        key,
        role: caller.role,
        status: 403,
        type: '/problems/forbidden',
        detail: `Your role (${caller.role}) may not do this`,
      });
    }
    const anonymous = await send(route);
    expect({ key, status: anonymous.status, type: anonymous.body.type }).toEqual({ key, status: 401, type: '/problems/unauthenticated' });
  }
});

it('lets an admin past the permission check to the input check', async () => {
  for (const [key, route] of Object.entries(ROUTES)) {
    const res = await send(route, admin.auth);
    expect({ key, status: res.status }).toEqual({ key, status: 400 });
  }
});

it('leaves reading and updating a user to the service: yourself yes, someone else no, a guest changing itself no', async () => {
  await api.http.get(`/api/v1/users/${user.id}`).set(user.auth).expect(200);
  await api.http.get(`/api/v1/users/${admin.id}`).set(user.auth).expect(403);
  await api.http.get(`/api/v1/users/${guest.id}`).set(guest.auth).expect(200);
  const res = await api.http.put(`/api/v1/users/${guest.id}`).set(guest.auth).send({ full_name: 'Not Allowed' }).expect(403);
  expect(res.body).toMatchObject({ type: '/problems/forbidden', detail: 'Your role (guest) may not do this' });
});
