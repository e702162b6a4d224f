import { actingUser, type GuardedRoute, itGuardsRoutesByPermission, startTestApp, type ActingUser, type OpenApiDocument, type TestApp } from '@mercato/testing';
import { ProductsApiModule } from '../src/products-api.module';

/**
 * Each route that needs a permission whoever asks, with a request whose input is invalid: a caller without the
 * permission must be refused before that input is read, an admin gets as far as the input check.
 */
const ROUTES: Record<string, GuardedRoute> = {
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

itGuardsRoutesByPermission(ROUTES, () => ({ api, doc, admin, user, guest }));
