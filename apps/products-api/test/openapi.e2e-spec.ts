import { startTestApp, type TestApp } from '@mercato/testing';
import { ProductsApiModule } from '../src/products-api.module';

let api: TestApp;
beforeAll(async () => {
  api = await startTestApp(ProductsApiModule);
});
afterAll(() => api.close());

it('documents every products route with its parameters, bodies and error statuses', async () => {
  const { body: doc } = await api.http.get('/docs-json').expect(200);
  const ops = (path: string, method: string) => doc.paths[path][method];
  expect(Object.keys(doc.paths).sort()).toEqual(
    expect.arrayContaining([
      '/api/v1/products',
      '/api/v1/products/{id}',
      '/api/v1/products/slug/{slug}',
      '/api/v1/products/{id}/stock',
      '/api/v1/products/low-stock',
      '/api/v1/products/stats',
    ]),
  );
  const listParams = ops('/api/v1/products', 'get').parameters.map((p: { name: string }) => p.name);
  expect(listParams).toEqual(expect.arrayContaining(['skip', 'limit', 'search', 'min_price', 'max_price', 'in_stock', 'sort', 'is_active']));
  expect(Object.keys(ops('/api/v1/products/{id}/stock', 'patch').responses).sort()).toEqual(['200', '400', '401', '403', '404', '409']);
  expect(doc.components.schemas.CreateProductDto).toMatchObject({
    required: ['name', 'price'],
    properties: { name: { maxLength: 200 }, price: { type: 'number' }, metadata: { type: 'object' } },
  });
  expect(doc.components.schemas.AdjustStockDto.required).toEqual(['quantity']);
  expect(doc.components.schemas.ProductView.properties).toHaveProperty('slug');
});
