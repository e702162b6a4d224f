import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@mercato/data';
import { actingUser, ROOT, sampleOf, startTestApp, TcpProxy, type TestApp } from '@mercato/testing';
import { ProductsApiModule } from '../src/products-api.module';

const redisUrl = process.env['REDIS_URL'];

async function readyStatus(api: TestApp): Promise<{ status: number; body: { details?: Record<string, { status: string }> } }> {
  const res = await api.http.get('/health/ready');
  return { status: res.status, body: res.body };
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((r) => setTimeout(r, 200))) {
    if (await check()) return;
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

describe('GET /metrics', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp(ProductsApiModule);
  });
  afterAll(() => api.close());

  it('exposes request latency by route pattern, process, database pool and cache metrics for Prometheus', async () => {
    const admin = await actingUser(api, 'admin');
    const { body: p } = await api.http.post('/api/v1/products').set(admin.auth).send({ name: 'Metered Mug', price: 7, stock: 3 }).expect(201);
    await api.http.get(`/api/v1/products/${p.id}`).expect(200);
    await api.http.get(`/api/v1/products/${p.id}`).expect(200);
    await api.http.get('/api/v1/no-such-route').expect(404);

    const res = await api.http
      .get('/metrics')
      .expect(200)
      .expect('content-type', /^text\/plain/);
    const text = res.text;
    const byRoute = (route: string, status: string) =>
      sampleOf(text, 'http_request_duration_seconds_count', { route, status_code: status, service: 'products-api' });
    expect(byRoute('/api/v1/products/:id', '200')).toBe(2);
    expect(byRoute('/api/v1/products', '201')).toBe(1);
    expect(byRoute('unmatched', '404')).toBe(1);
    expect(text).not.toContain(`/api/v1/products/${p.id}"`); // raw URLs never become labels
    expect(sampleOf(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sampleOf(text, 'db_pool_connections')).toBeGreaterThanOrEqual(1);
    expect(sampleOf(text, 'db_pool_waiting_requests')).toBe(0);
    if (redisUrl) {
      expect(sampleOf(text, 'cache_lookups_total', { result: 'miss' })).toBeGreaterThanOrEqual(1);
      expect(sampleOf(text, 'cache_lookups_total', { result: 'hit' })).toBeGreaterThanOrEqual(1);
    } else {
      expect(sampleOf(text, 'cache_lookups_total')).toBeUndefined(); // no cache, so no lookups to count
    }
  });
});

describe('readiness follows the database', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let api: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    const url = new URL(database.url);
    proxy = await new TcpProxy(url.hostname, Number(url.port)).open();
    url.port = String(proxy.port);
    api = await startTestApp(ProductsApiModule, { database: { url: url.toString(), drop: async () => undefined } });
  });
  afterAll(async () => {
    await api?.close();
    await proxy?.cut();
    await database?.drop();
  });

  it('turns unready while PostgreSQL is unreachable, stays live, and recovers by itself when it returns', async () => {
    expect((await readyStatus(api)).status).toBe(200);
    await proxy.cut();

    const down = await readyStatus(api);
    expect(down.status).toBe(503);
    expect(down.body.details?.['database']?.status).toBe('down');
    await api.http.get('/health/live').expect(200);
    const failed = await api.http.get('/api/v1/products').expect(503).expect('retry-after', '5');
    expect(failed.headers['content-type']).toMatch(/problem\+json/);
    expect(failed.body.type).toBe('/problems/service-unavailable');
    expect(JSON.stringify(failed.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|at \w+ \(/); // nothing internal leaks

    await proxy.open();
    await eventually(async () => (await readyStatus(api)).status === 200);
    await api.http.get('/api/v1/products').expect(200);
  });
});

describe(redisUrl ? 'Redis lost and regained at run time' : 'without REDIS_URL', () => {
  let proxy: TcpProxy | undefined;
  let api: TestApp;
  /** A second instance on the same database and Redis, whose own connection to Redis never breaks. */
  let other: TestApp | undefined;
  beforeAll(async () => {
    if (redisUrl) {
      const url = new URL(redisUrl);
      proxy = await new TcpProxy(url.hostname, Number(url.port || 6379)).open();
      url.host = `127.0.0.1:${proxy.port}`;
      api = await startTestApp(ProductsApiModule, { env: { REDIS_URL: url.toString() } });
      other = await startTestApp(ProductsApiModule, { database: api.database, env: { REDIS_KEY_PREFIX: api.env['REDIS_KEY_PREFIX'] } });
    } else {
      api = await startTestApp(ProductsApiModule);
    }
  });
  afterAll(async () => {
    await other?.close();
    await api?.close();
    await proxy?.cut();
  });
  const redisMode = async () => ((await api.http.get('/health/ready').expect(200)).body as { info: { redis: { mode: string } } }).info.redis.mode;

  it(
    redisUrl ? 'keeps serving from PostgreSQL, stays ready as degraded, and reconnects by itself' : 'serves from PostgreSQL and reports the cache as disabled',
    async () => {
      const admin = await actingUser(api, 'admin');
      const { body: p } = await api.http.post('/api/v1/products').set(admin.auth).send({ name: 'Weathered Stool', price: 30, stock: 2 }).expect(201);
      await api.http.get(`/api/v1/products/${p.id}`).expect(200);
      const [link, second] = [proxy, other];
      if (!link || !second) return expect(await redisMode()).toBe('disabled');
      expect(await redisMode()).toBe('connected');
      await second.http
        .get(`/api/v1/products/${p.id}`)
        .expect(200)
        .expect((r) => expect(r.body.stock).toBe(2)); // now cached

      await link.cut();
      await api.http.patch(`/api/v1/products/${p.id}/stock`).set(admin.auth).send({ quantity: 1 }).expect(200);
      await api.http
        .get(`/api/v1/products/${p.id}`)
        .expect(200)
        .expect((r) => expect(r.body.stock).toBe(3));
      await eventually(async () => (await redisMode()) === 'degraded');

      // Until the lost instance is back, the other one can only serve what Redis holds: the TTL bounds that.
      await link.open();
      await eventually(async () => (await redisMode()) === 'connected');
      // Back, the instance replays the invalidation it could not send, without waiting for a read of its own.
      await eventually(async () => (await second.http.get(`/api/v1/products/${p.id}`).expect(200)).body.stock === 3);
      const hits = async () => sampleOf((await api.http.get('/metrics')).text, 'cache_lookups_total', { result: 'hit' }) ?? 0;
      await api.http.get(`/api/v1/products/${p.id}`).expect(200);
      const before = await hits();
      await api.http
        .get(`/api/v1/products/${p.id}`)
        .expect(200)
        .expect((r) => expect(r.body.stock).toBe(3));
      expect(await hits()).toBe(before + 1);
    },
  );
});

describe('starting with a bad configuration', () => {
  it('exits 1 naming every bad variable, with no stack trace', async () => {
    const env = { PATH: process.env['PATH'] ?? '', DATABASE_URL: 'mysql://nope', CACHE_TTL_SECONDS: '0' };
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['-r', join(ROOT, 'tools/register.cjs'), join(ROOT, 'apps/products-api/src/main.ts')],
        { cwd: ROOT, env },
        (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
      );
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Could not start: Invalid configuration:/);
    for (const name of ['DATABASE_URL', 'CACHE_TTL_SECONDS', 'JWT_PUBLIC_KEY']) expect(stderr).toContain(`- ${name}:`);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
});
