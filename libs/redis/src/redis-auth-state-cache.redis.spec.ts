import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { ServiceUnavailableError, type UserAuthState } from '@mercato/core';
import { RedisAuthStateCache } from './redis-auth-state-cache';
import { closeRedisClient, createRedisClient, type Redis } from './redis-client';

const redisUrl = process.env['REDIS_URL'] as string;
const ID = 7;
const HEARTBEAT_MS = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The users table, as far as these tests need one: the account's row, and how often each replica read it. */
class Table {
  role: UserAuthState['role'] = 'user';
  read(): UserAuthState {
    const now = new Date(0);
    return {
      id: ID,
      email: 'ada@example.com',
      username: 'ada',
      fullName: null,
      role: this.role,
      isActive: true,
      isVerified: false,
      tokenVersion: 1,
      createdAt: now,
      updatedAt: now,
    };
  }
}

interface Replica {
  cache: RedisAuthStateCache;
  redis: Redis;
  loads: number;
  read(table: Table, load?: () => Promise<UserAuthState>): Promise<UserAuthState['role'] | undefined>;
  /** Resolves when Redis has told this replica that the account's version changed. */
  told(): Promise<unknown>;
}

describe('RedisAuthStateCache: each replica keeps the standing it read until the account changes', () => {
  let prefix: string;
  let clients: Redis[];
  const versionKey = () => `${prefix}account:${ID}:ver`;
  const replica = async (url = redisUrl, keepMs?: number): Promise<Replica> => {
    const redis = createRedisClient(url, { tracking: { maxEntries: 100 } });
    clients.push(redis);
    if (url === redisUrl && !redis.isReady) await once(redis, 'ready');
    const cache = new RedisAuthStateCache(redis, prefix, { maxAccounts: 100, heartbeatMs: HEARTBEAT_MS, keepMs });
    // The cache's first heartbeat went out before this one, so it has been answered when this one is.
    if (redis.isReady) await redis.ping();
    const r: Replica = {
      cache,
      redis,
      loads: 0,
      read: async (table, load) =>
        (
          await cache.read(ID, () => {
            r.loads++;
            return load ? load() : Promise.resolve(table.read());
          })
        )?.role,
      told: () => once(redis.clientSideCache as NonNullable<Redis['clientSideCache']>, 'invalidate'),
    };
    return r;
  };
  beforeEach(() => {
    prefix = `mercato-test:auth:${randomBytes(4).toString('hex')}:`;
    clients = [];
  });
  afterEach(async () => {
    const [first] = clients;
    if (first?.isReady) await first.del(versionKey());
    await Promise.all(clients.map(closeRedisClient));
  });

  it('answers from memory while nothing changes, and every replica reads again once a change commits', async () => {
    const table = new Table();
    const [a, b] = [await replica(), await replica()];
    expect([await a.read(table), await a.read(table), await b.read(table), await b.read(table)]).toEqual(['user', 'user', 'user', 'user']);
    expect([a.loads, b.loads]).toEqual([1, 1]);

    const told = a.told();
    await b.cache.change(ID, async () => {
      table.role = 'admin';
    });
    await told;
    expect([await a.read(table), await b.read(table)]).toEqual(['admin', 'admin']);
    expect([a.loads, b.loads]).toEqual([2, 2]);
  });

  it('keeps nothing a read fetched before a change committed, whichever side of the change it began', async () => {
    const table = new Table();
    const [a, b] = [await replica(), await replica()];
    let releaseRead!: () => void;
    // Began before the change: reads the old row, which arrives only after the change has settled.
    const early = a.read(table, async () => {
      const old = table.read();
      await new Promise<void>((resolve) => (releaseRead = resolve));
      return old;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    let during: Promise<UserAuthState['role'] | undefined> | undefined;
    await b.cache.change(ID, async () => {
      // Began during the change: reads the row before the change commits.
      during = a.read(table);
      await during;
      table.role = 'admin';
    });
    releaseRead();
    expect([await early, await during]).toEqual(['user', 'user']);
    expect(await a.read(table)).toBe('admin');
    expect(await a.read(table)).toBe('admin');
    expect(a.loads).toBe(3); // early, during, and once after the change: kept from then on
  });

  it('never brings back what it kept under a version that expired or was evicted', async () => {
    const table = new Table();
    const a = await replica();
    await a.read(table);
    await a.redis.del(versionKey()); // as an eviction would
    table.role = 'admin';
    expect(await a.read(table)).toBe('admin');
    expect(a.loads).toBe(2);
  });

  it('replaces, after the commit, a version a reader made while the mark was evicted', async () => {
    const table = new Table();
    const [a, b] = [await replica(), await replica()];
    let told: Promise<unknown> | undefined;
    await b.cache.change(ID, async () => {
      await a.redis.del(versionKey()); // the mark evicted mid-change
      expect(await a.read(table)).toBe('user'); // a new version, and the row from before the commit under it
      told = a.told();
      table.role = 'admin';
    });
    await told;
    expect(await a.read(table)).toBe('admin');
    expect(a.loads).toBe(2);
  });

  it('forgets every copy when its connection breaks, as Redis may come back holding older versions', async () => {
    const table = new Table();
    const [a, b] = [await replica(), await replica()];
    await a.read(table);
    const back = new Promise((resolve) => a.redis.once('ready', resolve)); // once() would reject on the reset's error
    await b.redis.sendCommand(['CLIENT', 'KILL', 'ID', String(await a.redis.clientId())]);
    await back;
    await a.redis.ping();
    expect(await a.read(table)).toBe('user');
    expect(a.loads).toBe(2);
  });

  it('reads the database while its connection shows no sign of life, as notices may not be arriving either', async () => {
    const table = new Table();
    const a = await replica();
    await a.read(table);
    await a.read(table);
    expect(a.loads).toBe(1);
    // A connection that stops answering without breaking (a partition): paused, as CLIENT PAUSE holds every reply.
    const other = await replica();
    await other.redis.sendCommand(['CLIENT', 'PAUSE', String(6 * HEARTBEAT_MS), 'ALL']);
    await sleep(4 * HEARTBEAT_MS);
    const during = a.read(table); // its version comes from memory; its heartbeats go unanswered
    expect(await during).toBe('user');
    expect(a.loads).toBe(2);
  });

  it('uses no copy longer than it was told to, whatever the notices say (a change made in SQL sends none)', async () => {
    const table = new Table();
    const a = await replica(redisUrl, 2 * HEARTBEAT_MS);
    await a.read(table);
    table.role = 'admin';
    expect(await a.read(table)).toBe('user');
    await sleep(3 * HEARTBEAT_MS);
    expect(await a.read(table)).toBe('admin');
  });

  it('keeps the account marked, and uncached everywhere, until the last of two overlapping changes ends', async () => {
    const table = new Table();
    const [a, b, c] = [await replica(), await replica(), await replica()];
    let endFirst!: () => void;
    let endSecond!: () => void;
    const first = a.cache.change(ID, () => new Promise<void>((resolve) => (endFirst = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = b.cache.change(ID, () => new Promise<void>((resolve) => (endSecond = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    endSecond();
    await second;
    expect(await c.redis.get(versionKey())).toMatch(/^changing:1:/);
    await c.read(table);
    await c.read(table);
    expect(c.loads).toBe(2);
    const told = c.told();
    endFirst();
    await first;
    await told;
    expect(await c.redis.get(versionKey())).not.toMatch(/^changing:/);
  });

  it('leaves the account marked, and uncached everywhere, when a change cannot report its end', async () => {
    const table = new Table();
    const [a, b] = [await replica(), await replica()];
    await a.cache.change(ID, async () => {
      table.role = 'admin';
      a.redis.destroy(); // Redis lost between the commit and the new version
    });
    expect(await b.redis.get(versionKey())).toMatch(/^changing:1:/);
    expect(await b.redis.ttl(versionKey())).toBeLessThanOrEqual(300);
    expect([await b.read(table), await b.read(table)]).toEqual(['admin', 'admin']);
    expect(b.loads).toBe(2);
  });

  it('without Redis, reads the database every time and refuses a change before it writes', async () => {
    const table = new Table();
    const down = await replica('redis://127.0.0.1:1');
    expect([await down.read(table), await down.read(table)]).toEqual(['user', 'user']);
    expect(down.loads).toBe(2);
    const write = jest.fn(async () => undefined);
    await expect(down.cache.change(ID, write)).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(write).not.toHaveBeenCalled();
  });
});
