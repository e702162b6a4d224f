import { repositoryDatabase, type RepositoryDatabase } from '../testing/repository-database';

let setup: RepositoryDatabase;
let userId: number;
let otherUserId: number;
const DAY = 24 * 60 * 60;

beforeAll(async () => {
  setup = await repositoryDatabase();
  const person = (name: string) => setup.users.insert({ email: `${name}@example.com`, username: name, fullName: null, passwordHash: 'x', role: 'user' });
  [userId, otherUserId] = [(await person('retrier')).id, (await person('stranger')).id];
});
afterAll(() => setup.close());

describe('PostgresIdempotencyStore', () => {
  it('lets exactly one of 20 concurrent claims of one key win; the others see it in progress', async () => {
    const ref = { userId, key: 'race' };
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => setup.idempotency.claim(ref, `fp-${i}`, DAY)));
    const winners = claims.filter((c) => c.state === 'claimed');
    expect(winners).toHaveLength(1);
    const winner = claims.findIndex((c) => c.state === 'claimed');
    expect(claims.filter((c) => c.state === 'in-progress')).toEqual(Array(19).fill({ state: 'in-progress', fingerprint: `fp-${winner}` }));
  });

  it('replays the stored answer with the first fingerprint once the request completed', async () => {
    const ref = { userId, key: 'done' };
    await expect(setup.idempotency.claim(ref, 'first', DAY)).resolves.toEqual({ state: 'claimed' });
    const answer = { id: 'abc', total: 12.5, lines: [{ quantity: 2 }] };
    await setup.idempotency.complete(ref, answer, DAY);
    await expect(setup.idempotency.claim(ref, 'second', DAY)).resolves.toEqual({ state: 'completed', fingerprint: 'first', response: answer });
    // A release after completion (a late failure path) keeps the answer.
    await setup.idempotency.release(ref);
    await expect(setup.idempotency.claim(ref, 'first', DAY)).resolves.toMatchObject({ state: 'completed' });
  });

  it('keeps keys per account', async () => {
    await expect(setup.idempotency.claim({ userId, key: 'shared' }, 'a', DAY)).resolves.toEqual({ state: 'claimed' });
    await expect(setup.idempotency.claim({ userId: otherUserId, key: 'shared' }, 'b', DAY)).resolves.toEqual({ state: 'claimed' });
  });

  it('frees a released key so a retry runs afresh', async () => {
    const ref = { userId, key: 'failed' };
    await setup.idempotency.claim(ref, 'fp', DAY);
    await setup.idempotency.release(ref);
    await expect(setup.idempotency.claim(ref, 'fp', DAY)).resolves.toEqual({ state: 'claimed' });
  });

  it('lets an expired key be claimed again, by exactly one of several racing requests', async () => {
    const ref = { userId, key: 'old' };
    await setup.idempotency.claim(ref, 'yesterday', DAY);
    await setup.idempotency.complete(ref, { old: true }, DAY);
    await setup.db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND key = $2`, [userId, 'old']);
    const claims = await Promise.all(Array.from({ length: 10 }, () => setup.idempotency.claim(ref, 'today', DAY)));
    expect(claims.filter((c) => c.state === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.state !== 'claimed')).toEqual(Array(9).fill({ state: 'in-progress', fingerprint: 'today' }));
    const [row] = (await setup.db.query(
      `SELECT expires_at > now() + interval '23 hours' AS fresh, response FROM idempotency_keys WHERE key = 'old'`,
    )) as object[];
    expect(row).toEqual({ fresh: true, response: null });
  });

  it('frees the key of a request that died while running once its lease is up, and keeps an answer for its ttl', async () => {
    const stuck = { userId, key: 'crashed' };
    await setup.idempotency.claim(stuck, 'fp', 1);
    await expect(setup.idempotency.claim(stuck, 'fp', 1)).resolves.toEqual({ state: 'in-progress', fingerprint: 'fp' });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(setup.idempotency.claim(stuck, 'fp', 1)).resolves.toEqual({ state: 'claimed' });

    await setup.idempotency.complete(stuck, { ok: true }, DAY);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(setup.idempotency.claim(stuck, 'fp', 1)).resolves.toMatchObject({ state: 'completed', response: { ok: true } });
  });

  it('purges expired keys in batches, and only those', async () => {
    const keep = { userId: otherUserId, key: 'keep' };
    await setup.idempotency.claim(keep, 'fp', DAY);
    for (const key of ['gone-1', 'gone-2', 'gone-3']) await setup.idempotency.claim({ userId: otherUserId, key }, 'fp', DAY);
    await setup.db.query(`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND key LIKE 'gone-%'`, [otherUserId]);

    const purged = [await setup.idempotency.purgeExpired(2), await setup.idempotency.purgeExpired(2), await setup.idempotency.purgeExpired(2)];

    expect(purged[0]).toBe(2);
    expect(purged[1]).toBeGreaterThanOrEqual(1);
    expect(purged[2]).toBe(0);
    const left = (await setup.db.query(`SELECT key FROM idempotency_keys WHERE user_id = $1 ORDER BY key`, [otherUserId])) as { key: string }[];
    expect(left.map((r) => r.key)).toEqual(['keep', 'shared']); // 'shared' is an earlier test's, not expired
  });
});
