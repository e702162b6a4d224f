import type { DataSource } from 'typeorm';
import { RefreshTokenEntity } from './auth/refresh-token.entity';
import { repositoryDatabase, type RepositoryDatabase } from './testing/repository-database';

/**
 * Behaviour that changed between TypeORM 0.3 and 1.0 without a compile error, pinned where it touches
 * Mercato's queries, so a later upgrade that changes it again fails here rather than in production.
 */
let setup: RepositoryDatabase;
let db: DataSource;
let users: RepositoryDatabase['users'];
let tokens: RepositoryDatabase['refreshTokens'];

beforeAll(async () => {
  setup = await repositoryDatabase();
  ({ db, users, refreshTokens: tokens } = setup);
});
afterAll(() => setup.close());

async function userWithToken(name: string, hash: string) {
  const user = await users.insert({ email: `${name}@example.com`, username: name, fullName: null, passwordHash: 'x', role: 'user' });
  await tokens.create({
    userId: user.id,
    familyId: crypto.randomUUID(),
    tokenHash: hash.repeat(64),
    tokenVersion: 0,
    expiresAt: new Date(Date.now() + 60_000),
  });
  return user;
}

describe('TypeORM 1 behaviour Mercato relies on', () => {
  it('refuses a where value of undefined instead of matching every row: a missing id revokes nobody', async () => {
    await userWithToken('keep1', 'a');
    await userWithToken('keep2', 'b');
    const live = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM refresh_tokens WHERE revoked_at IS NULL`);
    // 0.3 dropped the undefined criterion and revoked every session of every user; 1.0 throws.
    await expect(tokens.revokeAllForUser(undefined as unknown as number)).rejects.toThrow(/undefined|null/i);
    await expect(tokens.revokeFamily(null as unknown as string)).rejects.toThrow(/undefined|null/i);
    await expect(db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM refresh_tokens WHERE revoked_at IS NULL`)).resolves.toEqual(live);
  });

  it('refuses a find whose criterion is null rather than returning an arbitrary row', async () => {
    // 0.3 dropped the criterion and answered the first token of anyone; a session lookup must never do that.
    await expect(db.getRepository(RefreshTokenEntity).findOneBy({ tokenHash: null as unknown as string })).rejects.toThrow(/undefined|null/i);
  });

  it('runs Mercato transactions at PostgreSQL READ COMMITTED, which the guarded updates are written for', async () => {
    const level = await db.transaction(
      async (tx) => (await tx.query<{ transaction_isolation: string }[]>('SHOW transaction_isolation'))[0]?.transaction_isolation,
    );
    expect(level).toBe('read committed');
  });

  it('reads timestamptz columns back as the same instant, as Dates', async () => {
    const expiresAt = new Date('2031-02-03T04:05:06.789Z');
    const user = await users.insert({ email: 'time@example.com', username: 'time', fullName: null, passwordHash: 'x', role: 'user' });
    await tokens.create({ userId: user.id, familyId: crypto.randomUUID(), tokenHash: 'c'.repeat(64), tokenVersion: 0, expiresAt });
    const stored = await db.getRepository(RefreshTokenEntity).findOneByOrFail({ tokenHash: 'c'.repeat(64) });
    expect(stored.expiresAt).toBeInstanceOf(Date);
    expect(stored.expiresAt.toISOString()).toBe(expiresAt.toISOString());
  });

  it('refuses an update with empty criteria instead of changing every row', async () => {
    await expect(db.getRepository(RefreshTokenEntity).update({}, { revokedAt: new Date() })).rejects.toThrow();
    const [{ n }] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM refresh_tokens WHERE revoked_at IS NOT NULL`);
    expect(n).toBe(0);
  });
});
