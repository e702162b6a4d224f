import { repositoryDatabase, type RepositoryDatabase } from '../testing/repository-database';

let setup: RepositoryDatabase;
let users: RepositoryDatabase['users'];
let tokens: RepositoryDatabase['refreshTokens'];

beforeAll(async () => {
  setup = await repositoryDatabase();
  ({ users, refreshTokens: tokens } = setup);
});
afterAll(() => setup.close());

const later = () => new Date(Date.now() + 3_600_000);

describe('TypeormRefreshTokensRepository', () => {
  it('refuses a token issued under an account version a password change has since moved on', async () => {
    const user = await users.insert({ email: 'ver@example.com', username: 'ver', fullName: null, passwordHash: 'x', role: 'user' });
    await tokens.create({ userId: user.id, familyId: crypto.randomUUID(), tokenHash: 'a'.repeat(64), tokenVersion: user.tokenVersion, expiresAt: later() });
    await users.update(user.id, { passwordHash: 'y' }); // bumps token_version, as a deactivation does
    await expect(tokens.consume('a'.repeat(64))).resolves.toBeNull();

    const current = await users.findById(user.id);
    await tokens.create({
      userId: user.id,
      familyId: crypto.randomUUID(),
      tokenHash: 'b'.repeat(64),
      tokenVersion: current?.tokenVersion ?? -1,
      expiresAt: later(),
    });
    await expect(tokens.consume('b'.repeat(64))).resolves.toMatchObject({ userId: user.id, tokenVersion: current?.tokenVersion });
  });

  it('gives back with a consumed token the resource its session was signed in for, and null for none', async () => {
    const user = await users.insert({ email: 'aud@example.com', username: 'aud', fullName: null, passwordHash: 'x', role: 'user' });
    const base = { userId: user.id, familyId: crypto.randomUUID(), tokenVersion: 0, expiresAt: later() };
    await tokens.create({ ...base, tokenHash: 'd'.repeat(64), resource: 'http://localhost:3003/mcp' });
    await tokens.create({ ...base, tokenHash: '1'.repeat(64) });
    await expect(tokens.consume('d'.repeat(64))).resolves.toMatchObject({ resource: 'http://localhost:3003/mcp' });
    await expect(tokens.consume('1'.repeat(64))).resolves.toMatchObject({ resource: null });
  });

  it('gives a token to exactly one of many consumers racing for it', async () => {
    const user = await users.insert({ email: 'race@example.com', username: 'race', fullName: null, passwordHash: 'x', role: 'user' });
    await tokens.create({ userId: user.id, familyId: crypto.randomUUID(), tokenHash: 'c'.repeat(64), tokenVersion: 0, expiresAt: later() });
    const results = await Promise.all(Array.from({ length: 8 }, () => tokens.consume('c'.repeat(64))));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('has the revoked-family index the refresh check reads, built valid though built concurrently', async () => {
    const rows = await setup.db.query<{ valid: boolean }[]>(
      `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'ix_refresh_tokens_revoked_family'`,
    );
    expect(rows).toEqual([{ valid: true }]);
  });
});

describe('TypeormRefreshTokensRepository rotation and revocation', () => {
  let seq = 0;
  /** A fresh account with one live token per family given; hashes are unique across the suite. */
  async function sessions(...families: string[][]) {
    const user = await users.insert({ email: `s${++seq}@example.com`, username: `s${seq}`, fullName: null, passwordHash: 'x', role: 'user' });
    const hashes = families.map((members) => {
      const familyId = crypto.randomUUID();
      return members.map((m) => ({ familyId, tokenHash: `${seq}-${m}`.padEnd(64, '0') }));
    });
    for (const t of hashes.flat()) await tokens.create({ userId: user.id, ...t, tokenVersion: 0, expiresAt: later() });
    return { user, hashes: hashes.map((f) => f.map((t) => t.tokenHash)) };
  }
  const revokedOf = async (userId: number) =>
    (
      await setup.db.query<{ h: string }[]>(`SELECT token_hash AS h FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NOT NULL ORDER BY id`, [userId])
    ).map((r) => r.h);

  it('uses a token up once, returning what the rotation needs', async () => {
    const { user, hashes } = await sessions(['a']);
    const [[a]] = hashes;
    await expect(tokens.consume(a)).resolves.toEqual({
      id: expect.any(Number),
      userId: user.id,
      familyId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      tokenVersion: 0,
      resource: null,
      expiresAt: expect.any(Date),
      usedAt: expect.any(Date),
      revokedAt: null,
    });
    await expect(tokens.consume(a)).resolves.toBeNull();
    await expect(tokens.consume('f'.repeat(64))).resolves.toBeNull();
  });

  it('refuses an expired token', async () => {
    const user = await users.insert({ email: 'old@example.com', username: 'old', fullName: null, passwordHash: 'x', role: 'user' });
    const stale = { userId: user.id, familyId: crypto.randomUUID(), tokenHash: 'e'.repeat(64), tokenVersion: 0, expiresAt: new Date(Date.now() - 1000) };
    await tokens.create(stale);
    await expect(tokens.consume(stale.tokenHash)).resolves.toBeNull();
  });

  it('refuses every token of a family once any is revoked, even one inserted after the revocation', async () => {
    const { user, hashes } = await sessions(['a', 'b']);
    const [[a, b]] = hashes;
    const familyId = await familyOf(a);
    await tokens.consume(a);
    await tokens.revokeFamilyOfUsed(a); // a used token came back: a replay
    await expect(tokens.consume(b)).resolves.toBeNull();
    // the winner of a race with the replay stores its rotated token only now; it must die with its family
    const late = `late-${user.id}`.padEnd(64, '0');
    await tokens.create({ userId: user.id, familyId, tokenHash: late, tokenVersion: 0, expiresAt: later() });
    await expect(tokens.consume(late)).resolves.toBeNull();
  });

  it('revokes the family of a replayed token only when it was used, and leaves other families alone', async () => {
    const { user, hashes } = await sessions(['a', 'b'], ['c']);
    const [[a, b], [c]] = hashes;
    await tokens.revokeFamilyOfUsed(a); // unused: a legitimate first refresh, nothing to revoke
    expect(await revokedOf(user.id)).toEqual([]);
    await tokens.consume(a);
    await tokens.revokeFamilyOfUsed(a);
    expect(await revokedOf(user.id)).toEqual([a, b]);
    await expect(tokens.consume(c)).resolves.toMatchObject({ userId: user.id });
  });

  it('signs out one session by any of its tokens; an unknown token revokes nothing', async () => {
    const { user, hashes } = await sessions(['a', 'b'], ['c']);
    const [[a, b], [c]] = hashes;
    await tokens.revokeFamilyOf('0'.repeat(64));
    expect(await revokedOf(user.id)).toEqual([]);
    await tokens.revokeFamilyOf(b);
    expect(await revokedOf(user.id)).toEqual([a, b]);
    await expect(tokens.consume(c)).resolves.not.toBeNull();
  });

  it("revokes every session of one user, keeping the time an earlier revocation happened, and no one else's", async () => {
    const first = await sessions(['a'], ['b']);
    const bystander = await sessions(['c']);
    await tokens.revokeFamily(await familyOf(first.hashes[0][0]));
    const [{ at: earlier }] = await setup.db.query<{ at: Date }[]>(`SELECT revoked_at AS at FROM refresh_tokens WHERE token_hash = $1`, [first.hashes[0][0]]);
    await tokens.revokeAllForUser(first.user.id);
    expect(await revokedOf(first.user.id)).toEqual(first.hashes.flat());
    const [{ at: after }] = await setup.db.query<{ at: Date }[]>(`SELECT revoked_at AS at FROM refresh_tokens WHERE token_hash = $1`, [first.hashes[0][0]]);
    expect(after).toEqual(earlier);
    expect(await revokedOf(bystander.user.id)).toEqual([]);
  });

  it('refuses a second token with the same hash, and a token for no account', async () => {
    const { user, hashes } = await sessions(['a']);
    const base = { userId: user.id, familyId: crypto.randomUUID(), tokenVersion: 0, expiresAt: later() };
    await expect(tokens.create({ ...base, tokenHash: hashes[0][0] })).rejects.toThrow(/uq_refresh_tokens_hash/);
    await expect(tokens.create({ ...base, userId: 999_999, tokenHash: '9'.repeat(64) })).rejects.toThrow(/foreign key/);
  });

  async function familyOf(hash: string): Promise<string> {
    const [{ f }] = await setup.db.query<{ f: string }[]>(`SELECT family_id AS f FROM refresh_tokens WHERE token_hash = $1`, [hash]);
    return f;
  }
});
