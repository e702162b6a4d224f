import {
  actingUser,
  documentedOperations,
  itGuardsRoutesByPermission,
  type ActingUser,
  type GuardedRoute,
  type OpenApiDocument,
  type OperationToken,
} from '@mercato/testing';
import { startShop, type Shop } from './shop';

/** Every operation the document must hold, with its statuses and token: a route added without its docs fails here. */
const OPERATIONS: Record<string, [statuses: number[], token: OperationToken]> = {
  'POST /api/v1/checkouts': [[201, 400, 401, 403, 409, 422, 503], 'bearer'],
  'GET /api/v1/checkouts/{id}': [[200, 401, 403, 404, 503], 'bearer'],
  'PUT /api/v1/checkouts/{id}': [[200, 400, 401, 403, 404, 409, 422, 503], 'bearer'],
  'POST /api/v1/checkouts/{id}/cancel': [[200, 401, 403, 404, 409, 503], 'bearer'],
  'POST /api/v1/checkouts/{id}/complete': [[201, 202, 400, 401, 403, 404, 409, 422, 503], 'bearer'],
  'GET /api/v1/orders': [[200, 400, 401, 403, 503], 'bearer'],
  'GET /api/v1/orders/{id}': [[200, 401, 403, 404, 503], 'bearer'],
  'POST /api/v1/orders/{id}/cancel': [[200, 401, 403, 404, 409, 503], 'bearer'],
  'PATCH /api/v1/orders/{id}/status': [[200, 400, 401, 403, 404, 409, 503], 'bearer'],
  'GET /api/v1/analytics/sales': [[200, 400, 401, 403, 503], 'bearer'],
  'GET /api/v1/analytics/top-products': [[200, 400, 401, 403, 503], 'bearer'],
  'GET /api/v1/analytics/summary': [[200, 400, 401, 403, 503], 'bearer'],
  'GET /': [[200], 'none'],
  'GET /health': [[200], 'none'],
  'GET /health/live': [[200], 'none'],
  'GET /health/ready': [[200, 503], 'none'],
  'GET /metrics': [[200], 'none'],
};

/** Routes that need a permission whoever asks, each with input an admin would be refused for. */
const GUARDED: Record<string, GuardedRoute> = {
  'POST /api/v1/checkouts': { permission: 'order:buy', method: 'post', path: '/api/v1/checkouts', body: { line_items: [] }, asAdmin: 400 },
  'PATCH /api/v1/orders/{id}/status': {
    permission: 'order:set-status',
    method: 'patch',
    path: '/api/v1/orders/x/status',
    body: { status: 'lost' },
    asAdmin: 400,
  },
  'GET /api/v1/analytics/sales': { permission: 'order:analytics', method: 'get', path: '/api/v1/analytics/sales?from=x', asAdmin: 400 },
  'GET /api/v1/analytics/top-products': { permission: 'order:analytics', method: 'get', path: '/api/v1/analytics/top-products?to=x', asAdmin: 400 },
  'GET /api/v1/analytics/summary': { permission: 'order:analytics', method: 'get', path: '/api/v1/analytics/summary', asAdmin: 400 },
};

let shop: Shop;
let doc: OpenApiDocument;
let user: ActingUser;
let guest: ActingUser;
beforeAll(async () => {
  shop = await startShop();
  doc = (await shop.api.http.get('/docs-json').expect(200)).body as OpenApiDocument;
  [user, guest] = [await actingUser(shop.api, 'user'), await actingUser(shop.api, 'guest')];
}, 60_000);
afterAll(() => shop.api.close());

describe('the OpenAPI document', () => {
  it('lists every operation with its statuses and whether it needs a bearer token', () => {
    expect(documentedOperations(doc)).toEqual(OPERATIONS);
  });

  it('documents the Idempotency-Key header where it is required, and the views with their lines', () => {
    for (const path of ['/api/v1/checkouts', '/api/v1/checkouts/{id}/complete']) {
      expect(doc.paths[path].post.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }));
    }
    const { schemas } = doc.components;
    expect(schemas['CreateCheckoutDto']).toMatchObject({ required: ['line_items'], properties: { line_items: { type: 'array', maxItems: 50 } } });
    expect(schemas['CheckoutView'].properties).toMatchObject({ line_items: { items: { required: expect.arrayContaining(['unit_price']) } } });
  });
});

describe('permissions', () => {
  itGuardsRoutesByPermission(GUARDED, () => ({ api: shop.api, doc, admin: shop.admin, user, guest }));
});
