import { randomBytes } from 'node:crypto';
import type { Page, ProductView } from '@mercato/core';
import { createClient } from 'redis';
import { RateLimiterLoginThrottle } from './login-throttle';
import { RedisAuthStateCache } from './redis-auth-state-cache';
import { type CacheMetrics, RedisProductCache } from './redis-product-cache';
import { consumeOrRefuse, sharedLimiter } from './rate-limiter';
import type { Redis } from './redis-client';

const metrics: CacheMetrics = { cacheLookups: { inc: () => undefined } };

const redisUrl = process.env['REDIS_URL'];

/** Every key under `prefix` with its TTL in seconds (-1: none, -2: gone). */
async function keysWithTtl(redis: Redis, prefix: string): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    for (const key of Array.isArray(keys) ? keys : [keys]) found.set(key, await redis.ttl(key));
  }
  return found;
}

/** A key with its variable parts named, e.g. `product:<id>:v<version>`. */
function shapeOf(key: string): string {
  return key
    .replace(/^(product|account):\d+/, '$1:<id>')
    .replace(/^(slug|list):[\w-]+/, '$1:<digest>')
    .replace(/:v(?!er$)[\w-]+$/, ':v<version>')
    .replace(/^(login:account-client|login:account|login:client|mcp:account):.*$/, '$1:<key>');
}

const view = (id: number, name: string): ProductView => ({
  id,
  name,
  slug: name.toLowerCase(),
  description: null,
  price: 1,
  stock: 1,
  is_active: true,
  metadata: null,
  created_at: new Date(0).toISOString(),
  updated_at: new Date(0).toISOString(),
});
const page = (items: ProductView[]): Page<ProductView> => ({ items, total: items.length, skip: 0, limit: 20 });

describe('the keys Mercato writes to Redis', () => {
  let redis: Redis;
  let prefix: string;
  beforeAll(async () => {
    redis = createClient({ url: redisUrl }) as Redis;
    await redis.connect();
  });
  beforeEach(() => (prefix = `mercato-test:expiry:${randomBytes(4).toString('hex')}:`));
  afterEach(async () => {
    for (const key of (await keysWithTtl(redis, prefix)).keys()) await redis.del(key);
  });
  afterAll(() => redis.quit());

  it('all expire, so Redis under maxmemory-policy volatile-lru can evict any of them: cache entries, versions and limits', async () => {
    const cache = new RedisProductCache(redis, prefix, 300, metrics);
    await cache.byId(1, async () => view(1, 'Lamp'));
    await cache.bySlug('lamp', async () => view(1, 'Lamp'));
    await cache.list('{"skip":0,"limit":20}', async () => page([view(1, 'Lamp')]));
    await cache.invalidate(1);
    await cache.invalidate(2);
    await cache.byId(1, async () => view(1, 'Lamp'));
    await cache.byId(3, async () => null); // a miss for a product that does not exist stores nothing but its version

    await consumeOrRefuse(sharedLimiter(redis, `${prefix}mcp:account`, 10, 60), 'user:1', 'MCP requests');
    const logins = new RateLimiterLoginThrottle(redis, {
      maxFailures: 5,
      maxFailuresPerAccount: 100,
      maxFailuresPerClient: 50,
      windowSeconds: 900,
      keyPrefix: prefix,
    });
    await logins.attempt({ account: 'user:1', client: '203.0.113.7' }, async () => false);
    const accounts = new RedisAuthStateCache(redis, prefix, { maxAccounts: 10 });
    await accounts.read(1, async () => null); // read: its version
    await accounts.change(2, async () => undefined); // changed: its mark, then its version
    // let the fire-and-forget cache writes land
    await new Promise((r) => setTimeout(r, 100));

    const keys = await keysWithTtl(redis, prefix);
    const shapes = new Set([...keys.keys()].map((key) => shapeOf(key.slice(prefix.length))));
    expect([...shapes].sort()).toEqual(
      [
        'account:<id>:ver',
        'catalog:ver',
        'list:<digest>:v<version>',
        'login:account-client:<key>',
        'login:account:<key>',
        'login:client:<key>',
        'mcp:account:<key>',
        'product:<id>:ver',
        'product:<id>:v<version>',
        'slug:<digest>:v<version>',
      ].sort(),
    );
    expect([...keys].filter(([, ttl]) => ttl <= 0)).toEqual([]);
  });

  it('still reads the cache after Redis forgot its scripts (a restart, SCRIPT FLUSH): the read sends the script again', async () => {
    const cache = new RedisProductCache(redis, prefix, 300, metrics);
    let loads = 0;
    const load = async () => (loads++, view(5, 'Lamp'));
    await cache.byId(5, load);
    await redis.scriptFlush();
    expect((await cache.byId(5, load)).value).toEqual(view(5, 'Lamp'));
    expect((await cache.byId(5, load)).value).toEqual(view(5, 'Lamp'));
    expect(loads).toBe(1);
  });

  it('never serves an old entry after a version expires or is evicted', async () => {
    const cache = new RedisProductCache(redis, prefix, 300, metrics);
    await cache.byId(1, async () => view(1, 'Before'));
    await cache.invalidate(1);
    expect((await cache.byId(1, async () => view(1, 'After'))).value).toMatchObject({ name: 'After' });
    await new Promise((r) => setTimeout(r, 100));
    // What expiry or eviction does to the version; the entry written under the first version is still there.
    await redis.del(`${prefix}product:1:ver`);
    expect((await cache.byId(1, async () => view(1, 'After'))).value).toMatchObject({ name: 'After' });
  });
});
