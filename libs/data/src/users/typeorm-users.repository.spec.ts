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

  it('bumps the token version with a new password and on deactivation', async () => {
    const u = await users.insert(person('versioned'));
    expect((await users.update(u.id, { passwordHash: 'y' }))?.tokenVersion).toBe(1);
    expect(await users.deactivateKeepingAnAdmin(u.id)).toBe('done');
    expect(await users.findAuthState(u.id)).toEqual({ id: u.id, role: 'user', isActive: false, tokenVersion: 2 });
  });

  it('searches e-mail, username and full name, treating % and _ literally', async () => {
    await users.insert(person('percent', { fullName: '100% Cotton' }));
    await users.insert(person('plain', { fullName: '100 Cotton' }));
    const page = await users.list({ search: '0% c', skip: 0, limit: 10 });
    expect(page.items.map((u) => u.username)).toEqual(['percent']);
    expect(page.total).toBe(1);
  });
});
