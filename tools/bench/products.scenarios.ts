import { ITEMS, MATERIALS, STYLES } from '../seed/demo-catalog';
import { benchToken } from './accounts';
import type { BenchSession } from './bench-session';
import type { BenchTarget } from './target';

/** Product ids the by-id reads cycle through, REST and MCP alike: a hot set small enough to stay cached. */
export const HOT_SET = Array.from({ length: 100 }, (_, i) => 4_200 + i);
const CACHED_TERMS = ['walnut teapot', 'oak bench', 'linen cushion', 'copper kettle', 'ceramic vase', 'nordic lamp', 'brass mirror', 'velvet armchair'];

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];
let turn = 0;
/** The hot set in turn, so every connection reads every product. */
export const nextHotId = () => HOT_SET[turn++ % HOT_SET.length];

/** A search no request has made before, most likely: style, material and item of the demo catalog, 24,000 ways. */
const randomTerm = () => `${pick(STYLES)} ${pick(MATERIALS)} ${pick(ITEMS)}`.toLowerCase();
const searchPath = (term: string) => `/api/v1/products?search=${encodeURIComponent(term)}`;

/**
 * Catalog reads: by id over a hot set (served from the Redis cache once warm), a name search over the
 * 100,000-product catalog on a few terms (cached pages) and on random terms (each a miss: PostgreSQL's trigram
 * index, then a cache write), and atomic stock changes, the rate a purchase is read against.
 */
export async function productsScenarios(target: BenchTarget, bench: BenchSession): Promise<void> {
  const base = target.baseUrl('products-api');
  const cache = process.env['REDIS_URL'] ? 'Redis cache' : 'no REDIS_URL: cache off';
  const { token } = await benchToken(target, 'admin');
  await bench.measure('products.by-id.cached', {
    title: `GET /products/:id, hot set of ${HOT_SET.length} (${cache})`,
    url: `${base}/api/v1/products/${HOT_SET[0]}`,
    vary: () => ({ path: `/api/v1/products/${nextHotId()}` }),
    ...bench.load(),
  });
  await bench.measure('products.search.cached', {
    title: `GET /products?search=… ${CACHED_TERMS.length} terms (${cache})`,
    url: `${base}${searchPath(CACHED_TERMS[0])}`,
    vary: () => ({ path: searchPath(pick(CACHED_TERMS)) }),
    ...bench.load(),
  });
  await bench.measure('products.search.uncached', {
    title: 'GET /products?search=… random terms (cache misses)',
    url: `${base}${searchPath('rustic walnut teapot')}`,
    vary: () => ({ path: searchPath(randomTerm()) }),
    ...bench.load(),
  });
  await bench.measure('products.stock', {
    title: 'PATCH /products/:id/stock +1',
    url: `${base}/api/v1/products/4199/stock`,
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({ quantity: 1 }),
    ...bench.load(),
  });
}
