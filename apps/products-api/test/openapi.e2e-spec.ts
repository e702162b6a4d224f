import { documentedOperations, operationsOf, startTestApp, type OpenApiDocument, type OperationToken, type TestApp } from '@mercato/testing';
import { ProductsApiModule } from '../src/products-api.module';

/**
 * Every operation the document must hold, with its statuses and token: a route added or changed without its
 * docs fails here. `optional`: public, but a token changes the answer (admins also see inactive products).
 */
const OPERATIONS: Record<string, [statuses: number[], token: OperationToken]> = {
  'GET /api/v1/products': [[200, 400, 401, 403, 503], 'optional'],
  'POST /api/v1/products': [[201, 400, 401, 403, 503], 'bearer'],
  'GET /api/v1/products/low-stock': [[200, 400, 401, 403, 503], 'bearer'],
  'GET /api/v1/products/stats': [[200, 401, 403, 503], 'bearer'],
  'GET /api/v1/products/slug/{slug}': [[200, 304, 401, 404, 503], 'optional'],
  'GET /api/v1/products/{id}': [[200, 304, 400, 401, 404, 503], 'optional'],
  'PUT /api/v1/products/{id}': [[200, 400, 401, 403, 404, 503], 'bearer'],
  'DELETE /api/v1/products/{id}': [[204, 400, 401, 403, 404, 503], 'bearer'],
  'PATCH /api/v1/products/{id}/stock': [[200, 400, 401, 403, 404, 409, 503], 'bearer'],
  'GET /': [[200], 'none'],
  'GET /health': [[200], 'none'],
  'GET /health/live': [[200], 'none'],
  'GET /health/ready': [[200, 503], 'none'],
  'GET /metrics': [[200], 'none'],
};

let api: TestApp;
let doc: OpenApiDocument;
beforeAll(async () => {
  api = await startTestApp(ProductsApiModule);
  doc = (await api.http.get('/docs-json').expect(200)).body as OpenApiDocument;
});
afterAll(() => api.close());

it('lists every operation with its statuses and whether it needs a bearer token', () => {
  expect(documentedOperations(doc)).toEqual(OPERATIONS);
});

it('documents what the guard enforces: bearer operations refuse an anonymous call with 401, the others do not', async () => {
  const call = api.http as unknown as Record<string, (url: string) => Promise<{ status: number }>>;
  for (const [key, [, token]] of Object.entries(OPERATIONS)) {
    const [method, path] = key.split(' ');
    const res = await call[method.toLowerCase()](path.replace('{id}', '1').replace('{slug}', 'no-such-product'));
    expect({ key, refused: res.status === 401 }).toEqual({ key, refused: token === 'bearer' });
  }
});

it('documents 503 as a retryable problem, and 304 as a revalidation without a body', () => {
  for (const [key, op] of operationsOf(doc).filter(([key]) => key.includes(' /api/'))) {
    expect({ key, unavailable: op.responses['503'] }).toMatchObject({
      key,
      unavailable: { headers: { 'Retry-After': { schema: { type: 'integer' } } }, content: { 'application/problem+json': expect.anything() } },
    });
  }
  for (const path of ['/api/v1/products/{id}', '/api/v1/products/slug/{slug}']) {
    const read = doc.paths[path].get;
    expect(read.responses['304'].content).toBeUndefined();
    expect(read.responses['200'].headers).toHaveProperty('ETag');
    expect(read.parameters).toContainEqual(expect.objectContaining({ name: 'If-None-Match', in: 'header', required: false }));
  }
});

it('describes list parameters and bodies from the validation rules', () => {
  const listParams = (doc.paths['/api/v1/products'].get.parameters ?? []).map((p) => p.name);
  expect(listParams).toEqual(expect.arrayContaining(['skip', 'limit', 'search', 'min_price', 'max_price', 'in_stock', 'sort', 'is_active']));
  const { schemas } = doc.components;
  expect(schemas['CreateProductDto']).toMatchObject({
    required: ['name', 'price'],
    properties: { name: { maxLength: 200 }, price: { type: 'number' }, metadata: { type: 'object' } },
  });
  expect(schemas['AdjustStockDto'].required).toEqual(['quantity']);
  expect(schemas['ProductView'].properties).toHaveProperty('slug');
});
