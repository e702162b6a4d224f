import { signedInUser, startTestApp, type SignedInUser, type TestApp } from '@mercato/testing';
import { UsersApiModule } from '../src/users-api.module';
import { FlowBrowser } from './oauth-flow-http';

let api: TestApp;
let owner: SignedInUser;
let other: SignedInUser;
beforeAll(async () => {
  api = await startTestApp(UsersApiModule);
  [owner, other] = [await signedInUser(api, 'user'), await signedInUser(api, 'user')];
});
afterAll(() => api.close());

/** Connects a freshly registered app to `who`'s account: its client id and its first tokens. */
async function connect(who: SignedInUser) {
  const browser = await FlowBrowser.register(api);
  const code = (await browser.authorize(who.username, who.password)).searchParams.get('code') as string;
  return { browser, tokens: (await browser.exchange(code).expect(200)).body as { refresh_token: string } };
}

describe('GET /api/v1/users/me/connections', () => {
  it("lists the apps holding a grant for the caller, with name, scopes and when, and no one else's", async () => {
    const { browser } = await connect(owner);
    await connect(other);
    const { body } = await api.http.get('/api/v1/users/me/connections').set(owner.auth).expect(200);
    expect(body).toEqual([
      {
        client_id: browser.clientId,
        client_name: 'Flow client',
        scopes: ['catalog:read', 'catalog:write', 'orders:read', 'orders:write', 'users:read', 'users:write'],
        granted_at: expect.any(String),
        last_used_at: expect.any(String),
      },
    ]);
    await api.http.get('/api/v1/users/me/connections').expect(401);
  });
});

describe('DELETE /api/v1/users/me/connections/:client_id', () => {
  it("ends the app's grant at once: its refresh token stops working and it is no longer listed", async () => {
    const { browser, tokens } = await connect(owner);
    await api.http.delete(`/api/v1/users/me/connections/${browser.clientId}`).set(owner.auth).expect(204);
    expect((await browser.refresh(tokens.refresh_token).expect(400)).body.error).toBe('invalid_grant');
    const { body } = await api.http.get('/api/v1/users/me/connections').set(owner.auth).expect(200);
    expect(body.map((c: { client_id: string }) => c.client_id)).not.toContain(browser.clientId);
    await api.http.delete(`/api/v1/users/me/connections/${browser.clientId}`).set(owner.auth).expect(404);
  });

  it("cannot end another account's connection", async () => {
    const { browser, tokens } = await connect(other);
    await api.http.delete(`/api/v1/users/me/connections/${browser.clientId}`).set(owner.auth).expect(404);
    await browser.refresh(tokens.refresh_token).expect(200);
  });
});
