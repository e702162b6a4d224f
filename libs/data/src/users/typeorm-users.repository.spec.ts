import { ConflictError, type NewUser } from '@mercato/core';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { TypeormUsersRepository } from './typeorm-users.repository';

let testDb: TestDatabase;
let db: DataSource;
let users: TypeormUsersRepository;
const person = (name: string, extra: Partial<NewUser> = {}): NewUser => ({
  email: `${name}@example.com`,
  username: name,
  fullName: null,
  passwordHash: 'x',
  role: 'user',
  ...extra,
});

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await createDataSource({ url: testDb.url }).initialize();
  users = new TypeormUsersRepository(db);
});
afterAll(async () => {
  await db.destroy();
  await testDb.drop();
});

describe('TypeormUsersRepository', () => {
  it('lets exactly one of many racing inserts with the same e-mail win, naming the field', async () => {
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => users.insert(person(`racer${i}`, { email: 'same@example.com' }))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(ConflictError);
      expect(r.reason.extensions).toEqual({ field: 'email' });
    }
  });

  it('treats usernames as unique regardless of case', async () => {
    await users.insert(person('Casey'));
    await expect(users.insert(person('casey', { email: 'other@example.com' }))).rejects.toMatchObject({ extensions: { field: 'username' } });
    expect((await users.findByLogin('CASEY'))?.username).toBe('Casey');
  });

  it('never lets two admins demoting each other leave the platform without an admin', async () => {
    const a = await users.insert(person('admin-a', { role: 'admin' }));
    const b = await users.insert(person('admin-b', { role: 'admin' }));
    await db.query(`UPDATE users SET role = 'user' WHERE role = 'admin' AND id NOT IN ($1, $2)`, [a.id, b.id]);
    const outcomes = await Promise.all([users.setRoleKeepingAnAdmin(a.id, 'user'), users.setRoleKeepingAnAdmin(b.id, 'user')]);
    expect(outcomes.sort()).toEqual(['done', 'last-admin']);
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM users WHERE role = 'admin' AND is_active`);
    expect(count).toBe(1);
  });

  it('reads the auth state (a prepared statement) as committed outside a unit of work, and with its own writes inside one', async () => {
    const u = await users.insert(person('prepared'));
    for (let i = 0; i < 3; i++) expect(await users.findAuthState(u.id)).toMatchObject({ id: u.id, isActive: true, createdAt: expect.any(Date) });
    await db.transaction(async (tx) => {
      await tx.query('UPDATE users SET is_active = false WHERE id = $1', [u.id]);
      expect(await new TypeormUsersRepository(tx).findAuthState(u.id)).toMatchObject({ isActive: false });
      expect(await users.findAuthState(u.id)).toMatchObject({ isActive: true });
    });
    expect(await users.findAuthState(u.id)).toMatchObject({ isActive: false });
    expect(await users.findAuthState(987_654)).toBeNull();
  });

  it('bumps the token version with a new password and on deactivation', async () => {
    const u = await users.insert(person('versioned'));
    expect((await users.update(u.id, { passwordHash: 'y' }))?.tokenVersion).toBe(1);
    expect(await users.deactivateKeepingAnAdmin(u.id)).toBe('done');
    expect(await users.findAuthState(u.id)).toMatchObject({ id: u.id, role: 'user', isActive: false, tokenVersion: 2 });
  });

  it('searches e-mail, username and full name, treating % and _ literally', async () => {
    await users.insert(person('percent', { fullName: '100% Cotton' }));
    await users.insert(person('plain', { fullName: '100 Cotton' }));
    const page = await users.list({ search: '0% c', skip: 0, limit: 10 });
    expect(page.items.map((u) => u.username)).toEqual(['percent']);
    expect(page.total).toBe(1);
  });
});

describe('TypeormUsersRepository constraints', () => {
  it('treats e-mails as unique regardless of case, on insert and on update, naming the field', async () => {
    const first = await users.insert(person('mixed', { email: 'Mixed.Case@Example.com' }));
    const clash = await users.insert(person('mixed2', { email: 'mixed.case@example.COM' })).catch((e: unknown) => e);
    expect(clash).toBeInstanceOf(ConflictError);
    expect(clash).toMatchObject({ extensions: { field: 'email' } });
    const other = await users.insert(person('mover'));
    await expect(users.update(other.id, { email: 'MIXED.case@example.com' })).rejects.toMatchObject({ extensions: { field: 'email' } });
    // its own e-mail in another case is no conflict: the index compares every other row
    await expect(users.update(first.id, { email: 'mixed.case@example.com' })).resolves.toMatchObject({ email: 'mixed.case@example.com' });
  });

  it('refuses a role outside admin, user and guest at the database, not only in the DTO', async () => {
    await expect(users.insert(person('rooty', { role: 'root' as NewUser['role'] }))).rejects.toThrow(/check constraint/);
    await expect(users.findByLogin('rooty')).resolves.toBeNull();
  });
});

describe('TypeormUsersRepository changes', () => {
  it('changes only what it is given: no new password, no version bump; null clears the full name', async () => {
    const u = await users.insert(person('partial', { fullName: 'Part Ial' }));
    await expect(users.update(u.id, { email: 'partial2@example.com' })).resolves.toMatchObject({ fullName: 'Part Ial', passwordHash: 'x', tokenVersion: 0 });
    await expect(users.update(u.id, { fullName: null })).resolves.toMatchObject({ email: 'partial2@example.com', fullName: null });
  });

  it('answers null or not-found for an unknown id, changing nothing', async () => {
    await expect(users.update(999_999, { fullName: 'Ghost' })).resolves.toBeNull();
    await expect(users.setRoleKeepingAnAdmin(999_999, 'admin')).resolves.toBe('not-found');
    await expect(users.deactivateKeepingAnAdmin(999_999)).resolves.toBe('not-found');
  });

  it('loses no version bump when password changes race', async () => {
    const u = await users.insert(person('racing-passwords'));
    await Promise.all(Array.from({ length: 10 }, (_, i) => users.update(u.id, { passwordHash: `h${i}` })));
    await expect(users.findAuthState(u.id)).resolves.toMatchObject({ tokenVersion: 10 });
  });
});

describe('TypeormUsersRepository last-admin guard', () => {
  /** Makes exactly these the active admins of the database, whatever earlier tests left behind. */
  async function onlyAdmins(...names: string[]) {
    await db.query(`UPDATE users SET role = 'user' WHERE role = 'admin'`);
    return Promise.all(names.map((n) => users.insert(person(n, { role: 'admin' }))));
  }
  const activeAdmins = async () => (await db.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND is_active`))[0].n;

  it('counts only active admins as the one that must remain', async () => {
    const [solo, dormant] = await onlyAdmins('solo', 'dormant');
    expect(await users.deactivateKeepingAnAdmin(dormant.id)).toBe('done');
    await expect(users.setRoleKeepingAnAdmin(solo.id, 'guest')).resolves.toBe('last-admin');
    await expect(users.deactivateKeepingAnAdmin(solo.id)).resolves.toBe('last-admin');
    // keeping the admin role, or demoting an admin who is already inactive, takes no active admin away
    await expect(users.setRoleKeepingAnAdmin(solo.id, 'admin')).resolves.toBe('done');
    await expect(users.setRoleKeepingAnAdmin(dormant.id, 'user')).resolves.toBe('done');
    expect(await activeAdmins()).toBe(1);
  });

  it('keeps one active admin when every admin is deactivated at once', async () => {
    const admins = await onlyAdmins('all-a', 'all-b', 'all-c', 'all-d');
    const outcomes = await Promise.all(admins.map((a) => users.deactivateKeepingAnAdmin(a.id)));
    expect(outcomes.sort()).toEqual(['done', 'done', 'done', 'last-admin']);
    expect(await activeAdmins()).toBe(1);
  });

  it('keeps one active admin when a demotion and a deactivation race', async () => {
    const [a, b] = await onlyAdmins('mix-a', 'mix-b');
    const outcomes = await Promise.all([users.setRoleKeepingAnAdmin(a.id, 'user'), users.deactivateKeepingAnAdmin(b.id)]);
    expect(outcomes.sort()).toEqual(['done', 'last-admin']);
    expect(await activeAdmins()).toBe(1);
  });
});

describe('TypeormUsersRepository reads', () => {
  it('finds by e-mail or username, ignoring case, and never mistakes one for the other', async () => {
    const u = await users.insert(person('Finder', { email: 'Finder.Mail@example.com' }));
    await expect(users.findByLogin('FINDER')).resolves.toMatchObject({ id: u.id });
    await expect(users.findByLogin('finder.mail@EXAMPLE.com')).resolves.toMatchObject({ id: u.id });
    await expect(users.findByLogin('finder.mail')).resolves.toBeNull();
    await expect(users.findByLogin('nobody@example.com')).resolves.toBeNull();
  });

  it('reads a user back with the domain shape, and its auth state alone', async () => {
    const u = await users.insert(person('shaped', { fullName: 'Sha Ped' }));
    const found = await users.findById(u.id);
    expect(found).toEqual({
      id: u.id,
      email: 'shaped@example.com',
      username: 'shaped',
      fullName: 'Sha Ped',
      passwordHash: 'x',
      role: 'user',
      isActive: true,
      isVerified: false,
      tokenVersion: 0,
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    });
    const state = await users.findAuthState(u.id);
    expect(state).toMatchObject({ id: u.id, role: 'user', isActive: true, tokenVersion: 0, email: u.email, username: u.username });
    // read on every request: the account, never its password hash
    expect(state).not.toHaveProperty('passwordHash');
    await expect(users.findById(999_999)).resolves.toBeNull();
  });

  it('lists in id order, filtered by role, activity and a case-insensitive search, with the total of every match', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await users.insert(person(`lister${i}`, { role: i < 3 ? 'user' : 'guest' })));
    await users.deactivateKeepingAnAdmin(made[1].id);
    const page = await users.list({ search: 'LISTER', skip: 1, limit: 2 });
    expect(page).toMatchObject({ total: 5, skip: 1, limit: 2 });
    expect(page.items.map((u) => u.username)).toEqual(['lister1', 'lister2']);
    await expect(users.list({ search: 'lister', role: 'user', isActive: true, skip: 0, limit: 10 })).resolves.toMatchObject({
      total: 2,
      items: [{ username: 'lister0' }, { username: 'lister2' }],
    });
    await expect(users.list({ search: 'lister', role: 'guest', skip: 0, limit: 10 })).resolves.toMatchObject({ total: 2 });
    await expect(users.list({ search: 'lister', skip: 10, limit: 10 })).resolves.toMatchObject({ total: 5, items: [] });
  });

  it('counts users by role and activity', async () => {
    const counts = async () => Object.fromEntries((await users.countByRole()).map((r) => [`${r.role}/${r.isActive}`, r.count]));
    const before = await counts();
    await users.insert(person('count-guest', { role: 'guest' }));
    const gone = await users.insert(person('count-gone'));
    await users.deactivateKeepingAnAdmin(gone.id);
    const after = await counts();
    expect((after['guest/true'] ?? 0) - (before['guest/true'] ?? 0)).toBe(1);
    expect((after['user/false'] ?? 0) - (before['user/false'] ?? 0)).toBe(1);
    // pg answers count(*) as text; the port promises numbers
    expect(typeof after['guest/true']).toBe('number');
  });
});
