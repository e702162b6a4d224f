import { ANONYMOUS, NoProductCache, ProductCache, ProductsRepository, ProductsService } from '@mercato/core';
import type { ActingUser } from '@mercato/testing';
import { startShop, type Shop } from './shop';

// A product's stock is what can still be bought, as the catalog shows it at once: its cache included.
let shop: Shop;
let buyer: ActingUser;
let catalog: ProductsService;
beforeAll(async () => {
  shop = await startShop();
  buyer = await shop.buyer();
  // the catalog's own service over the same ports products-api wires: the product repository and the shared cache
  catalog = new ProductsService(shop.api.app.get(ProductsRepository), shop.api.app.get(ProductCache));
}, 60_000);
afterAll(() => shop.api.close());

const shownStock = async (id: number) => (await catalog.get(ANONYMOUS, id)).stock;

it('uses the shared Redis cache when REDIS_URL is set', () => {
  expect(shop.api.app.get(ProductCache) instanceof NoProductCache).toBe(!process.env['REDIS_URL']);
});

it('shows stock taken by a checkout, given back by a cancel and kept by an order, at once', async () => {
  const p = await shop.product(4, 10);
  expect(await shownStock(p.id)).toBe(10);
  expect(await shownStock(p.id)).toBe(10); // now cached

  const { body } = await shop.checkout(buyer, [[p.id, 3]]).expect(201);
  expect(await shownStock(p.id)).toBe(7);
  await shop.api.http.post(`/api/v1/checkouts/${body.id}/cancel`).set(buyer.auth).expect(200);
  expect(await shownStock(p.id)).toBe(10);

  const order = await shop.order(buyer, [[p.id, 4]]);
  expect(await shownStock(p.id)).toBe(6);
  await shop.api.http.post(`/api/v1/orders/${order.id}/cancel`).set(buyer.auth).expect(200);
  expect(await shownStock(p.id)).toBe(10);
});
