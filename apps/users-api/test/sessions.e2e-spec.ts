import { signedInUser, startTestApp, type TestApp } from '@mercato/testing';
import { UsersApiModule } from '../src/users-api.module';

let api: TestApp;
beforeAll(async () => {
  api = await startTestApp(UsersApiModule);
});
afterAll(() => api.close());

const refresh = (token: string) => api.http.post('/api/v1/auth/refresh').send({ refresh_token: token });

describe('refresh token races', () => {
  it('gives new tokens to exactly one of N refreshes racing with the same token, and then refuses those too', async () => {
    // Repeated, as the losing side's revocation and the winner's new token race each other differently each time.
    for (let round = 0; round < 5; round++) {
      const u = await signedInUser(api);
      const results = await Promise.all(Array.from({ length: 8 }, () => refresh(u.refreshToken)));
      const winners = results.filter((r) => r.status === 200);
      expect(winners).toHaveLength(1); // the first consume always wins; the rest find the token used
      expect(results.filter((r) => r.status === 401)).toHaveLength(results.length - winners.length);
      // the replay revoked the session, the winner's fresh token included
      for (const w of winners) await refresh(w.body.refresh_token).expect(401);
      await refresh(u.refreshToken).expect(401);
    }
  });

  it('ends the whole session when a used token comes back after two rotations', async () => {
    const u = await signedInUser(api);
    const second = await refresh(u.refreshToken).expect(200);
    const third = await refresh(second.body.refresh_token).expect(200);
    await refresh(u.refreshToken).expect(401);
    await refresh(third.body.refresh_token).expect(401);
  });
});

describe('account changes end every session', () => {
  const sessionsOf = async (u: { username: string; password: string; refreshToken: string }) => {
    const another = await api.http.post('/api/v1/auth/login').send({ username: u.username, password: u.password }).expect(200);
    return [u.refreshToken, another.body.refresh_token as string];
  };

  it('changing the password revokes every refresh token of the account', async () => {
    const u = await signedInUser(api);
    const tokens = await sessionsOf(u);
    await api.http.put(`/api/v1/users/${u.id}`).set(u.auth).send({ password: 'Brand1NewPass', current_password: u.password }).expect(200);
    for (const t of tokens) await refresh(t).expect(401);
  });

  it('an admin resetting the password revokes every refresh token of the account', async () => {
    const admin = await signedInUser(api, 'admin');
    const u = await signedInUser(api);
    const tokens = await sessionsOf(u);
    await api.http.put(`/api/v1/users/${u.id}`).set(admin.auth).send({ password: 'Brand1NewPass' }).expect(200);
    for (const t of tokens) await refresh(t).expect(401);
  });

  it('changing the role revokes every refresh token of the account', async () => {
    const admin = await signedInUser(api, 'admin');
    const u = await signedInUser(api);
    const tokens = await sessionsOf(u);
    await api.http.patch(`/api/v1/users/${u.id}/role`).set(admin.auth).send({ role: 'guest' }).expect(200);
    for (const t of tokens) await refresh(t).expect(401);
    // a new sign-in works and carries the new role
    const fresh = await api.http.post('/api/v1/auth/login').send({ username: u.username, password: u.password }).expect(200);
    const me = await api.http.get('/api/v1/users/me').set('Authorization', `Bearer ${fresh.body.access_token}`).expect(200);
    expect(me.body.role).toBe('guest');
  });

  it('deactivating the account revokes every refresh token of the account', async () => {
    const admin = await signedInUser(api, 'admin');
    const u = await signedInUser(api);
    const tokens = await sessionsOf(u);
    await api.http.delete(`/api/v1/users/${u.id}`).set(admin.auth).expect(204);
    for (const t of tokens) await refresh(t).expect(401);
  });
});
