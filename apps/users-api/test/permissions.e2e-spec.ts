import {
  type GuardedRoute,
  itGuardsRoutesByPermission,
  signedInUser,
  startTestApp,
  type OpenApiDocument,
  type SignedInUser,
  type TestApp,
} from '@mercato/testing';
import { UsersApiModule } from '../src/users-api.module';

/**
 * Each route that needs a permission whoever asks, with a request whose input is invalid: a caller without the
 * permission must be refused before that input is read, an admin gets as far as the input check. Reading and
 * updating a user declare none: yourself or anyone depends on the target, so the service decides.
 */
const ROUTES: Record<string, GuardedRoute> = {
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

itGuardsRoutesByPermission(ROUTES, () => ({ api, doc, admin, user, guest }));

it('leaves reading and updating a user to the service: yourself yes, someone else no, a guest changing itself no', async () => {
  await api.http.get(`/api/v1/users/${user.id}`).set(user.auth).expect(200);
  await api.http.get(`/api/v1/users/${admin.id}`).set(user.auth).expect(403);
  await api.http.get(`/api/v1/users/${guest.id}`).set(guest.auth).expect(200);
  const res = await api.http.put(`/api/v1/users/${guest.id}`).set(guest.auth).send({ full_name: 'Not Allowed' }).expect(403);
  expect(res.body).toMatchObject({ type: '/problems/forbidden', detail: 'Your role (guest) may not do this' });
});
