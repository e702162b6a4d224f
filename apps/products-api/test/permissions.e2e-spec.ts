import { PERMISSIONS } from '@mercato/core';
import { actingUser, documentedPermissions, startTestApp, type ActingUser, type OpenApiDocument, type TestApp } from '@mercato/testing';
import { ProductsApiModule } from '../src/products-api.module';

/**
 * Each route that needs a permission whoever asks, with a request whose input is invalid: a caller without the
 * permission must be refused before that input is read, an admin gets as far as the input check.
 */
const ROUTES: Record<string, { permission: string; method: 'get' | 'post' | 'put' | 'patch' | 'delete'; path: string; body?: object; asAdmin: number }> = {
  'GET /api/v1/products/low-stock': { permission: 'product:read-stock', method: 'get', path: '/api/v1/products/low-stock?threshold=-1', asAdmin: 400 },
  'GET /api/v1/products/stats': { permission: 'product:stats', method: 'get', path: '/api/v1/products/stats', asAdmin: 200 },
  'POST /api/v1/products': { permission: 'product:write', method: 'post', path: '/api/v1/products', body: { name: '', price: -1 }, asAdmin: 400 },
  'PUT /api/v1/products/{id}': { permission: 'product:write', method: 'put', path: '/api/v1/products/1', body: { stock: 5 }, asAdmin: 400 },
  'PATCH /api/v1/products/{id}/stock': {
    permission: 'product:write',
    method: 'patch',
    path: '/api/v1/products/abc/stock',
    body: { quantity: 0 },
    asAdmin: 400,
  },
  'DELETE /api/v1/products/{id}': { permission: 'product:write', method: 'delete', path: '/api/v1/products/abc', asAdmin: 400 },
};

let api: TestApp;
let doc: OpenApiDocument;
let admin: ActingUser;
let user: ActingUser;
let guest: ActingUser;
beforeAll(async () => {
  api = await startTestApp(ProductsApiModule);
  doc = (await api.http.get('/docs-json').expect(200)).body as OpenApiDocument;
  [admin, user, guest] = await Promise.all([actingUser(api, 'admin'), actingUser(api, 'user'), actingUser(api, 'guest')]);
});
afterAll(() => api.close());

const send = ({ method, path, body }: (typeof ROUTES)[string], auth?: ActingUser['auth']) => {
  const req = auth ? api.http[method](path).set(auth) : api.http[method](path);
  return body ? req.send(body) : req;
};

it('declares a core permission on every route that needs one, and says in the description who holds it', () => {
  const declared = documentedPermissions(doc);
  expect(declared).toEqual(Object.fromEntries(Object.entries(ROUTES).map(([key, r]) => [key, r.permission])));
  for (const permission of Object.values(declared)) expect(PERMISSIONS).toContain(permission);
  expect(doc.paths['/api/v1/products/low-stock'].get.description).toMatch(/Needs the permission `product:read-stock` \(granted to: admin\)\.$/);
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
    expect({ key, status: res.status }).toEqual({ key, status: route.asAdmin });
  }
});
