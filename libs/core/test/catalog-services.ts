import { type NewProduct, ProductsService, slugOf, systemActor, userActor } from '../src';
import { InMemoryProducts, MemoryProductCache } from './product-fakes';

export const admin = userActor(1, 'admin');
export const shopper = userActor(2, 'user');
export const platform = systemActor('demo seeding');

/** ProductsService over the in-memory catalog and a cache that really caches, as products-api wires them over PostgreSQL and Redis. */
export function catalogServices() {
  const products = new InMemoryProducts();
  const cache = new MemoryProductCache();
  const service = new ProductsService(products, cache);
  /** A product put straight into the repository: a fixture, so a spec exercises only the rule it is about. */
  const seed = (name: string, fields: Partial<NewProduct> = {}) =>
    products.insert({ name, description: null, price: 10, stock: 5, metadata: null, ...fields }, slugOf(name));
  return { products, cache, service, seed };
}
