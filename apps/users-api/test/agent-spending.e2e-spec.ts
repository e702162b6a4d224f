import { CheckoutsRepository, ProductsRepository, slugOf } from '@mercato/core';
import { freshToken, signedInUser, startTestApp, type SignedInUser, type TestApp } from '@mercato/testing';
import { UsersApiModule } from '../src/users-api.module';

// The user's side of agent spending: the limit, and the page where a purchase above it is approved or declined.
let api: TestApp;
let owner: SignedInUser;
let other: SignedInUser;
beforeAll(async () => {
  api = await startTestApp(UsersApiModule);
  [owner, other] = [await signedInUser(api, 'user'), await signedInUser(api, 'user')];
}, 60_000);
afterAll(() => api.close());

const appToken = async (who: SignedInUser) => (await freshToken(api, who.id, { clientId: 'https://agent.example/client.json' })).auth;

/** A checkout an app asked to complete above the owner's limit, as orders-api leaves it: holding stock, waiting. */
async function waitingCheckout(who: SignedInUser, price = 250) {
  const name = `Espresso ${Math.random().toString(36).slice(2, 8)}`;
  const product = await api.app.get(ProductsRepository).insert({ name, description: null, price, stock: 9, metadata: null }, slugOf(name));
  const checkouts = api.app.get(CheckoutsRepository);
  const lines = [{ productId: product.id, name, unitPriceCents: Math.round(price * 100), quantity: 1 }];
  const { id } = await checkouts.insert({ userId: who.id, currency: 'EUR', lines, expiresAt: new Date(Date.now() + 600_000) });
  await checkouts.save(id, { approval: { state: 'pending', requestedBy: 'https://agent.example/client.json' } });
  return { id, product };
}

const form = (path: string, fields: Record<string, string>) => api.http.post(path).type('form').send(fields);
const signIn = (id: string, who: SignedInUser, password = who.password) => form(`/approvals/checkouts/${id}/review`, { username: who.username, password });
const ticketIn = (html: string) => /name="ticket" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('/api/v1/users/me/agent-limit', () => {
  it('reads the default, sets your own, and restores the default with null', async () => {
    await api.http.get('/api/v1/users/me/agent-limit').set(owner.auth).expect(200, { limit: 100, is_default: true });
    await api.http.put('/api/v1/users/me/agent-limit').set(owner.auth).send({ limit: 250.5 }).expect(200, { limit: 250.5, is_default: false });
    await api.http.get('/api/v1/users/me/agent-limit').set(owner.auth).expect(200, { limit: 250.5, is_default: false });
    await api.http.get('/api/v1/users/me/agent-limit').set(other.auth).expect(200, { limit: 100, is_default: true });
    await api.http.put('/api/v1/users/me/agent-limit').set(owner.auth).send({ limit: null }).expect(200, { limit: 100, is_default: true });
  });

  it('cannot be raised by an app acting for you', async () => {
    const res = await api.http
      .put('/api/v1/users/me/agent-limit')
      .set(await appToken(owner))
      .send({ limit: 1_000_000 })
      .expect(403);
    expect(res.body).toMatchObject({ type: '/problems/forbidden' });
    await api.http.get('/api/v1/users/me/agent-limit').set(owner.auth).expect(200, { limit: 100, is_default: true });
  });

  it('refuses limits that are not an amount from 0 to 1,000,000 with at most 2 decimals', async () => {
    // sent as JSON text: 1e309 has no JavaScript number to write it with
    for (const limit of ['-1', '1.005', '1000000.01', '"50"', 'true', '1e309', '{}']) {
      await api.http.put('/api/v1/users/me/agent-limit').set(owner.auth).type('json').send(`{"limit":${limit}}`).expect(400);
    }
    await api.http.put('/api/v1/users/me/agent-limit').set(owner.auth).send({}).expect(400);
    await api.http.put('/api/v1/users/me/agent-limit').send({ limit: 1 }).expect(401);
  });
});

describe('the approval page (continue_url)', () => {
  it('asks the owner to sign in, shows the lines and total, and approves', async () => {
    const { id } = await waitingCheckout(owner);
    const first = await api.http.get(`/approvals/checkouts/${id}`).expect(200);
    expect(first.text).toContain('Sign in to Mercato');
    expect(first.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(first.text).not.toContain('250.00');

    const review = await signIn(id, owner).expect(200);
    expect(review.text).toContain('250.00 EUR');
    // an app with no connection to the account is named by the host of its metadata document
    expect(review.text).toContain('<strong id="app">agent.example</strong>');

    const decided = await form(`/approvals/checkouts/${id}/decision`, { ticket: ticketIn(review.text), decision: 'approve' }).expect(200);
    expect(decided.text).toContain('Purchase approved');
    expect((await api.app.get(CheckoutsRepository).findById(id))?.approval?.state).toBe('approved');
  });

  it('declines: the checkout is canceled and its stock released', async () => {
    const { id, product } = await waitingCheckout(owner);
    const review = await signIn(id, owner).expect(200);

    await form(`/approvals/checkouts/${id}/decision`, { ticket: ticketIn(review.text), decision: 'decline' }).expect(200);

    expect((await api.app.get(CheckoutsRepository).findById(id))?.status).toBe('canceled');
    expect((await api.app.get(ProductsRepository).findById(product.id))?.stock).toBe(10);
  });

  it('refuses a wrong password, another account, and a forged or reused ticket', async () => {
    const { id } = await waitingCheckout(owner);
    await signIn(id, owner, 'wrong-password').expect(401);
    const stranger = await signIn(id, other).expect(404);
    expect(stranger.text).toContain('No purchase waits for your approval');
    await form(`/approvals/checkouts/${id}/decision`, { ticket: 'forged.ticket', decision: 'approve' }).expect(403);

    const otherCheckout = await waitingCheckout(owner);
    const review = await signIn(otherCheckout.id, owner).expect(200);
    // a ticket is for the checkout it was issued for
    await form(`/approvals/checkouts/${id}/decision`, { ticket: ticketIn(review.text), decision: 'approve' }).expect(403);
    await form(`/approvals/checkouts/${otherCheckout.id}/decision`, { ticket: ticketIn(review.text), decision: 'approve' }).expect(200);
    const twice = await form(`/approvals/checkouts/${otherCheckout.id}/decision`, { ticket: ticketIn(review.text), decision: 'decline' }).expect(409);
    expect(twice.text).toContain('not waiting for your approval');
    expect((await api.app.get(CheckoutsRepository).findById(id))?.approval?.state).toBe('pending');
  });

  it('says so when nothing waits for a decision', async () => {
    const { id } = await waitingCheckout(owner);
    await api.app.get(CheckoutsRepository).save(id, { approval: null });

    const res = await signIn(id, owner).expect(200);
    expect(res.text).toContain('Nothing to approve');
    expect(res.text).not.toContain('name="ticket"');
  });
});
