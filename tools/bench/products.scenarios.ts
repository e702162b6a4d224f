import { benchToken } from './accounts';
import { runLoad, type LoadResult } from './autocannon-run';
import type { BenchTarget } from './target';
import type { BenchOptions } from './users.scenarios';

/**
 * Catalog reads through the Redis cache and straight from PostgreSQL (a second products-api without Redis),
 * a name search over the 100,000-product catalog, and atomic stock changes.
 */
export async function productsScenarios(target: BenchTarget, { duration, connections }: BenchOptions): Promise<LoadResult[]> {
  const cached = target.baseUrl('products-api');
  const uncached = await target.startVariant('products-api', { REDIS_URL: '' }, 3299);
  const { token } = await benchToken(target, 'admin');
  const load = { connections, duration };
  const withRedis = process.env['REDIS_URL'] ? 'Redis cache' : 'no REDIS_URL: cache off';
  const search = '/api/v1/products?search=walnut%20teapot';
  return [
    await runLoad({ title: `GET /products/:id (${withRedis})`, url: `${cached}/api/v1/products/4242`, ...load }),
    await runLoad({ title: 'GET /products/:id (PostgreSQL)', url: `${uncached}/api/v1/products/4242`, ...load }),
    await runLoad({ title: `GET ${search} (${withRedis})`, url: `${cached}${search}`, ...load }),
    await runLoad({ title: `GET ${search} (PostgreSQL)`, url: `${uncached}${search}`, ...load }),
    await runLoad({
      title: 'PATCH /products/:id/stock +1',
      url: `${cached}/api/v1/products/4243/stock`,
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ quantity: 1 }),
      ...load,
    }),
  ];
}
