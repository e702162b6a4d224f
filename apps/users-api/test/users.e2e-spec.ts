import { signedInUser, startTestApp, type SignedInUser, type TestApp } from '@mercato/testing';
import { UsersApiModule } from '../src/users-api.module';

let api: TestApp;
let admin: SignedInUser;
let alice: SignedInUser;
let bob: SignedInUser;
beforeAll(async () => {
  // The paging test signs up more accounts from one address than the hourly default allows.
  api = await startTestApp(UsersApiModule, { env: { REGISTRATIONS_PER_HOUR_PER_CLIENT: '100' } });
  admin = await signedInUser(api, 'admin', 'root-admin');
  alice = await signedInUser(api, 'user', 'alice');
  bob = await signedInUser(api, 'user', 'bob');
});
afterAll(() => api.close());

describe('reading users', () => {
  it('GET /me returns the signed-in user', async () => {
    const res = await api.http.get('/api/v1/users/me').set(alice.auth).expect(200);
    expect(res.body).toMatchObject({ id: alice.id, username: 'alice', role: 'user' });
    expect(res.body).not.toHaveProperty('password_hash');
    expect(JSON.stringify(res.body)).not.toMatch(/argon2/);
  });

  it('GET /:id lets users read themselves, admins anyone, and refuses others with 403', async () => {
    await api.http.get(`/api/v1/users/${alice.id}`).set(alice.auth).expect(200);
    await api.http.get(`/api/v1/users/${alice.id}`).set(admin.auth).expect(200);
    const res = await api.http.get(`/api/v1/users/${alice.id}`).set(bob.auth).expect(403);
    expect(res.body.type).toBe('/problems/forbidden');
  });

  it('GET /:id answers 404 for unknown ids and 400 for malformed ones', async () => {
    await api.http.get('/api/v1/users/999999').set(admin.auth).expect(404);
    for (const id of ['abc', '0', '-1', '99999999999']) {
      const res = await api.http.get(`/api/v1/users/${id}`).set(admin.auth).expect(400);
      expect(res.body.errors[0].field).toBe('id');
    }
  });

  it('GET / is for admins and pages with totals and filters', async () => {
    await api.http.get('/api/v1/users').set(alice.auth).expect(403);
    await api.http.get('/api/v1/users').expect(401);
    const page = await api.http.get('/api/v1/users?limit=2').set(admin.auth).expect(200);
    expect(page.body).toMatchObject({ skip: 0, limit: 2, total: expect.any(Number) });
    expect(page.body.items).toHaveLength(2);
    const next = await api.http.get('/api/v1/users?limit=2&skip=2').set(admin.auth).expect(200);
    expect(next.body.items[0].id).not.toBe(page.body.items[0].id);
    const admins = await api.http.get('/api/v1/users?role=admin').set(admin.auth).expect(200);
    expect(admins.body.items.every((u: { role: string }) => u.role === 'admin')).toBe(true);
    const search = await api.http.get('/api/v1/users?search=ALI').set(admin.auth).expect(200);
    expect(search.body.items.map((u: { username: string }) => u.username)).toEqual(['alice']);
  });

  it('GET / pages by 20 when no limit is given, counting every match in total', async () => {
    const names = Array.from({ length: 23 }, (_, i) => `pager-${String(i).padStart(2, '0')}`);
    for (const username of names) {
      await api.http
        .post('/api/v1/users')
        .send({ email: `${username}@example.com`, username, password: 'Pager1234' })
        .expect(201);
    }
    const page = await api.http.get('/api/v1/users?search=pager-').set(admin.auth).expect(200);
    expect(page.body).toMatchObject({ skip: 0, limit: 20, total: 23 });
    expect(page.body.items.map((u: { username: string }) => u.username)).toEqual(names.slice(0, 20));
    const rest = await api.http.get('/api/v1/users?search=pager-&skip=20').set(admin.auth).expect(200);
    expect(rest.body.items.map((u: { username: string }) => u.username)).toEqual(names.slice(20));
  });

  it('filters by is_active and validates paging bounds', async () => {
    const gone = await signedInUser(api);
    await api.http.delete(`/api/v1/users/${gone.id}`).set(admin.auth).expect(204);
    const inactive = await api.http.get('/api/v1/users?is_active=false').set(admin.auth).expect(200);
    expect(inactive.body.items.map((u: { id: number }) => u.id)).toContain(gone.id);
    expect(inactive.body.items.every((u: { is_active: boolean }) => !u.is_active)).toBe(true);
    for (const q of ['limit=0', 'limit=101', 'skip=-1', 'role=king', 'is_active=maybe', 'unknown=1']) {
      await api.http.get(`/api/v1/users?${q}`).set(admin.auth).expect(400);
    }
  });
});

describe('updating users', () => {
  it('lets users change their own name and e-mail', async () => {
    const res = await api.http.put(`/api/v1/users/${alice.id}`).set(alice.auth).send({ full_name: 'Alice Liddell', email: 'ALICE@wonder.land' }).expect(200);
    expect(res.body).toMatchObject({ full_name: 'Alice Liddell', email: 'alice@wonder.land' });
  });

  it("refuses to update someone else's account", async () => {
    await api.http.put(`/api/v1/users/${alice.id}`).set(bob.auth).send({ full_name: 'Hacked' }).expect(403);
    const res = await api.http.get(`/api/v1/users/${alice.id}`).set(admin.auth).expect(200);
    expect(res.body.full_name).not.toBe('Hacked');
  });

  it('refuses role, is_active, id and unknown fields with 400 and applies nothing', async () => {
    const res = await api.http
      .put(`/api/v1/users/${bob.id}`)
      .set(bob.auth)
      .send({ full_name: 'Bob', role: 'admin', is_active: false, id: 1, foo: 1 })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['foo', 'id', 'is_active', 'role']);
    const after = await api.http.get('/api/v1/users/me').set(bob.auth).expect(200);
    expect(after.body).toMatchObject({ role: 'user', is_active: true, full_name: null });
  });

  it('requires the current password to change your own, and checks it', async () => {
    const u = await signedInUser(api);
    const missing = await api.http.put(`/api/v1/users/${u.id}`).set(u.auth).send({ password: 'Another1Pass' }).expect(400);
    expect(missing.body.errors[0].field).toBe('current_password');
    await api.http.put(`/api/v1/users/${u.id}`).set(u.auth).send({ password: 'Another1Pass', current_password: 'Wrong1Pass' }).expect(400);
    await api.http.put(`/api/v1/users/${u.id}`).set(u.auth).send({ password: 'weak', current_password: u.password }).expect(400);
  });

  it("lets an admin reset someone's password without the current one", async () => {
    const u = await signedInUser(api);
    await api.http.put(`/api/v1/users/${u.id}`).set(admin.auth).send({ password: 'Reset1Pass' }).expect(200);
    await api.http.post('/api/v1/auth/login').send({ username: u.username, password: 'Reset1Pass' }).expect(200);
  });

  it('refuses null for fields that cannot be empty, and lets null clear the full name', async () => {
    const u = await signedInUser(api);
    for (const body of [{ email: null }, { password: null }]) {
      const res = await api.http.put(`/api/v1/users/${u.id}`).set(u.auth).send(body).expect(400);
      expect(res.body.type).toBe('/problems/validation-failed');
    }
    await api.http.put(`/api/v1/users/${u.id}`).set(u.auth).send({ full_name: 'Temp' }).expect(200);
    await api.http
      .put(`/api/v1/users/${u.id}`)
      .set(u.auth)
      .send({ full_name: null })
      .expect(200)
      .expect((r) => expect(r.body.full_name).toBeNull());
  });

  it('answers 409 when the new e-mail belongs to someone else', async () => {
    const res = await api.http.put(`/api/v1/users/${bob.id}`).set(bob.auth).send({ email: admin.email }).expect(409);
    expect(res.body.field).toBe('email');
  });
});

describe('roles and deactivation', () => {
  it('lets admins change roles and refuses everyone else', async () => {
    const u = await signedInUser(api);
    await api.http.patch(`/api/v1/users/${u.id}/role`).set(alice.auth).send({ role: 'admin' }).expect(403);
    await api.http.patch(`/api/v1/users/${u.id}/role`).set(admin.auth).send({ role: 'king' }).expect(400);
    const res = await api.http.patch(`/api/v1/users/${u.id}/role`).set(admin.auth).send({ role: 'guest' }).expect(200);
    expect(res.body.role).toBe('guest');
    await api.http.patch('/api/v1/users/999999/role').set(admin.auth).send({ role: 'user' }).expect(404);
  });

  it('never demotes or deactivates the last active admin', async () => {
    const solo = await startTestApp(UsersApiModule);
    try {
      const only = await signedInUser(solo, 'admin');
      const res = await solo.http.patch(`/api/v1/users/${only.id}/role`).set(only.auth).send({ role: 'user' }).expect(403);
      expect(res.body.detail).toMatch(/last active admin/);
      await solo.http.delete(`/api/v1/users/${only.id}`).set(only.auth).expect(403);
      await solo.http
        .get('/api/v1/users/me')
        .set(only.auth)
        .expect(200)
        .expect((r) => expect(r.body.role).toBe('admin'));
    } finally {
      await solo.close();
    }
  });

  it('soft-deletes: 204, the account stays readable to admins as inactive, and cannot sign in', async () => {
    const u = await signedInUser(api);
    await api.http.delete(`/api/v1/users/${u.id}`).set(alice.auth).expect(403);
    await api.http.delete(`/api/v1/users/${u.id}`).set(admin.auth).expect(204);
    const res = await api.http.get(`/api/v1/users/${u.id}`).set(admin.auth).expect(200);
    expect(res.body.is_active).toBe(false);
    await api.http.post('/api/v1/auth/login').send({ username: u.username, password: u.password }).expect(401);
    await api.http.delete('/api/v1/users/999999').set(admin.auth).expect(404);
  });
});
