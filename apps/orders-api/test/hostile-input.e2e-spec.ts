import { probeRestOperations } from '@mercato/testing';
import { startShop, type Shop } from './shop';

let shop: Shop;
let productId: number;
let checkoutId: string;
beforeAll(async () => {
  shop = await startShop();
  productId = (await shop.product(5, 1_000_000)).id;
  checkoutId = (await shop.checkout(shop.admin, [[productId, 1]]).expect(201)).body.id;
}, 60_000);
afterAll(() => shop.api.close());

describe('hostile input on every orders-api route', () => {
  it('never answers 5xx, refuses text PostgreSQL cannot store, and leaves stored rows unchanged', async () => {
    const failures = await probeRestOperations(shop.api, {
      headers: { ...shop.admin.auth, 'Idempotency-Key': 'probe' },
      pathParams: { id: checkoutId },
      bodies: {
        'POST /api/v1/checkouts': { line_items: [{ product_id: productId, quantity: 1 }] },
        'PUT /api/v1/checkouts/{id}': { line_items: [{ product_id: productId, quantity: 2 }] },
        'PATCH /api/v1/orders/{id}/status': { status: 'shipped' },
      },
    });
    expect(failures).toEqual([]);
  }, 600_000);

  it('refuses numbers beyond what PostgreSQL takes with 400, in bodies and queries', async () => {
    const post = (json: string) => shop.api.http.post('/api/v1/checkouts').set(shop.admin.auth).set('Idempotency-Key', 'big').type('json').send(json);
    // sent as JSON text: the quantity past 2^53 cannot even be written as a JavaScript number
    for (const line of [
      `{"product_id":2147483648,"quantity":1}`,
      `{"product_id":1e21,"quantity":1}`,
      `{"product_id":${productId},"quantity":9007199254740993}`,
    ]) {
      await post(`{"line_items":[${line}]}`).expect(400);
    }
    for (const query of ['skip=1e21', 'limit=1e21', 'user_id=2147483648', 'user_id=1.5']) {
      await shop.api.http.get(`/api/v1/orders?${query}`).set(shop.admin.auth).expect(400);
    }
    expect(await shop.stockOf(productId)).toBe(999_999);
  });
});
