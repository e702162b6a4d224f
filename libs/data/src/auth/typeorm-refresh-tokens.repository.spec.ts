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
