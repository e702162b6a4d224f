import { ProductsRepository, slugOf } from '@mercato/core';
import { actingUser, startTestApp, type ActingUser, type TestAppOptions } from '@mercato/testing';
import { randomUUID } from 'node:crypto';
import { OrdersApiModule } from '../src/orders-api.module';

/** orders-api on its own database, with an admin and helpers to stock the catalog and buy. */
export async function startShop(options: TestAppOptions = {}) {
  const api = await startTestApp(OrdersApiModule, { ...options, env: { DATABASE_POOL_SIZE: '10', ...options.env } });
  const admin = await actingUser(api, 'admin');
  const products = api.app.get(ProductsRepository);
  let made = 0;
  /** A product put straight into the catalog: the orders API sells what products-api manages. */
  const product = async (price: number, stock: number, name = `Item ${++made} ${randomUUID().slice(0, 8)}`) =>
    products.insert({ name, description: null, price, stock, metadata: null }, slugOf(name));
  const stockOf = async (id: number) => (await products.findById(id))?.stock;
  const checkout = (buyer: ActingUser, lines: [number, number][], key: string = randomUUID()) =>
    api.http
      .post('/api/v1/checkouts')
      .set(buyer.auth)
      .set('Idempotency-Key', key)
      .send({ line_items: lines.map(([product_id, quantity]) => ({ product_id, quantity })) });
  const complete = (buyer: ActingUser, id: string, key: string = randomUUID()) =>
    api.http.post(`/api/v1/checkouts/${id}/complete`).set(buyer.auth).set('Idempotency-Key', key);
  /** A confirmed order of `lines`, through the real routes. */
  const order = async (buyer: ActingUser, lines: [number, number][]) => {
    const created = await checkout(buyer, lines).expect(201);
    return (await complete(buyer, created.body.id).expect(201)).body;
  };
  return { api, admin, products, product, stockOf, checkout, complete, order, buyer: (role: 'user' | 'admin' | 'guest' = 'user') => actingUser(api, role) };
}

export type Shop = Awaited<ReturnType<typeof startShop>>;
